import { ConflictError } from '@backstage/errors';
import type {
  Environment,
  EnvironmentRecord,
} from '@paved/plugin-orchestrator-common';
import { Knex } from 'knex';
import { environmentFromRow, EnvironmentRow } from './rows';
import { isUniqueViolation } from './uniqueViolation';

const TABLE = 'orchestrator_environments';

export interface EnvironmentFilter {
  owner?: string;
  type?: string;
  state?: string;
}

/** The environments deployments go to, with their owner, lifetime and state. */
export class EnvironmentStore {
  constructor(private readonly db: Knex) {}

  /** Records the platform's own environments (those in platform/) that are not known yet. */
  async registerPlatform(environments: Environment[]): Promise<void> {
    for (const environment of environments) {
      await this.db(TABLE)
        .insert({
          name: environment.metadata.name,
          type: environment.spec.type,
          template: environment.metadata.name,
          state: 'active',
          cost_cap_amount: environment.spec.costCap?.amount ?? null,
          cost_cap_currency: environment.spec.costCap?.currency ?? null,
          created_at: new Date(),
        })
        .onConflict('name')
        .ignore();
    }
  }

  async create(record: {
    name: string;
    type: EnvironmentRecord['type'];
    template: string;
    owner: string;
    createdBy: string;
    expiresAt: Date;
    costCap?: EnvironmentRecord['costCap'];
  }): Promise<EnvironmentRecord> {
    const row: EnvironmentRow = {
      name: record.name,
      type: record.type,
      template: record.template,
      owner: record.owner,
      state: 'active',
      cost_cap_amount: record.costCap?.amount ?? null,
      cost_cap_currency: record.costCap?.currency ?? null,
      created_by: record.createdBy,
      created_at: new Date(),
      expires_at: record.expiresAt,
      destroyed_at: null,
    };
    try {
      await this.db(TABLE).insert(row);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError(`Environment "${record.name}" already exists`);
      throw error;
    }
    return environmentFromRow(row);
  }

  async get(name: string): Promise<EnvironmentRecord | undefined> {
    const row = await this.db<EnvironmentRow>(TABLE).where({ name }).first();
    return row && environmentFromRow(row);
  }

  async list(filter: EnvironmentFilter = {}): Promise<EnvironmentRecord[]> {
    const query = this.db<EnvironmentRow>(TABLE).orderBy('name');
    if (filter.owner) query.where('owner', filter.owner);
    if (filter.type) query.where('type', filter.type);
    if (filter.state) query.where('state', filter.state);
    return (await query).map(environmentFromRow);
  }

  /** Environments whose time is up, and those a failed destroy left half-way. */
  async listExpired(now: Date): Promise<EnvironmentRecord[]> {
    const rows = await this.db<EnvironmentRow>(TABLE)
      .whereIn('state', ['active', 'destroying'])
      .whereNotNull('expires_at')
      .where('expires_at', '<=', now);
    return rows.map(environmentFromRow);
  }

  async setExpiry(name: string, expiresAt: Date): Promise<void> {
    await this.db(TABLE).where({ name }).update({ expires_at: expiresAt });
  }

  /** Changes state only from `from`, so one destroyer wins. */
  async transition(
    name: string,
    from: EnvironmentRecord['state'][],
    to: EnvironmentRecord['state'],
  ): Promise<boolean> {
    const changed = await this.db(TABLE)
      .where({ name })
      .whereIn('state', from)
      .update({
        state: to,
        ...(to === 'destroyed' && { destroyed_at: new Date() }),
      });
    return changed > 0;
  }
}
