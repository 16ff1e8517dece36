import { APIRequestContext, expect, Page } from '@playwright/test';

/** The backend as `scripts/start` runs it. */
export const BACKEND = 'http://localhost:7007';

/** Signs in as the guest developer (user:default/guest) from the sign-in page `path` shows. */
export async function signInAsGuest(page: Page, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
}

/** The guest's Backstage token, for asking the backend directly whether demo data is ready. */
export async function guestToken(request: APIRequestContext) {
  const response = await request.get(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(response.ok()).toBe(true);
  return (await response.json()).backstageIdentity.token as string;
}
