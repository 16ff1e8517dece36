import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  Deployment,
  Environment,
} from '@paved/plugin-orchestrator-common';
import type { DeliveryTarget, Plan } from '@paved/plugin-orchestrator-node';
import { DeploymentStore } from '../database/DeploymentStore';
import { PlanStore } from '../database/PlanStore';

/**
 * Delivers deployments to their targets in the background and records the
 * outcome. A delivery that was running when the backend stopped is run again
 * at start: targets converge, so delivering twice is safe.
 */
export class DeliveryRunner {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly targets: ReadonlyMap<string, DeliveryTarget>,
    private readonly deployments: DeploymentStore,
    private readonly plans: PlanStore,
    private readonly logger: LoggerService,
  ) {}

  /** The target an environment delivers to; unknown names fail before anything is recorded. */
  targetFor(environment: Environment): DeliveryTarget {
    const name = environment.spec.delivery ?? 'gitops';
    const target = this.targets.get(name);
    if (!target) {
      throw new InputError(
        `Environment "${
          environment.metadata.name
        }" delivers to "${name}", which is not installed; installed: ${[
          ...this.targets.keys(),
        ].join(', ')}`,
      );
    }
    return target;
  }

  /** Starts delivering; resolves when the delivery is recorded, whatever its outcome. */
  start(deployment: Deployment, environment: Environment): Promise<void> {
    const run = this.deliver(deployment, environment).finally(() =>
      this.running.delete(run),
    );
    this.running.add(run);
    return run;
  }

  /** Waits for every delivery under way (tests, and shutdown). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async deliver(deployment: Deployment, environment: Environment) {
    const logger = this.logger.child({
      deployment: deployment.id,
      workload: deployment.workload,
      environment: deployment.environment,
      revision: deployment.revision,
    });
    try {
      const plan = await this.requirePlan(deployment.planHash);
      const previousDeployment = await this.deployments.latest(
        deployment.workload,
        deployment.environment,
        ['delivered'],
      );
      const previous =
        previousDeployment &&
        (await this.plans.get(previousDeployment.planHash));
      const result = await this.targetFor(environment).deliver({
        deploymentId: deployment.id,
        workload: deployment.workload,
        environment,
        revision: deployment.revision,
        plan,
        previous,
        initiator: deployment.approvedBy
          ? `${deployment.requestedBy} (approved by ${deployment.approvedBy})`
          : deployment.requestedBy,
      });
      await this.deployments.transition(deployment.id, ['delivering'], {
        state: 'delivered',
        reference: result.reference,
        result,
        error: null,
      });
      // A rollback replaces what was current: that revision is now rolled back.
      if (deployment.rollbackOf !== undefined && previousDeployment) {
        await this.deployments.transition(
          previousDeployment.id,
          ['delivered'],
          {
            state: 'rolled-back',
          },
        );
      }
      logger.info(`Delivered: ${result.summary}`);
    } catch (error) {
      const message = (error as Error).message;
      logger.warn(`Delivery failed: ${message}`);
      await this.deployments.transition(deployment.id, ['delivering'], {
        state: 'failed',
        error: message,
      });
    }
  }

  private async requirePlan(hash: string): Promise<Plan> {
    const plan = await this.plans.get(hash);
    if (!plan) throw new Error(`The plan ${hash} is not stored`);
    return plan;
  }
}
