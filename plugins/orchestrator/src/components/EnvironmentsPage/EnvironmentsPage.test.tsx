import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import {
  BASE_URL,
  renderWithOrchestrator,
  server,
  useMockServer,
} from '../../__testUtils__/testApp';
import { formatDate } from '../shared';
import {
  ephemeral,
  findRow,
  notAllowed,
  platformEnvironment,
  running,
  serveEnvironments,
} from './__testUtils__/environments';
import { EnvironmentsPage } from './EnvironmentsPage';

// The table renders slowly in jsdom, more so beside other suites: these are
// limits for a slow machine, not expectations about speed.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });

const CREATE = '/create/templates/default/ephemeral-environment';

describe('EnvironmentsPage', () => {
  useMockServer();

  it('lists environments with their cost from one inventory and the time left', async () => {
    const preview = ephemeral('pr-42');
    const requests = serveEnvironments({
      environments: [
        preview,
        ephemeral('pr-7', {
          owner: 'user:default/ana-lima',
          costCap: { amount: 5, currency: 'USD' },
        }),
        platformEnvironment('production'),
        platformEnvironment('preview', {
          type: 'ephemeral',
          costCap: { amount: 50, currency: 'USD' },
        }),
      ],
      running: [
        running('checkout-service', 'pr-42', [
          { amount: 10, currency: 'USD' },
          undefined,
        ]),
        running('web', 'pr-42', [{ amount: 2, currency: 'USD' }]),
        running('checkout-service', 'pr-7', [
          { amount: 4, currency: 'USD' },
          { amount: 3, currency: 'EUR' },
        ]),
        running('web', 'pr-7', [{ amount: 2, currency: 'USD' }]),
        running('checkout-service', 'production', [
          { amount: 1240, currency: 'USD' },
        ]),
      ],
    });
    await renderWithOrchestrator(<EnvironmentsPage />);

    const row = await findRow('pr-42');
    expect(within(row).getByText('preview')).toBeInTheDocument();
    expect(within(row).getByText('payments')).toBeInTheDocument();
    expect(within(row).getByTestId('state-active')).toBeInTheDocument();
    expect(within(row).getByText('mei-chen')).toBeInTheDocument();
    expect(within(row).getByText('2h 0m ago')).toBeInTheDocument();
    expect(within(row).getByText('in 3h 20m')).toHaveAttribute(
      'title',
      formatDate(preview.expiresAt),
    );
    expect(
      within(row).getByText('12.00 USD of 50.00 USD cap'),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('button', { name: 'Extend pr-42' }),
    ).toBeInTheDocument();

    // Currencies are summed apart; the cap compares with its own currency.
    expect(
      within(await findRow('pr-7')).getByText(
        '6.00 USD + 3.00 EUR of 5.00 USD cap',
      ),
    ).toHaveAttribute('title', 'Over its cost cap');

    const production = await findRow('production');
    expect(within(production).getByText('1,240.00 USD')).toBeInTheDocument();
    expect(within(production).getByText('never')).toBeInTheDocument();
    expect(within(production).queryByRole('button')).not.toBeInTheDocument();
    // The template itself is listed as ephemeral but is the platform's: no actions.
    const template = await findRow('preview');
    expect(
      within(template).getByText('0.00 USD of 50.00 USD cap'),
    ).toBeInTheDocument();
    expect(within(template).queryByRole('button')).not.toBeInTheDocument();

    expect(requests.listed).toHaveLength(1);
    expect(requests.inventories()).toBe(1);
  });

  it('sends the filters to the backend as query parameters', async () => {
    const requests = serveEnvironments({
      environments: (_load, url) =>
        [
          ephemeral('pr-42'),
          ephemeral('pr-7', { owner: 'user:default/ana-lima' }),
        ].filter(
          e =>
            !url.searchParams.get('owner') ||
            e.owner === url.searchParams.get('owner'),
        ),
    });
    const user = userEvent.setup();
    await renderWithOrchestrator(<EnvironmentsPage />);
    await findRow('pr-42');
    expect(Object.fromEntries(requests.listed[0].searchParams)).toEqual({
      state: 'active',
    });

    await user.selectOptions(screen.getByLabelText('Type'), 'ephemeral');
    await waitFor(() => expect(requests.listed).toHaveLength(2));
    expect(Object.fromEntries(requests.listed[1].searchParams)).toEqual({
      state: 'active',
      type: 'ephemeral',
    });

    await user.selectOptions(screen.getByLabelText('Owner'), 'ana-lima');
    await waitFor(() => expect(requests.listed).toHaveLength(3));
    expect(Object.fromEntries(requests.listed[2].searchParams)).toEqual({
      state: 'active',
      type: 'ephemeral',
      owner: 'user:default/ana-lima',
    });
    await waitFor(() =>
      expect(screen.queryByText('pr-42')).not.toBeInTheDocument(),
    );
    // Owners seen before stay choices while the list shows one owner.
    expect(
      within(screen.getByLabelText('Owner')).getByRole('option', {
        name: 'payments',
      }),
    ).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('State'), 'any');
    await waitFor(() => expect(requests.listed).toHaveLength(4));
    expect(Object.fromEntries(requests.listed[3].searchParams)).toEqual({
      type: 'ephemeral',
      owner: 'user:default/ana-lima',
    });
    expect(requests.inventories()).toBe(4);
  });

  it('shows the backend’s error when the list fails', async () => {
    server.use(
      http.get(`${BASE_URL}/environments`, notAllowed),
      http.get(`${BASE_URL}/inventory`, () => notAllowed()),
    );
    await renderWithOrchestrator(<EnvironmentsPage />);
    expect(
      await screen.findByText(/You are not allowed to do this/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('explains what to do when no environment matches', async () => {
    serveEnvironments({ environments: [] });
    await renderWithOrchestrator(<EnvironmentsPage />);
    expect(
      await screen.findByText('No environment matches these filters'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/create an ephemeral environment with the template/),
    ).toBeInTheDocument();
    const links = screen.getAllByRole('button', { name: 'Create environment' });
    // One in the header, one in the empty state.
    expect(links).toHaveLength(2);
    for (const link of links) {
      expect(link).toHaveAttribute('href', expect.stringContaining(CREATE));
    }
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
