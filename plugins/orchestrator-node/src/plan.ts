import { InputError } from '@backstage/errors';
import { CiRenderInput, renderGithubWorkflow } from './ci/githubActions';
import {
  Environment,
  Money,
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
import {
  COST_CENTER_ANNOTATION,
  OWNER_ANNOTATION,
} from './kubernetes/workload';

export interface PlanArtifact {
  /** Relative to the workload's folder in the GitOps repository. */
  path: string;
  kind: string;
  content: string;
}

export interface PlannedResource {
  name: string;
  type: string;
  class: string;
  id: string;
  definition: string;
  /** The workload's other resources whose outputs this one's params use: the resource graph's edges. */
  dependsOn: string[];
  /** Secrets appear as their reference only. */
  outputs: ResourceOutputs;
  pricePerMonth?: Money;
}

/** The pure result of planning one workload for one environment. */
export interface Plan {
  apiVersion: 'paved.dev/v1alpha1';
  kind: 'Plan';
  workload: string;
  environment: { name: string; type: Environment['spec']['type'] };
  namespace: string;
  artifacts: PlanArtifact[];
  resources: PlannedResource[];
  cost: { perMonth: Money[] };
  warnings: string[];
  /** Guardrail verdicts; filled in by the guardrails stage. */
  verdicts: unknown[];
  /** sha256 over everything above: the same inputs give the same hash. */
  hash: string;
}

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
      if (isKnownKubernetesKind(object)) {
        validateKubernetesObject(object, renderedBy);
      } else if (claims.knows(object)) {
        claims.validate(object, renderedBy);
      } else {
        resourceWarnings.push(
          `${renderedBy} renders ${object.kind} (${object.apiVersion}), which no XRD in the platform declares; it was not checked`,
        );
      }
      artifacts.push({
        path: artifactPath(object, 'resources'),
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
    artifacts.push({
      path: artifactPath(object, 'kubernetes'),
      kind: object.kind,
      content: toStableYaml(object),
    });
  }
  if (input.ci) {
    artifacts.push(renderGithubWorkflow({ ...input.ci, workload: name }));
  }
  const duplicate = artifacts.find(
    (a, i) => artifacts.findIndex(b => b.path === a.path) !== i,
  );
  if (duplicate) {
    throw new InputError(
      `Two artifacts would be written to ${duplicate.path}; rename one of the resources`,
    );
  }
  artifacts.sort((a, b) => a.path.localeCompare(b.path));

  const totals = new Map<string, number>();
  for (const { pricePerMonth } of resources) {
    if (pricePerMonth)
      totals.set(
        pricePerMonth.currency,
        (totals.get(pricePerMonth.currency) ?? 0) + pricePerMonth.amount,
      );
  }
  const unhashed: Omit<Plan, 'hash'> = {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'Plan',
    workload: name,
    environment: {
      name: environment.metadata.name,
      type: environment.spec.type,
    },
    namespace: rendered.namespace,
    artifacts,
    resources,
    cost: {
      perMonth: [...totals.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, amount]) => ({
          amount: Math.round(amount * 100) / 100,
          currency,
        })),
    },
    warnings: [...resourceWarnings, ...rendered.warnings],
    verdicts: [],
  };
  // Hashed as canonical JSON: the same content as the YAML, a fraction of the cost to write.
  return { ...unhashed, hash: sha256(toCanonicalJson(unhashed)) };
}
