/**
 * Paved's orchestrator in the portal: deployments per environment with
 * history, diff and rollback; the plan view; ephemeral environments; approvals.
 *
 * @packageDocumentation
 */
export { orchestratorPlugin as default } from './plugin';
export { orchestratorApiRef, OrchestratorClient } from './api';
export type { OrchestratorApi } from './api';
export { isPavedWorkload, workloadOf } from './workload';
export { ApprovalsSidebarItem } from './components/ApprovalsSidebarItem';
