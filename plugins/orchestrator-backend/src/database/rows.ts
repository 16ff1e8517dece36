import type {
  Deployment,
  EnvironmentRecord,
} from '@paved/plugin-orchestrator-common';

// Rows as knex returns them on both SQLite (numbers, strings) and PostgreSQL (Dates).
export interface DeploymentRow {
  id: string;
  workload: string;
  environment: string;
  revision: number;
  plan_hash: string;
  state: Deployment['state'];
  requested_by: string;
  approved_by: string | null;
  approvers: string | null;
  rollback_of: number | null;
  target: string;
  reference: string | null;
  result: string | null;
  error: string | null;
  created_at: Date | string | number;
  updated_at: Date | string | number;
}

export interface EnvironmentRow {
  name: string;
  type: EnvironmentRecord['type'];
  template: string;
  owner: string | null;
  state: EnvironmentRecord['state'];
  cost_cap_amount: number | null;
  cost_cap_currency: string | null;
  created_by: string | null;
  created_at: Date | string | number;
  expires_at: Date | string | number | null;
  destroyed_at: Date | string | number | null;
}

export const toIso = (value: Date | string | number): string =>
  new Date(value).toISOString();

export function deploymentFromRow(row: DeploymentRow): Deployment {
  const result = row.result ? JSON.parse(row.result) : undefined;
  return {
    id: row.id,
    workload: row.workload,
    environment: row.environment,
    revision: Number(row.revision),
    planHash: row.plan_hash,
    state: row.state,
    requestedBy: row.requested_by,
    ...(row.approved_by && { approvedBy: row.approved_by }),
    ...(row.approvers && { approvers: JSON.parse(row.approvers) }),
    ...(row.rollback_of !== null && { rollbackOf: Number(row.rollback_of) }),
    target: row.target,
    ...(row.reference && { reference: row.reference }),
    ...(result?.summary && { summary: result.summary }),
    ...(row.error && { error: row.error }),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function environmentFromRow(row: EnvironmentRow): EnvironmentRecord {
  return {
    name: row.name,
    type: row.type,
    template: row.template,
    ...(row.owner && { owner: row.owner }),
    state: row.state,
    ...(row.cost_cap_amount !== null &&
      row.cost_cap_currency && {
        costCap: {
          amount: Number(row.cost_cap_amount),
          currency: row.cost_cap_currency,
        },
      }),
    ...(row.created_by && { createdBy: row.created_by }),
    createdAt: toIso(row.created_at),
    ...(row.expires_at !== null && { expiresAt: toIso(row.expires_at) }),
    ...(row.destroyed_at !== null && { destroyedAt: toIso(row.destroyed_at) }),
  };
}
