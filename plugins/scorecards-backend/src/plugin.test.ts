import type { SchedulerServiceTaskFunction } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import request from 'supertest';
import { sourcesModule, startScorecards } from './__testUtils__/backend';
import { FIXTURES, fixtureSources } from './__testUtils__/services';
import { component, testFactSource } from './__testUtils__/sources';

jest.setTimeout(60_000);

describe('scorecardsPlugin', () => {
  it('does not start on invalid scorecards, and says what is wrong', async () => {
    const { catalog, repository } = fixtureSources();
    await expect(
      startScorecards({
        sources: [catalog, repository],
        directory: resolve(FIXTURES, 'broken'),
      }),
    ).rejects.toThrow(/Invalid scorecards:[\s\S]*broken\.yaml/);
  });

  it('does not start without its scorecards directory', async () => {
    const { catalog, repository } = fixtureSources();
    const missing = resolve(FIXTURES, 'missing');
    await expect(
      startScorecards({ sources: [catalog, repository], directory: missing }),
    ).rejects.toThrow(
      `scorecards.directory: ${missing} does not exist or is not a folder`,
    );
  });

  it('does not start when two modules add the same source, or a source id is no CEL name', async () => {
    const { catalog, repository } = fixtureSources();
    await expect(
      startScorecards({
        sources: [catalog, repository],
        modules: [
          sourcesModule('another', [
            testFactSource('catalog', { x: 'boolean' }, async () => ({})),
          ]),
        ],
      }),
    ).rejects.toThrow(
      'Fact source "catalog" was added twice: two modules provide it, install only one',
    );
    await expect(
      startScorecards({
        sources: [
          catalog,
          repository,
          testFactSource('tech-docs', { x: 'boolean' }, async () => ({})),
        ],
      }),
    ).rejects.toThrow(/Fact source id "tech-docs" is invalid/);
  });

  it('schedules a global full run and a global incremental run, and the full run evaluates the catalog', async () => {
    const tasks = new Map<
      string,
      { scope?: string; frequency: unknown; fn: SchedulerServiceTaskFunction }
    >();
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: async task => {
        tasks.set(task.id, task);
      },
    });
    const { catalog, repository } = fixtureSources();
    const backend = await startScorecards({
      entities: [component('checkout'), component('storefront')],
      sources: [catalog, repository],
      scheduler: scheduler.factory,
    });
    try {
      expect([...tasks.keys()]).toEqual([
        'scorecards-full-run',
        'scorecards-incremental',
      ]);
      expect(tasks.get('scorecards-full-run')).toMatchObject({
        scope: 'global',
        frequency: { hours: 1 },
        initialDelay: { seconds: 10 },
      });
      expect(tasks.get('scorecards-incremental')).toMatchObject({
        scope: 'global',
        frequency: { seconds: 30 },
      });

      const overview = () =>
        request(backend.server).get('/api/scorecards/overview');
      expect((await overview()).body.items).toEqual([]);
      await tasks.get('scorecards-full-run')!.fn(new AbortController().signal);
      expect(
        (await overview()).body.items.map(
          (r: { entityRef: string }) => r.entityRef,
        ),
      ).toEqual(['component:default/checkout', 'component:default/storefront']);
      // Nothing changed since: the incremental run collects nothing.
      catalog.calls.length = 0;
      await tasks
        .get('scorecards-incremental')!
        .fn(new AbortController().signal);
      expect(catalog.calls).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});
