import { celErrorValue, toCelInput } from '@paved/plugin-orchestrator-node';
import type { FactSet, FactValue } from '@paved/plugin-scorecards-common';
import type { CompiledScorecard } from './types';

/** One entity's facts, converted for CEL once and shared by every check of every scorecard. */
export interface BoundFacts {
  bindings: Record<string, unknown>;
  /** Source id -> why its facts cannot be used (stale, or none yet). Absent: usable. */
  unavailable: ReadonlyMap<string, string>;
  /** The usable facts as collected, by source id. */
  values: ReadonlyMap<string, Record<string, FactValue>>;
}

/**
 * Binds each usable source's facts under its id. A stale or missing source is
 * bound to an error value rather than its last facts: any use of it fails,
 * `has()` included, yet `a || source.fact` with `a` true still passes.
 */
export function bindFacts(
  scorecards: readonly CompiledScorecard[],
  facts: readonly FactSet[],
): BoundFacts {
  const bySource = new Map<string, FactSet>();
  for (const set of facts) {
    if (!bySource.has(set.source)) bySource.set(set.source, set);
  }
  const bindings: Record<string, unknown> = {};
  const unavailable = new Map<string, string>();
  const values = new Map<string, Record<string, FactValue>>();
  for (const scorecard of scorecards) {
    for (const source of scorecard.program.sources) {
      if (Object.hasOwn(bindings, source)) continue;
      const set = bySource.get(source);
      let reason: string | undefined;
      if (!set) reason = `no facts from ${source} yet`;
      else if (set.stale)
        reason = `${source} facts are stale: ${set.stale.error}`;
      if (reason) {
        unavailable.set(source, reason);
        bindings[source] = celErrorValue(reason);
      } else {
        values.set(source, set!.facts);
        bindings[source] = toCelInput(set!.facts);
      }
    }
  }
  return { bindings, unavailable, values };
}
