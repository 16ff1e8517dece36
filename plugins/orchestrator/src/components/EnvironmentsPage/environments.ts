import type { Money } from '@paved/plugin-orchestrator-common';
import type { EnvironmentRecord, Inventory } from '../../api';
import { formatMoney } from '../shared';

/** What the page knows about one environment beyond its record, all from one inventory. */
export interface EnvironmentUsage {
  /** Monthly cost per currency of what runs there. */
  cost: Money[];
  workloads: string[];
}

/** Sums every running workload's priced resources per environment and currency. */
export function usageByEnvironment(
  inventory: Inventory,
): Map<string, EnvironmentUsage> {
  const totals = new Map<
    string,
    { cost: Map<string, number>; workloads: string[] }
  >();
  for (const running of inventory.running) {
    let entry = totals.get(running.environment);
    if (!entry) {
      entry = { cost: new Map(), workloads: [] };
      totals.set(running.environment, entry);
    }
    entry.workloads.push(running.workload);
    for (const { pricePerMonth } of running.resources) {
      if (!pricePerMonth) continue;
      entry.cost.set(
        pricePerMonth.currency,
        (entry.cost.get(pricePerMonth.currency) ?? 0) + pricePerMonth.amount,
      );
    }
  }
  const usage = new Map<string, EnvironmentUsage>();
  for (const [environment, { cost, workloads }] of totals) {
    usage.set(environment, {
      cost: [...cost.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, amount]) => ({ amount, currency })),
      workloads: [...workloads].sort(),
    });
  }
  return usage;
}

/** "12.00 USD of 50.00 USD cap"; the inventory covers active environments only. */
export function costText(
  environment: EnvironmentRecord,
  cost: Money[],
): string {
  const cap = environment.costCap;
  if (environment.state !== 'active') return '—';
  // The cap's currency first, so the amount next to "of … cap" is the one it limits.
  const ordered = cap
    ? [...cost].sort(
        (a, b) =>
          Number(b.currency === cap.currency) -
          Number(a.currency === cap.currency),
      )
    : cost;
  let spent = formatMoney(ordered);
  // Nothing priced runs there: zero in the cap's currency reads better than a dash next to a cap.
  if (cost.length === 0 && cap) spent = formatMoney({ ...cap, amount: 0 });
  return cap ? `${spent} of ${formatMoney(cap)} cap` : spent;
}

/** A guardrail caps each plan; several workloads together can still pass the cap. */
export function isOverCap(
  environment: EnvironmentRecord,
  cost: Money[],
): boolean {
  const cap = environment.costCap;
  if (!cap) return false;
  return cost.some(m => m.currency === cap.currency && m.amount > cap.amount);
}

/**
 * Made from a template, so it expires and may be destroyed. The template
 * itself is listed too, with type ephemeral but its own name as template.
 */
export function isEphemeral(environment: EnvironmentRecord): boolean {
  return (
    environment.type === 'ephemeral' &&
    environment.template !== environment.name
  );
}

export const canExtend = (environment: EnvironmentRecord) =>
  isEphemeral(environment) &&
  environment.state === 'active' &&
  Boolean(environment.expiresAt);

// A failed destroy leaves the environment "destroying"; destroying again retries it.
export const canDestroy = (environment: EnvironmentRecord) =>
  isEphemeral(environment) &&
  (environment.state === 'active' || environment.state === 'destroying');

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** The backend's duration syntax: a number and m, h or d. */
export const DURATION = /^\d+[mhd]$/;

/** "36h" to milliseconds, or undefined when it is not a duration the backend takes. */
export function durationMs(duration: string): number | undefined {
  if (!DURATION.test(duration)) return undefined;
  return (
    Number(duration.slice(0, -1)) *
    UNIT_MS[duration.slice(-1) as keyof typeof UNIT_MS]
  );
}
