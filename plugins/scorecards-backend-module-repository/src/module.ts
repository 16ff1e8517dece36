import {
  coreServices,
  createBackendFeatureLoader,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scorecardsFactSourcesExtensionPoint } from '@paved/plugin-scorecards-node';
import { localFileUrlReaderFactories } from './localFiles/localFileReaderFactories';
import { createRepositoryFactSource } from './RepositoryFactSource';

/** Adds the `repository` fact source to the scorecards backend. */
export const scorecardsModuleRepository = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'repository',
  register(reg) {
    reg.registerInit({
      deps: {
        sources: scorecardsFactSourcesExtensionPoint,
        urlReader: coreServices.urlReader,
      },
      async init({ sources, urlReader }) {
        sources.addFactSource(createRepositoryFactSource({ urlReader }));
      },
    });
  },
});

/** The module with the `file:` reader its local source locations need. */
export const scorecardsModuleRepositoryWithLocalFiles =
  createBackendFeatureLoader({
    *loader() {
      yield scorecardsModuleRepository;
      yield localFileUrlReaderFactories;
    },
  });
