import { APIRequestContext, expect, test } from '@playwright/test';
import { BACKEND, guestToken, signInAsGuest } from './guest';

// Scorecards against the real backend: the shipped scorecards in
// platform/scorecards/, facts from the four real sources (catalog, TechDocs,
// the demo components' folders as their repositories, the orchestrator's demo
// deployments). checkout-service has CI, tests and a delivered deployment but
// is not in production: silver in production readiness.

/** The first full run starts 10 s after the backend; orchestrator facts follow the demo deployments' events. */
async function checkoutEvaluated(request: APIRequestContext) {
  const token = await guestToken(request);
  await expect(async () => {
    const response = await request.get(
      `${BACKEND}/api/scorecards/entity?entityRef=component:default/checkout-service`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(response.status()).toBe(200);
    const { results } = await response.json();
    const readiness = results.find(
      (r: { scorecard: string }) => r.scorecard === 'production-readiness',
    );
    expect(readiness?.level).toBe('silver');
  }).toPass({ timeout: 180_000, intervals: [2_000] });
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(240_000);
  await checkoutEvaluated(request);
});

test('a demo component’s card shows its level and what the next level needs', async ({
  page,
}, testInfo) => {
  await signInAsGuest(page, '/catalog/default/component/checkout-service');
  const readiness = page.getByTestId('scorecard-production-readiness');
  await expect(readiness.getByTestId('level-silver')).toBeVisible();
  // Gold needs a production deployment; the card says so, with how to fix it.
  await expect(readiness).toContainText('Deployed to production');
  await page.screenshot({
    path: testInfo.outputPath('scorecards-card.png'),
    fullPage: true,
  });

  await page.getByRole('link', { name: 'All checks' }).click();
  await expect(page).toHaveURL(/\/scorecards$/);
  await expect(page.getByText('Has a CI workflow').first()).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('scorecards-tab.png'),
    fullPage: true,
  });
});

test('the scorecards page lists the demo components with their levels and exports them', async ({
  page,
}, testInfo) => {
  await signInAsGuest(page, '/scorecards');
  const table = page.getByRole('table');
  for (const name of [
    'Checkout service',
    'Payments gateway',
    'Order service',
  ]) {
    await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
  }
  const checkout = table
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: 'Checkout service' }) });
  await expect(checkout.getByTestId('level-silver')).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('scorecards-page.png'),
    fullPage: true,
  });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /export csv/i }).click();
  const csv = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(csv!, 'utf8')).split('\r\n');
  expect(lines[0]).toContain('production-readiness');
  expect(
    lines.find(line => line.includes('component:default/checkout-service')),
  ).toContain('silver');
});
