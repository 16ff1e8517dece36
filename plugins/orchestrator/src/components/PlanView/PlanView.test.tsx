import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithOrchestrator } from '../../__testUtils__/testApp';
import { plan } from '../../__testUtils__/fixtures';
import { PlanView } from './PlanView';

const region = (name: string | RegExp) => screen.getByRole('region', { name });

// By its label: a tree item's accessible name takes in all its children's, which is slow to compute.
const treeItem = (label: string) =>
  within(screen.getByRole('tree', { name: 'Artifacts' }))
    .getByText(label)
    .closest('[role="treeitem"]');

/** Renders and waits for the lazily loaded YAML viewer, so nothing settles after the test. */
async function renderPlanView(element: JSX.Element) {
  const result = await renderWithOrchestrator(element);
  await waitFor(() =>
    expect(document.querySelector('pre code')).toBeInTheDocument(),
  );
  return result;
}

describe('PlanView', () => {
  it('summarises the plan', async () => {
    await renderPlanView(<PlanView plan={plan()} />);
    const summary = within(region('Summary'));
    expect(summary.getByText('checkout-service')).toBeInTheDocument();
    expect(summary.getByText('production (production)')).toBeInTheDocument();
    expect(
      summary.getByText('checkout-service-production'),
    ).toBeInTheDocument();
    expect(summary.getByText('1,240.00 USD')).toBeInTheDocument();
    for (const count of ['0 deny', '1 require-approval', '1 warn', '0 audit']) {
      expect(summary.getByText(count)).toBeInTheDocument();
    }
    expect(summary.getByText('bbbbbbbbbbbb')).toHaveAttribute(
      'title',
      'b'.repeat(64),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(
      summary.queryByText('Environment per month, with this plan'),
    ).not.toBeInTheDocument();
  });

  it('shows what an environment with a cost cap would cost with the plan', async () => {
    await renderPlanView(
      <PlanView
        plan={plan({
          environment: { name: 'pr-7', type: 'ephemeral' },
          cost: {
            perMonth: [{ amount: 24, currency: 'USD' }],
            environmentPerMonth: [{ amount: 52, currency: 'USD' }],
          },
        })}
      />,
    );
    const summary = within(region('Summary'));
    expect(
      summary.getByText('Environment per month, with this plan'),
    ).toBeInTheDocument();
    expect(summary.getByText('52.00 USD')).toBeInTheDocument();
    expect(summary.getByText('24.00 USD')).toBeInTheDocument();
  });

  // Clicks through a large MUI tree: generous for a busy machine, not a performance check.
  it('groups the artifacts and shows the selected one’s YAML', async () => {
    await renderPlanView(<PlanView plan={plan()} />);
    const groups = within(screen.getByRole('tree', { name: 'Artifacts' }))
      .getAllByRole('treeitem')
      .filter(item => item.getAttribute('aria-expanded') !== null)
      .map(item => item.querySelector('.MuiTreeItem-label')?.textContent);
    expect(groups).toEqual([
      'Kubernetes objects (1)',
      'Cloud resources (1)',
      'CI files (1)',
      'Admission policies (1)',
    ]);

    // The first artifact is shown before anyone clicks.
    const deployment = treeItem('deployment-checkout-service.yaml');
    expect(deployment).toHaveTextContent('Deployment');
    expect(deployment).toHaveAttribute('aria-selected', 'true');
    const viewer = () => within(region('Artifacts')).getByRole('region');
    let shown = viewer();
    expect(shown).toHaveAccessibleName(
      'kubernetes/deployment-checkout-service.yaml',
    );
    await waitFor(() => expect(shown).toHaveTextContent('replicas: 3'));

    await userEvent.click(screen.getByText('postgresqlinstance-db.yaml'));
    shown = viewer();
    expect(shown).toHaveAccessibleName('resources/postgresqlinstance-db.yaml');
    await waitFor(() =>
      expect(shown).toHaveTextContent('backupRetentionDays: 14'),
    );
    expect(shown).not.toHaveTextContent('replicas: 3');
    expect(treeItem('postgresqlinstance-db.yaml')).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(deployment).not.toHaveAttribute('aria-selected', 'true');

    // A group is not a file: clicking it leaves the viewer as it was.
    await userEvent.click(screen.getByText('CI files (1)'));
    expect(viewer()).toHaveAccessibleName(
      'resources/postgresqlinstance-db.yaml',
    );
  }, 15_000);

  it('puts unknown folders under Other and real CI paths under CI files', async () => {
    const base = plan();
    await renderPlanView(
      <PlanView
        plan={plan({
          artifacts: [
            {
              path: '.github/workflows/paved.yaml',
              kind: 'GitHubWorkflow',
              content: 'name: paved\n',
            },
            {
              path: 'notes/readme.yaml',
              kind: 'Note',
              content: 'text: hello\n',
            },
            ...base.artifacts.slice(0, 1),
          ],
        })}
      />,
    );
    expect(treeItem('CI files (1)')).toHaveTextContent(
      'GitHubWorkflow paved.yaml',
    );
    expect(treeItem('Other (1)')).toHaveTextContent('Note readme.yaml');
    // The tree's first file, not the plan's: the selection is at the top.
    expect(
      screen.getByRole('region', {
        name: 'kubernetes/deployment-checkout-service.yaml',
      }),
    ).toBeInTheDocument();
  });

  it('lists the resources with secrets as references only, and the total', async () => {
    const base = plan();
    const db = base.resources[0];
    await renderPlanView(
      <PlanView
        plan={plan({
          resources: [
            {
              ...db,
              outputs: {
                ...db.outputs,
                // A value where none belongs must still never be shown.
                password: {
                  ...db.outputs.password,
                  value: 'hunter2',
                } as typeof db.outputs.password,
              },
            },
            {
              name: 'cache',
              type: 'redis',
              class: 'default',
              id: 'checkout-service.cache',
              definition: 'redis-eu',
              dependsOn: [],
              outputs: {},
              pricePerMonth: { amount: 10, currency: 'EUR' },
            },
          ],
          cost: {
            perMonth: [
              { amount: 1240, currency: 'USD' },
              { amount: 10, currency: 'EUR' },
            ],
          },
        })}
      />,
    );
    const table = screen.getByRole('table', { name: 'Resources' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent);
    expect(cells(rows[1])).toEqual([
      'db',
      'postgres',
      'large',
      'postgres-managed',
      'host: checkout-service-db.internalpassword: secret checkout-service-db/password',
      '1,240.00 USD',
    ]);
    expect(cells(rows[2])).toEqual([
      'cache',
      'redis',
      'default',
      'redis-eu',
      '',
      '10.00 EUR',
    ]);
    expect(cells(rows[3])).toEqual(['Total', '1,240.00 USD + 10.00 EUR']);
    expect(screen.queryByText(/hunter2/)).not.toBeInTheDocument();
  });

  it('lists the planner’s warnings, and leaves the section out without any', async () => {
    const { unmount } = await renderPlanView(
      <PlanView
        plan={plan({
          warnings: [
            'metadata.annotations["paved.dev/owner"] is not set; objects carry no paved.dev/owner label',
          ],
        })}
      />,
    );
    expect(
      within(region('Plan warnings')).getAllByRole('listitem'),
    ).toHaveLength(1);
    expect(region('Plan warnings')).toHaveTextContent(
      'objects carry no paved.dev/owner label',
    );
    unmount();

    await renderPlanView(<PlanView plan={plan()} />);
    expect(
      screen.queryByRole('region', { name: 'Plan warnings' }),
    ).not.toBeInTheDocument();
  });
});
