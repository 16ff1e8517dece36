import { ConflictError } from '@backstage/errors';
import type { EnvironmentExtension } from '@paved/plugin-orchestrator-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { toIso } from './rows';
import { isUniqueViolation } from './uniqueViolation';

const TABLE = 'orchestrator_environment_extensions';

interface ExtensionRow {
  id: string;
  environment: string;
  until: Date | string | number;
  state: EnvironmentExtension['state'];
  requested_by: string;
  reason: string | null;
  approvers: string;
  decided_by: string | null;
  comment: string | null;
  created_at: Date | string | number;
  decided_at: Date | string | number | null;
}

const fromRow = (row: ExtensionRow): EnvironmentExtension => ({
  id: row.id,
  environment: row.environment,
  until: toIso(row.until),
  state: row.state,
  requestedBy: row.requested_by,
  ...(row.reason && { reason: row.reason }),
  approvers: JSON.parse(row.approvers),
  ...(row.decided_by && { decidedBy: row.decided_by }),
  ...(row.comment && { comment: row.comment }),
  createdAt: toIso(row.created_at),
  ...(row.decided_at !== null && { decidedAt: toIso(row.decided_at) }),
});

/** Requests to keep an environment beyond its maximum lifetime; one pending per environment. */
export class ExtensionStore {
  constructor(private readonly db: Knex) {}

  async create(request: {
    environment: string;
    until: Date;
    requestedBy: string;
    reason: string;
    approvers: string[];
  }): Promise<EnvironmentExtension> {
    const row: ExtensionRow = {
      id: randomUUID(),
      environment: request.environment,
      until: request.until,
      state: 'pending-approval',
      requested_by: request.requestedBy,
      reason: request.reason,
      approvers: JSON.stringify(request.approvers),
      decided_by: null,
      comment: null,
      created_at: new Date(),
      decided_at: null,
    };
    try {
      await this.db(TABLE).insert(row);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new ConflictError(
        `Environment "${request.environment}" already has an extension waiting for approval`,
      );
    }
    return fromRow(row);
  }

  async get(id: string): Promise<EnvironmentExtension | undefined> {
    const row = await this.db<ExtensionRow>(TABLE).where({ id }).first();
    return row && fromRow(row);
  }

  async listPending(): Promise<EnvironmentExtension[]> {
    const rows = await this.db<ExtensionRow>(TABLE)
      .where({ state: 'pending-approval' })
      .orderBy('created_at');
    return rows.map(fromRow);
  }

  /** Rejects the environment's pending request, if any: nobody is left to decide on a moot one. */
  async rejectPending(
    environment: string,
    decidedBy: string,
    comment: string,
  ): Promise<void> {
    await this.db(TABLE)
      .where({ environment, state: 'pending-approval' })
      .update({
        state: 'rejected',
        decided_by: decidedBy,
        comment,
        decided_at: new Date(),
      });
  }

  /** Decides a pending request; undefined when someone decided first. */
  async decide(
    id: string,
    decision: {
      state: 'approved' | 'rejected';
      decidedBy: string;
      comment?: string;
    },
  ): Promise<EnvironmentExtension | undefined> {
    const changed = await this.db(TABLE)
      .where({ id, state: 'pending-approval' })
      .update({
        state: decision.state,
        decided_by: decision.decidedBy,
        comment: decision.comment ?? null,
        decided_at: new Date(),
      });
    return changed > 0 ? this.get(id) : undefined;
  }
}
