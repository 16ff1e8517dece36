import type { Plan } from '@paved/plugin-orchestrator-node';
import { Knex } from 'knex';

/** Plans, immutable and addressed by their content hash. */
export class PlanStore {
  constructor(private readonly db: Knex) {}

  /** Stores a plan unless one with its hash exists; either way the stored plan is the same. */
  async save(plan: Plan, createdBy: string): Promise<void> {
    await this.db('orchestrator_plans')
      .insert({
        hash: plan.hash,
        workload: plan.workload,
        environment: plan.environment.name,
        plan: JSON.stringify(plan),
        created_by: createdBy,
        created_at: new Date(),
      })
      .onConflict('hash')
      .ignore();
  }

  async get(hash: string): Promise<Plan | undefined> {
    const row = await this.db('orchestrator_plans')
      .where({ hash })
      .first('plan');
    return row ? (JSON.parse(row.plan) as Plan) : undefined;
  }
}
