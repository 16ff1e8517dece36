import { APIRequestContext, expect, test } from '@playwright/test';
import { BACKEND, guestToken, signInAsGuest } from './guest';

// The orchestrator's views against the real backend and the demo data it
// makes at start through its own API (orchestrator.demo.enabled in
// app-config.yaml): checkout-service in development (two revisions) and
// staging, payments-gateway waiting for the platform team in production, and
// the ephemeral environment pr-142-checkout. The guest is in group:platform.

/** The demo data is made in the background after start; its last step is the ephemeral environment's deployment. */
async function demoDataReady(request: APIRequestContext) {
  const token = await guestToken(request);
  await expect(async () => {
    const response = await request.get(
      `${BACKEND}/api/orchestrator/workloads/checkout-service/deployments?environment=pr-142-checkout`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(response.status()).toBe(200);
    const { items } = await response.json();
    expect(items.map((d: { state: string }) => d.state)).toContain('delivered');
  }).toPass({ timeout: 180_000, intervals: [2_000] });
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(240_000);
  await demoDataReady(request);
});

test('a component’s Deployments tab: two revisions, their diff, and a rollback that lands as the next revision', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/checkout-service');
  // The overview card lists where it runs and links to the tab.
  const card = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: 'Environments' }) });
  await expect(card.getByRole('link', { name: 'staging' })).toBeVisible();
  await card.getByRole('link', { name: 'development' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-service\/deployments\?environment=development$/,
  );

  const development = page.getByTestId('environment-development');
  await expect(development).toContainText(/revision \d+/);
  const before = Number(
    /revision (\d+)/.exec((await development.textContent()) ?? '')![1],
  );
  expect(before).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('environment-staging')).toContainText(
    'revision 1',
  );

  // The card's link opened the tab with development's history expanded.
  await expect(
    page.getByRole('button', { name: 'hide history of development' }),
  ).toBeVisible();
  const history = page.getByRole('table', { name: 'development revisions' });
  await expect(history.getByTestId(`revision-${before}`)).toBeVisible();
  await expect(history.getByTestId(`revision-${before - 1}`)).toBeVisible();

  // The demo's revision 2 changed the image tag; the diff shows it.
  await page.getByLabel(`select revision ${before - 1}`).check();
  await page.getByLabel(`select revision ${before}`).check();
  await page
    .getByRole('button', { name: `Diff revision ${before - 1} → ${before}` })
    .click();
  const diff = page.getByRole('dialog');
  await expect(
    diff.getByText(`development: revision ${before - 1} → revision ${before}`),
  ).toBeVisible();
  await expect(diff).toContainText('checkout-service:2.4.0');
  await diff.getByRole('button', { name: 'Close' }).click();

  const target = before - 1;
  await history.getByRole('button', { name: `Roll back to ${target}` }).click();
  const confirm = page.getByRole('dialog');
  await expect(
    confirm.getByText(
      `Roll back checkout-service in development to revision ${target}?`,
    ),
  ).toBeVisible();
  await expect(confirm).toContainText('checkout-service:2.4.0');
  await confirm.getByRole('button', { name: 'Roll back', exact: true }).click();

  // Delivery takes a moment; the tab follows it until it lands.
  await expect(development).toContainText(`revision ${before + 1}`);
  await expect(development.getByTestId('state-delivered')).toBeVisible();
  await expect(history.getByTestId(`revision-${before + 1}`)).toContainText(
    `Rollback to revision ${target}`,
  );
});

test('the environments page lists the ephemeral environment and extends it', async ({
  page,
}) => {
  await signInAsGuest(page, '/environments');
  const row = page.getByRole('row').filter({ hasText: 'pr-142-checkout' });
  await expect(row).toContainText('payments');
  await expect(row).toContainText(/in \d+/);

  await row.getByRole('button', { name: 'Extend pr-142-checkout' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('4 hours').check();
  await dialog.getByRole('button', { name: 'Extend', exact: true }).click();
  await expect(
    page.getByText(/Extended pr-142-checkout: it now expires on/),
  ).toBeVisible();
});

test('a platform team member approves the pending production deployment', async ({
  page,
}) => {
  await signInAsGuest(page, '/approvals');
  await expect(
    page.getByRole('link', { name: /Approvals, 1 pending approval/ }),
  ).toBeVisible();
  const card = page.getByRole('article', {
    name: 'payments-gateway → production',
  });
  await expect(card).toContainText('mei-chen');
  await expect(card).toContainText('production-cost-approval');

  await card.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByLabel('Comment (optional)')
    .fill('Budgeted for Q1: four databases');
  await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(card).toHaveCount(0);
  await expect(
    page.getByText(/Nothing waits for your decision/i),
  ).toBeVisible();

  await page.goto('/catalog/default/component/payments-gateway/deployments');
  const production = page.getByTestId('environment-production');
  await expect(production).toContainText('revision 1');
  await expect(production.getByTestId('state-delivered')).toBeVisible();
});
