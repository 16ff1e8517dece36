import type {
  Inventory,
  RunningWorkload,
} from '@paved/plugin-orchestrator-common';
import { DeploymentStore } from '../database/DeploymentStore';
import { EnvironmentStore } from '../database/EnvironmentStore';
import { PlanStore } from '../database/PlanStore';
import { WorkloadStore } from '../database/WorkloadStore';

/** What runs where: for the catalog's entity provider and the portal's overview. */
export class InventoryService {
  constructor(
    private readonly environments: EnvironmentStore,
    private readonly workloads: WorkloadStore,
    private readonly deployments: DeploymentStore,
    private readonly plans: PlanStore,
  ) {}

  async inventory(): Promise<Inventory> {
    const environments = await this.environments.list({ state: 'active' });
    const running: RunningWorkload[] = [];
    for (const workload of await this.workloads.list()) {
      for (const environment of environments) {
        const current = await this.deployments.latest(
          workload.name,
          environment.name,
          ['delivered'],
        );
        const plan = current && (await this.plans.get(current.planHash));
        if (!current || !plan) continue;
        running.push({
          workload: workload.name,
          ...(workload.entityRef && { entityRef: workload.entityRef }),
          environment: environment.name,
          revision: current.revision,
          deploymentId: current.id,
          // Outputs are left out: they hold host names and secret references, which the catalog does not need.
          resources: plan.resources.map(
            ({ outputs: _outputs, ...resource }) => resource,
          ),
          verdicts: plan.verdicts,
        });
      }
    }
    return { environments, running };
  }
}
