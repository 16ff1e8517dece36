import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  backendError,
  BASE_URL,
  renderWithOrchestrator,
  server,
  useMockServer,
} from '../../__testUtils__/testApp';
import { formatDate } from '../shared';
import { ApprovalsPage } from './ApprovalsPage';
import {
  CHECKOUT,
  errorBody,
  EXTENSION,
  extension,
  openDialog,
  serve,
  toasts,
} from './__testUtils__/approvals';

// MUI dialogs in jsdom are slow on a busy machine; nothing here is timed.
jest.setTimeout(15_000);

describe('ApprovalsPage decisions', () => {
  useMockServer();

  it('approves a deployment with a comment and takes it off the list', async () => {
    const { decisions } = serve();
    const { apis } = await renderWithOrchestrator(<ApprovalsPage />);

    const dialog = await openDialog(CHECKOUT, 'Approve');
    expect(dialog).toHaveTextContent(
      'Approve checkout-service revision 3 for production?',
    );
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: 'Comment (optional)' }),
    );
    await userEvent.paste('Cost agreed with finance');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    await waitFor(() =>
      expect(
        screen.queryByRole('article', { name: CHECKOUT }),
      ).not.toBeInTheDocument(),
    );
    expect(decisions).toEqual([
      {
        path: '/deployments/d-production-3/approve',
        body: { comment: 'Cost agreed with finance' },
      },
    ]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(toasts(apis)).toEqual([
      expect.objectContaining({
        title: 'Approved checkout-service revision 3 for production',
        status: 'success',
      }),
    ]);
    expect(
      screen.getByRole('article', { name: 'search-api → staging' }),
    ).toBeInTheDocument();
  });

  it('rejects an extension request and says when nothing is left', async () => {
    const { decisions } = serve({ items: [], extensions: [extension] });
    const { apis } = await renderWithOrchestrator(<ApprovalsPage />);

    const dialog = await openDialog(EXTENSION, 'Reject');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );

    expect(
      await screen.findByText('Nothing waits for your decision'),
    ).toBeInTheDocument();
    expect(decisions).toEqual([
      { path: '/extensions/x-pr-42/reject', body: {} },
    ]);
    expect(toasts(apis)).toEqual([
      expect.objectContaining({
        title: `Rejected keeping pr-42 until ${formatDate(extension.until)}`,
      }),
    ]);
  });

  it('shows a 403 in the dialog and keeps it open', async () => {
    serve();
    server.use(
      http.post(`${BASE_URL}/deployments/:id/approve`, () =>
        backendError(403, 'NotAllowedError', 'You are not allowed to do this'),
      ),
    );
    const { apis } = await renderWithOrchestrator(<ApprovalsPage />);

    const dialog = await openDialog(CHECKOUT, 'Approve');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(
      await within(dialog).findByText('You are not allowed to do this'),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    // Behind the open dialog, the page is hidden from the accessibility tree.
    expect(
      screen.getByRole('article', { name: CHECKOUT, hidden: true }),
    ).toBeInTheDocument();
    expect(toasts(apis)).toEqual([]);
  });

  it('shows a 409 for an extension someone else decided', async () => {
    serve();
    server.use(
      http.post(`${BASE_URL}/extensions/:id/approve`, () =>
        HttpResponse.json(
          {
            ...errorBody(
              'ConflictError',
              'Extension x-pr-42 is approved, not waiting for approval',
            ),
            request: { method: 'POST', url: '/extensions/x-pr-42/approve' },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );
    await renderWithOrchestrator(<ApprovalsPage />);

    const dialog = await openDialog(EXTENSION, 'Approve');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(
      await within(dialog).findByText(
        'Extension x-pr-42 is approved, not waiting for approval',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(
      screen.getByRole('article', { name: EXTENSION, hidden: true }),
    ).toBeInTheDocument();
  });

  it('refuses a comment over 2000 characters', async () => {
    const { decisions } = serve();
    await renderWithOrchestrator(<ApprovalsPage />);

    const dialog = await openDialog(CHECKOUT, 'Reject');
    await userEvent.click(within(dialog).getByRole('textbox'));
    await userEvent.paste('x'.repeat(2001));

    expect(
      within(dialog).getByText(
        'A comment is at most 2000 characters; this one has 2001.',
      ),
    ).toBeInTheDocument();
    const reject = within(dialog).getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();
    expect(decisions).toEqual([]);
  });
});
