export { orchestratorApiRef } from './OrchestratorApi';
export type { OrchestratorApi } from './OrchestratorApi';
export { OrchestratorClient } from './OrchestratorClient';
export type * from './types';
