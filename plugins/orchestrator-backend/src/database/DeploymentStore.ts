import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  Deployment,
  DeploymentState,
} from '@paved/plugin-orchestrator-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { deploymentFromRow, DeploymentRow } from './rows';
import { isUniqueViolation } from './uniqueViolation';

const TABLE = 'orchestrator_deployments';
export const IN_FLIGHT: DeploymentState[] = ['pending-approval', 'delivering'];

/** A workload in one environment: what runs there and what is newest. */
export interface WorkloadEnvironment {
  environment: string;
  revisions: number;
  latest: Deployment;
  /** The revision in effect: the newest delivered one, if any. */
  current?: Deployment;
}

export interface NewDeployment {
  workload: string;
  environment: string;
  planHash: string;
  state: 'pending-approval' | 'delivering';
  requestedBy: string;
  approvers?: string[];
  rollbackOf?: number;
  target: string;
}

/** Told of a deployment whenever it is created or its state changes. */
export type DeploymentStateListener = (deployment: Deployment) => Promise<void>;

export interface DeploymentUpdate {
  state?: DeploymentState;
  approvedBy?: string;
  reference?: string;
  result?: unknown;
  error?: string | null;
}

/** Deployments and their revisions; the database keeps one in flight per workload and environment. */
export class DeploymentStore {
  /**
   * `onStateChange` hears of every deployment created and every state change:
   * every service changes states through here, so none can forget to tell.
   */
  constructor(
    private readonly db: Knex,
    private readonly onStateChange?: DeploymentStateListener,
  ) {}

  /**
   * Records a deployment at the next revision. A second one in flight for the
   * same workload and environment, or a concurrent one taking the same
   * revision, is a ConflictError naming the deployment in the way.
   */
  async create(deployment: NewDeployment): Promise<Deployment> {
    const now = new Date();
    let created: Deployment;
    try {
      created = await this.db.transaction(async tx => {
        const { max } = (await tx(TABLE)
          .where({
            workload: deployment.workload,
            environment: deployment.environment,
          })
          .max({ max: 'revision' })
          .first()) as { max: number | null };
        const row: DeploymentRow = {
          id: randomUUID(),
          workload: deployment.workload,
          environment: deployment.environment,
          revision: Number(max ?? 0) + 1,
          plan_hash: deployment.planHash,
          state: deployment.state,
          requested_by: deployment.requestedBy,
          approved_by: null,
          approvers: deployment.approvers
            ? JSON.stringify(deployment.approvers)
            : null,
          rollback_of: deployment.rollbackOf ?? null,
          target: deployment.target,
          reference: null,
          result: null,
          error: null,
          created_at: now,
          updated_at: now,
        };
        await tx(TABLE).insert(row);
        return deploymentFromRow(row);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const inFlight = await this.findInFlight(
        deployment.workload,
        deployment.environment,
      );
      throw new ConflictError(
        inFlight
          ? `${deployment.workload} already has a deployment in flight to ${deployment.environment}: revision ${inFlight.revision} (${inFlight.id}), ${inFlight.state}`
          : `Another deployment of ${deployment.workload} to ${deployment.environment} took the next revision first; try again`,
      );
    }
    await this.onStateChange?.(created);
    return created;
  }

  async get(id: string): Promise<Deployment | undefined> {
    const row = await this.db<DeploymentRow>(TABLE).where({ id }).first();
    return row && deploymentFromRow(row);
  }

  async getOrThrow(id: string): Promise<Deployment> {
    const deployment = await this.get(id);
    if (!deployment) throw new NotFoundError(`No deployment ${id}`);
    return deployment;
  }

  async findInFlight(
    workload: string,
    environment: string,
  ): Promise<Deployment | undefined> {
    const row = await this.db<DeploymentRow>(TABLE)
      .where({ workload, environment })
      .whereIn('state', IN_FLIGHT)
      .first();
    return row && deploymentFromRow(row);
  }

  async getByRevision(
    workload: string,
    environment: string,
    revision: number,
  ): Promise<Deployment | undefined> {
    const row = await this.db<DeploymentRow>(TABLE)
      .where({ workload, environment, revision })
      .first();
    return row && deploymentFromRow(row);
  }

  /** The newest revision in one of `states` (any state when left out). */
  async latest(
    workload: string,
    environment: string,
    states?: DeploymentState[],
  ): Promise<Deployment | undefined> {
    const query = this.db<DeploymentRow>(TABLE)
      .where({ workload, environment })
      .orderBy('revision', 'desc');
    if (states) query.whereIn('state', states);
    const row = await query.first();
    return row && deploymentFromRow(row);
  }

  /** What runs in an environment: each workload's newest delivered revision there. */
  async inEffect(environment: string): Promise<Deployment[]> {
    const newest = this.db(TABLE)
      .where({ environment, state: 'delivered' })
      .groupBy('workload')
      .select('workload')
      .max({ revision: 'revision' });
    const rows = (await this.db<DeploymentRow>(`${TABLE} as d`)
      .join(newest.as('n'), join =>
        join.on('d.workload', 'n.workload').andOn('d.revision', 'n.revision'),
      )
      .where('d.environment', environment)
      .select('d.*')
      .orderBy('d.workload')) as DeploymentRow[];
    return rows.map(deploymentFromRow);
  }

  /**
   * Where a workload runs: per environment, its newest revision, the revision
   * in effect (the newest delivered) and how many there are. A fixed number of
   * queries, however long the history.
   */
  async environments(workload: string): Promise<WorkloadEnvironment[]> {
    const newest = (states?: DeploymentState[]) => {
      const query = this.db(TABLE)
        .where({ workload })
        .groupBy('environment')
        .select('environment')
        .max({ revision: 'revision' })
        .count({ count: '*' });
      if (states) query.whereIn('state', states);
      return query as unknown as Promise<
        Array<{ environment: string; revision: number; count: number | string }>
      >;
    };
    const [all, delivered] = await Promise.all([
      newest(),
      newest(['delivered']),
    ]);
    const wanted = [...all, ...delivered].map(
      r => [r.environment, Number(r.revision)] as const,
    );
    if (wanted.length === 0) return [];
    const rows = (await this.db<DeploymentRow>(TABLE)
      .where({ workload })
      .whereIn(['environment', 'revision'], wanted as any)) as DeploymentRow[];
    const byKey = new Map(
      rows.map(row => [`${row.environment}:${row.revision}`, row]),
    );
    const pick = (environment: string, revision?: number) => {
      const row =
        revision === undefined
          ? undefined
          : byKey.get(`${environment}:${Number(revision)}`);
      return row && deploymentFromRow(row);
    };
    return all
      .map(({ environment, revision, count }) => ({
        environment,
        revisions: Number(count),
        latest: pick(environment, revision)!,
        current: pick(
          environment,
          delivered.find(d => d.environment === environment)?.revision,
        ),
      }))
      .sort((a, b) => a.environment.localeCompare(b.environment));
  }

  /** History, newest first, one page at a time. */
  async list(filter: {
    workload?: string;
    environment?: string;
    states?: DeploymentState[];
    limit?: number;
    offset?: number;
  }): Promise<{ items: Deployment[]; total: number }> {
    const where = (query: Knex.QueryBuilder) => {
      if (filter.workload) query.where('workload', filter.workload);
      if (filter.environment) query.where('environment', filter.environment);
      if (filter.states) query.whereIn('state', filter.states);
      return query;
    };
    const [{ count }] = (await where(this.db(TABLE)).count({
      count: '*',
    })) as Array<{ count: number | string }>;
    const rows = (await where(this.db(TABLE))
      .orderBy([
        { column: 'environment' },
        { column: 'revision', order: 'desc' },
      ])
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0)) as DeploymentRow[];
    return { items: rows.map(deploymentFromRow), total: Number(count) };
  }

  /**
   * Moves a deployment on, but only from one of the states `from`: of two
   * concurrent approvers (or a restart racing a delivery), one wins.
   */
  async transition(
    id: string,
    from: DeploymentState[],
    update: DeploymentUpdate,
  ): Promise<Deployment | undefined> {
    const changed = await this.db(TABLE)
      .where({ id })
      .whereIn('state', from)
      .update({
        ...(update.state && { state: update.state }),
        ...(update.approvedBy && { approved_by: update.approvedBy }),
        ...(update.reference !== undefined && { reference: update.reference }),
        ...(update.result !== undefined && {
          result: JSON.stringify(update.result),
        }),
        ...(update.error !== undefined && { error: update.error }),
        updated_at: new Date(),
      });
    if (changed === 0) return undefined;
    const deployment = await this.get(id);
    if (deployment && update.state) await this.onStateChange?.(deployment);
    return deployment;
  }
}
