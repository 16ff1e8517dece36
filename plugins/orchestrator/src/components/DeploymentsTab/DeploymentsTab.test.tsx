import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  backendError,
  BASE_URL,
  renderWithOrchestrator,
  server,
  useMockServer,
  workloadEntity,
} from '../../__testUtils__/testApp';
import { deployment, workloadEnvironment } from '../../__testUtils__/fixtures';
import { DeploymentsTab } from './DeploymentsTab';

const WORKLOAD = `${BASE_URL}/workloads/checkout-service`;

/** The demo's shape: two revisions in development, one in staging. */
function history(environment: string, revisions: number, total = revisions) {
  return Array.from({ length: revisions }, (_, i) =>
    deployment({
      environment,
      revision: total - i,
      state: i === 0 ? 'delivered' : 'rolled-back',
    }),
  );
}

function serve(options: { developmentTotal?: number } = {}) {
  const total = options.developmentTotal ?? 2;
  const requests: string[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push(`${request.method} ${request.url.replace(BASE_URL, '')}`);
  });
  server.use(
    http.get(`${WORKLOAD}/environments`, () =>
      HttpResponse.json({
        items: [
          workloadEnvironment('development', total, {
            requestedBy: 'user:default/david-mensah',
          }),
          workloadEnvironment('staging', 1),
        ],
      }),
    ),
    http.get(`${WORKLOAD}/environments/:environment/drift`, ({ params }) =>
      HttpResponse.json(
        params.environment === 'staging'
          ? {
              revision: 1,
              target: 'kubernetes',
              supported: true,
              drifted: true,
              objects: [
                {
                  apiVersion: 'apps/v1',
                  kind: 'Deployment',
                  name: 'checkout-service',
                  state: 'modified',
                  fields: ['spec.replicas'],
                },
              ],
            }
          : {
              revision: total,
              target: 'gitops',
              supported: false,
              drifted: false,
              objects: [],
            },
      ),
    ),
    http.get(`${WORKLOAD}/deployments`, ({ request }) => {
      const url = new URL(request.url);
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      const all = history(url.searchParams.get('environment')!, total);
      return HttpResponse.json({
        items: all.slice(offset, offset + limit),
        total,
      });
    }),
  );
  return requests;
}

/** Renders the tab and expands development's history; resolves to its table. */
async function openDevelopmentHistory() {
  await renderWithOrchestrator(<DeploymentsTab />, {
    entity: workloadEntity(),
  });
  await userEvent.click(
    await screen.findByRole('button', {
      name: 'show history of development',
    }),
  );
  return screen.findByRole('table', { name: 'development revisions' });
}

describe('DeploymentsTab', () => {
  useMockServer();
  afterEach(() => server.events.removeAllListeners());

  it('shows one row per environment with revision, state, who deployed it and drift', async () => {
    const requests = serve();
    await renderWithOrchestrator(<DeploymentsTab />, {
      entity: workloadEntity(),
    });
    const development = await screen.findByTestId('environment-development');
    expect(within(development).getByText('revision 2')).toBeInTheDocument();
    expect(within(development).getByText('david-mensah')).toBeInTheDocument();
    expect(
      await within(development).findByText('not tracked'),
    ).toBeInTheDocument();
    const staging = screen.getByTestId('environment-staging');
    expect(
      await within(staging).findByText('drifted: 1 object'),
    ).toBeInTheDocument();
    // Bounded: the rows, and one drift check per environment.
    expect(requests.sort()).toEqual([
      'GET /workloads/checkout-service/environments',
      'GET /workloads/checkout-service/environments/development/drift',
      'GET /workloads/checkout-service/environments/staging/drift',
    ]);
  });

  it('expands a row into its history and diffs two revisions', async () => {
    const requests = serve();
    let diffed: string | undefined;
    server.use(
      http.get(`${WORKLOAD}/environments/development/diff`, ({ request }) => {
        diffed = new URL(request.url).search;
        return HttpResponse.json({ items: [] });
      }),
    );
    const revisions = await openDevelopmentHistory();
    expect(within(revisions).getAllByRole('row')).toHaveLength(3);
    expect(within(revisions).getByText('2 (in effect)')).toBeInTheDocument();
    expect(requests.filter(r => r.includes('/deployments'))).toEqual([
      'GET /workloads/checkout-service/deployments?environment=development&limit=10&offset=0',
    ]);

    const diff = screen.getByRole('button', {
      name: 'Select two revisions to diff',
    });
    expect(diff).toBeDisabled();
    await userEvent.click(screen.getByLabelText('select revision 2'));
    await userEvent.click(screen.getByLabelText('select revision 1'));
    await userEvent.click(
      screen.getByRole('button', { name: 'Diff revision 1 → 2' }),
    );
    expect(
      await screen.findByText('development: revision 1 → revision 2'),
    ).toBeInTheDocument();
    await waitFor(() => expect(diffed).toBe('?from=1&to=2'));
  });

  it('rolls back after showing what will change, then shows the new revision', async () => {
    serve();
    let rolledBack: unknown;
    server.use(
      http.get(`${WORKLOAD}/environments/development/diff`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.post(
        `${WORKLOAD}/environments/development/rollback`,
        async ({ request }) => {
          rolledBack = await request.json();
          // From now on the backend answers with revision 3.
          server.use(
            http.get(`${WORKLOAD}/environments`, () =>
              HttpResponse.json({
                items: [workloadEnvironment('development', 3)],
              }),
            ),
          );
          return HttpResponse.json(
            deployment({ revision: 3, rollbackOf: 1, state: 'delivering' }),
            { status: 201 },
          );
        },
      ),
    );
    await openDevelopmentHistory();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Roll back to 1' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'Roll back checkout-service in development to revision 1?',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Roll back' }),
    );
    await waitFor(() => expect(rolledBack).toEqual({ revision: 1 }));
    const development = await screen.findByTestId('environment-development');
    expect(
      await within(development).findByText('revision 3'),
    ).toBeInTheDocument();
  });

  it('keeps the dialog open with the backend’s message when a rollback is refused', async () => {
    serve();
    server.use(
      http.get(`${WORKLOAD}/environments/development/diff`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.post(`${WORKLOAD}/environments/development/rollback`, () =>
        backendError(
          409,
          'ConflictError',
          'checkout-service has a deployment in flight to development',
        ),
      ),
    );
    await openDevelopmentHistory();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Roll back to 1' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Roll back' }),
    );
    expect(
      (await within(dialog).findAllByText(/has a deployment in flight/))[0],
    ).toBeInTheDocument();
  });

  it('pages through a long history, one request per page', async () => {
    const requests = serve({ developmentTotal: 23 });
    const revisions = await openDevelopmentHistory();
    expect(within(revisions).getAllByRole('row')).toHaveLength(11);
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(await screen.findByTestId('revision-13')).toBeInTheDocument();
    expect(requests.filter(r => r.includes('/deployments'))).toEqual([
      'GET /workloads/checkout-service/deployments?environment=development&limit=10&offset=0',
      'GET /workloads/checkout-service/deployments?environment=development&limit=10&offset=10',
    ]);
  });

  it('explains what to do when the workload was never deployed', async () => {
    server.use(
      http.get(`${WORKLOAD}/environments`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    await renderWithOrchestrator(<DeploymentsTab />, {
      entity: workloadEntity(),
    });
    expect(
      await screen.findByText('checkout-service is not deployed anywhere yet'),
    ).toBeInTheDocument();
  });

  it('shows the backend’s error', async () => {
    server.use(
      http.get(`${WORKLOAD}/environments`, () =>
        backendError(500, 'Error', 'database is unreachable'),
      ),
    );
    await renderWithOrchestrator(<DeploymentsTab />, {
      entity: workloadEntity(),
    });
    expect(
      (await screen.findAllByText(/database is unreachable/))[0],
    ).toBeInTheDocument();
  });
});
