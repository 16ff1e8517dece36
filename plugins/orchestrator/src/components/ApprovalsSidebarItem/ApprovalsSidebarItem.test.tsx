import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  backendError,
  BASE_URL,
  renderWithOrchestrator,
  server,
  useMockServer,
} from '../../__testUtils__/testApp';
import {
  pendingDeployment,
  pendingExtension,
} from '../ApprovalsPage/__testUtils__/approvals';
import { plan } from '../../__testUtils__/fixtures';
import { ApprovalsPage } from '../ApprovalsPage';
import { ApprovalsSidebarItem } from './ApprovalsSidebarItem';

const pending = {
  items: [
    pendingDeployment(),
    pendingDeployment({ id: 'd-search-api-staging-7', workload: 'search-api' }),
  ],
  extensions: [pendingExtension()],
};

const failure = () => backendError(500, 'Error', 'The database is unavailable');

/** The link once its request has settled, whatever it answered. */
async function settledLink(name: string | RegExp = /^Approvals/) {
  const link = await screen.findByRole('link', { name });
  await waitFor(() => expect(link).toHaveAttribute('aria-busy', 'false'));
  return link;
}

// The page and its dialog are slow in jsdom on a busy machine; nothing here is timed.
jest.setTimeout(15_000);

describe('ApprovalsSidebarItem', () => {
  useMockServer();

  it('links to the Approvals page with the number of pending items', async () => {
    server.use(
      http.get(`${BASE_URL}/approvals`, () => HttpResponse.json(pending)),
    );
    await renderWithOrchestrator(<ApprovalsSidebarItem />);

    const link = await screen.findByRole('link', {
      name: 'Approvals, 3 pending approvals',
    });
    expect(link).toHaveAttribute('href', '/approvals');
    expect(within(link).getByText('3')).toBeInTheDocument();
  });

  it('shows no count when nothing is pending', async () => {
    server.use(
      http.get(`${BASE_URL}/approvals`, () =>
        HttpResponse.json({ items: [], extensions: [] }),
      ),
    );
    await renderWithOrchestrator(<ApprovalsSidebarItem />);

    const link = await settledLink();
    expect(link).toHaveAccessibleName('Approvals');
    expect(within(link).queryByText(/\d/)).not.toBeInTheDocument();
  });

  it('shows no count when the request fails', async () => {
    let requests = 0;
    server.use(
      http.get(`${BASE_URL}/approvals`, () => {
        requests += 1;
        return failure();
      }),
    );
    await renderWithOrchestrator(<ApprovalsSidebarItem />);

    const link = await settledLink();
    expect(requests).toBe(1);
    expect(link).toHaveAccessibleName('Approvals');
    expect(within(link).queryByText(/\d/)).not.toBeInTheDocument();
  });

  it('refreshes every minute, and drops the count rather than keep a stale one', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      let answer = () => HttpResponse.json(pending);
      let requests = 0;
      server.use(
        http.get(`${BASE_URL}/approvals`, () => {
          requests += 1;
          return answer();
        }),
      );
      await renderWithOrchestrator(<ApprovalsSidebarItem />);
      await screen.findByRole('link', {
        name: 'Approvals, 3 pending approvals',
      });

      answer = () =>
        HttpResponse.json({ items: pending.items, extensions: [] });
      await act(async () => {
        jest.advanceTimersByTime(60_000);
      });
      await screen.findByRole('link', {
        name: 'Approvals, 2 pending approvals',
      });

      answer = failure;
      await act(async () => {
        jest.advanceTimersByTime(60_000);
      });
      const link = await settledLink('Approvals');
      expect(within(link).queryByText(/\d/)).not.toBeInTheDocument();
      expect(requests).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('counts down as soon as the Approvals page decides', async () => {
    let decided = false;
    server.use(
      http.get(`${BASE_URL}/approvals`, () =>
        HttpResponse.json(decided ? { ...pending, extensions: [] } : pending),
      ),
      http.get(`${BASE_URL}/plans/:hash`, ({ params }) =>
        HttpResponse.json(plan({ hash: String(params.hash) })),
      ),
      http.post(`${BASE_URL}/extensions/:id/approve`, () => {
        decided = true;
        return HttpResponse.json({ ...pendingExtension(), state: 'approved' });
      }),
    );
    await renderWithOrchestrator(
      <>
        <ApprovalsSidebarItem />
        <ApprovalsPage />
      </>,
    );
    await screen.findByRole('link', { name: 'Approvals, 3 pending approvals' });

    const extension = await screen.findByRole('article', {
      name: 'pr-42 extension',
    });
    await userEvent.click(
      within(extension).getByRole('button', { name: 'Approve' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Approve',
      }),
    );

    expect(
      await screen.findByRole('link', {
        name: 'Approvals, 2 pending approvals',
      }),
    ).toBeInTheDocument();
  });
});
