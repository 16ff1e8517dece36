import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scorecardsFactSourcesExtensionPoint } from '@paved/plugin-scorecards-node';
import { readScorecardsConfig } from './config';
import { createServices } from './createServices';
import { createRouter } from './router';
import { scheduleRuns } from './schedule';
import { FactSourceRegistry } from './service/FactSourceRegistry';

/**
 * Paved's scorecards: levels entities reach by checks over facts that
 * fact-source modules collect, kept current and with their history.
 */
export const scorecardsPlugin = createBackendPlugin({
  pluginId: 'scorecards',
  register(env) {
    const sources = new FactSourceRegistry();
    env.registerExtensionPoint(scorecardsFactSourcesExtensionPoint, {
      addFactSource: (...added) => sources.add(...added),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        const settings = readScorecardsConfig(deps.config);
        const { service, visibility } = await createServices({
          ...deps,
          sources: sources.list(),
          directory: settings.directory,
        });
        deps.httpRouter.use(
          await createRouter({ ...deps, service, visibility }),
        );
        await service.subscribe(deps.events);
        await scheduleRuns({
          ...deps,
          schedule: settings.schedule,
          runs: service,
        });
        deps.lifecycle.addShutdownHook(() => service.stop());
      },
    });
  },
});
