import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  FactSource,
  scorecardsFactSourcesExtensionPoint,
} from '@paved/plugin-scorecards-node';
import scorecardsModuleCatalog from './index';

/** Stands in for the scorecards backend: keeps the sources modules add. */
function scorecardsPluginKeeping(sources: FactSource[]) {
  return createBackendPlugin({
    pluginId: 'scorecards',
    register(reg) {
      reg.registerExtensionPoint(scorecardsFactSourcesExtensionPoint, {
        addFactSource: (...added) => sources.push(...added),
      });
      reg.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('scorecardsModuleCatalog', () => {
  it('adds a catalog source that reads the catalog service', async () => {
    const sources: FactSource[] = [];
    const backend = await startTestBackend({
      features: [
        scorecardsPluginKeeping(sources),
        scorecardsModuleCatalog,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'payments', namespace: 'default' },
              spec: { type: 'team', children: [] },
            },
          ],
        }),
      ],
    });
    try {
      expect(sources.map(source => source.id)).toEqual(['catalog']);
      const facts = await sources[0].collect({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'payments-gateway', namespace: 'default' },
        spec: { type: 'service', owner: 'group:payments' },
      });
      expect(facts.ownerIsGroup).toBe(true);
    } finally {
      await backend.stop();
    }
  });
});
