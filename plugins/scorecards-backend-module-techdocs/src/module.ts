import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scorecardsFactSourcesExtensionPoint } from '@paved/plugin-scorecards-node';
import { readTechDocsFactsConfig } from './config';
import { createTechDocsFactSource } from './TechDocsFactSource';

/** Adds the `techdocs` fact source to the scorecards backend. */
export const scorecardsModuleTechdocs = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'techdocs',
  register(reg) {
    reg.registerInit({
      deps: {
        sources: scorecardsFactSourcesExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
      },
      async init({ sources, auth, discovery, config }) {
        sources.addFactSource(
          createTechDocsFactSource({
            auth,
            discovery,
            ...readTechDocsFactsConfig(config),
          }),
        );
      },
    });
  },
});
