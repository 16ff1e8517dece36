import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { startScorecards } from './__testUtils__/backend';
import { fixtureSources } from './__testUtils__/services';
import { component } from './__testUtils__/sources';

jest.setTimeout(60_000);

const checkout: Entity = component('checkout', {
  description: 'Takes the money',
  owner: 'payments',
  system: 'shop',
  title: 'Checkout',
});
checkout.metadata.links = [
  { url: 'https://example.com/a' },
  { url: 'https://example.com/b' },
];
const storefront = component('storefront', { owner: 'group:default/web' });

describe('the scorecards API', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const { catalog, repository } = fixtureSources();
    const backend = await startScorecards({
      entities: [checkout, storefront],
      sources: [catalog, repository],
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(() => stop());

  const get = (path: string) => request(server).get(`/api/scorecards${path}`);
  const post = (path: string, body?: object) =>
    request(server).post(`/api/scorecards${path}`).send(body);

  /** The error the default error handler answered with. */
  const error = (res: request.Response) => ({
    status: res.status,
    name: res.body.error?.name,
    message: res.body.error?.message,
  });

  it('GET /scorecards: the scorecards without their compiled programs, and the sources', async () => {
    const res = await get('/scorecards');
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([
      'basics',
      'docs',
    ]);
    expect(res.body.items[0]).toEqual({
      id: 'basics',
      title: 'Basics',
      description: 'What every service needs.',
      appliesTo: { kind: ['Component'], type: ['service'] },
      levels: expect.any(Array),
    });
    expect(res.body.sources).toEqual([
      {
        id: 'catalog',
        title: 'catalog facts',
        facts: {
          hasDescription: {
            type: 'boolean',
            description: 'hasDescription from catalog',
          },
          linkCount: { type: 'number', description: 'linkCount from catalog' },
        },
      },
      expect.objectContaining({ id: 'repository' }),
    ]);
  });

  it('GET /entity: evaluates an entity on first read; 404 for one the catalog lacks', async () => {
    const res = await get('/entity?entityRef=component:default/checkout');
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/checkout');
    expect(
      res.body.results.map((r: { scorecard: string; level: string }) => [
        r.scorecard,
        r.level,
      ]),
    ).toEqual([
      ['basics', 'silver'],
      ['docs', 'bronze'],
    ]);
    expect(res.body.facts).toHaveLength(2);

    expect(
      error(await get('/entity?entityRef=component:default/gone')),
    ).toEqual({
      status: 404,
      name: 'NotFoundError',
      message: 'The catalog has no entity component:default/gone',
    });
  });

  it('GET /entity: bad input names the parameter', async () => {
    expect(error(await get('/entity'))).toEqual({
      status: 400,
      name: 'InputError',
      message: expect.stringMatching(/^entityRef: /),
    });
    expect(error(await get('/entity?entityRef=checkout'))).toEqual({
      status: 400,
      name: 'InputError',
      message: expect.stringMatching(
        /^entityRef: "checkout" is not an entity ref/,
      ),
    });
  });

  it('POST /entity/refresh: collects and evaluates now', async () => {
    const res = await post('/entity/refresh', {
      entityRef: 'component:default/storefront',
    });
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({
      scorecard: 'basics',
      level: null,
      nextLevel: 'bronze',
    });
    expect(error(await post('/entity/refresh', {}))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^entityRef: /),
    });
    expect(
      error(
        await post('/entity/refresh', { entityRef: 'component:default/gone' }),
      ),
    ).toMatchObject({ status: 404, name: 'NotFoundError' });
  });

  it('GET /entity/history: points oldest first; limit and scorecard are checked', async () => {
    await post('/entity/refresh', { entityRef: 'component:default/checkout' });
    const res = await get(
      '/entity/history?entityRef=component:default/checkout&scorecard=basics',
    );
    expect(res.status).toBe(200);
    // Evaluated twice with the same outcome: one point.
    expect(res.body.items).toEqual([
      {
        level: 'silver',
        passed: 3,
        failed: 0,
        unknown: 0,
        evaluatedAt: expect.any(String),
      },
    ]);
    for (const limit of ['0', '1001', 'many']) {
      expect(
        error(
          await get(
            `/entity/history?entityRef=component:default/checkout&scorecard=basics&limit=${limit}`,
          ),
        ),
      ).toMatchObject({
        status: 400,
        name: 'InputError',
        message: expect.stringMatching(/^limit: /),
      });
    }
    expect(
      (
        await get(
          '/entity/history?entityRef=component:default/checkout&scorecard=basics&limit=1000',
        )
      ).status,
    ).toBe(200);
    expect(
      error(
        await get(
          '/entity/history?entityRef=component:default/checkout&scorecard=nope',
        ),
      ),
    ).toEqual({
      status: 400,
      name: 'InputError',
      message:
        'scorecard: there is no scorecard "nope"; there are "basics", "docs"',
    });
  });

  it('GET /overview: levels per entity, filtered by repeated owners, system, kind and scorecard', async () => {
    await post('/entity/refresh', { entityRef: 'component:default/checkout' });
    await post('/entity/refresh', {
      entityRef: 'component:default/storefront',
    });
    const refs = async (query: string) => {
      const res = await get(`/overview${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((row: { entityRef: string }) => row.entityRef);
    };
    const all = await get('/overview');
    expect(all.body.items[0]).toEqual({
      entityRef: 'component:default/checkout',
      title: 'Checkout',
      kind: 'Component',
      owner: 'group:default/payments',
      system: 'system:default/shop',
      levels: { basics: 'silver', docs: 'bronze' },
      evaluatedAt: expect.any(String),
    });
    expect(await refs('?owner=payments&owner=group:default/web')).toEqual([
      'component:default/checkout',
      'component:default/storefront',
    ]);
    expect(await refs('?owner=web')).toEqual(['component:default/storefront']);
    expect(await refs('?system=shop')).toEqual(['component:default/checkout']);
    expect(await refs('?kind=api')).toEqual([]);
    expect(await refs('?scorecard=docs&kind=Component')).toHaveLength(2);
    expect(error(await get('/overview?scorecard=nope'))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^scorecard: /),
    });
  });

  it('refuses requests without credentials and accepts other plugins', async () => {
    const none = { Authorization: mockCredentials.none.header() };
    for (const res of [
      await get('/scorecards').set(none),
      await get('/entity?entityRef=component:default/checkout').set(none),
      await get(
        '/entity/history?entityRef=component:default/checkout&scorecard=basics',
      ).set(none),
      await post('/entity/refresh')
        .set(none)
        .send({ entityRef: 'component:default/checkout' }),
      await get('/overview').set(none),
    ]) {
      expect(res.status).toBe(401);
    }
    const service = { Authorization: mockCredentials.service.header() };
    expect((await get('/overview').set(service)).status).toBe(200);
  });
});
