import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  backendError,
  BASE_URL,
  renderWithOrchestrator,
  server,
  useMockServer,
  workloadEntity,
} from '../../__testUtils__/testApp';
import { workloadEnvironment } from '../../__testUtils__/fixtures';
import { OverviewCard } from './OverviewCard';

describe('OverviewCard', () => {
  useMockServer();

  it('lists each environment with its state and revision', async () => {
    server.use(
      http.get(`${BASE_URL}/workloads/checkout-service/environments`, () =>
        HttpResponse.json({
          items: [
            workloadEnvironment('development', 2),
            {
              ...workloadEnvironment('production', 1),
              latest: workloadEnvironment('production', 2, {
                state: 'pending-approval',
              }).latest,
            },
          ],
        }),
      ),
    );
    await renderWithOrchestrator(<OverviewCard />, {
      entity: workloadEntity(),
    });
    expect(
      await screen.findByRole('link', { name: 'development' }),
    ).toHaveAttribute(
      'href',
      // The catalog's entity route is not mounted here; the e2e test follows the real link.
      expect.stringContaining('/deployments?environment=development'),
    );
    expect(screen.getByText(/^revision 2,/)).toBeInTheDocument();
    expect(
      screen.getByText(/revision 1, .*\(revision 2 pending-approval\)/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('state-pending-approval')).toBeInTheDocument();
  });

  it('explains what to do when the workload was never deployed', async () => {
    server.use(
      http.get(`${BASE_URL}/workloads/checkout-service/environments`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    await renderWithOrchestrator(<OverviewCard />, {
      entity: workloadEntity(),
    });
    expect(await screen.findByText('Not deployed yet')).toBeInTheDocument();
  });

  it('shows the backend’s error', async () => {
    server.use(
      http.get(`${BASE_URL}/workloads/checkout-service/environments`, () =>
        backendError(403, 'NotAllowedError', 'You are not allowed to do this'),
      ),
    );
    await renderWithOrchestrator(<OverviewCard />, {
      entity: workloadEntity(),
    });
    expect(
      await screen.findByText(/You are not allowed to do this/),
    ).toBeInTheDocument();
  });
});
