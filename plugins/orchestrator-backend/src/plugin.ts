import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import type { ResourceDefinition } from '@paved/plugin-orchestrator-common';
import { orchestratorPermissions } from '@paved/plugin-orchestrator-common';
import {
  DeliveryTarget,
  orchestratorDeliveryExtensionPoint,
  orchestratorEngineExtensionPoint,
  ResourceRenderer,
} from '@paved/plugin-orchestrator-node';
import { readOrchestratorConfig } from './config';
import { createServices } from './createServices';
import { GitOpsDeliveryTarget } from './delivery/gitops/GitOpsDeliveryTarget';
import { KubernetesDeliveryTarget } from './delivery/kubernetes';
import { createRouter } from './router';
import { DemoData } from './service/DemoData';

/**
 * Paved's orchestrator: plans workloads, delivers them with history,
 * approval and rollback, and runs ephemeral environments' lifetimes.
 */
export const orchestratorPlugin = createBackendPlugin({
  pluginId: 'orchestrator',
  register(env) {
    const renderers: ResourceRenderer[] = [];
    const definitions: ResourceDefinition[] = [];
    const targets: DeliveryTarget[] = [];
    env.registerExtensionPoint(orchestratorEngineExtensionPoint, {
      addRenderers: (...added) => renderers.push(...added),
      addResourceDefinitions: (...added) => definitions.push(...added),
    });
    env.registerExtensionPoint(orchestratorDeliveryExtensionPoint, {
      addDeliveryTargets: (...added) => targets.push(...added),
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
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        urlReader: coreServices.urlReader,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        notifications: notificationService,
        events: eventsServiceRef,
      },
      async init(deps) {
        const settings = readOrchestratorConfig(deps.config);
        deps.permissionsRegistry.addPermissions(orchestratorPermissions);
        const services = await createServices({
          ...deps,
          settings,
          extensions: { renderers, definitions },
          targets: [
            GitOpsDeliveryTarget.fromConfig(deps.config, {
              logger: deps.logger.child({ target: 'gitops' }),
              workingDirectory: settings.workingDirectory,
            }),
            KubernetesDeliveryTarget.fromConfig(deps.config, {
              logger: deps.logger.child({ target: 'kubernetes' }),
            }),
            ...targets,
          ],
        });
        deps.httpRouter.use(await createRouter({ ...deps, ...services }));
        deps.httpRouter.addAuthPolicy({
          path: '/openapi.json',
          allow: 'unauthenticated',
        });

        await deps.scheduler.scheduleTask({
          id: 'orchestrator-destroy-expired-environments',
          frequency: { minutes: settings.expiryCheckMinutes },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            await services.environments.destroyExpired();
          },
        });
        deps.lifecycle.addStartupHook(async () => {
          const resumed = await services.deployments.resume();
          if (resumed > 0)
            deps.logger.info(
              `Resumed ${resumed} deliveries a previous run left under way`,
            );
        });
        deps.lifecycle.addShutdownHook(() => services.runner.settled());

        // The local portal's demo data, in the background: startup never waits for it.
        if (settings.demo) {
          const demo = new DemoData({ ...deps, ...services });
          deps.lifecycle.addStartupHook(() => {
            demo.start();
          });
          deps.lifecycle.addShutdownHook(() => demo.stop());
        }
      },
    });
  },
});
