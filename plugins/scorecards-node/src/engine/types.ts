import type { CompiledCel } from '@paved/plugin-orchestrator-node';
import type {
  Scorecard,
  ScorecardCheck,
} from '@paved/plugin-scorecards-common';

/** A check with its expression compiled once, at load. */
export interface CompiledCheck {
  id: string;
  level: string;
  threshold?: ScorecardCheck['threshold'];
  program: CompiledCel;
  /** What the check reads, as `source.fact`, sorted; frozen, as every result of the check shares it. */
  facts: readonly string[];
  /** The ids of the sources it reads. */
  sources: readonly string[];
}

export interface CompiledLevel {
  name: string;
  checks: readonly CompiledCheck[];
}

/** The parts of a loaded scorecard the engine needs and the API does not show. */
export interface ScorecardProgram {
  /** Where it was defined: `production-readiness.yaml`, or `file.yaml (document 2)`. */
  definedIn: string;
  levels: readonly CompiledLevel[];
  /** Every source id its expressions were compiled against: each is bound when it is evaluated. */
  sources: readonly string[];
}

/**
 * A loaded scorecard. `program` is not enumerable, so `JSON.stringify` (and
 * `toScorecard`) give the plain Scorecard the API returns.
 */
export interface CompiledScorecard extends Scorecard {
  readonly program: ScorecardProgram;
}
