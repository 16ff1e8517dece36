import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import {
  backendError,
  BASE_URL,
  recordRequests,
  server,
  useMockServer,
} from '../__testUtils__/testApp';
import {
  entityScorecards,
  historyPoint,
  overviewRow,
  productionReadiness,
} from '../__testUtils__/fixtures';
import { backendMessage } from '../components/shared';
import { ScorecardsClient } from './ScorecardsClient';

const client = new ScorecardsClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
  fetchApi: { fetch: (input, init) => fetch(input, init) },
});

describe('ScorecardsClient', () => {
  useMockServer();

  it('reads the scorecards and the fact sources', async () => {
    const body = {
      items: [productionReadiness],
      sources: [{ id: 'catalog', title: 'Catalog', facts: {} }],
    };
    server.use(
      http.get(`${BASE_URL}/scorecards`, () => HttpResponse.json(body)),
    );
    await expect(client.getScorecards()).resolves.toEqual(body);
  });

  it('asks for an entity by its ref as a query parameter', async () => {
    const requests = recordRequests();
    server.use(
      http.get(`${BASE_URL}/entity`, () =>
        HttpResponse.json(entityScorecards()),
      ),
    );
    await expect(
      client.getEntity('component:default/checkout-service'),
    ).resolves.toEqual(entityScorecards());
    expect(requests).toEqual([
      'GET /entity?entityRef=component%3Adefault%2Fcheckout-service',
    ]);
  });

  it('asks for a scorecard’s history and returns its items', async () => {
    const requests = recordRequests();
    const items = [
      historyPoint(null, '2026-11-01T00:00:00.000Z'),
      historyPoint('bronze', '2026-11-02T00:00:00.000Z'),
    ];
    server.use(
      http.get(`${BASE_URL}/entity/history`, () =>
        HttpResponse.json({ items }),
      ),
    );
    await expect(
      client.getHistory('api:default/payments', 'security', { limit: 50 }),
    ).resolves.toEqual(items);
    expect(requests).toEqual([
      'GET /entity/history?entityRef=api%3Adefault%2Fpayments&scorecard=security&limit=50',
    ]);
  });

  it('posts a refresh with the entity ref as JSON', async () => {
    let received: { type: string | null; body: unknown } | undefined;
    server.use(
      http.post(`${BASE_URL}/entity/refresh`, async ({ request }) => {
        received = {
          type: request.headers.get('content-type'),
          body: await request.json(),
        };
        return HttpResponse.json(entityScorecards());
      }),
    );
    await expect(
      client.refresh('component:default/checkout-service'),
    ).resolves.toEqual(entityScorecards());
    expect(received).toEqual({
      type: 'application/json',
      body: { entityRef: 'component:default/checkout-service' },
    });
  });

  it('sends each chosen owner and system as a repeated parameter', async () => {
    const requests = recordRequests();
    server.use(
      http.get(`${BASE_URL}/overview`, () =>
        HttpResponse.json({ items: [overviewRow('web')] }),
      ),
    );
    await expect(
      client.getOverview({
        owner: ['group:default/payments', 'group:default/web'],
        system: ['system:default/checkout'],
        scorecard: 'security',
      }),
    ).resolves.toEqual([overviewRow('web')]);
    await client.getOverview();
    await client.getOverview({ owner: [], system: [] });
    expect(requests).toEqual([
      'GET /overview?owner=group%3Adefault%2Fpayments&owner=group%3Adefault%2Fweb&system=system%3Adefault%2Fcheckout&scorecard=security',
      'GET /overview',
      'GET /overview',
    ]);
  });

  it('throws the backend’s error with its message and status', async () => {
    server.use(
      http.get(`${BASE_URL}/entity`, () =>
        backendError(
          404,
          'NotFoundError',
          'No results for component:default/x',
        ),
      ),
    );
    const error = await client.getEntity('component:default/x').catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(backendMessage(error)).toBe('No results for component:default/x');
  });
});
