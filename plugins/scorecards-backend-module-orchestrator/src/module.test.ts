import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  FactSource,
  scorecardsFactSourcesExtensionPoint,
} from '@paved/plugin-scorecards-node';
import scorecardsModuleOrchestrator from '.';
import { ORCHESTRATOR_FACTS } from './orchestratorFacts';

describe('scorecardsModuleOrchestrator', () => {
  const start = async (config: object = {}) => {
    const added: FactSource[] = [];
    // Stands in for the scorecards backend: it only offers the extension point.
    const scorecards = createBackendPlugin({
      pluginId: 'scorecards',
      register(env) {
        env.registerExtensionPoint(scorecardsFactSourcesExtensionPoint, {
          addFactSource: (...sources) => added.push(...sources),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const backend = await startTestBackend({
      features: [
        scorecards,
        scorecardsModuleOrchestrator,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    return { added, backend };
  };

  it('adds the orchestrator fact source, refreshed by deployment events', async () => {
    const { added, backend } = await start();
    try {
      expect(added.map(s => [s.id, s.title])).toEqual([
        ['orchestrator', 'Orchestrator'],
      ]);
      expect(added[0].facts).toEqual(ORCHESTRATOR_FACTS);
      expect(added[0].refreshOn?.topics).toEqual([
        'paved.orchestrator.deployment',
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('fails to start with a policy mapping it cannot read', async () => {
    await expect(
      start({
        scorecards: {
          sources: { orchestrator: { policies: { backups: ['x'] } } },
        },
      }),
    ).rejects.toThrow(/has no fact backups/);
  });
});
