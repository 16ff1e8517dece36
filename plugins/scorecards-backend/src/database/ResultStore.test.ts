import { TestDatabases } from '@backstage/backend-test-utils';
import type {
  CheckOutcome,
  ScorecardResult,
} from '@paved/plugin-scorecards-common';
import { applyDatabaseMigrations } from './migrations';
import { Evaluation, ResultStore } from './ResultStore';

jest.setTimeout(60_000);

// Real PostgreSQL 15 and SQLite: scripts/test points TestDatabases at the machine's PostgreSQL.
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function stores(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  return { results: new ResultStore(knex) };
}

const T = (minute: number) =>
  new Date(Date.UTC(2026, 10, 28, 9, minute)).toISOString();

function result(
  entityRef: string,
  scorecard: string,
  level: string | null,
  outcomes: CheckOutcome[],
  evaluatedAt: string,
): ScorecardResult {
  return {
    entityRef,
    scorecard,
    level,
    nextLevel: null,
    checks: outcomes.map((outcome, i) => ({
      check: `check-${i}`,
      level: 'bronze',
      outcome,
      facts: ['catalog.hasDescription'],
    })),
    evaluatedAt,
  };
}

function evaluation(
  entityRef: string,
  results: Array<[string, string | null, CheckOutcome[]]>,
  evaluatedAt: string,
  entity: Partial<Evaluation['entity']> = {},
): Evaluation {
  return {
    entity: { entityRef, kind: 'Component', etag: 'e1', ...entity },
    results: results.map(([scorecard, level, outcomes]) =>
      result(entityRef, scorecard, level, outcomes, evaluatedAt),
    ),
    evaluatedAt,
  };
}

const CHECKOUT = 'component:default/checkout';
const PAYMENTS = 'component:default/payments';

describe.each(databases.eachSupportedId())('ResultStore on %p', databaseId => {
  it('keeps history only when the outcome changes, and moves the current row on', async () => {
    const { results } = await stores(databaseId);
    const prod = (outcomes: CheckOutcome[], level: string | null, m: number) =>
      results.save([
        evaluation(CHECKOUT, [['production', level, outcomes]], T(m)),
      ]);
    await prod(['pass', 'fail'], 'bronze', 0);
    await prod(['pass', 'fail'], 'bronze', 1); // same: no history row
    await prod(['pass', 'unknown'], 'bronze', 2); // counts changed
    await prod(['pass', 'pass'], 'silver', 3); // level changed
    await prod(['pass', 'pass'], 'silver', 4); // same

    expect(await results.history(CHECKOUT, 'production', 200)).toEqual([
      { level: 'bronze', passed: 1, failed: 1, unknown: 0, evaluatedAt: T(0) },
      { level: 'bronze', passed: 1, failed: 0, unknown: 1, evaluatedAt: T(2) },
      { level: 'silver', passed: 2, failed: 0, unknown: 0, evaluatedAt: T(3) },
    ]);
    // The newest two, still oldest first.
    expect(
      (await results.history(CHECKOUT, 'production', 2)).map(
        p => p.evaluatedAt,
      ),
    ).toEqual([T(2), T(3)]);
    // The current row says when the outcome was last confirmed.
    const [current] = await results.get(CHECKOUT);
    expect(current).toMatchObject({ level: 'silver', evaluatedAt: T(4) });
    expect((await results.overview())[0].evaluatedAt).toBe(T(4));
  });

  it('drops the current row of a scorecard that no longer applies, keeping its history', async () => {
    const { results } = await stores(databaseId);
    await results.save([
      evaluation(
        CHECKOUT,
        [
          ['production', 'bronze', ['pass']],
          ['docs', null, ['fail']],
        ],
        T(0),
      ),
    ]);
    await results.save([
      evaluation(CHECKOUT, [['production', 'bronze', ['pass']]], T(1)),
    ]);
    expect((await results.get(CHECKOUT)).map(r => r.scorecard)).toEqual([
      'production',
    ]);
    expect(await results.history(CHECKOUT, 'docs', 10)).toHaveLength(1);

    // Applying again later starts a new history point even with the old outcome.
    await results.save([
      evaluation(
        CHECKOUT,
        [
          ['production', 'bronze', ['pass']],
          ['docs', null, ['fail']],
        ],
        T(2),
      ),
    ]);
    expect(
      (await results.history(CHECKOUT, 'docs', 10)).map(p => p.evaluatedAt),
    ).toEqual([T(0), T(2)]);
  });

  it('remembers evaluated entities and their etags, even with no results', async () => {
    const { results } = await stores(databaseId);
    await results.save([
      evaluation('group:default/payments', [], T(0), {
        kind: 'Group',
        etag: 'g1',
      }),
      evaluation(CHECKOUT, [['production', null, ['fail']]], T(0), {
        etag: 'c1',
      }),
    ]);
    expect(await results.isEvaluated('group:default/payments')).toBe(true);
    expect(await results.isEvaluated(PAYMENTS)).toBe(false);
    expect(await results.get('group:default/payments')).toEqual([]);
    await results.save([
      evaluation(CHECKOUT, [['production', null, ['fail']]], T(1), {
        etag: 'c2',
      }),
    ]);
    expect(await results.etags()).toEqual(
      new Map([
        ['group:default/payments', 'g1'],
        [CHECKOUT, 'c2'],
      ]),
    );
  });

  it('lists levels per entity, filtered by owner, system, kind and scorecard', async () => {
    const { results } = await stores(databaseId);
    await results.save([
      evaluation(
        CHECKOUT,
        [
          ['production', 'gold', ['pass']],
          ['docs', 'bronze', ['pass']],
        ],
        T(0),
        {
          title: 'Checkout',
          owner: 'group:default/payments',
          system: 'system:default/shop',
        },
      ),
      evaluation(PAYMENTS, [['production', null, ['fail']]], T(1), {
        owner: 'group:default/payments',
        system: 'system:default/billing',
      }),
      evaluation('api:default/orders', [['docs', 'silver', ['pass']]], T(2), {
        kind: 'API',
        owner: 'group:default/storefront',
      }),
    ]);

    expect(await results.overview()).toEqual([
      {
        entityRef: 'api:default/orders',
        kind: 'API',
        owner: 'group:default/storefront',
        levels: { docs: 'silver' },
        evaluatedAt: T(2),
      },
      {
        entityRef: CHECKOUT,
        title: 'Checkout',
        kind: 'Component',
        owner: 'group:default/payments',
        system: 'system:default/shop',
        levels: { docs: 'bronze', production: 'gold' },
        evaluatedAt: T(0),
      },
      {
        entityRef: PAYMENTS,
        kind: 'Component',
        owner: 'group:default/payments',
        system: 'system:default/billing',
        levels: { production: null },
        evaluatedAt: T(1),
      },
    ]);
    const refs = async (filter: Parameters<ResultStore['overview']>[0]) =>
      (await results.overview(filter)).map(r => r.entityRef);
    expect(await refs({ owner: ['group:default/payments'] })).toEqual([
      CHECKOUT,
      PAYMENTS,
    ]);
    expect(
      await refs({
        owner: ['group:default/payments', 'group:default/storefront'],
        system: ['system:default/shop'],
      }),
    ).toEqual([CHECKOUT]);
    expect(await refs({ kind: 'api' })).toEqual(['api:default/orders']);
    expect(await refs({ scorecard: 'docs' })).toEqual([
      'api:default/orders',
      CHECKOUT,
    ]);
    // The scorecard filter picks entities; their other levels stay.
    expect(
      (await results.overview({ scorecard: 'docs', kind: 'component' }))[0]
        .levels,
    ).toEqual({ docs: 'bronze', production: 'gold' });
  });

  it('saves large batches and removes entities with their history', async () => {
    const { results } = await stores(databaseId);
    const refs = Array.from(
      { length: 450 },
      (_, i) => `component:default/svc-${i}`,
    );
    await results.save(
      refs.map(ref =>
        evaluation(
          ref,
          [
            ['production', 'bronze', ['pass', 'fail']],
            ['docs', null, ['unknown']],
          ],
          T(0),
        ),
      ),
    );
    expect(await results.overview()).toHaveLength(450);
    await results.remove(refs.slice(1));
    expect((await results.overview()).map(r => r.entityRef)).toEqual([refs[0]]);
    expect(await results.history(refs[1], 'production', 10)).toEqual([]);
    expect(await results.isEvaluated(refs[1])).toBe(false);
    expect(await results.history(refs[0], 'production', 10)).toHaveLength(1);
  });
});
