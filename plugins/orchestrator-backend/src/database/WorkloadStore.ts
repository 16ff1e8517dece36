import { Knex } from 'knex';

export interface WorkloadRecord {
  name: string;
  entityRef?: string;
  scoreLocation?: string;
}

/** Workloads Paved has planned: which catalog entity, and where its score.yaml lives. */
export class WorkloadStore {
  constructor(private readonly db: Knex) {}

  async upsert(workload: WorkloadRecord): Promise<void> {
    const now = new Date();
    await this.db('orchestrator_workloads')
      .insert({
        name: workload.name,
        entity_ref: workload.entityRef ?? null,
        score_location: workload.scoreLocation ?? null,
        created_at: now,
        updated_at: now,
      })
      .onConflict('name')
      .merge(
        workload.entityRef
          ? ['entity_ref', 'score_location', 'updated_at']
          : ['updated_at'],
      );
  }

  async get(name: string): Promise<WorkloadRecord | undefined> {
    const row = await this.db('orchestrator_workloads').where({ name }).first();
    return (
      row && {
        name: row.name,
        ...(row.entity_ref && { entityRef: row.entity_ref }),
        ...(row.score_location && { scoreLocation: row.score_location }),
      }
    );
  }

  async list(): Promise<WorkloadRecord[]> {
    const rows = await this.db('orchestrator_workloads').orderBy('name');
    return rows.map(row => ({
      name: row.name,
      ...(row.entity_ref && { entityRef: row.entity_ref }),
      ...(row.score_location && { scoreLocation: row.score_location }),
    }));
  }
}
