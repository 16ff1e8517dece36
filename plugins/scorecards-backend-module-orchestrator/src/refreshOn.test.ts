import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createOrchestratorFactSource } from './OrchestratorFactSource';

const entity = (
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: {},
});

describe('the orchestrator fact source refreshes on deployments', () => {
  const source = createOrchestratorFactSource({
    auth: mockServices.auth({ pluginId: 'scorecards' }),
    discovery: mockServices.discovery(),
    catalog: catalogServiceMock({
      entities: [
        // The workload by annotation, whatever the entity's name.
        entity('Component', 'checkout-api', {
          'paved.dev/workload': 'checkout',
        }),
        // The workload by name, since it has a score.
        entity('Component', 'checkout', { 'paved.dev/score': './score.yaml' }),
        // Named like it, but no workload: no score.
        entity('System', 'checkout'),
        // Named like it, but its annotation names another workload.
        entity('Component', 'checkout', {
          'paved.dev/score': './score.yaml',
          'paved.dev/workload': 'checkout-v2',
        }),
        entity('Component', 'payments', { 'paved.dev/workload': 'payments' }),
      ].map((e, i) => ({
        ...e,
        metadata: { ...e.metadata, namespace: i === 3 ? 'legacy' : 'default' },
      })),
    }),
  });

  it('listens to the orchestrator deployment topic', () => {
    expect(source.refreshOn?.topics).toEqual(['paved.orchestrator.deployment']);
  });

  it("names the catalog entities that are the deployment's workload", async () => {
    expect(
      (
        await source.refreshOn!.entityRefs({
          workload: 'checkout',
          environment: 'production',
          revision: 3,
          state: 'delivered',
        })
      ).sort(),
    ).toEqual(['component:default/checkout', 'component:default/checkout-api']);
    expect(
      await source.refreshOn!.entityRefs({
        workload: 'checkout-v2',
        environment: 'staging',
        revision: 1,
        state: 'failed',
      }),
    ).toEqual(['component:legacy/checkout']);
  });

  it('names none for a workload the catalog does not know, or an event without one', async () => {
    expect(await source.refreshOn!.entityRefs({ workload: 'search' })).toEqual(
      [],
    );
    expect(await source.refreshOn!.entityRefs({ state: 'delivered' })).toEqual(
      [],
    );
    expect(await source.refreshOn!.entityRefs(null)).toEqual([]);
  });
});
