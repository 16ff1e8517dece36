import { APIRequestContext, expect, Page } from '@playwright/test';

/** The backend as `scripts/start` runs it. */
export const BACKEND = 'http://localhost:7007';

/** Signs in as the guest developer (user:default/guest) from the sign-in page `path` shows. */
export async function signInAsGuest(page: Page, path = '/') {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click();
  // Signed in only once the sign-in page has gone: a navigation before that
  // reloads into the sign-in page, with no session to restore.
  await expect(enter).toBeHidden();
}

/** The guest's Backstage token, for asking the backend directly whether demo data is ready. */
export async function guestToken(request: APIRequestContext) {
  const response = await request.get(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(response.ok()).toBe(true);
  return (await response.json()).backstageIdentity.token as string;
}
