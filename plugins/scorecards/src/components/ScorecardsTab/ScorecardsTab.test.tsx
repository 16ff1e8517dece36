import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type {
  EntityScorecards,
  LevelHistoryPoint,
} from '@paved/plugin-scorecards-common';
import {
  backendError,
  BASE_URL,
  componentEntity,
  recordRequests,
  renderWithScorecards,
  server,
  useMockServer,
} from '../../__testUtils__/testApp';
import {
  ENTITY_REF,
  entityScorecards,
  historyPoint,
  productionReadiness,
  readinessResult,
  security,
  STALE_REASON,
} from '../../__testUtils__/fixtures';
import { formatDate } from '../shared';
import { ScorecardsTab } from './ScorecardsTab';

const SOURCES = [
  { id: 'catalog', title: 'Catalog', facts: {} },
  { id: 'techdocs', title: 'TechDocs', facts: {} },
  { id: 'repository', title: 'Repository', facts: {} },
];

function serve(
  options: {
    entity?: EntityScorecards | (() => Response);
    history?: Record<string, LevelHistoryPoint[]>;
  } = {},
) {
  const { entity = entityScorecards(), history = {} } = options;
  server.use(
    http.get(`${BASE_URL}/entity`, () =>
      typeof entity === 'function' ? entity() : HttpResponse.json(entity),
    ),
    http.get(`${BASE_URL}/scorecards`, () =>
      HttpResponse.json({
        items: [productionReadiness, security],
        sources: SOURCES,
      }),
    ),
    http.get(`${BASE_URL}/entity/history`, ({ request }) => {
      const scorecard = new URL(request.url).searchParams.get('scorecard')!;
      return HttpResponse.json({ items: history[scorecard] ?? [] });
    }),
  );
}

const renderTab = () =>
  renderWithScorecards(<ScorecardsTab />, { entity: componentEntity() });

describe('ScorecardsTab', () => {
  useMockServer();

  it('lists every check of every level with its result, description and fix', async () => {
    serve();
    await renderTab();

    const bronze = await screen.findByRole('table', {
      name: 'Production readiness: Bronze',
    });
    const owner = within(bronze).getByTestId('check-owner-is-group');
    expect(within(owner).getByTestId('outcome-pass')).toBeInTheDocument();
    expect(within(owner).getByText('Owned by a group')).toBeInTheDocument();
    expect(
      within(owner).getByText('spec.owner names a group that exists.'),
    ).toBeInTheDocument();
    expect(
      within(owner).getByText(
        'How to fix: Set spec.owner to an existing group.',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('reached')).toHaveLength(1);

    const silver = screen.getByRole('table', {
      name: 'Production readiness: Silver',
    });
    expect(
      within(within(silver).getByTestId('check-docs-built')).getByTestId(
        'outcome-fail',
      ),
    ).toBeInTheDocument();
    const ci = within(silver).getByTestId('check-ci-workflow');
    expect(within(ci).getByTestId('outcome-unknown')).toBeInTheDocument();
    expect(
      within(ci).getByText(`unknown: ${STALE_REASON}`),
    ).toBeInTheDocument();

    const gold = screen.getByRole('table', {
      name: 'Production readiness: Gold',
    });
    expect(within(gold).getByText('value 0, needs >= 5')).toBeInTheDocument();

    const current = screen.getByTestId('current-production-readiness');
    expect(within(current).getByTestId('level-bronze')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('current-security')).getByTestId('level-none'),
    ).toBeInTheDocument();
  });

  it('shows the facts a check reads with value, source, observed time and stale marks', async () => {
    serve();
    await renderTab();

    const owner = await screen.findByTestId('fact-catalog.ownerIsGroup');
    expect(owner).toHaveTextContent('catalog.ownerIsGroup = true');
    expect(owner).toHaveTextContent(
      `Catalog, observed ${formatDate('2026-11-20T09:59:00.000Z')}`,
    );
    expect(owner).not.toHaveTextContent('stale');

    const ci = screen.getByTestId('fact-repository.hasCiWorkflow');
    expect(ci).toHaveTextContent('repository.hasCiWorkflow = true');
    expect(ci).toHaveTextContent(
      `Repository, observed ${formatDate('2026-11-18T08:00:00.000Z')}`,
    );
    expect(
      within(ci).getByText(
        'stale: 404 reading https://github.com/acme/checkout/tree/main/',
      ),
    ).toBeInTheDocument();

    // A source the backend does not describe is named by its id.
    expect(
      screen.getByTestId('fact-orchestrator.podSecurityRestricted'),
    ).toHaveTextContent(/= false\s*orchestrator, observed/);
  });

  it('re-evaluates the entity and shows the new result', async () => {
    serve();
    const requests = recordRequests();
    let posted: unknown;
    server.use(
      http.post(`${BASE_URL}/entity/refresh`, async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json(
          entityScorecards({
            results: [
              readinessResult({
                level: 'silver',
                nextLevel: 'gold',
                evaluatedAt: '2026-11-21T10:00:00.000Z',
                checks: readinessResult().checks.map(c =>
                  c.level === 'silver'
                    ? { ...c, outcome: 'pass', reason: undefined }
                    : c,
                ),
              }),
            ],
          }),
        );
      }),
    );
    const user = userEvent.setup();
    await renderTab();
    const current = await screen.findByTestId('current-production-readiness');
    expect(within(current).getByTestId('level-bronze')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Re-evaluate' }));

    expect(
      await within(
        await screen.findByTestId('current-production-readiness'),
      ).findByTestId('level-silver'),
    ).toBeInTheDocument();
    expect(posted).toEqual({ entityRef: ENTITY_REF });
    const silver = screen.getByRole('table', {
      name: 'Production readiness: Silver',
    });
    expect(within(silver).queryByTestId('outcome-unknown')).toBeNull();
    expect(within(silver).getAllByTestId('outcome-pass')).toHaveLength(2);
    // The history is read again for the new evaluation.
    await waitFor(() =>
      expect(
        requests.filter(r =>
          r.startsWith(
            'GET /entity/history?entityRef=component%3Adefault%2Fcheckout-service&scorecard=production-readiness',
          ),
        ),
      ).toHaveLength(2),
    );
  });

  it('shows the backend’s message when re-evaluating fails', async () => {
    serve();
    server.use(
      http.post(`${BASE_URL}/entity/refresh`, () =>
        backendError(403, 'NotAllowedError', 'You may not refresh scorecards'),
      ),
    );
    const user = userEvent.setup();
    await renderTab();
    await user.click(
      await screen.findByRole('button', { name: 'Re-evaluate' }),
    );
    expect(
      await screen.findByText(
        'Re-evaluating failed: You may not refresh scorecards',
      ),
    ).toBeInTheDocument();
    // The last result stays.
    expect(
      within(screen.getByTestId('current-production-readiness')).getByTestId(
        'level-bronze',
      ),
    ).toBeInTheDocument();
  });

  it('charts the level history as steps with the level names on the y axis', async () => {
    serve({
      history: {
        'production-readiness': [
          historyPoint(null, '2026-11-01T00:00:00.000Z'),
          historyPoint('bronze', '2026-11-05T00:00:00.000Z'),
          historyPoint('silver', '2026-11-10T00:00:00.000Z'),
        ],
        security: [historyPoint(null, '2026-11-01T00:00:00.000Z')],
      },
    });
    await renderTab();

    const chart = await screen.findByRole('img', {
      name: 'Level history of Production readiness',
    });
    for (const tick of ['No level', 'Bronze', 'Silver', 'Gold']) {
      expect(within(chart).getByText(tick)).toBeInTheDocument();
    }
    expect(chart.querySelector('.recharts-line-curve')).toBeInTheDocument();
    // One point is not a history.
    expect(
      screen.queryByRole('img', { name: 'Level history of Security' }),
    ).not.toBeInTheDocument();
    expect(screen.getAllByText(/No level history yet/)).toHaveLength(1);
  });

  it('shows the empty history state when there is no point', async () => {
    serve({ entity: entityScorecards({ results: [readinessResult()] }) });
    await renderTab();
    expect(await screen.findByText(/No level history yet/)).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('shows the history’s error beside the checks', async () => {
    serve({ entity: entityScorecards({ results: [readinessResult()] }) });
    server.use(
      http.get(`${BASE_URL}/entity/history`, () =>
        backendError(500, 'Error', 'History table is missing'),
      ),
    );
    await renderTab();
    expect(
      await screen.findByText(
        'Could not load the level history: History table is missing',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('check-owner-is-group')).toBeInTheDocument();
  });

  it('says no scorecard applies when there are no results', async () => {
    serve({ entity: entityScorecards({ results: [], facts: [] }) });
    await renderTab();
    expect(
      await screen.findByText('No scorecard applies to this entity'),
    ).toBeInTheDocument();
  });

  it('offers to evaluate an entity the backend has not evaluated yet', async () => {
    serve({
      entity: () => backendError(404, 'NotFoundError', 'Unknown entity'),
    });
    server.use(
      http.post(`${BASE_URL}/entity/refresh`, () =>
        HttpResponse.json(entityScorecards({ results: [readinessResult()] })),
      ),
    );
    const user = userEvent.setup();
    await renderTab();
    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Re-evaluate' }));
    expect(
      await screen.findByTestId('current-production-readiness'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Not evaluated yet')).not.toBeInTheDocument();
  });

  it('shows the backend’s error', async () => {
    serve({
      entity: () =>
        backendError(500, 'Error', 'The scorecards database is unreachable'),
    });
    await renderTab();
    expect(
      await screen.findByText(/The scorecards database is unreachable/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
