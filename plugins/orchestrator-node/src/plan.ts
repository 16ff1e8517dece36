import { InputError } from '@backstage/errors';
import { CiRenderInput, renderGithubWorkflow } from './ci/githubActions';
import {
  Environment,
  Money,
  Plan,
  PlanArtifact,
  PlannedResource,
  ScoreWorkload,
} from '@paved/plugin-orchestrator-common';
import { renderWorkload } from './kubernetes/workload';
import { ClaimValidator } from './kubernetes/claims';
import {
  isKnownKubernetesKind,
  KubernetesObject,
  validateKubernetesObject,
} from './kubernetes/validate';
import { matchDefinition } from './matching';
import { Platform } from './platform';
import { builtInRenderers } from './renderers';
import { ResourceRenderer } from './resources';
import { sha256, toCanonicalJson, toStableYaml } from './serialize';
import {
  expandParams,
  orderResources,
  resourceDependencies,
} from './resourceGraph';
import { ResourceOutputs, workloadResolver } from './workload';
import { planGuardrails, PlannedObject } from './guardrails/planGuardrails';
import type { PolicySet } from './guardrails/policy';
import { parseYamlDocument } from './yaml';
import {
  COST_CENTER_ANNOTATION,
  OWNER_ANNOTATION,
} from './kubernetes/workload';

export type { Plan, PlanArtifact, PlannedResource };

// Compiling the XRD schemas is the costly part: once per loaded platform.
const claimValidators = new WeakMap<Platform, ClaimValidator>();
function claimValidatorFor(platform: Platform): ClaimValidator {
  let validator = claimValidators.get(platform);
  if (!validator) {
    validator = new ClaimValidator(platform.compositeResourceDefinitions ?? []);
    claimValidators.set(platform, validator);
  }
  return validator;
}

export interface PlanInput {
  workload: ScoreWorkload;
  environment: Environment;
  platform: Platform;
  builtImage?: string;
  /** Renderers besides the built-in ones, e.g. from a backend module. */
  renderers?: ResourceRenderer[];
  /** When given, the plan includes the CI workflow for the workload's own repository. */
  ci?: Omit<CiRenderInput, 'workload'>;
  /** Guardrails to check; the platform's own (`platform/policies/`) when left out. */
  policies?: PolicySet;
  /**
   * What the other workloads running in the environment cost a month. Given
   * for an environment with a cost cap, the plan's cost then says what the
   * whole environment would cost (`cost.environmentPerMonth`).
   */
  otherWorkloadsCost?: Money[];
}

/** Amounts summed per currency, rounded to the cent, in currency order. */
function sumByCurrency(lines: Money[]): Money[] {
  const totals = new Map<string, number>();
  for (const { amount, currency } of lines) {
    totals.set(currency, (totals.get(currency) ?? 0) + amount);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({
      amount: Math.round(amount * 100) / 100,
      currency,
    }));
}

// Plurals of the platform's custom kinds, as discovery would name them for admission rules.
const pluralsByPlatform = new WeakMap<Platform, Map<string, string>>();
function pluralsFor(platform: Platform): Map<string, string> {
  let plurals = pluralsByPlatform.get(platform);
  if (!plurals) {
    plurals = new Map();
    for (const { spec } of platform.compositeResourceDefinitions ?? []) {
      for (const names of [spec.names, spec.claimNames]) {
        if (names?.plural)
          plurals.set(`${spec.group}/${names.kind}`, names.plural);
      }
    }
    pluralsByPlatform.set(platform, plurals);
  }
  return plurals;
}

const artifactPath = (object: KubernetesObject, folder: string) =>
  `${folder}/${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;

/**
 * Plans a workload for an environment: matches every resource to its
 * definition, renders resources and workload, and returns every artifact with
 * the cost and a content hash. Pure and deterministic.
 */
export function createPlan(input: PlanInput): Plan {
  const { workload, environment, platform } = input;
  const name = workload.metadata.name;
  const namespace =
    environment.spec.namespace ?? `${name}-${environment.metadata.name}`;
  const renderers = new Map(
    [...builtInRenderers, ...(input.renderers ?? [])].map(r => [r.name, r]),
  );
  const annotations = workload.metadata.annotations ?? {};
  const tags: Record<string, string> = {
    environment: environment.metadata.name,
    workload: name,
    ...(annotations[OWNER_ANNOTATION] && {
      owner: annotations[OWNER_ANNOTATION],
    }),
    ...(annotations[COST_CENTER_ANNOTATION] && {
      'cost-center': annotations[COST_CENTER_ANNOTATION],
    }),
  };

  const claims = claimValidatorFor(platform);
  const resourceWarnings: string[] = [];
  const artifacts: PlanArtifact[] = [];
  const kubernetesObjects: PlannedObject[] = [];
  const claimObjects: PlannedObject[] = [];
  const resources: PlannedResource[] = [];
  const outputs: Record<string, ResourceOutputs> = {};
  const declared = workload.resources ?? {};
  const resolve = workloadResolver(workload, outputs);
  // Resources whose params use another's outputs are rendered after it.
  for (const resourceName of orderResources(declared)) {
    const resource = {
      ...declared[resourceName],
      params: expandParams(
        resourceName,
        declared[resourceName].params,
        resolve,
      ),
    };
    const id = resource.id ?? `${name}.${resourceName}`;
    const resourceClass = resource.class ?? 'default';
    const definition = matchDefinition(platform.definitions, {
      type: resource.type,
      class: resourceClass,
      resourceId: id,
      workload: name,
      environment: {
        name: environment.metadata.name,
        type: environment.spec.type,
      },
    });
    const renderer = renderers.get(definition.spec.renderer.name);
    if (!renderer) {
      throw new InputError(
        `Resource definition "${definition.metadata.name}" uses renderer "${
          definition.spec.renderer.name
        }", which is not installed; installed: ${[...renderers.keys()]
          .sort()
          .join(', ')}`,
      );
    }
    const rendered = renderer.render({
      workload,
      environment,
      namespace,
      name: resourceName,
      resource,
      id,
      definition,
      tags,
    });
    outputs[resourceName] = rendered.outputs;
    const renderedBy = `resource definition "${definition.metadata.name}"`;
    for (const object of rendered.objects) {
      const path = artifactPath(object, 'resources');
      if (isKnownKubernetesKind(object)) {
        validateKubernetesObject(object, renderedBy);
        kubernetesObjects.push({ object, artifact: path });
      } else {
        if (claims.knows(object)) claims.validate(object, renderedBy);
        else
          resourceWarnings.push(
            `${renderedBy} renders ${object.kind} (${object.apiVersion}), which no XRD in the platform declares; it was not checked`,
          );
        claimObjects.push({ object, artifact: path });
      }
      artifacts.push({
        path,
        kind: object.kind,
        content: toStableYaml(object),
      });
    }
    resources.push({
      name: resourceName,
      type: resource.type,
      class: resourceClass,
      id,
      definition: definition.metadata.name,
      dependsOn: resourceDependencies(declared[resourceName]),
      outputs: rendered.outputs,
      ...(definition.spec.pricePerMonth && {
        pricePerMonth: definition.spec.pricePerMonth,
      }),
    });
  }

  const rendered = renderWorkload({
    workload,
    environment,
    outputs,
    builtImage: input.builtImage,
  });
  for (const object of rendered.objects) {
    const path = artifactPath(object, 'kubernetes');
    kubernetesObjects.push({ object, artifact: path });
    artifacts.push({
      path,
      kind: object.kind,
      content: toStableYaml(object),
    });
  }
  const workflows: Array<{ artifact: string; document: unknown }> = [];
  if (input.ci) {
    const workflow = renderGithubWorkflow({ ...input.ci, workload: name });
    artifacts.push(workflow);
    workflows.push({
      artifact: workflow.path,
      document: parseYamlDocument(workflow.content, workflow.path),
    });
  }
  const duplicate = artifacts.find(
    (a, i) => artifacts.findIndex(b => b.path === a.path) !== i,
  );
  if (duplicate) {
    throw new InputError(
      `Two artifacts would be written to ${duplicate.path}; rename one of the resources`,
    );
  }
  const perMonth = sumByCurrency(
    resources.flatMap(r => (r.pricePerMonth ? [r.pricePerMonth] : [])),
  );
  const cost: Plan['cost'] = input.otherWorkloadsCost
    ? {
        perMonth,
        environmentPerMonth: sumByCurrency([
          ...perMonth,
          ...input.otherWorkloadsCost,
        ]),
      }
    : { perMonth };
  const environmentRef = {
    name: environment.metadata.name,
    type: environment.spec.type,
  };
  const policies = input.policies ?? platform.policies;
  const guardrails = policies
    ? planGuardrails({
        policies,
        environment,
        objects: kubernetesObjects,
        claims: claimObjects,
        workflows,
        summary: {
          workload: name,
          environment: environmentRef,
          namespace: rendered.namespace,
          cost,
          resources: resources.map(r => ({ ...r })),
        },
        plurals: pluralsFor(platform),
      })
    : { verdicts: [], artifacts: [] };
  artifacts.push(...guardrails.artifacts);
  artifacts.sort((a, b) => a.path.localeCompare(b.path));

  const unhashed: Omit<Plan, 'hash'> = {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'Plan',
    workload: name,
    environment: environmentRef,
    namespace: rendered.namespace,
    artifacts,
    resources,
    cost,
    warnings: [...resourceWarnings, ...rendered.warnings],
    verdicts: guardrails.verdicts,
  };
  // Hashed as canonical JSON: the same content as the YAML, a fraction of the cost to write.
  return { ...unhashed, hash: sha256(toCanonicalJson(unhashed)) };
}
