import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type {
  Environment,
  PlanRequest,
  ScoreWorkload,
} from '@paved/plugin-orchestrator-common';
import { SCORE_BUILT_IMAGE } from '@paved/plugin-orchestrator-common';
import {
  createPlan,
  inlineFileSources,
  loadWorkload,
  Plan,
} from '@paved/plugin-orchestrator-node';
import { EnvironmentStore } from '../database/EnvironmentStore';
import { PlanStore } from '../database/PlanStore';
import { WorkloadStore } from '../database/WorkloadStore';
import { EnvironmentCost } from './EnvironmentCost';
import { PlatformProvider } from './PlatformProvider';
import {
  RunningImages,
  reuseRunningImages,
  withWarnings,
} from './RunningImages';
import { WorkloadSource } from './WorkloadSource';

export type { PlanRequest };

// The only placeholder a preview fills: `${{ values.name }}`, as fetch:template renders it.
const VALUE_PLACEHOLDER = /\$\{\{\s*values\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Fills a template's score.yaml with the form's values; anything fancier is refused by name. */
function fillTemplateValues(
  text: string,
  values: NonNullable<PlanRequest['values']>,
  location: string,
): string {
  // Checked before filling, so a value that itself contains ${{ }} stays literal text.
  const left = /\$\{\{[^}]*\}\}/.exec(text.replace(VALUE_PLACEHOLDER, ''));
  if (left) {
    throw new InputError(
      `${location}: the plan preview fills only \${{ values.<name> }}, not ${left[0]}`,
    );
  }
  return text.replace(VALUE_PLACEHOLDER, (_m, name: string) =>
    Object.hasOwn(values, name) && values[name] !== null
      ? String(values[name])
      : '',
  );
}

/** Plans a workload for an environment with the platform's definitions and guardrails, and keeps the plan. */
export class PlanService {
  constructor(
    private readonly platform: PlatformProvider,
    private readonly environments: EnvironmentStore,
    private readonly plans: PlanStore,
    private readonly workloads: WorkloadStore,
    private readonly sources: WorkloadSource,
    private readonly running: RunningImages,
    private readonly costs: EnvironmentCost,
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
    const given = [request.score, request.entityRef, request.template].filter(
      Boolean,
    );
    if (given.length !== 1) {
      throw new InputError(
        'Give one of score (the score.yaml text), entityRef, or template with templatePath',
      );
    }
    if (request.template && !request.templatePath) {
      throw new InputError(
        'templatePath is required with template, e.g. ./skeleton/score.yaml',
      );
    }
    const environment = await this.environment(request.environment);
    const source = await this.source(request, credentials);
    // Files a workload reads from disk cannot be fetched here: they must be inline.
    const workload = inlineFileSources(
      withResources(
        loadWorkload(source.text, source.location),
        request.resources,
        source.location,
      ),
      path => {
        throw new InputError(
          `${source.location}: file "${path}" must be given inline (content:), the portal cannot read your repository's files`,
        );
      },
    );
    const reused = await this.reuseRunningImages(
      workload,
      environment,
      request.image,
    );
    const plan = withWarnings(
      createPlan({
        workload: reused.workload,
        environment,
        platform: this.platform.platform,
        renderers: this.platform.renderers,
        builtImage: request.image,
        // A cost cap is the environment's: what already runs there counts.
        otherWorkloadsCost: environment.spec.costCap
          ? await this.costs.otherWorkloads(
              environment.metadata.name,
              reused.workload.metadata.name,
            )
          : undefined,
      }),
      reused.notes,
    );
    await this.workloads.upsert({
      name: plan.workload,
      entityRef: source.entityRef,
      scoreLocation: source.entityRef ? source.location : undefined,
    });
    await this.plans.save(plan, credentials.principal.userEntityRef);
    return plan;
  }

  /**
   * Without an image, a workload's "." containers keep the image they run:
   * plans made from the catalog (a database added to a running service) have
   * no CI build to name. An image given always wins. Never from an
   * ephemeral environment into another: a preview runs a branch's build.
   */
  private async reuseRunningImages(
    workload: ScoreWorkload,
    environment: Environment,
    image: string | undefined,
  ): Promise<{ workload: ScoreWorkload; notes: string[] }> {
    const builtHere = Object.values(workload.containers).some(
      c => c.image === SCORE_BUILT_IMAGE,
    );
    if (image !== undefined || !builtHere) return { workload, notes: [] };
    const platformEnvironments = new Set(
      this.platform.platform.environments.map(e => e.metadata.name),
    );
    const running = await this.running.find(
      workload.metadata.name,
      environment.metadata.name,
      other => platformEnvironments.has(other),
    );
    return running
      ? reuseRunningImages(workload, running)
      : { workload, notes: [] };
  }

  private async source(
    request: PlanRequest,
    credentials: BackstageCredentials,
  ): Promise<{ text: string; location: string; entityRef?: string }> {
    if (request.entityRef)
      return this.sources.forEntity(request.entityRef, credentials);
    if (request.template) {
      const template = await this.sources.forTemplate(
        request.template,
        request.templatePath!,
        credentials,
      );
      return {
        text: fillTemplateValues(
          template.text,
          request.values ?? {},
          template.location,
        ),
        location: template.location,
      };
    }
    return { text: request.score!, location: 'request body' };
  }

  async get(hash: string): Promise<Plan> {
    const plan = await this.plans.get(hash);
    if (!plan) throw new NotFoundError(`No plan ${hash}`);
    return plan;
  }
}

/** Adds resources to a workload; a name it already uses is refused, never overwritten. */
function withResources(
  workload: ScoreWorkload,
  resources: PlanRequest['resources'],
  location: string,
): ScoreWorkload {
  if (!resources) return workload;
  for (const name of Object.keys(resources)) {
    if (workload.resources?.[name]) {
      throw new InputError(
        `${location} already has a resource called "${name}"; choose another name`,
      );
    }
  }
  return {
    ...workload,
    resources: { ...workload.resources, ...resources },
  };
}
