import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { Deployment } from '@paved/plugin-orchestrator-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeploymentService } from './DeploymentService';
import { EnvironmentService } from './EnvironmentService';
import { PlanService } from './PlanService';
import { SCORE_ANNOTATION } from './WorkloadSource';

/** The demo organisation's people (examples/org.yaml) who ask for the demo's deployments. */
export const DEMO_USERS = {
  mei: 'user:default/mei-chen',
  david: 'user:default/david-mensah',
};
export const DEMO_WORKLOADS = {
  checkout: 'checkout-service',
  payments: 'payments-gateway',
};
/** The ephemeral environment the demo makes, as for checkout's pull request #142. */
export const DEMO_ENVIRONMENT = {
  name: 'pr-142-checkout',
  template: 'preview',
  ttl: '1d',
  owner: 'group:default/payments',
};
/** The images CI "built" for checkout-service, whose score.yaml says image: ".". */
export const DEMO_IMAGES = {
  released: 'registry.northwind.example/checkout-service:2.3.0',
  next: 'registry.northwind.example/checkout-service:2.4.0',
  pullRequest: 'registry.northwind.example/checkout-service:2.4.0-pr.142',
};

const entityRefOf = (workload: string) => `component:default/${workload}`;

export interface DemoDataOptions {
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  plans: PlanService;
  deployments: DeploymentService;
  environments: EnvironmentService;
  /** How often the catalog is asked for the demo's components (default 2 s), and for how long (3 minutes). */
  catalogPollMs?: number;
  catalogTimeoutMs?: number;
  /** How often a delivery is looked at until it settles (default 250 ms), and for how long (2 minutes). */
  settlePollMs?: number;
  settleTimeoutMs?: number;
}

export type DemoOutcome = 'created' | 'already-present';

/**
 * The local portal's demo data, made through the orchestrator's own code:
 * checkout-service delivered to development (twice) and staging,
 * payments-gateway waiting for the platform team's approval in production,
 * and an ephemeral environment with checkout-service in it. Plans come from
 * the catalog components' score.yaml, deliveries go to the real target.
 */
export class DemoData {
  private readonly abort = new AbortController();

  constructor(private readonly options: DemoDataOptions) {}

  /**
   * Creates the demo data in the background: the returned promise never
   * rejects, failures are logged. `stop()` ends any waiting.
   */
  start(): Promise<DemoOutcome | undefined> {
    return this.run().catch(error => {
      if (this.abort.signal.aborted) {
        this.options.logger.info('Demo data: stopped with the backend');
      } else {
        this.options.logger.error(
          `Demo data: could not be created: ${(error as Error).message}`,
        );
      }
      return undefined;
    });
  }

  stop() {
    this.abort.abort();
  }

  async run(): Promise<DemoOutcome> {
    const { logger, deployments } = this.options;
    const workloads = Object.values(DEMO_WORKLOADS);
    for (const workload of workloads) {
      if ((await deployments.environments(workload)).length > 0) {
        logger.info(
          `Demo data: the orchestrator already has deployments of ${workload}; nothing to create`,
        );
        return 'already-present';
      }
    }
    const service = await this.options.auth.getOwnServiceCredentials();
    await this.waitForCatalog(workloads.map(entityRefOf), service);
    const as = this.actingAs(service);
    const { mei, david } = DEMO_USERS;
    const { checkout, payments } = DEMO_WORKLOADS;

    // 1. checkout-service: two revisions in development, one in staging.
    const { released, next } = DEMO_IMAGES;
    const first = await this.delivered(
      checkout,
      'development',
      as(mei),
      released,
    );
    const second = await this.delivered(
      checkout,
      'development',
      as(david),
      next,
    );
    const staged = await this.delivered(checkout, 'staging', as(mei), released);
    logger.info(
      `Demo data: ${checkout} delivered to development (revision ${first.revision} by ${mei}, revision ${second.revision} by ${david}) and to staging (revision ${staged.revision} by ${mei})`,
    );

    // 2. payments-gateway to production: its cost asks the platform team to approve.
    const pending = await this.deploy(payments, 'production', as(mei));
    logger.info(
      `Demo data: ${payments} revision ${
        pending.revision
      } to production, requested by ${mei}, is ${pending.state}${
        pending.approvers ? ` (approvers: ${pending.approvers.join(', ')})` : ''
      }`,
    );

    // 3. An ephemeral environment for checkout's pull request, with checkout in it.
    const environment = await this.environment(david);
    await this.delivered(
      checkout,
      environment.name,
      as(david),
      DEMO_IMAGES.pullRequest,
    );
    logger.info(
      `Demo data: ephemeral environment ${environment.name} (owner ${environment.owner}, expires ${environment.expiresAt}) created by ${david}, with ${checkout} delivered to it`,
    );
    return 'created';
  }

  /**
   * Credentials to plan as one of the demo's people: the catalog is read with
   * the plugin's own service credentials (the demo's people have no tokens),
   * and the plan records the person as its author.
   */
  private actingAs(service: BackstageCredentials) {
    return (userEntityRef: string) => ({
      ...service,
      principal: { ...(service.principal as object), userEntityRef },
    });
  }

  /** Waits until the catalog has processed every component, with its Score annotation. */
  private async waitForCatalog(
    refs: string[],
    credentials: BackstageCredentials,
  ) {
    const { catalogPollMs = 2000, catalogTimeoutMs = 180_000 } = this.options;
    const deadline = Date.now() + catalogTimeoutMs;
    for (;;) {
      const missing: string[] = [];
      for (const ref of refs) {
        const entity = await this.options.catalog
          .getEntityByRef(ref, { credentials })
          .catch(() => undefined);
        if (!entity?.metadata.annotations?.[SCORE_ANNOTATION])
          missing.push(ref);
      }
      if (missing.length === 0) return;
      if (Date.now() >= deadline) {
        throw new Error(
          `after ${
            catalogTimeoutMs / 1000
          } s the catalog still has no ${missing.join(
            ' or ',
          )} with a ${SCORE_ANNOTATION} annotation`,
        );
      }
      this.options.logger.debug(
        `Demo data: waiting for the catalog to process ${missing.join(', ')}`,
      );
      await sleep(catalogPollMs, undefined, { signal: this.abort.signal });
    }
  }

  /** Plans the workload from its catalog entity and deploys the plan, waiting until it settles. */
  private async deploy(
    workload: string,
    environment: string,
    credentials: BackstageCredentials<{ userEntityRef: string }>,
    image?: string,
  ): Promise<Deployment> {
    const plan = await this.options.plans.plan(
      { environment, entityRef: entityRefOf(workload), image },
      credentials,
    );
    const { deployment } = await this.options.deployments.deploy(
      plan.hash,
      credentials.principal.userEntityRef,
    );
    return this.settled(deployment);
  }

  private async delivered(
    workload: string,
    environment: string,
    credentials: BackstageCredentials<{ userEntityRef: string }>,
    image?: string,
  ): Promise<Deployment> {
    const deployment = await this.deploy(
      workload,
      environment,
      credentials,
      image,
    );
    if (deployment.state !== 'delivered') {
      throw new Error(
        `${workload} revision ${deployment.revision} to ${environment} is ${
          deployment.state
        }${deployment.error ? `: ${deployment.error}` : ''}`,
      );
    }
    return deployment;
  }

  /** Waits while the deployment is delivering: one in flight per workload and environment. */
  private async settled(deployment: Deployment): Promise<Deployment> {
    const { settlePollMs = 250, settleTimeoutMs = 120_000 } = this.options;
    const deadline = Date.now() + settleTimeoutMs;
    let current = deployment;
    while (current.state === 'delivering') {
      if (Date.now() >= deadline) {
        throw new Error(
          `${current.workload} revision ${current.revision} to ${
            current.environment
          } is still delivering after ${settleTimeoutMs / 1000} s`,
        );
      }
      await sleep(settlePollMs, undefined, { signal: this.abort.signal });
      current = await this.options.deployments.get(current.id);
    }
    return current;
  }

  /** The demo's ephemeral environment: made from the preview template unless an earlier run made it. */
  private async environment(createdBy: string) {
    const { environments } = this.options;
    try {
      return await environments.get(DEMO_ENVIRONMENT.name);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const { name, template, ttl, owner } = DEMO_ENVIRONMENT;
      return environments.create({ name, template, ttl, owner }, createdBy);
    }
  }
}
