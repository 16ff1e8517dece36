import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  backendError,
  BASE_URL,
  recordRequests,
  server,
  useMockServer,
} from '../../__testUtils__/testApp';
import {
  ENTITY_REF,
  entityScorecards,
  historyPoint,
  readinessResult,
} from '../../__testUtils__/fixtures';
import { renderTab, serve } from './__testUtils__/tab';

describe('ScorecardsTab: re-evaluating and history', () => {
  useMockServer();

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
});
