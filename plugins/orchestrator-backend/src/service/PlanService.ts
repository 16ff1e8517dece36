import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { Environment } from '@paved/plugin-orchestrator-common';
import {
  createPlan,
  inlineFileSources,
  loadWorkload,
  Plan,
} from '@paved/plugin-orchestrator-node';
import { EnvironmentStore } from '../database/EnvironmentStore';
import { PlanStore } from '../database/PlanStore';
import { WorkloadStore } from '../database/WorkloadStore';
import { PlatformProvider } from './PlatformProvider';
import { WorkloadSource } from './WorkloadSource';

export interface PlanRequest {
  environment: string;
  /** score.yaml text, or a catalog entity whose paved.dev/score annotation names it. */
  score?: string;
  entityRef?: string;
  /** The image CI built, for containers whose image is ".". */
  image?: string;
}

/** Plans a workload for an environment with the platform's definitions and guardrails, and keeps the plan. */
export class PlanService {
  constructor(
    private readonly platform: PlatformProvider,
    private readonly environments: EnvironmentStore,
    private readonly plans: PlanStore,
    private readonly workloads: WorkloadStore,
    private readonly sources: WorkloadSource,
  ) {}

  /** The active environment called `name`, as the engine sees it. */
  async environment(name: string): Promise<Environment> {
    const record = await this.environments.get(name);
    if (!record || record.state === 'destroyed') {
      const known = (await this.environments.list({ state: 'active' }))
        .map(e => e.name)
        .join(', ');
      throw new NotFoundError(
        `Unknown environment "${name}"; active environments: ${
          known || 'none'
        }`,
      );
    }
    if (record.state !== 'active')
      throw new InputError(`Environment "${name}" is being destroyed`);
    return this.platform.environmentFor(record);
  }

  async plan(
    request: PlanRequest,
    credentials: BackstageCredentials<{ userEntityRef: string }>,
  ): Promise<Plan> {
    if (!request.score === !request.entityRef) {
      throw new InputError(
        'Give either score (the score.yaml text) or entityRef, not both',
      );
    }
    const environment = await this.environment(request.environment);
    const source = request.entityRef
      ? await this.sources.forEntity(request.entityRef, credentials)
      : { text: request.score!, location: 'request body' };
    // Files a workload reads from disk cannot be fetched here: they must be inline.
    const workload = inlineFileSources(
      loadWorkload(source.text, source.location),
      path => {
        throw new InputError(
          `${source.location}: file "${path}" must be given inline (content:), the portal cannot read your repository's files`,
        );
      },
    );
    const plan = createPlan({
      workload,
      environment,
      platform: this.platform.platform,
      renderers: this.platform.renderers,
      builtImage: request.image,
    });
    await this.workloads.upsert({
      name: plan.workload,
      entityRef: 'entityRef' in source ? source.entityRef : undefined,
      scoreLocation: 'entityRef' in source ? source.location : undefined,
    });
    await this.plans.save(plan, credentials.principal.userEntityRef);
    return plan;
  }

  async get(hash: string): Promise<Plan> {
    const plan = await this.plans.get(hash);
    if (!plan) throw new NotFoundError(`No plan ${hash}`);
    return plan;
  }
}
