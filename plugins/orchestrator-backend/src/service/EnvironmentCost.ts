import type { Money } from '@paved/plugin-orchestrator-common';
import { DeploymentStore } from '../database/DeploymentStore';
import { PlanStore } from '../database/PlanStore';

/**
 * What the other workloads running in an environment cost a month, from the
 * plans in effect there: an ephemeral environment's cost cap is the whole
 * environment's, so a plan is checked together with what already runs.
 */
export class EnvironmentCost {
  constructor(
    private readonly deployments: DeploymentStore,
    private readonly plans: PlanStore,
  ) {}

  async otherWorkloads(
    environment: string,
    workload: string,
  ): Promise<Money[]> {
    const running = (await this.deployments.inEffect(environment)).filter(
      d => d.workload !== workload,
    );
    const lines: Money[] = [];
    for (const deployment of running) {
      const plan = await this.plans.get(deployment.planHash);
      if (!plan) {
        throw new Error(
          `The plan ${deployment.planHash} of ${deployment.workload} revision ${deployment.revision} in ${environment} is not stored`,
        );
      }
      lines.push(...plan.cost.perMonth);
    }
    return lines;
  }
}
