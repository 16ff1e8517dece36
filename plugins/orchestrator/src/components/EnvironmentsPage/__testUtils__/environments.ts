import type { Money } from '@paved/plugin-orchestrator-common';
import type { ReactElement } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { EnvironmentRecord, Inventory } from '../../../api';
import {
  backendError,
  BASE_URL,
  renderWithOrchestrator,
  server,
} from '../../../__testUtils__/testApp';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** An ISO time relative to now, so time-left text does not depend on the day the tests run. */
export const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

/** An active preview environment made from the "preview" template. */
export const ephemeral = (
  name: string,
  overrides: Partial<EnvironmentRecord> = {},
): EnvironmentRecord => ({
  name,
  type: 'ephemeral',
  template: 'preview',
  owner: 'group:default/payments',
  state: 'active',
  costCap: { amount: 50, currency: 'USD' },
  createdBy: 'user:default/mei-chen',
  createdAt: fromNow(-2 * HOUR),
  // The extra seconds keep the rounded minutes stable while the test renders.
  expiresAt: fromNow(3 * HOUR + 20 * MINUTE + 10_000),
  ...overrides,
});

/** One of the platform's own environments: its own template, no expiry. */
export const platformEnvironment = (
  name: string,
  overrides: Partial<EnvironmentRecord> = {},
): EnvironmentRecord => ({
  name,
  type: 'production',
  template: name,
  state: 'active',
  createdAt: '2026-01-05T09:00:00.000Z',
  ...overrides,
});

/** A workload's current revision in an environment, with one resource per price (undefined: unpriced). */
export const running = (
  workload: string,
  environment: string,
  prices: Array<Money | undefined>,
): Inventory['running'][number] => ({
  workload,
  environment,
  revision: 1,
  deploymentId: `d-${workload}-${environment}`,
  resources: prices.map((pricePerMonth, i) => ({
    name: `r${i}`,
    type: 'postgres',
    class: 'small',
    id: `${workload}.r${i}`,
    definition: 'postgres-managed',
    dependsOn: [],
    ...(pricePerMonth && { pricePerMonth }),
  })),
  verdicts: [],
});

/**
 * Answers GET /environments and GET /inventory, recording every request.
 * `environments` may be a function to answer later loads differently.
 */
export function serveEnvironments(options: {
  environments:
    | EnvironmentRecord[]
    | ((load: number, url: URL) => EnvironmentRecord[]);
  running?: Inventory['running'];
}) {
  const listed: URL[] = [];
  let inventories = 0;
  server.use(
    http.get(`${BASE_URL}/environments`, ({ request }) => {
      const url = new URL(request.url);
      listed.push(url);
      const items =
        typeof options.environments === 'function'
          ? options.environments(listed.length, url)
          : options.environments;
      return HttpResponse.json({ items });
    }),
    http.get(`${BASE_URL}/inventory`, () => {
      inventories += 1;
      return HttpResponse.json({
        environments: [],
        running: options.running ?? [],
      } satisfies Inventory);
    }),
  );
  return {
    /** The URL of every list request, in order. */
    listed,
    inventories: () => inventories,
  };
}

export const notAllowed = () =>
  backendError(403, 'NotAllowedError', 'You are not allowed to do this');

/** The table row whose first cell, the name, is `name`. */
export function findRow(name: string): Promise<HTMLElement> {
  return waitFor(() => {
    // A CSS query: role queries over the whole table are slow in jsdom.
    const row = Array.from(document.querySelectorAll('tbody tr')).find(
      r => r.querySelector('td')?.textContent === name,
    ) as HTMLElement | undefined;
    if (!row) throw new Error(`No row for ${name}`);
    return row;
  });
}

/** Renders the page and opens `action` ("Extend", "Destroy") on the row `name`; resolves to the dialog. */
export async function openRowDialog(
  page: ReactElement,
  action: string,
  name: string,
  dialogName: string,
) {
  const user = userEvent.setup();
  await renderWithOrchestrator(page);
  await user.click(
    within(await findRow(name)).getByRole('button', {
      name: `${action} ${name}`,
    }),
  );
  const dialog = await screen.findByRole('dialog', { name: dialogName });
  return { user, dialog };
}
