import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  FactSource,
  scorecardsFactSourcesExtensionPoint,
} from '@paved/plugin-scorecards-node';
import scorecardsModuleTechdocs from '.';
import { TECHDOCS_FACTS } from './techdocsFacts';

describe('scorecardsModuleTechdocs', () => {
  it('adds the techdocs fact source to the scorecards backend, refreshed by docs builds', async () => {
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
      features: [scorecards, scorecardsModuleTechdocs],
    });
    try {
      expect(added.map(s => [s.id, s.title])).toEqual([
        ['techdocs', 'TechDocs'],
      ]);
      expect(added[0].facts).toEqual(TECHDOCS_FACTS);
      expect(added[0].refreshOn?.topics).toEqual(['paved.techdocs.built']);
    } finally {
      await backend.stop();
    }
  });
});
