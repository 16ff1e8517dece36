import { InputError } from '@backstage/errors';
import {
  Environment,
  ResourceDefinition,
  ScoreResource,
  ScoreWorkload,
} from '@paved/plugin-orchestrator-common';
import { KubernetesObject } from './kubernetes/validate';
import { expandPlaceholders, ResolvedValue } from './placeholders';
import { ResourceOutputs } from './workload';

/** Everything a renderer knows about the resource it satisfies. */
export interface ResourceRenderContext {
  workload: ScoreWorkload;
  environment: Environment;
  namespace: string;
  /** The resource's name in the workload's `resources`. */
  name: string;
  resource: ScoreResource;
  /** Shared id, or `<workload>.<name>`. */
  id: string;
  definition: ResourceDefinition;
  /** The standard tags: owner, cost-center, environment, workload. */
  tags: Record<string, string>;
}

export interface RenderedResource {
  objects: KubernetesObject[];
  outputs: ResourceOutputs;
}

/** Turns a matched resource definition into artifacts and outputs. Modules add their own. */
export interface ResourceRenderer {
  name: string;
  render(context: ResourceRenderContext): RenderedResource;
}

/** Expands `${claim.*}`-style placeholders in a definition's outputs. */
export function resolveDefinitionOutputs(
  definition: ResourceDefinition,
  values: Record<string, string>,
): ResourceOutputs {
  const lookup = (path: string[]): ResolvedValue => {
    const key = path.join('.');
    if (!(key in values)) {
      throw new Error(
        `is not known to resource definitions; use one of: ${Object.keys(values)
          .sort()
          .join(', ')}`,
      );
    }
    return { kind: 'text', value: values[key] };
  };
  const where = (output: string) =>
    `resource definition "${definition.metadata.name}" outputs.${output}`;
  const text = (value: string, at: string) => {
    const expanded = expandPlaceholders(value, lookup, at);
    return expanded.kind === 'text' ? expanded.value : '';
  };
  return Object.fromEntries(
    Object.entries(definition.spec.outputs).map(
      ([output, value]): [string, ResolvedValue] => {
        if (typeof value === 'object') {
          const { name, key } = value.secretRef;
          return [
            output,
            {
              kind: 'secret',
              secretRef: {
                name: text(name, where(output)),
                key: text(key, where(output)),
              },
            },
          ];
        }
        return [
          output,
          { kind: 'text', value: text(String(value), where(output)) },
        ];
      },
    ),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Renders a Crossplane claim of the composite resource the platform defines
 * (`config.apiVersion`/`config.kind`), so cloud resources deliver through the
 * same GitOps and Kubernetes path as the workload. The definition's
 * `config.parameters` are the platform's baked-in defaults; a workload may set
 * only the parameters listed in `config.overridableParams`. The claim writes its
 * connection details to a Secret, which outputs reference as `${claim.secret}`.
 */
export const crossplaneClaimRenderer: ResourceRenderer = {
  name: 'crossplane-claim',
  render(context) {
    const { definition, name, resource, namespace, tags } = context;
    const config = definition.spec.renderer.config;
    const at = `resource definition "${definition.metadata.name}" renderer.config`;
    for (const key of ['apiVersion', 'kind'] as const) {
      if (typeof config[key] !== 'string')
        throw new InputError(`${at}.${key} must be a string`);
    }
    const defaults = isPlainObject(config.parameters) ? config.parameters : {};
    const overridable = Array.isArray(config.overridableParams)
      ? (config.overridableParams as string[])
      : [];
    const params = resource.params ?? {};
    const refused = Object.keys(params)
      .filter(key => !overridable.includes(key))
      .sort();
    if (refused.length > 0) {
      throw new InputError(
        `resources.${name}.params: ${refused
          .map(k => `"${k}"`)
          .join(', ')} cannot be set for ${resource.type} in environment "${
          context.environment.metadata.name
        }"; settable: ${overridable.join(', ') || 'none'}`,
      );
    }
    const claimName = resource.id
      ? resource.id.replace(/\./g, '-')
      : `${context.workload.metadata.name}-${name}`;
    const secret = `${claimName}-connection`;
    const claim: KubernetesObject = {
      apiVersion: config.apiVersion as string,
      kind: config.kind as string,
      metadata: { name: claimName, namespace, labels: tags },
      spec: {
        parameters: { ...defaults, ...params, tags },
        ...(isPlainObject(config.compositionSelector) && {
          compositionSelector: { matchLabels: config.compositionSelector },
        }),
        writeConnectionSecretToRef: { name: secret },
      },
    };
    return {
      objects: [claim],
      outputs: resolveDefinitionOutputs(definition, {
        'claim.name': claimName,
        'claim.namespace': namespace,
        'claim.secret': secret,
      }),
    };
  },
};

export const builtInRenderers: ResourceRenderer[] = [crossplaneClaimRenderer];
