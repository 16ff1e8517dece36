import { configure, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { EnvironmentExtension } from '../../api';
import { BASE_URL, server, useMockServer } from '../../__testUtils__/testApp';
import { formatDate } from '../shared';
import {
  openRowDialog,
  ephemeral,
  findRow,
  fromNow,
  HOUR,
  notAllowed,
  serveEnvironments,
} from './__testUtils__/environments';
import { EnvironmentsPage } from './EnvironmentsPage';

// The table renders slowly in jsdom, more so beside other suites: these are
// limits for a slow machine, not expectations about speed.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });

/** Renders the page with pr-42 and opens its Extend dialog. */
async function openExtend(
  environments: Parameters<typeof serveEnvironments>[0]['environments'] = [
    ephemeral('pr-42'),
  ],
) {
  const requests = serveEnvironments({ environments });
  const { user, dialog } = await openRowDialog(
    <EnvironmentsPage />,
    'Extend',
    'pr-42',
    'Extend pr-42',
  );
  return { requests, user, dialog };
}

describe('ExtendDialog', () => {
  useMockServer();

  it('extends within the maximum at once and refreshes the row', async () => {
    const extended = ephemeral('pr-42', {
      expiresAt: fromNow(24 * HOUR + 10_000),
    });
    const { requests, user, dialog } = await openExtend(load =>
      load === 1 ? [ephemeral('pr-42')] : [extended],
    );
    const bodies: unknown[] = [];
    server.use(
      http.post(
        `${BASE_URL}/environments/pr-42/extend`,
        async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json(extended);
        },
      ),
    );

    await user.click(within(dialog).getByLabelText('1 day'));
    await user.click(within(dialog).getByRole('button', { name: 'Extend' }));

    expect(
      await screen.findByText(
        `Extended pr-42: it now expires on ${formatDate(
          extended.expiresAt,
        )} (in 1d 0h).`,
      ),
    ).toBeInTheDocument();
    expect(bodies).toEqual([{ by: '1d' }]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(requests.listed).toHaveLength(2));
    expect(
      within(await findRow('pr-42')).getByText('in 1d 0h'),
    ).toBeInTheDocument();
  });

  it('validates a typed duration, then asks for approval beyond the maximum', async () => {
    const { requests, user, dialog } = await openExtend();
    const bodies: unknown[] = [];
    const extension: EnvironmentExtension = {
      id: 'x-1',
      environment: 'pr-42',
      until: fromNow(10 * 24 * HOUR),
      state: 'pending-approval',
      requestedBy: 'user:default/mei-chen',
      reason: 'The customer demo moved',
      approvers: ['group:default/platform'],
      createdAt: fromNow(0),
    };
    server.use(
      http.post(
        `${BASE_URL}/environments/pr-42/extend`,
        async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json(extension, { status: 202 });
        },
      ),
    );

    await user.click(within(dialog).getByLabelText('Other'));
    const duration = within(dialog).getByLabelText('Duration');
    await user.type(duration, '2 days');
    expect(
      within(dialog).getByText(
        'Write a number followed by m, h or d, e.g. "36h" or "2d".',
      ),
    ).toBeInTheDocument();
    const extend = within(dialog).getByRole('button', { name: 'Extend' });
    expect(extend).toBeDisabled();

    await user.clear(duration);
    await user.type(duration, '10d');
    expect(extend).toBeEnabled();
    await user.type(
      within(dialog).getByLabelText('Reason'),
      '  The customer demo moved ',
    );
    await user.click(extend);

    const notice = await screen.findByText(/waits for approval by platform/);
    expect(notice).toHaveTextContent(formatDate(extension.until));
    expect(notice).toHaveTextContent(/Approvals page/);
    expect(bodies).toEqual([{ by: '10d', reason: 'The customer demo moved' }]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // Nothing changed yet, so nothing to reload.
    expect(requests.listed).toHaveLength(1);
  });

  it('shows the backend’s error in the dialog and keeps it open', async () => {
    const { requests, user, dialog } = await openExtend();
    server.use(http.post(`${BASE_URL}/environments/pr-42/extend`, notAllowed));

    await user.click(within(dialog).getByRole('button', { name: 'Extend' }));

    expect(
      await within(dialog).findByText('You are not allowed to do this'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('dialog', { name: 'Extend pr-42' }),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Extend' }),
    ).toBeEnabled();
    expect(requests.listed).toHaveLength(1);
  });
});
