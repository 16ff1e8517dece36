import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  backendError,
  BASE_URL,
  componentEntity,
  renderWithScorecards,
  server,
  useMockServer,
} from '../../__testUtils__/testApp';
import {
  entityScorecards,
  productionReadiness,
  readinessResult,
  security,
  securityResult,
  STALE_REASON,
} from '../../__testUtils__/fixtures';
import { ScorecardsCard } from './ScorecardsCard';

function serve(entity: ReturnType<typeof entityScorecards>) {
  server.use(
    http.get(`${BASE_URL}/entity`, () => HttpResponse.json(entity)),
    http.get(`${BASE_URL}/scorecards`, () =>
      HttpResponse.json({
        items: [productionReadiness, security],
        sources: [],
      }),
    ),
  );
}

describe('ScorecardsCard', () => {
  useMockServer();

  it('shows each scorecard’s level and the next level’s failing checks with their fix', async () => {
    serve(entityScorecards());
    await renderWithScorecards(<ScorecardsCard />, {
      entity: componentEntity(),
    });

    const readiness = await screen.findByTestId(
      'scorecard-production-readiness',
    );
    expect(
      within(readiness).getByText('Production readiness'),
    ).toBeInTheDocument();
    expect(within(readiness).getByTestId('level-bronze')).toHaveTextContent(
      'Bronze',
    );
    expect(within(readiness).getByText('To reach Silver:')).toBeInTheDocument();
    const docs = within(readiness).getByText('Docs are built').closest('li')!;
    expect(within(docs).getByTestId('outcome-fail')).toBeInTheDocument();
    expect(
      within(docs).getByText(
        'Add mkdocs.yml and the backstage.io/techdocs-ref annotation.',
      ),
    ).toBeInTheDocument();
    // Passing checks and checks of higher levels are not next steps.
    expect(
      within(readiness).queryByText('Owned by a group'),
    ).not.toBeInTheDocument();
    expect(
      within(readiness).queryByText('At least five pages of docs'),
    ).not.toBeInTheDocument();

    const securityCard = screen.getByTestId('scorecard-security');
    expect(within(securityCard).getByTestId('level-none')).toHaveTextContent(
      'No level yet',
    );
    expect(
      within(securityCard).getByText('To reach Bronze:'),
    ).toBeInTheDocument();
    expect(
      within(securityCard).getByText('Drop privileges in score.yaml.'),
    ).toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'All checks' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-service/scorecards',
    );
  });

  it('shows an unknown check as unknown with its reason, not as failed', async () => {
    serve(entityScorecards());
    await renderWithScorecards(<ScorecardsCard />, {
      entity: componentEntity(),
    });
    const ci = (await screen.findByText('Has a CI workflow')).closest('li')!;
    expect(within(ci).getByTestId('outcome-unknown')).toHaveTextContent(
      'unknown',
    );
    expect(within(ci).queryByTestId('outcome-fail')).not.toBeInTheDocument();
    expect(
      within(ci).getByText(`unknown: ${STALE_REASON}`),
    ).toBeInTheDocument();
    expect(
      within(ci).getByText('Add a workflow under .github/workflows/.'),
    ).toBeInTheDocument();
  });

  it('says so when the highest level is reached', async () => {
    serve(
      entityScorecards({
        results: [
          readinessResult({ level: 'gold', nextLevel: null }),
          securityResult(),
        ],
      }),
    );
    await renderWithScorecards(<ScorecardsCard />, {
      entity: componentEntity(),
    });
    const readiness = await screen.findByTestId(
      'scorecard-production-readiness',
    );
    expect(within(readiness).getByTestId('level-gold')).toBeInTheDocument();
    expect(
      within(readiness).getByText('Highest level reached.'),
    ).toBeInTheDocument();
  });

  it('says no scorecard applies when there are no results', async () => {
    serve(entityScorecards({ results: [], facts: [] }));
    await renderWithScorecards(<ScorecardsCard />, {
      entity: componentEntity(),
    });
    expect(
      await screen.findByText('No scorecard applies to this entity'),
    ).toBeInTheDocument();
  });

  it('says the entity is not evaluated yet when the backend does not know it', async () => {
    server.use(
      http.get(`${BASE_URL}/entity`, () =>
        backendError(404, 'NotFoundError', 'No results for this entity'),
      ),
      http.get(`${BASE_URL}/scorecards`, () =>
        HttpResponse.json({ items: [], sources: [] }),
      ),
    );
    await renderWithScorecards(<ScorecardsCard />, {
      entity: componentEntity(),
    });
    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();
  });

  it('shows the backend’s error', async () => {
    server.use(
      http.get(`${BASE_URL}/entity`, () =>
        backendError(500, 'Error', 'The scorecards database is unreachable'),
      ),
      http.get(`${BASE_URL}/scorecards`, () =>
        HttpResponse.json({ items: [], sources: [] }),
      ),
    );
    await renderWithScorecards(<ScorecardsCard />, {
      entity: componentEntity(),
    });
    expect(
      await screen.findByText(/The scorecards database is unreachable/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId(/^scorecard-/)).not.toBeInTheDocument();
  });
});
