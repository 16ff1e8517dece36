import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { resolve } from 'node:path';
import { applyDatabaseMigrations } from '../database/migrations';
import {
  changingCatalog,
  FIXTURES,
  fixtureSources,
  testServices,
} from '../__testUtils__/services';
import { component, testFactSource } from '../__testUtils__/sources';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const links = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ url: `https://example.com/${i}` }));

/** A service with a description, a README and two links: silver on basics. */
function goodService(name: string, etag = 'etag-1'): Entity {
  const entity = component(name, { description: 'Does things', etag });
  entity.metadata.links = links(2);
  return entity;
}

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default', etag: 'g' },
  spec: { type: 'team', children: [] },
};
const api: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'orders', namespace: 'default', etag: 'a' },
  spec: { type: 'openapi', lifecycle: 'production', owner: 'payments' },
};

describe.each(databases.eachSupportedId())(
  'ScorecardService on %p',
  databaseId => {
    async function setup(entities: Entity[], pageSize?: number) {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const sources = fixtureSources();
      const catalog = changingCatalog(entities);
      const built = await testServices({
        knex,
        catalog: catalog.catalog,
        sources: [sources.catalog, sources.repository],
        pageSize,
      });
      return { ...built, sources, catalog, knex };
    }

    it('evaluates an entity from the catalog and keeps its results and facts', async () => {
      const { service } = await setup([
        goodService('checkout'),
        component('bare', {
          owner: 'group:default/storefront',
          system: 'shop',
        }),
      ]);

      const refreshed = await service.refresh('component:default/checkout');
      expect(refreshed.results.map(r => [r.scorecard, r.level])).toEqual([
        ['basics', 'silver'],
        ['docs', 'bronze'],
      ]);
      expect(refreshed.facts.map(f => f.source)).toEqual([
        'catalog',
        'repository',
      ]);
      expect(await service.getEntity('component:default/checkout')).toEqual(
        refreshed,
      );

      const bare = await service.refresh('Component:bare');
      expect(bare.entityRef).toBe('component:default/bare');
      const basics = bare.results.find(r => r.scorecard === 'basics')!;
      expect(basics).toMatchObject({ level: null, nextLevel: 'bronze' });
      expect(
        basics.checks.find(c => c.check === 'has-description')?.outcome,
      ).toBe('fail');

      expect(await service.overview({})).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/bare',
          owner: 'group:default/storefront',
          system: 'system:default/shop',
          levels: { basics: null, docs: 'bronze' },
        }),
        expect.objectContaining({
          entityRef: 'component:default/checkout',
          owner: 'group:default/payments',
          levels: { basics: 'silver', docs: 'bronze' },
        }),
      ]);
      // Owners and systems may be given short.
      expect(
        (
          await service.overview({ owner: ['storefront'], system: ['shop'] })
        ).map(r => r.entityRef),
      ).toEqual(['component:default/bare']);
    });

    it('shows checks over a failing source as unknown, never fail, with the reason', async () => {
      const { service, sources } = await setup([goodService('checkout')]);
      await service.refresh('component:default/checkout');
      sources.repository.answer(async () => {
        throw new Error('404 reading https://git.example/checkout');
      });

      const { results, facts } = await service.refresh(
        'component:default/checkout',
      );
      const basics = results.find(r => r.scorecard === 'basics')!;
      const readme = basics.checks.find(c => c.check === 'has-readme')!;
      expect(readme.outcome).toBe('unknown');
      expect(readme.reason).toContain(
        '404 reading https://git.example/checkout',
      );
      // Silver is no longer confirmed, and not failed either.
      expect(basics).toMatchObject({ level: 'bronze', nextLevel: 'silver' });
      expect(facts.find(f => f.source === 'repository')).toMatchObject({
        facts: { hasReadme: true },
        stale: { error: '404 reading https://git.example/checkout' },
      });
      const history = await service.history(
        'component:default/checkout',
        'basics',
        10,
      );
      expect(history.map(p => [p.level, p.unknown])).toEqual([
        ['silver', 0],
        ['bronze', 1],
      ]);
    });

    it('evaluates an entity on first read, and 404s one the catalog never had', async () => {
      const { service, sources, catalog } = await setup([
        goodService('checkout'),
      ]);
      const first = await service.getEntity('component:default/checkout');
      expect(first.results).toHaveLength(2);
      expect(sources.catalog.calls).toEqual(['component:default/checkout']);
      // Read again: stored, not collected.
      await service.getEntity('component:default/checkout');
      expect(sources.catalog.calls).toHaveLength(1);

      await expect(service.getEntity('component:default/nope')).rejects.toThrow(
        NotFoundError,
      );
      await expect(service.refresh('component:default/nope')).rejects.toThrow(
        'The catalog has no entity component:default/nope',
      );

      // Gone from the catalog: still shown until something notices, then forgotten.
      catalog.set([]);
      expect(
        (await service.getEntity('component:default/checkout')).results,
      ).toHaveLength(2);
      await expect(
        service.refresh('component:default/checkout'),
      ).rejects.toThrow(NotFoundError);
      await expect(
        service.getEntity('component:default/checkout'),
      ).rejects.toThrow(NotFoundError);
    });

    it('refuses malformed refs and unknown scorecards, naming the parameter', async () => {
      const { service } = await setup([]);
      await expect(service.getEntity('checkout')).rejects.toThrow(
        /^entityRef: "checkout" is not an entity ref like component:default\/name/,
      );
      await expect(
        service.history('component:default/x', 'nope', 10),
      ).rejects.toThrow(
        new InputError(
          'scorecard: there is no scorecard "nope"; there are "basics", "docs"',
        ),
      );
      await expect(service.overview({ scorecard: 'nope' })).rejects.toThrow(
        InputError,
      );
      await expect(service.overview({ owner: ['group:'] })).rejects.toThrow(
        /^owner: "group:" is not an entity ref/,
      );
    });

    it('full run: evaluates the kinds scorecards apply to, page by page, and forgets what the catalog lost', async () => {
      const website = component('site', { type: 'website' });
      const { service, sources, catalog, knex } = await setup(
        [
          goodService('a'),
          goodService('b'),
          goodService('c'),
          group,
          api,
          website,
        ],
        2,
      );
      expect(await service.fullRun()).toEqual({ evaluated: 5, removed: 0 });
      // The group is of no scorecard's kind: not even listed. The website is
      // listed (Component) but no scorecard applies: nothing collected for it.
      expect([...sources.catalog.calls].sort()).toEqual([
        'api:default/orders',
        'component:default/a',
        'component:default/b',
        'component:default/c',
      ]);
      expect((await service.overview({})).map(r => r.entityRef)).toEqual([
        'api:default/orders',
        'component:default/a',
        'component:default/b',
        'component:default/c',
      ]);
      expect(
        (await service.getEntity('component:default/site')).results,
      ).toEqual([]);

      catalog.set([goodService('a'), goodService('c'), group, api]);
      expect(await service.fullRun()).toEqual({ evaluated: 3, removed: 2 });
      for (const table of ['scorecards_results', 'scorecards_facts']) {
        expect(
          await knex(table).where({ entity_ref: 'component:default/b' }),
        ).toEqual([]);
      }
      expect(
        await service.history('component:default/b', 'basics', 10),
      ).toEqual([]);
    });

    it('incremental run: re-evaluates only changed and new entities, forgets deleted ones', async () => {
      const { service, sources, catalog, knex } = await setup(
        [goodService('a'), goodService('b'), goodService('c')],
        2,
      );
      await service.fullRun();
      sources.catalog.calls.length = 0;
      expect(await service.incrementalRun()).toEqual({
        evaluated: 0,
        removed: 0,
      });
      expect(sources.catalog.calls).toEqual([]);

      const changed = goodService('a', 'etag-2');
      delete changed.metadata.description;
      catalog.set([changed, goodService('c'), goodService('d')]);
      expect(await service.incrementalRun()).toEqual({
        evaluated: 2,
        removed: 1,
      });
      expect([...sources.catalog.calls].sort()).toEqual([
        'component:default/a',
        'component:default/d',
      ]);
      expect(
        (await service.overview({})).map(r => [r.entityRef, r.levels.basics]),
      ).toEqual([
        ['component:default/a', null],
        ['component:default/c', 'silver'],
        ['component:default/d', 'silver'],
      ]);
      for (const table of [
        'scorecards_results',
        'scorecards_facts',
        'scorecards_history',
        'scorecards_entities',
      ]) {
        expect(
          await knex(table).where({ entity_ref: 'component:default/b' }),
        ).toEqual([]);
      }
    });

    it('re-evaluates the entities a source says an event concerns', async () => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const { catalog, repository } = fixtureSources();
      let deployed = false;
      const orchestrator = testFactSource(
        'orchestrator',
        { deployedToProduction: 'boolean' },
        async () => ({ deployedToProduction: deployed }),
        {
          topics: ['paved.orchestrator.deployment'],
          entityRefs: async payload => {
            const ref = (payload as { entityRef?: string }).entityRef;
            if (!ref) throw new Error('no entityRef in the payload');
            return [ref, ref];
          },
        },
      );
      const { service, logger } = await testServices({
        knex,
        catalog: changingCatalog([goodService('checkout')]).catalog,
        sources: [catalog, repository, orchestrator],
        directory: resolve(FIXTURES, 'scorecards'),
      });
      const events = mockServices.events();
      await service.subscribe(events);

      deployed = true;
      await events.publish({
        topic: 'paved.orchestrator.deployment',
        eventPayload: { entityRef: 'component:default/checkout' },
      });
      await service.eventsSettled();
      expect(orchestrator.calls).toEqual(['component:default/checkout']);
      const { facts } = await service.getEntity('component:default/checkout');
      expect(facts.find(f => f.source === 'orchestrator')?.facts).toEqual({
        deployedToProduction: true,
      });

      // A payload the source cannot read is logged, not thrown at the publisher.
      await events.publish({
        topic: 'paved.orchestrator.deployment',
        eventPayload: {},
      });
      await service.eventsSettled();
      expect(logger.warn).toHaveBeenCalledWith(
        'Fact source orchestrator could not tell which entities the paved.orchestrator.deployment event concerns: no entityRef in the payload',
      );
      // Other topics are not listened to.
      await events.publish({ topic: 'other', eventPayload: {} });
      await service.eventsSettled();
      expect(orchestrator.calls).toHaveLength(1);
    });

    it('does not hold up the publisher while it collects', async () => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const { catalog, repository } = fixtureSources();
      let release = () => {};
      const gate = new Promise<void>(open => {
        release = open;
      });
      const orchestrator = testFactSource(
        'orchestrator',
        { deployedToProduction: 'boolean' },
        async () => {
          await gate;
          return { deployedToProduction: true };
        },
        {
          topics: ['paved.orchestrator.deployment'],
          entityRefs: async () => ['component:default/checkout'],
        },
      );
      const { service } = await testServices({
        knex,
        catalog: changingCatalog([goodService('checkout')]).catalog,
        sources: [catalog, repository, orchestrator],
        directory: resolve(FIXTURES, 'scorecards'),
      });
      const events = mockServices.events();
      await service.subscribe(events);

      // Resolves while the source is still collecting.
      await events.publish({
        topic: 'paved.orchestrator.deployment',
        eventPayload: {},
      });
      release();
      await service.eventsSettled();
      expect(orchestrator.calls).toEqual(['component:default/checkout']);
    });

    it('refuses to start on invalid scorecards, listing the problem', async () => {
      const knex = await databases.init(databaseId);
      const { catalog, repository } = fixtureSources();
      await expect(
        testServices({
          knex,
          catalog: changingCatalog([]).catalog,
          sources: [catalog, repository],
          directory: resolve(FIXTURES, 'broken'),
        }),
      ).rejects.toThrow(/Invalid scorecards:[\s\S]*broken\.yaml/);
    });
  },
);
