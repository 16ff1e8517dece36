import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ArtifactDiff,
  Decision,
  Deployment,
  DriftStatus,
  EnvironmentExtension,
  EnvironmentFilter,
  EnvironmentRecord,
  Inventory,
  PendingApprovals,
  Plan,
  PlanRequest,
  WorkloadEnvironment,
} from './types';

/** The orchestrator backend's API, as the portal uses it. Every method throws the backend's error. */
export interface OrchestratorApi {
  createPlan(request: PlanRequest): Promise<Plan>;
  getPlan(hash: string): Promise<Plan>;
  getDeployment(id: string): Promise<Deployment>;
  listWorkloadEnvironments(workload: string): Promise<WorkloadEnvironment[]>;
  listDeployments(
    workload: string,
    options: { environment?: string; limit?: number; offset?: number },
  ): Promise<{ items: Deployment[]; total: number }>;
  diff(
    workload: string,
    environment: string,
    from: number,
    to: number,
  ): Promise<ArtifactDiff[]>;
  rollback(
    workload: string,
    environment: string,
    revision: number,
  ): Promise<Deployment>;
  drift(workload: string, environment: string): Promise<DriftStatus>;
  listEnvironments(filter?: EnvironmentFilter): Promise<EnvironmentRecord[]>;
  getInventory(): Promise<Inventory>;
  /** Extends within the template's maximum at once (`environment`), or asks for approval beyond it (`extension`). */
  extendEnvironment(
    name: string,
    by: string,
    /** Why, for the approvers: required beyond the maximum lifetime. */
    reason?: string,
  ): Promise<
    { environment: EnvironmentRecord } | { extension: EnvironmentExtension }
  >;
  destroyEnvironment(name: string): Promise<EnvironmentRecord>;
  listApprovals(): Promise<PendingApprovals>;
  decideDeployment(
    id: string,
    decision: Decision,
    comment?: string,
  ): Promise<Deployment>;
  decideExtension(
    id: string,
    decision: Decision,
    comment?: string,
  ): Promise<EnvironmentExtension>;
}

export const orchestratorApiRef = createApiRef<OrchestratorApi>({
  id: 'plugin.orchestrator.service',
});
