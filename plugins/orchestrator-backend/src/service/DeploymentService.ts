import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  ArtifactDiff,
  Deployment,
  DeploymentState,
} from '@paved/plugin-orchestrator-common';
import type { DriftReport, Plan } from '@paved/plugin-orchestrator-node';
import { createTwoFilesPatch } from 'diff';
import { DeploymentStore, IN_FLIGHT } from '../database/DeploymentStore';
import { PlanStore } from '../database/PlanStore';
import { WorkloadStore } from '../database/WorkloadStore';
import { DeliveryRunner } from './DeliveryRunner';
import { PlanService } from './PlanService';

export type { ArtifactDiff };

/** What a deploy request did: made a deployment, or found the same plan already there. */
export interface DeployOutcome {
  deployment: Deployment;
  created: boolean;
}

/** The approving groups, as full entity refs: policies may write `group:platform`. */
/** A revision may be rolled back to if it was delivered: in effect now, or replaced since. */
const ROLLBACK_SOURCES: DeploymentState[] = ['delivered', 'rolled-back'];

const approversOf = (plan: Plan) => [
  ...new Set(
    plan.verdicts
      .filter(v => v.action === 'require-approval')
      .map(v =>
        stringifyEntityRef(
          parseEntityRef(v.approvers ?? 'group:platform', {
            defaultKind: 'group',
            defaultNamespace: 'default',
          }),
        ),
      ),
  ),
];

/** Deployments: from a plan to a revision delivered, with history, diff, rollback and drift. */
export class DeploymentService {
  constructor(
    private readonly plans: PlanStore,
    private readonly planService: PlanService,
    private readonly deployments: DeploymentStore,
    private readonly runner: DeliveryRunner,
    private readonly workloads: WorkloadStore,
  ) {}

  /**
   * Deploys a stored plan. A plan a guardrail denies makes no deployment; one
   * that asks for approval waits for it; the same plan posted again returns
   * the deployment it already made.
   */
  async deploy(planHash: string, requestedBy: string): Promise<DeployOutcome> {
    const plan = await this.plans.get(planHash);
    if (!plan) throw new NotFoundError(`No plan ${planHash}`);
    const denied = plan.verdicts.filter(v => v.action === 'deny');
    if (denied.length > 0) {
      throw new InputError(
        `The plan is refused by guardrails: ${denied
          .map(
            v => `${v.policy} on ${v.kind} ${v.name}: ${v.message ?? v.result}`,
          )
          .join('; ')}`,
      );
    }
    const environment = await this.planService.environment(
      plan.environment.name,
    );
    const existing = await this.deployments.latest(
      plan.workload,
      plan.environment.name,
    );
    if (
      existing?.planHash === planHash &&
      [...IN_FLIGHT, 'delivered'].includes(existing.state)
    ) {
      return { deployment: existing, created: false };
    }
    const target = this.runner.targetFor(environment);
    const approvers = approversOf(plan);
    const deployment = await this.deployments.create({
      workload: plan.workload,
      environment: plan.environment.name,
      planHash,
      state: approvers.length > 0 ? 'pending-approval' : 'delivering',
      requestedBy,
      ...(approvers.length > 0 && { approvers }),
      target: target.name,
    });
    if (deployment.state === 'delivering')
      this.runner.start(deployment, environment);
    return { deployment, created: true };
  }

  /** Delivers an earlier revision's plan again, as a new revision. */
  async rollback(
    workload: string,
    environmentName: string,
    revision: number,
    requestedBy: string,
  ): Promise<Deployment> {
    const earlier = await this.deployments.getByRevision(
      workload,
      environmentName,
      revision,
    );
    if (!earlier) {
      throw new NotFoundError(
        `${workload} has no revision ${revision} in ${environmentName}`,
      );
    }
    // Only a plan that reached the environment may return: rolling back to a
    // rejected or failed revision would deliver what was never approved or never worked.
    if (!ROLLBACK_SOURCES.includes(earlier.state)) {
      throw new InputError(
        `Revision ${revision} of ${workload} in ${environmentName} was never delivered (it is ${earlier.state}); roll back to a revision that was`,
      );
    }
    if (!(await this.plans.get(earlier.planHash))) {
      throw new NotFoundError(
        `The plan of revision ${revision} is no longer stored`,
      );
    }
    const environment = await this.planService.environment(environmentName);
    const deployment = await this.deployments.create({
      workload,
      environment: environmentName,
      planHash: earlier.planHash,
      state: 'delivering',
      requestedBy,
      rollbackOf: revision,
      target: this.runner.targetFor(environment).name,
    });
    this.runner.start(deployment, environment);
    return deployment;
  }

  async get(id: string): Promise<Deployment> {
    return this.deployments.getOrThrow(id);
  }

  /** A workload's deployments, newest first; a workload Paved never planned is a NotFoundError. */
  async history(
    workload: string,
    options: { environment?: string; limit?: number; offset?: number },
  ) {
    if (!(await this.workloads.get(workload))) {
      throw new NotFoundError(
        `Paved has never planned a workload called "${workload}"`,
      );
    }
    return this.deployments.list({ workload, ...options });
  }

  /** Per environment, what runs there; empty for a workload never deployed. */
  async environments(workload: string) {
    return this.deployments.environments(workload);
  }

  /**
   * Takes a workload out of an environment: its artifacts are removed from
   * the target (its GitOps folder, its cluster objects) and its deployments
   * there are marked destroyed.
   */
  async remove(workload: string, environmentName: string, initiator: string) {
    const inFlight = await this.deployments.findInFlight(
      workload,
      environmentName,
    );
    if (inFlight) {
      throw new ConflictError(
        `${workload} has a deployment in flight to ${environmentName}: revision ${inFlight.revision} (${inFlight.id}), ${inFlight.state}`,
      );
    }
    const current = await this.deployments.latest(workload, environmentName, [
      'delivered',
    ]);
    if (!current) {
      throw new NotFoundError(
        `${workload} has no delivered revision in ${environmentName}`,
      );
    }
    const environment = await this.planService.environment(environmentName);
    const result = await this.runner.targetFor(environment).remove({
      workload,
      environment,
      previous: await this.plans.get(current.planHash),
      initiator,
      reason: `removed by ${initiator}`,
    });
    const { items } = await this.deployments.list({
      workload,
      environment: environmentName,
      states: ['delivered', 'failed', 'rolled-back'],
      limit: 10_000,
    });
    for (const deployment of items) {
      await this.deployments.transition(deployment.id, [deployment.state], {
        state: 'destroyed',
      });
    }
    return result;
  }

  /** Artifact by artifact, what changes from revision `from` to revision `to`. */
  async diff(
    workload: string,
    environment: string,
    from: number,
    to: number,
  ): Promise<ArtifactDiff[]> {
    const [before, after] = await Promise.all(
      [from, to].map(async revision => {
        const deployment = await this.deployments.getByRevision(
          workload,
          environment,
          revision,
        );
        if (!deployment)
          throw new NotFoundError(
            `${workload} has no revision ${revision} in ${environment}`,
          );
        return this.planService.get(deployment.planHash);
      }),
    );
    const beforeByPath = new Map(
      before.artifacts.map(a => [a.path, a.content]),
    );
    const afterByPath = new Map(after.artifacts.map(a => [a.path, a.content]));
    const paths = [
      ...new Set([...beforeByPath.keys(), ...afterByPath.keys()]),
    ].sort();
    return paths.flatMap((path): ArtifactDiff[] => {
      const old = beforeByPath.get(path);
      const next = afterByPath.get(path);
      if (old === next) return [];
      let change: ArtifactDiff['change'] = 'changed';
      if (old === undefined) change = 'added';
      else if (next === undefined) change = 'removed';
      return [
        {
          path,
          change,
          patch: createTwoFilesPatch(
            `revision ${from}/${path}`,
            `revision ${to}/${path}`,
            old ?? '',
            next ?? '',
          ),
        },
      ];
    });
  }

  /** Live state against the last delivered revision, where the target can tell. */
  async drift(
    workload: string,
    environmentName: string,
  ): Promise<
    DriftReport & { revision: number; target: string; supported: boolean }
  > {
    const current = await this.deployments.latest(workload, environmentName, [
      'delivered',
    ]);
    if (!current) {
      throw new NotFoundError(
        `${workload} has no delivered revision in ${environmentName}`,
      );
    }
    const environment = await this.planService.environment(environmentName);
    const target = this.runner.targetFor(environment);
    const base = { revision: current.revision, target: target.name };
    if (!target.drift)
      return { ...base, supported: false, drifted: false, objects: [] };
    const report = await target.drift({
      workload,
      environment,
      plan: await this.planService.get(current.planHash),
    });
    return { ...base, supported: true, ...report };
  }

  /** At start: deliveries the previous process left under way are run again. */
  async resume(): Promise<number> {
    const { items } = await this.deployments.list({
      states: ['delivering'],
      limit: 1000,
    });
    for (const deployment of items) {
      try {
        this.runner.start(
          deployment,
          await this.planService.environment(deployment.environment),
        );
      } catch (error) {
        await this.deployments.transition(deployment.id, ['delivering'], {
          state: 'failed',
          error: `Could not resume after a restart: ${
            (error as Error).message
          }`,
        });
      }
    }
    return items.length;
  }
}
