import { screen, waitFor, within } from '@testing-library/react';
import type { GuardrailVerdict } from '@paved/plugin-orchestrator-common';
import { renderWithOrchestrator } from '../../__testUtils__/testApp';
import { plan } from '../../__testUtils__/fixtures';
import { PlanView } from './PlanView';

const region = (name: string | RegExp) => screen.getByRole('region', { name });

/** Renders and waits for the lazily loaded YAML viewer, so nothing settles after the test. */
async function renderPlanView(element: JSX.Element) {
  const result = await renderWithOrchestrator(element);
  await waitFor(() =>
    expect(document.querySelector('pre code')).toBeInTheDocument(),
  );
  return result;
}

const denial = (
  overrides: Partial<GuardrailVerdict> = {},
): GuardrailVerdict => ({
  policy: 'disallow-latest-tag',
  validation: 'validations[1]',
  kind: 'Deployment',
  namespace: 'checkout-service-production',
  name: 'checkout-service',
  result: 'fail',
  action: 'deny',
  artifact: 'kubernetes/deployment-checkout-service.yaml',
  message: 'The latest tag is not allowed: checkout:latest',
  fix: 'Give every image an immutable version.',
  ...overrides,
});

describe('PlanView guardrail verdicts', () => {
  it('groups the verdicts by action with how to fix them and who may approve', async () => {
    await renderPlanView(<PlanView plan={plan()} />);
    const guardrails = region('Guardrails');
    expect(
      within(guardrails)
        .getAllByRole('heading', { level: 4 })
        .map(h => h.textContent),
    ).toEqual(['Require approval (1)', 'Warn (1)']);

    const approval = within(region('Require approval (1)'));
    expect(approval.getByText('production-cost-approval')).toBeInTheDocument();
    expect(approval.getByText('Plan checkout-service')).toBeInTheDocument();
    expect(
      approval.getByText('Production cost 1240 USD a month is over 1000 USD'),
    ).toBeInTheDocument();
    expect(region('Require approval (1)')).toHaveTextContent(
      'How to fix: Ask the platform team, or choose a smaller class.',
    );
    expect(region('Require approval (1)')).toHaveTextContent(
      'Who may approve: platform',
    );

    const warn = region('Warn (1)');
    expect(warn).toHaveTextContent('require-probes');
    expect(warn).toHaveTextContent(
      'Deployment checkout-service-production/checkout-service in kubernetes/deployment-checkout-service.yaml',
    );
    expect(warn).toHaveTextContent(
      'How to fix: Add livenessProbe and readinessProbe to every container.',
    );
    expect(warn).not.toHaveTextContent('Who may approve');
    expect(
      screen.queryByText(/Every guardrail passed/),
    ).not.toBeInTheDocument();
  });

  it('says the guardrails refuse the plan when one denies it', async () => {
    const base = plan();
    await renderPlanView(
      <PlanView
        plan={plan({
          verdicts: [
            denial(),
            denial({
              policy: 'allowed-image-registries',
              message: 'Images must come from an allowed registry',
            }),
            ...base.verdicts,
          ],
        })}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The guardrails refuse this plan');
    expect(alert).toHaveTextContent(
      'disallow-latest-tag: The latest tag is not allowed: checkout:latest',
    );
    expect(alert).toHaveTextContent(
      'allowed-image-registries: Images must come from an allowed registry',
    );
    expect(alert).not.toHaveTextContent('require-probes');
    expect(within(region('Summary')).getByText('2 deny')).toBeInTheDocument();
    expect(
      within(region('Guardrails'))
        .getAllByRole('heading', { level: 4 })
        .map(h => h.textContent),
    ).toEqual(['Deny (2)', 'Require approval (1)', 'Warn (1)']);
    expect(region('Deny (2)')).toHaveTextContent(
      'How to fix: Give every image an immutable version.',
    );
  });

  it('says every guardrail passed when there is no verdict', async () => {
    await renderPlanView(<PlanView plan={plan({ verdicts: [] })} />);
    expect(
      within(region('Guardrails')).getByText(/Every guardrail passed/),
    ).toBeInTheDocument();
    expect(
      within(region('Guardrails')).queryAllByRole('heading', { level: 4 }),
    ).toHaveLength(0);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
