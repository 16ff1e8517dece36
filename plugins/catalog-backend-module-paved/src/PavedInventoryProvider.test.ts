import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { Inventory } from './entities';
import { PavedInventoryProvider } from './PavedInventoryProvider';

const inventory: Inventory = {
  environments: [
    {
      name: 'staging',
      type: 'staging',
      template: 'staging',
      state: 'active',
      createdAt: '2026-11-01T00:00:00.000Z',
    },
    {
      name: 'pr-42',
      type: 'ephemeral',
      template: 'preview',
      owner: 'group:default/payments',
      state: 'active',
      createdAt: '2026-11-27T00:00:00.000Z',
      expiresAt: '2026-11-28T00:00:00.000Z',
    },
  ],
  running: [
    {
      workload: 'checkout',
      entityRef: 'component:default/checkout-service',
      environment: 'staging',
      revision: 3,
      deploymentId: 'd-1',
      resources: [
        {
          name: 'db',
          type: 'postgres',
          class: 'default',
          id: 'checkout.db',
          definition: 'postgres-managed',
          dependsOn: [],
        },
        {
          name: 'web',
          type: 'route',
          class: 'default',
          id: 'checkout.web',
          definition: 'route',
          dependsOn: [],
        },
      ],
      verdicts: [],
    },
  ],
};

describe('PavedInventoryProvider', () => {
  it('publishes environments and provisioned resources, owned like their component, as one full mutation', async () => {
    const applied: Parameters<EntityProviderConnection['applyMutation']>[0][] =
      [];
    const provider = new PavedInventoryProvider(
      {
        inventory: async () => inventory,
        owners: async refs =>
          new Map(
            refs.map(ref => [
              ref,
              { owner: 'group:default/payments', system: 'commerce' },
            ]),
          ),
      },
      mockServices.logger.mock(),
    );
    await expect(provider.refresh()).rejects.toThrow('not connected');
    await provider.connect({
      applyMutation: async m => {
        applied.push(m);
      },
      refresh: async () => {},
    });
    expect(await provider.refresh()).toBe(3);

    expect(applied).toHaveLength(1);
    const mutation = applied[0];
    expect(mutation.type).toBe('full');
    const entities =
      mutation.type === 'full' ? mutation.entities.map(e => e.entity) : [];
    expect(entities.map(e => `${e.kind}:${e.metadata.name}`)).toEqual([
      'Resource:environment-staging',
      'Resource:environment-pr-42',
      'Resource:checkout-db-staging',
    ]);
    expect(entities[1].spec).toEqual({
      type: 'environment',
      owner: 'group:default/payments',
    });
    expect(entities[1].metadata.annotations?.['paved.dev/expires-at']).toBe(
      '2026-11-28T00:00:00.000Z',
    );
    // Routes are not resources anyone owns; the database is, with a dependency from its component.
    expect(entities[2].spec).toEqual({
      type: 'postgres',
      owner: 'group:default/payments',
      system: 'commerce',
      dependsOn: ['resource:default/environment-staging'],
      dependencyOf: ['component:default/checkout-service'],
    });
  });

  it('keeps entity names valid however long the workload and environment', async () => {
    const applied: Array<{ entity: { metadata: { name: string } } }> = [];
    const provider = new PavedInventoryProvider(
      {
        inventory: async () => ({
          environments: [],
          running: [
            {
              ...inventory.running[0],
              workload: 'a'.repeat(60),
              entityRef: undefined,
            },
          ],
        }),
        owners: async () => new Map(),
      },
      mockServices.logger.mock(),
    );
    await provider.connect({
      applyMutation: async m => {
        if (m.type === 'full') applied.push(...m.entities);
      },
      refresh: async () => {},
    });
    await provider.refresh();
    expect(applied[0].entity.metadata.name).toMatch(/^[a-z0-9-]{1,63}$/);
    expect(applied[0].entity.metadata.name.length).toBeLessThanOrEqual(63);
  });
});
