import {
  DatabaseService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type { ResourceDefinition } from '@paved/plugin-orchestrator-common';
import type {
  DeliveryTarget,
  ResourceRenderer,
} from '@paved/plugin-orchestrator-node';
import type { OrchestratorConfig } from './config';
import { ApprovalStore } from './database/ApprovalStore';
import { DeploymentStore } from './database/DeploymentStore';
import { EnvironmentStore } from './database/EnvironmentStore';
import { ExtensionStore } from './database/ExtensionStore';
import { applyDatabaseMigrations } from './database/migrations';
import { PlanStore } from './database/PlanStore';
import { WorkloadStore } from './database/WorkloadStore';
import { ApprovalService } from './service/ApprovalService';
import { DeliveryRunner } from './service/DeliveryRunner';
import { publishDeploymentEvents } from './service/DeploymentEvents';
import { DeploymentService } from './service/DeploymentService';
import { EnvironmentService } from './service/EnvironmentService';
import { InventoryService } from './service/InventoryService';
import { PlanService } from './service/PlanService';
import { PlatformProvider } from './service/PlatformProvider';
import { EnvironmentCost } from './service/EnvironmentCost';
import { RunningImages } from './service/RunningImages';
import { WorkloadSource } from './service/WorkloadSource';

export interface ServiceDependencies {
  logger: LoggerService;
  database: DatabaseService;
  urlReader: UrlReaderService;
  catalog: CatalogService;
  notifications?: NotificationService;
  /** Where deployment state changes are announced (topic paved.orchestrator.deployment). */
  events?: EventsService;
  settings: Pick<OrchestratorConfig, 'platformDirectory'> &
    Partial<Pick<OrchestratorConfig, 'extensionApprovers'>>;
  extensions: {
    renderers: ResourceRenderer[];
    definitions: ResourceDefinition[];
  };
  targets: DeliveryTarget[];
}

/** Stores and services, wired; the plugin and the tests build them the same way. */
export async function createServices(deps: ServiceDependencies) {
  const knex = await deps.database.getClient();
  if (!deps.database.migrations?.skip) await applyDatabaseMigrations(knex);

  const platform = await PlatformProvider.fromDirectory(
    deps.settings.platformDirectory,
    deps.extensions,
  );
  const environmentStore = new EnvironmentStore(knex);
  await environmentStore.registerPlatform(platform.platform.environments);
  const deploymentStore = new DeploymentStore(
    knex,
    deps.events && publishDeploymentEvents(deps.events, deps.logger),
  );
  const planStore = new PlanStore(knex);

  const runner = new DeliveryRunner(
    new Map(deps.targets.map(t => [t.name, t])),
    deploymentStore,
    planStore,
    deps.logger,
  );
  const workloadStore = new WorkloadStore(knex);
  const plans = new PlanService(
    platform,
    environmentStore,
    planStore,
    workloadStore,
    new WorkloadSource(deps.catalog, deps.urlReader),
    new RunningImages(deploymentStore, planStore),
    new EnvironmentCost(deploymentStore, planStore),
  );
  const deployments = new DeploymentService(
    planStore,
    plans,
    deploymentStore,
    runner,
    workloadStore,
  );
  const approvals = new ApprovalService(
    deploymentStore,
    new ApprovalStore(knex),
    plans,
    runner,
  );
  const environments = new EnvironmentService(
    platform,
    environmentStore,
    deploymentStore,
    planStore,
    runner,
    deps.logger,
    new ExtensionStore(knex),
    {
      destroyed: async (environment, reason) => {
        if (!deps.notifications || !environment.owner) return;
        await deps.notifications.send({
          recipients: { type: 'entity', entityRef: environment.owner },
          payload: {
            title: `Environment ${environment.name} was destroyed`,
            description: `Paved destroyed the ephemeral environment ${environment.name} (${reason}); its workloads were removed.`,
            link: '/environments',
            severity: 'normal',
            topic: 'paved-environments',
          },
        });
      },
    },
    deps.settings.extensionApprovers,
  );
  const inventory = new InventoryService(
    environmentStore,
    workloadStore,
    deploymentStore,
    planStore,
  );
  return {
    platform,
    runner,
    plans,
    deployments,
    approvals,
    environments,
    inventory,
  };
}
