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
