/**
 * Types and schemas shared by Paved's orchestrator engine, backend and frontend.
 *
 * @packageDocumentation
 */
export * from './platform';
export * from './score';
export * from './scoreFilesAndVolumes';
export { describeIssues, formatIssuePath } from './issues';
export type {
  GuardrailAction,
  GuardrailCheck,
  GuardrailVerdict,
} from './verdicts';
export * from './permissions';
export { deploymentStates, DEPLOYMENT_EVENT_TOPIC } from './deployments';
export type {
  ApprovalDecision,
  Deployment,
  DeploymentEventPayload,
  DeploymentState,
  EnvironmentExtension,
  EnvironmentRecord,
  EnvironmentState,
} from './deployments';
export type {
  Plan,
  PlanArtifact,
  PlannedOutput,
  PlannedResource,
} from './plans';
export type {
  ArtifactDiff,
  DriftedObject,
  DriftReport,
  DriftStatus,
  Inventory,
  PlanRequest,
  RunningWorkload,
  WorkloadEnvironment,
} from './api';
