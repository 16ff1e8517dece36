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
  await page.getByRole('button', { name: 'Review' }).click();

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
    await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
    // The tabs exist only once the catalog has the entity.
    await expect(
      page.getByRole('link', { name: 'Deployments', exact: true }).first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000, intervals: [5_000] });
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
  // The first visit builds the docs with mkdocs.
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible({
    timeout: 90_000,
  });
  await expect(page.getByText('Quotes prices for baskets')).toBeVisible();
  await step(page, testInfo, '08-docs');
});

test('a developer asks for a staging database for a service and sees it deployed', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('/create/templates/default/database-for-service');
  await page.getByRole('button', { name: 'Enter' }).click();

  // The picker lists components by title.
  await page.getByLabel('Service').fill('Payments gateway');
  await page
    .getByRole('option', { name: /Payments gateway/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('button', { name: /^Environment/ }).click();
  await page.getByRole('option', { name: 'staging' }).click();
  await page.getByLabel('Resource name').fill('fraud-db');
  await step(page, testInfo, '09-database-form');
  await page.getByRole('button', { name: 'Next' }).click();

  // The plan shows the database with its defaults and the cost before anything runs.
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary).toContainText('payments-gateway', { timeout: 60_000 });
  await expect(summary).toContainText('staging');
  await expect(summary).toContainText('USD');
  const resources = page.getByRole('region', { name: 'Resources' });
  await expect(resources).toContainText('fraud-db');
  await step(page, testInfo, '10-database-plan');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const deploymentLink = page.getByRole('link', { name: 'The deployment' });
  await expect(deploymentLink).toBeVisible({ timeout: 180_000 });
  await step(page, testInfo, '11-database-task-finished');

  await page.goto('/catalog/default/component/payments-gateway/deployments');
  const staging = page.getByTestId('environment-staging');
  await expect(staging).toContainText(/revision \d+/);
  await expect(
    staging
      .getByTestId('state-delivered')
      .or(staging.getByTestId('state-pending-approval')),
  ).toBeVisible();
  await step(page, testInfo, '12-database-deployed');
});
