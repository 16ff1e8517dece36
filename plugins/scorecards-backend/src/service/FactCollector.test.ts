import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { FactStore } from '../database/FactStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { component, testFactSource } from '../__testUtils__/sources';
import { FactCollector } from './FactCollector';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const CHECKOUT = 'component:default/checkout';
const at = (minute: number) =>
  new Date(Date.UTC(2026, 10, 28, 9, minute)).toISOString();

describe.each(databases.eachSupportedId())(
  'FactCollector on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const facts = new FactStore(knex);
      const logger = mockServices.logger.mock();
      let minute = 0;
      const catalog = testFactSource(
        'catalog',
        { hasDescription: 'boolean', linkCount: 'number' },
        async entity => ({
          hasDescription: Boolean(entity.metadata.description),
          linkCount: 2,
          // Not declared: never stored.
          secretInternal: 'x',
        }),
      );
      const repository = testFactSource(
        'repository',
        { hasReadme: 'boolean' },
        async () => ({ hasReadme: true }),
      );
      const collector = new FactCollector({
        sources: [repository, catalog],
        facts,
        logger,
        timeoutMs: 200,
        now: () => new Date(at(minute)),
      });
      return {
        facts,
        logger,
        catalog,
        repository,
        collector,
        setMinute: (m: number) => {
          minute = m;
        },
      };
    }

    it('stores the declared facts of every source', async () => {
      const { collector, facts } = await setup();
      const collected = await collector.collect(
        component('checkout', { description: 'Takes the money' }),
      );
      expect(collected).toEqual([
        {
          source: 'repository',
          entityRef: CHECKOUT,
          facts: { hasReadme: true },
          observedAt: at(0),
        },
        {
          source: 'catalog',
          entityRef: CHECKOUT,
          facts: { hasDescription: true, linkCount: 2 },
          observedAt: at(0),
        },
      ]);
      expect(await collector.stored(CHECKOUT)).toEqual(collected);
      expect(await facts.get(CHECKOUT)).toHaveLength(2);
    });

    it('keeps the last facts of a failing source, stale with its error, and logs no secrets', async () => {
      const { collector, repository, logger, setMinute } = await setup();
      await collector.collect(component('checkout'));

      setMinute(5);
      repository.answer(async () => {
        const error = new Error(
          'GET https://git.example/checkout/README.md: 401',
        );
        Object.assign(error, {
          config: { headers: { Authorization: 'Bearer s3cret-token' } },
        });
        throw error;
      });
      const collected = await collector.collect(component('checkout'));
      expect(collected).toEqual([
        {
          source: 'repository',
          entityRef: CHECKOUT,
          facts: { hasReadme: true },
          observedAt: at(0),
          stale: {
            error: 'GET https://git.example/checkout/README.md: 401',
            since: at(5),
          },
        },
        expect.objectContaining({ source: 'catalog', observedAt: at(5) }),
      ]);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        `Fact source repository failed for ${CHECKOUT}: GET https://git.example/checkout/README.md: 401`,
      );
      const everythingLogged = JSON.stringify(
        [logger.warn, logger.error, logger.info, logger.debug].map(
          fn => fn.mock.calls,
        ),
      );
      expect(everythingLogged).not.toContain('s3cret');

      // Recovery clears staleness.
      setMinute(10);
      repository.answer(async () => ({ hasReadme: false }));
      expect((await collector.collect(component('checkout')))[0]).toEqual({
        source: 'repository',
        entityRef: CHECKOUT,
        facts: { hasReadme: false },
        observedAt: at(10),
      });
    });

    it('marks a source stale when it takes too long, or throws synchronously, or answers nonsense', async () => {
      const { collector, repository, catalog } = await setup();
      repository.answer(() => new Promise(() => {}));
      catalog.answer(() => {
        throw new Error('boom');
      });
      const [slow, broken] = await collector.collect(component('checkout'));
      expect(slow).toEqual({
        source: 'repository',
        entityRef: CHECKOUT,
        facts: {},
        observedAt: at(0),
        stale: { error: 'timed out after 200 ms', since: at(0) },
      });
      expect(broken.stale?.error).toBe('boom');

      catalog.answer(async () => null as any);
      repository.answer(async () => ({ hasReadme: true }));
      const [, nonsense] = await collector.collect(component('checkout'));
      expect(nonsense.stale?.error).toBe('returned null instead of facts');
    });

    it('warns when a source starts failing or fails differently, not on every run', async () => {
      const { collector, repository, logger, setMinute } = await setup();
      repository.answer(async () => {
        throw new Error('checkout has no source location');
      });
      await collector.collect(component('checkout'));
      setMinute(60);
      await collector.collect(component('checkout'));
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.debug).toHaveBeenCalledWith(
        `Fact source repository failed for ${CHECKOUT}: checkout has no source location (as before)`,
      );

      repository.answer(async () => {
        throw new Error('GET https://git.example/checkout: 503');
      });
      setMinute(120);
      await collector.collect(component('checkout'));
      expect(logger.warn).toHaveBeenCalledTimes(2);
      expect(logger.warn).toHaveBeenLastCalledWith(
        `Fact source repository failed for ${CHECKOUT}: GET https://git.example/checkout: 503`,
      );
    });

    it('leaves out facts of sources no longer registered', async () => {
      const { collector, facts } = await setup();
      await facts.record([
        {
          entityRef: CHECKOUT,
          source: 'uninstalled',
          facts: { x: 1 },
          observedAt: at(0),
        },
      ]);
      await collector.collect(component('checkout'));
      expect((await collector.stored(CHECKOUT)).map(s => s.source)).toEqual([
        'repository',
        'catalog',
      ]);
    });
  },
);
