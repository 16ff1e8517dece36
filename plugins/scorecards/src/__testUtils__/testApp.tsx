import { ReactElement } from 'react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { scorecardsApiRef, ScorecardsClient } from '../api';

/**
 * The scorecards backend's HTTP layer, mocked with msw: components run against
 * the real ScorecardsClient, so requests, bodies and error responses are real.
 */
export const BASE_URL = 'http://localhost:7007/api/scorecards';

/** Where the tests mount the catalog's entity page, so entity links resolve. */
export const ENTITY_ROUTE = '/catalog/:namespace/:kind/:name';

export const server = setupServer();

/** Call once per test file: starts msw, fails on any request no handler answers. */
export function useMockServer() {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    server.events.removeAllListeners();
  });
  afterAll(() => server.close());
}

/** Every request the mock server sees, as `METHOD /path?query` relative to the plugin's base URL. */
export function recordRequests() {
  const requests: string[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push(`${request.method} ${request.url.replace(BASE_URL, '')}`);
  });
  return requests;
}

/** Renders an element in the test app with the real client, optionally inside an entity's page. */
export function renderWithScorecards(
  element: ReactElement,
  options: { entity?: Entity } = {},
) {
  const client = new ScorecardsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  const wrapped = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider apis={[[scorecardsApiRef, client]]}>
      {wrapped}
    </TestApiProvider>,
    { mountedRoutes: { [ENTITY_ROUTE]: entityRouteRef } },
  );
}

/** The component the fixtures describe. */
export const componentEntity = (name = 'checkout-service'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
});

/** An error exactly as a Backstage backend answers one (what ResponseError parses). */
export function backendError(status: number, name: string, message: string) {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}
