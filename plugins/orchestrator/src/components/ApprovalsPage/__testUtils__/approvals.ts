import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { coreApis } from '@backstage/frontend-plugin-api';
import type { mockApis } from '@backstage/frontend-test-utils';
import type {
  Deployment,
  EnvironmentExtension,
  Plan,
} from '@paved/plugin-orchestrator-common';
import { deployment, plan } from '../../../__testUtils__/fixtures';
import { backendError, BASE_URL, server } from '../../../__testUtils__/testApp';

/** A deployment a require-approval guardrail held back. */
export const pendingDeployment = (
  overrides: Partial<Deployment> = {},
): Deployment =>
  deployment({
    environment: 'production',
    revision: 3,
    state: 'pending-approval',
    requestedBy: 'user:default/mei-chen',
    approvers: ['group:default/platform'],
    reference: undefined,
    summary: undefined,
    ...overrides,
  });

/** A request to keep an ephemeral environment beyond its maximum lifetime. */
export const pendingExtension = (
  overrides: Partial<EnvironmentExtension> = {},
): EnvironmentExtension => ({
  id: 'x-pr-42',
  environment: 'pr-42',
  until: '2026-12-01T10:00:00.000Z',
  state: 'pending-approval',
  requestedBy: 'user:default/jonas-weber',
  reason: 'The customer demo moved to next Thursday',
  approvers: ['group:default/platform'],
  createdAt: '2026-11-20T09:00:00.000Z',
  ...overrides,
});

/** An error as a Backstage backend sends it. */
export const errorBody = (name: string, message: string) => ({
  error: { name, message },
});

/** Two deployments a guardrail held back, with their plans, and an extension request. */
export const checkout = pendingDeployment();
export const checkoutPlan = plan({ hash: checkout.planHash });
export const search = pendingDeployment({
  id: 'd-search-api-staging-7',
  workload: 'search-api',
  environment: 'staging',
  revision: 7,
  planHash: 'c'.repeat(64),
  requestedBy: 'user:default/ana-lima',
  approvers: ['group:default/security', 'group:default/platform'],
});
export const searchPlan = plan({
  hash: search.planHash,
  workload: 'search-api',
  verdicts: [
    {
      policy: 'public-ingress-review',
      validation: 'validations[0]',
      kind: 'Ingress',
      name: 'search-api',
      result: 'fail',
      action: 'require-approval',
      message: 'A public ingress needs a security review',
      fix: 'Ask the security team, or make the route internal.',
      approvers: 'group:security',
    },
  ],
});
export const extension = pendingExtension();

export const CHECKOUT = 'checkout-service → production';
export const EXTENSION = 'pr-42 extension';

/** Serves the approvals and their plans; returns what was asked for and posted. */
export function serve(
  approvals: { items: Deployment[]; extensions: EnvironmentExtension[] } = {
    items: [checkout, search],
    extensions: [extension],
  },
  plans: Plan[] = [checkoutPlan, searchPlan],
) {
  const planRequests: string[] = [];
  const decisions: Array<{ path: string; body: unknown }> = [];
  server.use(
    http.get(`${BASE_URL}/approvals`, () => HttpResponse.json(approvals)),
    http.get(`${BASE_URL}/plans/:hash`, ({ params }) => {
      planRequests.push(String(params.hash));
      const found = plans.find(p => p.hash === params.hash);
      return found
        ? HttpResponse.json(found)
        : backendError(404, 'NotFoundError', 'No such plan');
    }),
    http.post(
      `${BASE_URL}/:kind/:id/:decision`,
      async ({ request, params }) => {
        decisions.push({
          path: `/${params.kind}/${params.id}/${params.decision}`,
          body: await request.json(),
        });
        return HttpResponse.json({});
      },
    ),
  );
  return { planRequests, decisions };
}

/** The toasts the page posted, as the test app's fake toast API collected them. */
export const toasts = (apis: {
  get: (ref: typeof coreApis.toast) => unknown;
}) =>
  (apis.get(coreApis.toast) as ReturnType<typeof mockApis.toast>).getToasts();

/** Opens a card's Approve or Reject dialog. */
export async function openDialog(card: string, button: 'Approve' | 'Reject') {
  const article = await screen.findByRole('article', { name: card });
  await userEvent.click(within(article).getByRole('button', { name: button }));
  return screen.getByRole('dialog');
}
