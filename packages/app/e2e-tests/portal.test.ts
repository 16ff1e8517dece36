import { expect, test } from '@playwright/test';
import { signInAsGuest } from './guest';

// Runs against the portal as `scripts/start` serves it: embedded defaults and the
// Northwind demo organisation from examples/.

test('a guest signs in and the catalog lists the demo components', async ({
  page,
}) => {
  await signInAsGuest(page);

  await expect(
    page.getByRole('heading', { name: 'Northwind Commerce Catalog' }),
  ).toBeVisible();
  const table = page.getByRole('table');
  for (const name of [
    'Order service',
    'Checkout service',
    'Payments gateway',
    'money-lib',
  ]) {
    await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
  }
});

test('a component page shows its owner, system and relations', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/order-service');

  await expect(
    page.getByRole('heading', { name: 'Order service' }),
  ).toBeVisible();
  const card = (title: string) =>
    page
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: title, exact: true }) });

  const about = card('About');
  await expect(about.getByRole('heading', { name: 'Owner' })).toBeVisible();
  await expect(
    about.locator('a[href$="/catalog/default/group/fulfilment"]'),
  ).toHaveText('Fulfilment');
  await expect(about.getByRole('heading', { name: 'System' })).toBeVisible();
  await expect(
    about.locator('a[href$="/catalog/default/system/fulfilment"]'),
  ).toHaveText('Fulfilment');
  await expect(
    card('Provided APIs').getByRole('link', { name: 'Orders API' }),
  ).toBeVisible();
  await expect(
    card('Consumed APIs').getByRole('link', { name: 'Payments API' }),
  ).toBeVisible();
  await expect(
    card('Depends on components').getByRole('link', { name: 'money-lib' }),
  ).toBeVisible();
  await expect(
    card('Depends on resources').getByRole('link', { name: 'Orders database' }),
  ).toBeVisible();
  await expect(card('Relations')).toBeVisible();
});

test('a component’s TechDocs render its text', async ({ page }) => {
  await signInAsGuest(page, '/docs/default/component/order-service');

  // The first visit builds the docs with mkdocs, so allow for the build.
  await expect(
    page.getByText(
      'The order service is the system of record for every order Northwind has ever taken.',
    ),
  ).toBeVisible({ timeout: 60_000 });
  await page.getByRole('link', { name: 'Runbook' }).first().click();
  await expect(
    page.getByRole('heading', { name: /Runbook/, level: 1 }),
  ).toBeVisible();
});

test('the Create page lists the templates location', async ({ page }) => {
  await signInAsGuest(page, '/create');

  await expect(page.getByText('Example service (placeholder)')).toBeVisible();
  await expect(
    page.getByText(/placeholder that stands here until Paved's golden/),
  ).toBeVisible();
});

test('search finds demo components and the text of their docs', async ({
  page,
}) => {
  // The collators index shortly after start (app-config.yaml search.collators):
  // reload until the first index has been built.
  test.setTimeout(240_000);
  const searchFor = async (query: string, result: RegExp, href: string) => {
    await expect(async () => {
      await page.goto(`/search?query=${encodeURIComponent(query)}`);
      await expect(
        page.locator(`a[href*="${href}"]`).filter({ hasText: result }).first(),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 180_000, intervals: [5_000] });
  };
  await signInAsGuest(page, '/search');

  await searchFor(
    'checkout',
    /Checkout service/,
    '/catalog/default/component/checkout-service',
  );
  await searchFor(
    'system of record',
    /Order service/,
    '/docs/default/component/order-service',
  );
});
