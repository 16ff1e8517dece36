import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scorecardsFactSourcesExtensionPoint } from '@paved/plugin-scorecards-node';
import { createCatalogFactSource } from './CatalogFactSource';

/** Adds the `catalog` fact source to the scorecards backend. */
export const scorecardsModuleCatalog = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'catalog',
  register(reg) {
    reg.registerInit({
      deps: {
        sources: scorecardsFactSourcesExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ sources, catalog, auth, logger }) {
        sources.addFactSource(
          createCatalogFactSource({ catalog, auth, logger }),
        );
      },
    });
  },
});
