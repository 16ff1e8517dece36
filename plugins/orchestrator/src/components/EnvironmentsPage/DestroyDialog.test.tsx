import { configure, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { BASE_URL, server, useMockServer } from '../../__testUtils__/testApp';
import {
  openRowDialog,
  ephemeral,
  running,
  serveEnvironments,
} from './__testUtils__/environments';
import { EnvironmentsPage } from './EnvironmentsPage';

// The table renders slowly in jsdom, more so beside other suites: these are
// limits for a slow machine, not expectations about speed.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });

/** Renders the page with pr-42 running two workloads and opens its Destroy dialog. */
async function openDestroy() {
  const requests = serveEnvironments({
    // After the destroy, the active list no longer has it.
    environments: load => (load === 1 ? [ephemeral('pr-42')] : []),
    running: [
      running('checkout-service', 'pr-42', []),
      running('web', 'pr-42', []),
    ],
  });
  const { user, dialog } = await openRowDialog(
    <EnvironmentsPage />,
    'Destroy',
    'pr-42',
    'Destroy pr-42?',
  );
  return { requests, user, dialog };
}

describe('DestroyDialog', () => {
  useMockServer();

  it('asks for the environment’s name, then destroys it and refreshes', async () => {
    const { requests, user, dialog } = await openDestroy();
    const deleted: string[] = [];
    server.use(
      http.delete(`${BASE_URL}/environments/:name`, ({ params }) => {
        deleted.push(params.name as string);
        return HttpResponse.json(
          ephemeral('pr-42', {
            state: 'destroyed',
            destroyedAt: new Date().toISOString(),
          }),
        );
      }),
    );

    expect(dialog).toHaveTextContent(
      /removes the artifacts of every workload deployed to it/,
    );
    expect(dialog).toHaveTextContent(
      'Running there now: checkout-service, web.',
    );
    expect(dialog).toHaveTextContent('This cannot be undone.');
    const destroy = within(dialog).getByRole('button', { name: 'Destroy' });
    expect(destroy).toBeDisabled();

    const confirm = within(dialog).getByLabelText('Type pr-42 to confirm');
    await user.type(confirm, 'pr-4');
    expect(destroy).toBeDisabled();

    await user.type(confirm, '2');
    expect(destroy).toBeEnabled();
    await user.click(destroy);

    expect(
      await screen.findByText(
        "Destroyed pr-42: its workloads' artifacts are removed.",
      ),
    ).toBeInTheDocument();
    expect(deleted).toEqual(['pr-42']);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(requests.listed).toHaveLength(2));
    expect(
      await screen.findByText('No environment matches these filters'),
    ).toBeInTheDocument();
  });

  it('shows the backend’s error in the dialog and keeps it open', async () => {
    const { requests, user, dialog } = await openDestroy();
    server.use(
      http.delete(`${BASE_URL}/environments/pr-42`, () =>
        HttpResponse.json(
          // The shape Backstage's error handler answers with.
          {
            error: {
              name: 'ConflictError',
              message: 'Environment "pr-42" is being destroyed by someone else',
            },
            request: { method: 'DELETE', url: '/environments/pr-42' },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );

    await user.type(
      within(dialog).getByLabelText('Type pr-42 to confirm'),
      'pr-42',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Destroy' }));

    expect(
      await within(dialog).findByText(
        'Environment "pr-42" is being destroyed by someone else',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('dialog', { name: 'Destroy pr-42?' }),
    ).toBeInTheDocument();
    expect(requests.listed).toHaveLength(1);
  });
});
