import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { OverviewRow } from '@paved/plugin-scorecards-common';
import {
  backendError,
  BASE_URL,
  recordRequests,
  renderWithScorecards,
  server,
  useMockServer,
} from '../../__testUtils__/testApp';
import {
  overviewRow,
  productionReadiness,
  security,
} from '../../__testUtils__/fixtures';
import { overviewCsv } from './csv';
import { ScorecardsPage } from './ScorecardsPage';

// The table renders slowly in jsdom, more so beside other suites: these are
// limits for a slow machine, not expectations about speed.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });

const ROWS: OverviewRow[] = [
  overviewRow('checkout-service', { title: 'Checkout' }),
  overviewRow('web', {
    owner: 'group:default/web',
    system: 'system:default/storefront',
    levels: { 'production-readiness': 'gold', security: 'silver' },
  }),
  overviewRow('payments-api', {
    entityRef: 'api:default/payments-api',
    kind: 'API',
    levels: { security: 'bronze' },
  }),
];

/** Answers the page's requests; the overview filters ROWS by the owners and systems asked for. */
function serve(rows: OverviewRow[] | (() => Response) = ROWS) {
  server.use(
    http.get(`${BASE_URL}/scorecards`, () =>
      HttpResponse.json({
        items: [productionReadiness, security],
        sources: [],
      }),
    ),
    http.get(`${BASE_URL}/overview`, ({ request }) => {
      if (typeof rows === 'function') return rows();
      const query = new URL(request.url).searchParams;
      const owners = query.getAll('owner');
      const systems = query.getAll('system');
      return HttpResponse.json({
        items: rows.filter(
          r =>
            (!owners.length || owners.includes(r.owner!)) &&
            (!systems.length || systems.includes(r.system!)),
        ),
      });
    }),
  );
}

/** The table row whose first cell, the entity, is `name`. */
function findRow(name: string): Promise<HTMLElement> {
  return waitFor(() => {
    // A CSS query: role queries over the whole table are slow in jsdom.
    const row = Array.from(document.querySelectorAll('tbody tr')).find(
      r => r.querySelector('td')?.textContent === name,
    ) as HTMLElement | undefined;
    if (!row) throw new Error(`No row for ${name}`);
    return row;
  });
}

describe('ScorecardsPage', () => {
  useMockServer();

  it('lists every entity with its level per scorecard, linking to its page', async () => {
    serve();
    await renderWithScorecards(<ScorecardsPage />);

    const checkout = await findRow('Checkout');
    expect(
      within(checkout).getByRole('link', { name: 'Checkout' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-service');
    expect(within(checkout).getByText('Component')).toBeInTheDocument();
    expect(within(checkout).getByText('payments')).toBeInTheDocument();
    expect(within(checkout).getByText('checkout')).toBeInTheDocument();
    expect(within(checkout).getByTestId('level-bronze')).toBeInTheDocument();
    expect(within(checkout).getByTestId('level-none')).toBeInTheDocument();

    const api = await findRow('payments-api');
    expect(
      within(api).getByRole('link', { name: 'payments-api' }),
    ).toHaveAttribute('href', '/catalog/default/api/payments-api');
    // Production readiness does not apply to the API.
    expect(
      within(api).getByTitle('This scorecard does not apply'),
    ).toBeInTheDocument();
    expect(within(api).getByTestId('level-bronze')).toBeInTheDocument();

    const headers = Array.from(document.querySelectorAll('thead th')).map(
      th => th.textContent,
    );
    expect(headers).toEqual([
      'Entity',
      'Kind',
      'Owner',
      'System',
      'Production readiness',
      'Security',
      'Evaluated',
    ]);
    expect(screen.getByText('3 entities')).toBeInTheDocument();
  });

  it('sends the chosen owners and systems to the backend', async () => {
    serve();
    const requests = recordRequests();
    const user = userEvent.setup();
    await renderWithScorecards(<ScorecardsPage />);
    await findRow('web');
    const overviews = () => requests.filter(r => r.startsWith('GET /overview'));
    expect(overviews()).toEqual(['GET /overview']);

    await user.click(screen.getByLabelText('Owner'));
    await user.click(await screen.findByRole('option', { name: 'payments' }));
    await waitFor(() => expect(overviews()).toHaveLength(2));
    expect(overviews()[1]).toBe(
      'GET /overview?owner=group%3Adefault%2Fpayments',
    );
    await waitFor(() =>
      expect(screen.queryByText('web')).not.toBeInTheDocument(),
    );

    // Owners seen before stay choices while the list shows one owner.
    await user.click(screen.getByLabelText('Owner'));
    await user.click(await screen.findByRole('option', { name: 'web' }));
    await waitFor(() => expect(overviews()).toHaveLength(3));
    expect(overviews()[2]).toBe(
      'GET /overview?owner=group%3Adefault%2Fpayments&owner=group%3Adefault%2Fweb',
    );

    await user.click(screen.getByLabelText('System'));
    await user.click(await screen.findByRole('option', { name: 'storefront' }));
    await waitFor(() => expect(overviews()).toHaveLength(4));
    expect(overviews()[3]).toBe(
      'GET /overview?owner=group%3Adefault%2Fpayments&owner=group%3Adefault%2Fweb&system=system%3Adefault%2Fstorefront',
    );
    expect(await findRow('web')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByText('Checkout')).not.toBeInTheDocument(),
    );
  });

  it('charts each team’s levels for the chosen scorecard', async () => {
    serve();
    const user = userEvent.setup();
    await renderWithScorecards(<ScorecardsPage />);

    const chart = await screen.findByRole('img', {
      name: 'Levels of Production readiness per team',
    });
    for (const label of ['No level', 'Bronze', 'Silver', 'Gold']) {
      expect(
        within(chart).getByText(label, {
          selector: '.recharts-legend-item-text',
        }),
      ).toBeInTheDocument();
    }
    // The owners are the x axis: both teams have entities production readiness applies to.
    expect(within(chart).getByText('payments')).toBeInTheDocument();
    expect(within(chart).getByText('web')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Scorecard'), 'Security');
    const securityChart = await screen.findByRole('img', {
      name: 'Levels of Security per team',
    });
    expect(
      Array.from(
        securityChart.querySelectorAll('.recharts-legend-item-text'),
      ).map(e => e.textContent),
    ).toEqual(['No level', 'Bronze', 'Silver']);
  });

  it('exports the rows shown as CSV', async () => {
    serve();
    const created: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:scorecards';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: HTMLAnchorElement[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this);
      });
    const user = userEvent.setup();
    try {
      await renderWithScorecards(<ScorecardsPage />);
      await findRow('web');
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    } finally {
      click.mockRestore();
    }

    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toMatch(/^scorecards-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(clicked[0].href).toBe('blob:scorecards');
    expect(created[0].type).toBe('text/csv;charset=utf-8');
    const text = await created[0].text();
    expect(text).toBe(overviewCsv(ROWS, [productionReadiness, security]));
    expect(text.split('\r\n')[3]).toBe(
      'api:default/payments-api,API,group:default/payments,system:default/checkout,,bronze,2026-11-20T10:00:00.000Z',
    );
  });

  it('explains when no entity has been evaluated', async () => {
    serve([]);
    await renderWithScorecards(<ScorecardsPage />);
    expect(
      await screen.findByText('No entity has been evaluated yet'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the backend’s error', async () => {
    serve(() =>
      backendError(403, 'NotAllowedError', 'You are not allowed to see this'),
    );
    await renderWithScorecards(<ScorecardsPage />);
    expect(
      await screen.findByText(/You are not allowed to see this/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });
});
