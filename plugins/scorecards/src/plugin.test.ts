import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { Entity } from '@backstage/catalog-model';
import { scorecardsPlugin } from './plugin';
import { scorecardsRouteRef } from './routes';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

/** Which of these kinds an entity filter lets through. */
function kindsShown(filter: ((entity: Entity) => boolean) | undefined) {
  return ['Component', 'API', 'Group', 'System', 'Resource'].filter(kind =>
    filter?.(entity(kind)),
  );
}

describe('scorecardsPlugin', () => {
  it('is the scorecards plugin with its page as the root route', () => {
    expect(scorecardsPlugin.pluginId).toBe('scorecards');
    expect(scorecardsPlugin.routes.root).toBe(scorecardsRouteRef);
  });

  it('provides the API client', () => {
    expect(scorecardsPlugin.getExtension('api:scorecards')).toBeDefined();
  });

  it('puts the card on the overview of components and APIs', () => {
    const card = scorecardsPlugin.getExtension(
      'entity-card:scorecards/scorecards',
    );
    const filter = createExtensionTester(card).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(kindsShown(filter)).toEqual(['Component', 'API']);
  });

  it('adds a Scorecards tab at scorecards to components and APIs', () => {
    const content = scorecardsPlugin.getExtension('entity-content:scorecards');
    const tester = createExtensionTester(content);
    expect(tester.get(coreExtensionData.routePath)).toBe('scorecards');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Scorecards',
    );
    expect(
      kindsShown(tester.get(EntityContentBlueprint.dataRefs.filterFunction)),
    ).toEqual(['Component', 'API']);
  });

  it('mounts the page at /scorecards with a title and an icon for the nav', () => {
    const tester = createExtensionTester(
      scorecardsPlugin.getExtension('page:scorecards'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/scorecards');
    expect(tester.get(coreExtensionData.routeRef)).toBe(scorecardsRouteRef);
    expect(tester.get(coreExtensionData.title)).toBe('Scorecards');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });
});
