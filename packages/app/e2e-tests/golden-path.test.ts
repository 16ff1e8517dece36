import { expect, Page, test, TestInfo } from '@playwright/test';

// A guest developer creates a service from the TypeScript golden path in the
// portal: the form, the plan before anything is created, the task, the new
// component in the catalog with its deployment to development and its docs.
// Each step's screenshot is attached to the run and saved under test-results/.

async function step(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('a developer creates a service from the golden path and sees it run', async ({
  page,
}, testInfo) => {
  test.setTimeout(420_000);
  const name = `quote-${Date.now().toString(36)}`;

  await page.goto('/create');
  await page.getByRole('button', { name: 'Enter' }).click();
  const title = page.getByRole('heading', { name: 'Node.js HTTP service' });
  await expect(title).toBeVisible();
  await step(page, testInfo, '01-create-page');
  // The template's card: the nearest ancestor of its title with a Choose button.
  await title
    .locator('xpath=ancestor::*[.//button[normalize-space()="Choose"]][1]')
    .getByRole('button', { name: 'Choose' })
    .click();

  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Description').fill('Quotes prices for baskets');
  await page.getByLabel('Owner').fill('payments');
  await page
    .getByRole('option', { name: /payments/i })
    .first()
    .click();
  await page.getByLabel('Cost center').fill('cc-1042');
  await step(page, testInfo, '02-form');
  await page.getByRole('button', { name: 'Next' }).click();

  // The plan for the form's values, before anything exists.
  const plan = page.getByRole('region', { name: 'Summary' });
  await expect(plan).toContainText(name, { timeout: 60_000 });
  await expect(plan).toContainText('development');
  await expect(plan).toContainText('Cost per month');
  await expect(plan).toContainText('0 deny');
  await expect(page.getByRole('region', { name: 'Guardrails' })).toBeVisible();
  await step(page, testInfo, '03-plan-before-create');
  await page.getByRole('button', { name: 'Next' }).click();

  await step(page, testInfo, '04-review');
  await page.getByRole('button', { name: 'Create' }).click();

  // The task log runs every step; the output links appear when it is done.
  const entityLink = page.getByRole('link', { name: 'Open in the catalog' });
  await expect(entityLink).toBeVisible({ timeout: 180_000 });
  await step(page, testInfo, '05-task-finished');

  // The catalog reads the new repository's catalog-info.yaml on its next pass.
  await entityLink.click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 240_000, intervals: [5_000] });
  await step(page, testInfo, '06-component');

  await page
    .getByRole('link', { name: 'Deployments', exact: true })
    .first()
    .click();
  const development = page.getByTestId('environment-development');
  await expect(development).toContainText('revision 1');
  await expect(development.getByTestId('state-delivered')).toBeVisible();
  await step(page, testInfo, '07-deployment');

  await page.goto(`/docs/default/component/${name}`);
  await expect(page.getByRole('heading', { level: 1 }).first()).toContainText(
    /quote/i,
    { timeout: 90_000 },
  );
  await step(page, testInfo, '08-docs');
});
