import type { Deployment, EnvironmentRecord } from './deployments';
import type { PlannedResource } from './plans';
import type { GuardrailVerdict } from './verdicts';

/** What to plan (`POST /plans`): exactly one of score, entityRef, or template with templatePath. */
export interface PlanRequest {
  environment: string;
  /** The score.yaml text. */
  score?: string;
  /** A catalog entity whose paved.dev/score annotation names its score.yaml. */
  entityRef?: string;
  /** The image CI built, for containers whose image is ".". */
  image?: string;
  /**
   * A golden-path template's score.yaml, for the plan shown before the
   * template runs: `template` is the Template entity, `templatePath` the file
   * relative to it, `values` what the form would pass as `values`.
   */
  template?: string;
  templatePath?: string;
  values?: Record<string, string | number | boolean | null>;
  /** Resources to add to the workload's own, as paved:resource:add would. */
  resources?: Record<string, { type: string; class?: string }>;
}

/** One artifact's change between two revisions. */
export interface ArtifactDiff {
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** A unified diff. */
  patch: string;
}

/** A workload in one environment, as `GET /workloads/{w}/environments` answers. */
export interface WorkloadEnvironment {
  environment: string;
  revisions: number;
  /** The newest revision, in any state (it may be waiting for approval). */
  latest: Deployment;
  /** The revision in effect: the newest delivered. */
  current?: Deployment;
}

/** One object of a delivered revision, as its delivery target sees it live. */
export interface DriftedObject {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  state: 'in-sync' | 'modified' | 'missing';
  /** For modified objects: the paths that differ from the delivered revision. */
  fields?: string[];
}

export interface DriftReport {
  drifted: boolean;
  objects: DriftedObject[];
}

/** `GET /workloads/{w}/environments/{e}/drift`: live state against the last delivered revision. */
export interface DriftStatus extends DriftReport {
  revision: number;
  target: string;
  /** False when the target cannot tell (a GitOps repository is its own truth). */
  supported: boolean;
}

/** A workload as it runs in one environment: its current revision and what it provisioned. */
export interface RunningWorkload {
  workload: string;
  entityRef?: string;
  environment: string;
  revision: number;
  deploymentId: string;
  resources: Array<Omit<PlannedResource, 'outputs'>>;
  verdicts: GuardrailVerdict[];
}

/** `GET /inventory`: what runs where. */
export interface Inventory {
  environments: EnvironmentRecord[];
  running: RunningWorkload[];
}
