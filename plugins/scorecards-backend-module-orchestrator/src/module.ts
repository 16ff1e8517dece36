import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scorecardsFactSourcesExtensionPoint } from '@paved/plugin-scorecards-node';
import { readOrchestratorFactsConfig } from './config';
import { createOrchestratorFactSource } from './OrchestratorFactSource';

/** Adds the `orchestrator` fact source to the scorecards backend. */
export const scorecardsModuleOrchestrator = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'orchestrator',
  register(reg) {
    reg.registerInit({
      deps: {
        sources: scorecardsFactSourcesExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
      },
      async init({ sources, auth, discovery, config, catalog }) {
        sources.addFactSource(
          createOrchestratorFactSource({
            auth,
            discovery,
            catalog,
            ...readOrchestratorFactsConfig(config),
          }),
        );
      },
    });
  },
});
