import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  backendError,
  BASE_URL,
  server,
  useMockServer,
} from '../../__testUtils__/testApp';
import {
  entityScorecards,
  readinessResult,
  STALE_REASON,
} from '../../__testUtils__/fixtures';
import { formatDate } from '../shared';
import { renderTab, serve } from './__testUtils__/tab';

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
