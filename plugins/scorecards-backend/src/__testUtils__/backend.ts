import {
  createBackendModule,
  type ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  type FactSource,
  scorecardsFactSourcesExtensionPoint,
} from '@paved/plugin-scorecards-node';
import { resolve } from 'node:path';
import { scorecardsPlugin } from '../plugin';
import { FIXTURES } from './services';

/** A module adding fact sources, as the scorecards-backend-module-* packages do. */
export const sourcesModule = (moduleId: string, sources: FactSource[]) =>
  createBackendModule({
    pluginId: 'scorecards',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { registry: scorecardsFactSourcesExtensionPoint },
        async init({ registry }) {
          registry.addFactSource(...sources);
        },
      });
    },
  });

/**
 * The scorecards plugin in a test backend: its config, the test catalog,
 * SQLite, and fact sources added through the extension point. The
 * scheduler never runs the tasks by itself.
 */
export function startScorecards(options: {
  entities?: Entity[];
  sources: FactSource[];
  directory?: string;
  /** Instead of a scheduler that never runs tasks by itself. */
  scheduler?: ServiceFactory;
  modules?: ReturnType<typeof sourcesModule>[];
  /** Instead of the test catalog over `entities`, e.g. one that applies permissions. */
  catalog?: ServiceFactory;
}) {
  return startTestBackend({
    features: [
      scorecardsPlugin,
      sourcesModule('test-sources', options.sources),
      ...(options.modules ?? []),
      mockServices.rootConfig.factory({
        data: {
          scorecards: {
            directory: options.directory ?? resolve(FIXTURES, 'scorecards'),
          },
        },
      }),
      options.catalog ??
        catalogServiceMock.factory({ entities: options.entities ?? [] }),
      options.scheduler ??
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.events.factory(),
    ],
  });
}
