import type { FactSet, FactValue } from '@paved/plugin-scorecards-common';
import { Knex } from 'knex';
import { chunks, DbTimestamp, toIso } from './util';

const TABLE = 'scorecards_facts';

interface FactRow {
  entity_ref: string;
  source: string;
  facts: string;
  observed_at: DbTimestamp | null;
  stale_error: string | null;
  stale_since: DbTimestamp | null;
}

/** What one source's attempt for one entity gave: facts, or the error it failed with. */
export type FactUpdate =
  | {
      entityRef: string;
      source: string;
      facts: Record<string, FactValue>;
      observedAt: string;
    }
  | { entityRef: string; source: string; error: string; failedAt: string };

function fromRow(row: FactRow): FactSet {
  const staleSince = row.stale_since === null ? null : toIso(row.stale_since);
  return {
    source: row.source,
    entityRef: row.entity_ref,
    facts: JSON.parse(row.facts),
    // A source that never succeeded for the entity has observed nothing yet:
    // its (empty) facts date from its first failure.
    observedAt:
      row.observed_at === null ? staleSince ?? '' : toIso(row.observed_at),
    ...(row.stale_error !== null && {
      stale: { error: row.stale_error, since: staleSince ?? '' },
    }),
  };
}

/** The facts each source last observed about each entity, and which are stale. */
export class FactStore {
  constructor(private readonly db: Knex) {}

  async get(entityRef: string): Promise<FactSet[]> {
    const rows = await this.db<FactRow>(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy('source');
    return rows.map(fromRow);
  }

  /**
   * Records sources' attempts in one transaction. A success replaces the
   * facts and clears staleness; a failure keeps the last observed facts and
   * marks them stale, keeping the time of the first failure in a row.
   */
  async record(updates: FactUpdate[]): Promise<void> {
    const fresh: FactRow[] = [];
    const failed: FactRow[] = [];
    for (const update of updates) {
      if ('error' in update) {
        failed.push({
          entity_ref: update.entityRef,
          source: update.source,
          facts: '{}',
          observed_at: null,
          stale_error: update.error,
          stale_since: new Date(update.failedAt),
        });
      } else {
        fresh.push({
          entity_ref: update.entityRef,
          source: update.source,
          facts: JSON.stringify(update.facts),
          observed_at: new Date(update.observedAt),
          stale_error: null,
          stale_since: null,
        });
      }
    }
    await this.db.transaction(async tx => {
      for (const rows of chunks(fresh)) {
        await tx(TABLE)
          .insert(rows)
          .onConflict(['entity_ref', 'source'])
          .merge();
      }
      for (const rows of chunks(failed)) {
        await tx(TABLE)
          .insert(rows)
          .onConflict(['entity_ref', 'source'])
          .merge({
            stale_error: tx.raw('excluded.stale_error'),
            stale_since: tx.raw('coalesce(??, excluded.stale_since)', [
              `${TABLE}.stale_since`,
            ]),
          });
      }
    });
  }

  async remove(entityRefs: string[]): Promise<void> {
    await this.db.transaction(async tx => {
      for (const refs of chunks(entityRefs)) {
        await tx(TABLE).whereIn('entity_ref', refs).delete();
      }
    });
  }
}
