import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  backendError,
  BASE_URL,
  renderWithOrchestrator,
  server,
  useMockServer,
} from '../../__testUtils__/testApp';
import { plan } from '../../__testUtils__/fixtures';
import { PlanLoader } from './PlanLoader';

const HASH = 'c'.repeat(64);

describe('PlanLoader', () => {
  useMockServer();

  it('loads the plan by its hash and shows it', async () => {
    server.use(
      http.get(`${BASE_URL}/plans/${HASH}`, () =>
        HttpResponse.json(plan({ hash: HASH, namespace: 'loaded-namespace' })),
      ),
    );
    await renderWithOrchestrator(<PlanLoader hash={HASH} />);
    const summary = await screen.findByRole('region', { name: 'Summary' });
    expect(within(summary).getByText('loaded-namespace')).toBeInTheDocument();
    expect(within(summary).getByText(HASH.slice(0, 12))).toHaveAttribute(
      'title',
      HASH,
    );
  });

  it('shows the backend’s error', async () => {
    server.use(
      http.get(`${BASE_URL}/plans/${HASH}`, () =>
        backendError(404, 'NotFoundError', `No plan with hash ${HASH}`),
      ),
    );
    await renderWithOrchestrator(<PlanLoader hash={HASH} />);
    const shown = await screen.findAllByText(
      new RegExp(`No plan with hash ${HASH}`),
    );
    expect(shown[0]).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Summary' }),
    ).not.toBeInTheDocument();
  });
});
