import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { readPrebuildConfig } from './config';
import { TechDocsPrebuilder } from './TechDocsPrebuilder';

/** Builds TechDocs ahead of readers when `techdocs.prebuild.enabled` is true. */
export const techdocsModulePrebuild = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'prebuild',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({
        config,
        scheduler,
        logger,
        auth,
        discovery,
        catalog,
        events,
      }) {
        const { enabled, schedule } = readPrebuildConfig(config);
        if (!enabled) {
          return;
        }
        const prebuilder = new TechDocsPrebuilder({
          catalog,
          auth,
          discovery,
          logger,
          events,
        });
        await scheduler.scheduleTask({
          id: 'techdocs-prebuild',
          ...schedule,
          fn: async () => {
            await prebuilder.buildAll();
          },
        });
      },
    });
  },
});
