import { TestDatabases } from '@backstage/backend-test-utils';
import { FactStore } from './FactStore';
import { applyDatabaseMigrations } from './migrations';

jest.setTimeout(60_000);

// Real PostgreSQL 15 and SQLite: scripts/test points TestDatabases at the machine's PostgreSQL.
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function stores(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  return { facts: new FactStore(knex) };
}

const T = (minute: number) =>
  new Date(Date.UTC(2026, 10, 28, 9, minute)).toISOString();

const CHECKOUT = 'component:default/checkout';
const PAYMENTS = 'component:default/payments';

describe.each(databases.eachSupportedId())('FactStore on %p', databaseId => {
  it('replaces facts on success and keeps them, stale, on failure', async () => {
    const { facts } = await stores(databaseId);
    await facts.record([
      {
        entityRef: CHECKOUT,
        source: 'catalog',
        facts: { hasDescription: true, linkCount: 2, lifecycle: null },
        observedAt: T(0),
      },
      {
        entityRef: CHECKOUT,
        source: 'techdocs',
        facts: { present: false },
        observedAt: T(0),
      },
    ]);
    expect(await facts.get(CHECKOUT)).toEqual([
      {
        source: 'catalog',
        entityRef: CHECKOUT,
        facts: { hasDescription: true, linkCount: 2, lifecycle: null },
        observedAt: T(0),
      },
      {
        source: 'techdocs',
        entityRef: CHECKOUT,
        facts: { present: false },
        observedAt: T(0),
      },
    ]);

    await facts.record([
      {
        entityRef: CHECKOUT,
        source: 'catalog',
        error: 'catalog unavailable',
        failedAt: T(5),
      },
    ]);
    // A second failure says the newest error, and since when it has been failing.
    await facts.record([
      {
        entityRef: CHECKOUT,
        source: 'catalog',
        error: 'still unavailable',
        failedAt: T(10),
      },
    ]);
    const [catalog, techdocs] = await facts.get(CHECKOUT);
    expect(catalog).toEqual({
      source: 'catalog',
      entityRef: CHECKOUT,
      facts: { hasDescription: true, linkCount: 2, lifecycle: null },
      observedAt: T(0),
      stale: { error: 'still unavailable', since: T(5) },
    });
    expect(techdocs.stale).toBeUndefined();

    await facts.record([
      {
        entityRef: CHECKOUT,
        source: 'catalog',
        facts: { hasDescription: false },
        observedAt: T(15),
      },
    ]);
    expect((await facts.get(CHECKOUT))[0]).toEqual({
      source: 'catalog',
      entityRef: CHECKOUT,
      facts: { hasDescription: false },
      observedAt: T(15),
    });
  });

  it('marks a source that never succeeded stale with no facts', async () => {
    const { facts } = await stores(databaseId);
    await facts.record([
      {
        entityRef: CHECKOUT,
        source: 'repository',
        error: '404 reading README',
        failedAt: T(3),
      },
    ]);
    expect(await facts.get(CHECKOUT)).toEqual([
      {
        source: 'repository',
        entityRef: CHECKOUT,
        facts: {},
        observedAt: T(3),
        stale: { error: '404 reading README', since: T(3) },
      },
    ]);
  });

  it('writes a batch in one transaction', async () => {
    const { facts } = await stores(databaseId);
    await expect(
      facts.record([
        {
          entityRef: CHECKOUT,
          source: 'catalog',
          facts: { hasDescription: true },
          observedAt: T(0),
        },
        // Violates NOT NULL after the first row was written.
        {
          entityRef: PAYMENTS,
          source: null as any,
          error: 'x',
          failedAt: T(0),
        },
      ]),
    ).rejects.toThrow();
    expect(await facts.get(CHECKOUT)).toEqual([]);
  });

  it('removes only the given entities', async () => {
    const { facts } = await stores(databaseId);
    const many = Array.from({ length: 450 }, (_, i) => ({
      entityRef: `component:default/svc-${i}`,
      source: 'catalog',
      facts: { linkCount: i },
      observedAt: T(0),
    }));
    await facts.record(many);
    await facts.remove(many.slice(0, 449).map(m => m.entityRef));
    expect(await facts.get('component:default/svc-0')).toEqual([]);
    expect(await facts.get('component:default/svc-449')).toEqual([
      expect.objectContaining({ facts: { linkCount: 449 } }),
    ]);
  });
});
