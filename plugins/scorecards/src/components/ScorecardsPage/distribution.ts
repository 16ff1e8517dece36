import type { OverviewRow, Scorecard } from '@paved/plugin-scorecards-common';
import { shortRef } from '../shared';

/** The key of the entities that reached no level. */
export const NONE = 'none';

export interface OwnerDistribution {
  owner: string;
  /** Level name (or `none`) -> how many of the owner's entities are at it. */
  counts: Record<string, number>;
}

/**
 * How many entities each owner has at each level of one scorecard. Entities
 * the scorecard does not apply to are not counted; levels the scorecard no
 * longer defines are.
 */
export function levelDistribution(
  rows: OverviewRow[],
  scorecard: Scorecard,
): { series: string[]; owners: OwnerDistribution[] } {
  const series = [NONE, ...scorecard.levels.map(l => l.name)];
  const byOwner = new Map<string, Record<string, number>>();
  for (const row of rows) {
    if (!(scorecard.id in row.levels)) continue;
    const owner = row.owner ? shortRef(row.owner) : '(no owner)';
    const level = row.levels[scorecard.id] ?? NONE;
    if (!series.includes(level)) series.push(level);
    let counts = byOwner.get(owner);
    if (!counts) {
      counts = {};
      byOwner.set(owner, counts);
    }
    counts[level] = (counts[level] ?? 0) + 1;
  }
  const owners = [...byOwner.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([owner, counts]) => ({
      owner,
      counts: Object.fromEntries(series.map(s => [s, counts[s] ?? 0])),
    }));
  return { series, owners };
}
