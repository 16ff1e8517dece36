import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  backendError,
  BASE_URL,
  renderWithOrchestrator,
  server,
  useMockServer,
} from '../__testUtils__/testApp';
import { plan } from '../__testUtils__/fixtures';
import { PlanField, validatePlanField } from './PlanField';

// The field waits for the form to settle before it plans.
const SETTLED = { timeout: 10_000 };

const DENY = {
  policy: 'disallow-latest-tag',
  validation: 'validations[0]',
  kind: 'Deployment',
  name: 'quote',
  result: 'fail' as const,
  action: 'deny' as const,
  message: 'Images must be pinned to a tag other than latest',
};

function renderField(formData: object, options: object) {
  const onChange = jest.fn();
  const props = {
    uiSchema: { 'ui:options': options },
    formContext: { formData },
    onChange,
    rawErrors: [],
  } as any;
  return {
    onChange,
    rendered: renderWithOrchestrator(<PlanField {...props} />),
  };
}

describe('PlanField', () => {
  useMockServer();

  it('plans the form as filled and records the plan in the form', async () => {
    let body: any;
    server.use(
      http.post(`${BASE_URL}/plans`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(plan({ verdicts: [] }), { status: 201 });
      }),
    );
    const { onChange } = renderField(
      { name: 'quote', owner: 'group:default/payments' },
      {
        environment: 'development',
        template: 'template:default/typescript-service',
        templatePath: './skeleton/score.yaml',
      },
    );
    await waitFor(
      () =>
        expect(onChange).toHaveBeenCalledWith({
          hash: 'b'.repeat(64),
          refused: false,
          denied: [],
        }),
      SETTLED,
    );
    expect(body).toEqual({
      environment: 'development',
      template: 'template:default/typescript-service',
      templatePath: './skeleton/score.yaml',
      values: { name: 'quote', owner: 'group:default/payments' },
    });
    expect(
      screen.getByText(/What Create will make in development/),
    ).toBeInTheDocument();
  });

  it('marks a plan the guardrails deny as refused, and validation blocks the step', async () => {
    server.use(
      http.post(`${BASE_URL}/plans`, () =>
        HttpResponse.json(plan({ verdicts: [DENY] }), { status: 201 }),
      ),
    );
    const { onChange } = renderField(
      { component: 'component:default/checkout-service' },
      { entityRef: '${{ parameters.component }}' },
    );
    await waitFor(() => expect(onChange).toHaveBeenCalled(), SETTLED);
    const value = onChange.mock.calls.at(-1)[0];
    expect(value).toEqual({
      hash: 'b'.repeat(64),
      refused: true,
      denied: [
        'disallow-latest-tag: Images must be pinned to a tag other than latest',
      ],
    });
    const errors: string[] = [];
    validatePlanField(value, { addError: m => errors.push(m) });
    expect(errors).toEqual([
      'The guardrails refuse this plan, so nothing can be created: disallow-latest-tag: Images must be pinned to a tag other than latest',
    ]);
    validatePlanField(
      { ...value, refused: false, denied: [] },
      {
        addError: m => errors.push(m),
      },
    );
    expect(errors).toHaveLength(1);
  });

  it('asks for what is missing before planning', async () => {
    renderField(
      { component: '' },
      { entityRef: '${{ parameters.component }}' },
    );
    await waitFor(
      () =>
        expect(
          screen.getByText('Fill in component to see the plan.'),
        ).toBeInTheDocument(),
      SETTLED,
    );
  });

  it('shows the backend’s error', async () => {
    server.use(
      http.post(`${BASE_URL}/plans`, () =>
        backendError(
          400,
          'InputError',
          'component:default/checkout-service has no paved.dev/score annotation naming its score.yaml',
        ),
      ),
    );
    const { onChange } = renderField(
      { component: 'component:default/checkout-service' },
      { entityRef: '${{ parameters.component }}' },
    );
    expect(
      (
        await screen.findAllByText(
          /has no paved.dev\/score annotation/,
          {},
          SETTLED,
        )
      )[0],
    ).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
  });
});
