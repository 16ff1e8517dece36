import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
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
  checkout,
  EXTENSION,
  extension,
  search,
  serve,
} from './__testUtils__/approvals';

// PlanView is someone else's; all that matters here is which plan it gets.
jest.mock('../PlanView', () => ({
  PlanView: ({ plan: shown }: { plan: { hash: string } }) =>
    require('react').createElement(
      'div',
      { 'data-testid': 'plan-view' },
      `plan ${shown.hash}`,
    ),
  PlanLoader: () => null,
}));

// MUI in jsdom is slow on a busy machine; nothing here is timed.
jest.setTimeout(15_000);

describe('ApprovalsPage', () => {
  useMockServer();

  it('lists pending deployments with the verdicts that asked for approval, and extension requests', async () => {
    const { planRequests } = serve();
    await renderWithOrchestrator(<ApprovalsPage />);

    const card = await screen.findByRole('article', { name: CHECKOUT });
    expect(within(card).getByText('revision 3')).toBeInTheDocument();
    expect(within(card).getByText('mei-chen')).toBeInTheDocument();
    expect(within(card).getByText('platform')).toBeInTheDocument();
    expect(
      await within(card).findByText('production-cost-approval'),
    ).toBeInTheDocument();
    expect(
      within(card).getByText(
        'Production cost 1240 USD a month is over 1000 USD',
      ),
    ).toBeInTheDocument();
    expect(
      within(card).getByText(
        'How to fix: Ask the platform team, or choose a smaller class.',
      ),
    ).toBeInTheDocument();
    // A warning is no reason for approval.
    expect(within(card).queryByText('require-probes')).not.toBeInTheDocument();

    const other = screen.getByRole('article', { name: 'search-api → staging' });
    expect(within(other).getByText('ana-lima')).toBeInTheDocument();
    expect(within(other).getByText('security, platform')).toBeInTheDocument();
    expect(
      await within(other).findByText(
        'A public ingress needs a security review',
      ),
    ).toBeInTheDocument();

    // One plan request per pending deployment, and the Plan section shows that plan.
    expect([...planRequests].sort()).toEqual([
      checkout.planHash,
      search.planHash,
    ]);
    await userEvent.click(within(card).getByRole('button', { name: 'Plan' }));
    expect(await within(card).findByTestId('plan-view')).toHaveTextContent(
      `plan ${checkout.planHash}`,
    );

    const request = screen.getByRole('article', { name: EXTENSION });
    expect(
      within(request).getByText(text =>
        text.startsWith(`keep until ${formatDate(extension.until)} (`),
      ),
    ).toBeInTheDocument();
    expect(within(request).getByText('jonas-weber')).toBeInTheDocument();
    expect(
      within(request).getByText(
        'Reason: The customer demo moved to next Thursday',
      ),
    ).toBeInTheDocument();
    expect(within(request).getByText('platform')).toBeInTheDocument();
  });

  it('says why a plan could not be loaded, and still lets the approver decide', async () => {
    serve({ items: [checkout], extensions: [] }, []);
    await renderWithOrchestrator(<ApprovalsPage />);

    const card = await screen.findByRole('article', { name: CHECKOUT });
    expect(
      await within(card).findByText(
        /The plan could not be loaded: No such plan/,
      ),
    ).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Plan' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(within(card).getByRole('button', { name: 'Approve' })).toBeEnabled();
  });

  it('shows the backend’s error when the list cannot be loaded', async () => {
    server.use(
      http.get(`${BASE_URL}/approvals`, () =>
        backendError(403, 'NotAllowedError', 'You are not allowed to do this'),
      ),
    );
    await renderWithOrchestrator(<ApprovalsPage />);
    expect(
      await screen.findByText(/You are not allowed to do this/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  });

  it('says what ends up here when nothing waits', async () => {
    serve({ items: [], extensions: [] });
    await renderWithOrchestrator(<ApprovalsPage />);
    expect(
      await screen.findByText('Nothing waits for your decision'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Deployments a guardrail sent for approval/),
    ).toHaveTextContent(/beyond its maximum lifetime/);
  });
});
