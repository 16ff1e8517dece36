import type { FactSet } from './facts';

/** `unknown` when a fact the check reads is stale or missing, or the expression failed: never `fail`. */
export type CheckOutcome = 'pass' | 'fail' | 'unknown';

export interface CheckResult {
  check: string;
  level: string;
  outcome: CheckOutcome;
  /** What the expression evaluated to (the number compared to a threshold), when it did. */
  value?: boolean | number | string | null;
  /** Why the outcome is unknown, e.g. `repository facts are stale: 404 reading https://...`. */
  reason?: string;
  /** The facts the expression reads, as `source.fact`. */
  facts: string[];
}

export interface ScorecardResult {
  entityRef: string;
  scorecard: string;
  /** The highest level reached: all its checks and every lower level's pass. */
  level: string | null;
  /** The first level not reached, whose failing or unknown checks say what to do next. */
  nextLevel: string | null;
  checks: CheckResult[];
  evaluatedAt: string;
}

/** One point of a level's history: kept whenever an evaluation's outcome differs from the previous one. */
export interface LevelHistoryPoint {
  level: string | null;
  passed: number;
  failed: number;
  unknown: number;
  evaluatedAt: string;
}

/** `GET /entity?entityRef=` and `POST /entity/refresh`. */
export interface EntityScorecards {
  entityRef: string;
  results: ScorecardResult[];
  facts: FactSet[];
}

/** One row of the scorecards page: an entity and its level per scorecard. */
export interface OverviewRow {
  entityRef: string;
  title?: string;
  kind: string;
  owner?: string;
  system?: string;
  /** Scorecard id -> level reached (null: none yet). Only the scorecards that apply. */
  levels: Record<string, string | null>;
  evaluatedAt: string;
}
