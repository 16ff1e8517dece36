import type { ApprovalDecision } from '@paved/plugin-orchestrator-common';
import { Knex } from 'knex';
import { toIso } from './rows';

export class ApprovalStore {
  constructor(private readonly db: Knex) {}

  async record(
    decision: Omit<ApprovalDecision, 'createdAt'>,
    tx: Knex = this.db,
  ): Promise<void> {
    await tx('orchestrator_approvals').insert({
      deployment_id: decision.deploymentId,
      decision: decision.decision,
      decided_by: decision.decidedBy,
      comment: decision.comment ?? null,
      created_at: new Date(),
    });
  }

  async listFor(deploymentId: string): Promise<ApprovalDecision[]> {
    const rows = await this.db('orchestrator_approvals')
      .where({ deployment_id: deploymentId })
      .orderBy('id');
    return rows.map(row => ({
      deploymentId: row.deployment_id,
      decision: row.decision,
      decidedBy: row.decided_by,
      ...(row.comment && { comment: row.comment }),
      createdAt: toIso(row.created_at),
    }));
  }
}
