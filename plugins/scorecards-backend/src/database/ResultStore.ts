import type {
  LevelHistoryPoint,
  OverviewRow,
  ScorecardResult,
} from '@paved/plugin-scorecards-common';
import { Knex } from 'knex';
import { chunks, DbTimestamp, toIso } from './util';

const RESULTS = 'scorecards_results';
const HISTORY = 'scorecards_history';
const ENTITIES = 'scorecards_entities';

/** What the overview shows of an entity besides its levels, as of its evaluation. */
export interface EvaluatedEntity {
  entityRef: string;
  kind: string;
  title?: string;
  /** Full entity refs. */
  owner?: string;
  system?: string;
  /** The catalog etag the entity had when it was evaluated. */
  etag: string;
}

/** One entity's evaluation: the results of every scorecard that applies to it (possibly none). */
export interface Evaluation {
  entity: EvaluatedEntity;
  results: ScorecardResult[];
  evaluatedAt: string;
}

export interface OverviewFilter {
  owner?: string[];
  system?: string[];
  /** Only entities this scorecard applies to. */
  scorecard?: string;
  kind?: string;
}

interface ResultRow {
  entity_ref: string;
  scorecard: string;
  level: string | null;
  passed: number;
  failed: number;
  unknown: number;
  result: string;
  entity_kind: string;
  entity_title: string | null;
  owner: string | null;
  system: string | null;
  evaluated_at: DbTimestamp;
}

type Outcome = Pick<ResultRow, 'level' | 'passed' | 'failed' | 'unknown'>;

function outcomeOf(result: ScorecardResult): Outcome {
  const count = (outcome: string) =>
    result.checks.filter(c => c.outcome === outcome).length;
  return {
    level: result.level,
    passed: count('pass'),
    failed: count('fail'),
    unknown: count('unknown'),
  };
}

const sameOutcome = (a: Outcome, b: Outcome) =>
  a.level === b.level &&
  Number(a.passed) === b.passed &&
  Number(a.failed) === b.failed &&
  Number(a.unknown) === b.unknown;

/**
 * Each entity's current results, their history and the etag it was
 * evaluated at.
 *
 * History keeps a row only when an evaluation's outcome (level, or the
 * numbers of passed, failed and unknown checks) differs from the previous
 * one, while the current row's `evaluated_at` moves on with every
 * evaluation. Every evaluation's outcome is thereby recoverable: it is the
 * latest history row at or before it, and nothing after the current row's
 * `evaluated_at` is claimed. An hourly full run over 10,000 entities and a
 * few scorecards would otherwise write hundreds of thousands of identical
 * rows a day.
 */
export class ResultStore {
  constructor(private readonly db: Knex) {}

  /** Stores evaluations in one transaction: results, history where the outcome changed, etags. */
  async save(evaluations: Evaluation[]): Promise<void> {
    if (evaluations.length === 0) return;
    await this.db.transaction(async tx => {
      const previous = new Map<string, Outcome>();
      for (const refs of chunks(evaluations.map(e => e.entity.entityRef))) {
        const rows = await tx<ResultRow>(RESULTS)
          .whereIn('entity_ref', refs)
          .select('entity_ref', 'scorecard', 'level', 'passed', 'failed')
          .select('unknown');
        for (const row of rows) {
          previous.set(`${row.entity_ref}\n${row.scorecard}`, row);
        }
      }

      const current: ResultRow[] = [];
      const history: Array<Outcome & Record<string, unknown>> = [];
      const entities: Record<string, unknown>[] = [];
      for (const { entity, results, evaluatedAt } of evaluations) {
        const at = new Date(evaluatedAt);
        for (const result of results) {
          const key = `${entity.entityRef}\n${result.scorecard}`;
          const outcome = outcomeOf(result);
          const before = previous.get(key);
          previous.delete(key);
          if (!before || !sameOutcome(before, outcome)) {
            history.push({
              entity_ref: entity.entityRef,
              scorecard: result.scorecard,
              ...outcome,
              evaluated_at: at,
            });
          }
          current.push({
            entity_ref: entity.entityRef,
            scorecard: result.scorecard,
            ...outcome,
            result: JSON.stringify(result),
            entity_kind: entity.kind,
            entity_title: entity.title ?? null,
            owner: entity.owner ?? null,
            system: entity.system ?? null,
            evaluated_at: at,
          });
        }
        entities.push({
          entity_ref: entity.entityRef,
          etag: entity.etag,
          evaluated_at: at,
        });
      }

      // What is left are scorecards that no longer apply (or no longer exist):
      // their current rows go, their history stays.
      for (const key of previous.keys()) {
        const [entityRef, scorecard] = key.split('\n');
        await tx(RESULTS).where({ entity_ref: entityRef, scorecard }).delete();
      }
      for (const rows of chunks(current)) {
        await tx(RESULTS)
          .insert(rows)
          .onConflict(['entity_ref', 'scorecard'])
          .merge();
      }
      for (const rows of chunks(history)) {
        await tx(HISTORY).insert(rows);
      }
      for (const rows of chunks(entities)) {
        await tx(ENTITIES).insert(rows).onConflict('entity_ref').merge();
      }
    });
  }

  /** The entity's current results, by scorecard id. */
  async get(entityRef: string): Promise<ScorecardResult[]> {
    const rows = await this.db<ResultRow>(RESULTS)
      .where({ entity_ref: entityRef })
      .orderBy('scorecard')
      .select('result');
    return rows.map(row => JSON.parse(row.result));
  }

  /** Whether the entity was ever evaluated (and not removed since), even with no scorecard applying. */
  async isEvaluated(entityRef: string): Promise<boolean> {
    const row = await this.db(ENTITIES)
      .where({ entity_ref: entityRef })
      .first('entity_ref');
    return row !== undefined;
  }

  /** Every evaluated entity's ref and the etag it was evaluated at. */
  async etags(): Promise<Map<string, string>> {
    const rows = await this.db<{ entity_ref: string; etag: string }>(
      ENTITIES,
    ).select('entity_ref', 'etag');
    return new Map(rows.map(r => [r.entity_ref, r.etag]));
  }

  /** The newest `limit` changes of the entity's outcome on a scorecard, oldest first. */
  async history(
    entityRef: string,
    scorecard: string,
    limit: number,
  ): Promise<LevelHistoryPoint[]> {
    const rows = await this.db(HISTORY)
      .where({ entity_ref: entityRef, scorecard })
      .orderBy([
        { column: 'evaluated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)
      .select('level', 'passed', 'failed', 'unknown', 'evaluated_at');
    return rows.reverse().map(row => ({
      level: row.level,
      passed: Number(row.passed),
      failed: Number(row.failed),
      unknown: Number(row.unknown),
      evaluatedAt: toIso(row.evaluated_at),
    }));
  }

  /** Every evaluated entity with its level per scorecard, by entity ref. */
  async overview(filter: OverviewFilter = {}): Promise<OverviewRow[]> {
    const query = this.db<ResultRow>(RESULTS)
      .select(
        'entity_ref',
        'scorecard',
        'level',
        'entity_kind',
        'entity_title',
        'owner',
        'system',
        'evaluated_at',
      )
      .orderBy(['entity_ref', 'scorecard']);
    if (filter.owner?.length) query.whereIn('owner', filter.owner);
    if (filter.system?.length) query.whereIn('system', filter.system);
    if (filter.kind) {
      query.whereRaw('lower(entity_kind) = ?', [filter.kind.toLowerCase()]);
    }
    if (filter.scorecard) {
      query.whereIn(
        'entity_ref',
        this.db(RESULTS)
          .where('scorecard', filter.scorecard)
          .select('entity_ref'),
      );
    }
    const rows: OverviewRow[] = [];
    for (const row of await query) {
      let last = rows[rows.length - 1];
      if (last?.entityRef !== row.entity_ref) {
        last = {
          entityRef: row.entity_ref,
          kind: row.entity_kind,
          ...(row.entity_title !== null && { title: row.entity_title }),
          ...(row.owner !== null && { owner: row.owner }),
          ...(row.system !== null && { system: row.system }),
          levels: {},
          evaluatedAt: toIso(row.evaluated_at),
        };
        rows.push(last);
      }
      last.levels[row.scorecard] = row.level;
      const at = toIso(row.evaluated_at);
      if (at > last.evaluatedAt) last.evaluatedAt = at;
    }
    return rows;
  }

  /** Forgets entities: current results, history and etags. */
  async remove(entityRefs: string[]): Promise<void> {
    await this.db.transaction(async tx => {
      for (const refs of chunks(entityRefs)) {
        await tx(RESULTS).whereIn('entity_ref', refs).delete();
        await tx(HISTORY).whereIn('entity_ref', refs).delete();
        await tx(ENTITIES).whereIn('entity_ref', refs).delete();
      }
    });
  }
}
