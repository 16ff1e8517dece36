import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ResourceDefinition } from '@paved/plugin-orchestrator-common';
import { ResourceRenderer } from './resources';

/**
 * Lets backend modules extend the orchestrator: a company's own renderers
 * (e.g. a ticket to its DBA team, a Terraform run) and resource definitions
 * that live in code rather than in platform/.
 */
export interface OrchestratorEngineExtensionPoint {
  addRenderers(...renderers: ResourceRenderer[]): void;
  addResourceDefinitions(...definitions: ResourceDefinition[]): void;
}

export const orchestratorEngineExtensionPoint =
  createExtensionPoint<OrchestratorEngineExtensionPoint>({
    id: 'orchestrator.engine',
  });
