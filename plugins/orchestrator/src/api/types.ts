import type {
  ArtifactDiff,
  Deployment,
  DriftStatus,
  EnvironmentExtension,
  EnvironmentRecord,
  EnvironmentState,
  EnvironmentType,
  GuardrailVerdict,
  Inventory,
  Plan,
  PlanRequest,
  WorkloadEnvironment,
} from '@paved/plugin-orchestrator-common';

export interface EnvironmentFilter {
  owner?: string;
  type?: EnvironmentType;
  state?: EnvironmentState;
}

export interface PendingApprovals {
  /** Deployments waiting for the caller's decision. */
  items: Deployment[];
  /** Requests to keep an ephemeral environment beyond its maximum lifetime. */
  extensions: EnvironmentExtension[];
}

export type Decision = 'approve' | 'reject';

export type {
  ArtifactDiff,
  Deployment,
  DriftStatus,
  EnvironmentExtension,
  EnvironmentRecord,
  GuardrailVerdict,
  Inventory,
  Plan,
  PlanRequest,
  WorkloadEnvironment,
};
