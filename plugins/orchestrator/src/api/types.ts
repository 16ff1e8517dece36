import type {
  Deployment,
  EnvironmentExtension,
  EnvironmentRecord,
  EnvironmentType,
  EnvironmentState,
  PlannedResource,
  GuardrailVerdict,
  Plan,
} from '@paved/plugin-orchestrator-common';

/** A workload in one environment, as `GET /workloads/{w}/environments` answers. */
export interface WorkloadEnvironment {
  environment: string;
  revisions: number;
  /** The newest revision, in any state (it may be waiting for approval). */
  latest: Deployment;
  /** The revision in effect: the newest delivered. */
  current?: Deployment;
}

/** One artifact's change between two revisions. */
export interface ArtifactDiff {
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** A unified diff. */
  patch: string;
}

/** Live state against the last delivered revision, as the delivery target sees it. */
export interface DriftStatus {
  revision: number;
  target: string;
  /** False when the target cannot tell (a GitOps repository is its own truth). */
  supported: boolean;
  drifted: boolean;
  objects: Array<{
    apiVersion: string;
    kind: string;
    namespace?: string;
    name: string;
    state: 'in-sync' | 'modified' | 'missing';
    fields?: string[];
  }>;
}

export interface PlanRequest {
  environment: string;
  /** score.yaml text; or `entityRef` of a component with a paved.dev/score annotation. */
  score?: string;
  entityRef?: string;
  image?: string;
  /** A golden-path Template and its score.yaml, filled with the form's `values`. */
  template?: string;
  templatePath?: string;
  values?: Record<string, string | number | boolean | null>;
  /** Resources to add to the workload's own. */
  resources?: Record<string, { type: string; class?: string }>;
}

export interface EnvironmentFilter {
  owner?: string;
  type?: EnvironmentType;
  state?: EnvironmentState;
}

/** What runs where, as the catalog's provider and the environments page read it. */
export interface Inventory {
  environments: EnvironmentRecord[];
  running: Array<{
    workload: string;
    entityRef?: string;
    environment: string;
    revision: number;
    deploymentId: string;
    resources: Array<Omit<PlannedResource, 'outputs'>>;
    verdicts: GuardrailVerdict[];
  }>;
}

export interface PendingApprovals {
  /** Deployments waiting for the caller's decision. */
  items: Deployment[];
  /** Requests to keep an ephemeral environment beyond its maximum lifetime. */
  extensions: EnvironmentExtension[];
}

export type Decision = 'approve' | 'reject';

export type {
  Deployment,
  EnvironmentExtension,
  EnvironmentRecord,
  GuardrailVerdict,
  Plan,
};
