import { ReactElement } from 'react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { orchestratorApiRef, OrchestratorClient } from '../api';

/**
 * The orchestrator's HTTP layer, mocked with msw: components run against the
 * real OrchestratorClient, so requests, bodies and error responses are real.
 */
export const BASE_URL = 'http://localhost:7007/api/orchestrator';

export const server = setupServer();

/** Call once per test file: starts msw, fails on any request no handler answers. */
export function useMockServer() {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/** Renders an element in the test app with the real client, optionally inside an entity's page. */
export function renderWithOrchestrator(
  element: ReactElement,
  options: { entity?: Entity; mountPath?: string; initialRoute?: string } = {},
) {
  const client = new OrchestratorClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  const wrapped = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider apis={[[orchestratorApiRef, client]]}>
      {wrapped}
    </TestApiProvider>,
    {
      ...(options.mountPath ? { mountPath: options.mountPath } : {}),
      ...(options.initialRoute
        ? { initialRouteEntries: [options.initialRoute] }
        : {}),
    },
  );
}

/** A component entity with a Paved workload. */
export const workloadEntity = (name = 'checkout-service'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: { 'paved.dev/score': './score.yaml' },
  },
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
