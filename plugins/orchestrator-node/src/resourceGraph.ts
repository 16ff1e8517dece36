import { InputError } from '@backstage/errors';
import { ScoreResource } from '@paved/plugin-orchestrator-common';
import {
  expandPlaceholders,
  PlaceholderResolver,
  splitPlaceholderPath,
} from './placeholders';

/** Every string inside a params value, with its path for errors. */
function strings(
  value: unknown,
  path: string,
  visit: (text: string, where: string) => void,
): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value))
    value.forEach((item, i) => strings(item, `${path}[${i}]`, visit));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      strings(item, `${path}.${key}`, visit);
  }
}

/** The resources a resource's params refer to through `${resources.<name>...}`, by name. */
export function resourceDependencies(resource: ScoreResource): string[] {
  return [...dependencies(resource)].sort();
}

function dependencies(resource: ScoreResource): Set<string> {
  const found = new Set<string>();
  strings(resource.params, 'params', text => {
    for (const match of text.matchAll(/(?<!\$)\$\{([^}]*)\}/g)) {
      const [root, name] = splitPlaceholderPath(match[1]);
      if (root === 'resources' && name) found.add(name);
    }
  });
  return found;
}

/**
 * Orders a workload's resources so that each comes after those its params
 * refer to (ties by name, for determinism). A cycle is an error naming it.
 */
export function orderResources(
  resources: Record<string, ScoreResource>,
): string[] {
  const names = Object.keys(resources).sort();
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name].map(
        n => `resources.${n}`,
      );
      throw new InputError(
        `Resources refer to each other in a cycle: ${cycle.join(' -> ')}`,
      );
    }
    state.set(name, 'visiting');
    for (const dependency of [...dependencies(resources[name])].sort()) {
      if (!(dependency in resources)) {
        throw new InputError(
          `resources.${name}.params refers to resource "${dependency}", which the workload does not declare`,
        );
      }
      visit(dependency, [...trail, name]);
    }
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of names) visit(name, []);
  return order;
}

/** Expands placeholders in a resource's params; a secret may not be passed on this way. */
export function expandParams(
  name: string,
  params: Record<string, unknown> | undefined,
  resolve: PlaceholderResolver,
): Record<string, unknown> | undefined {
  if (!params) return undefined;
  const expand = (value: unknown, where: string): unknown => {
    if (typeof value === 'string') {
      const expanded = expandPlaceholders(value, resolve, where);
      if (expanded.kind === 'secret') {
        throw new InputError(
          `${where}: a secret cannot be passed to a resource as a parameter`,
        );
      }
      return expanded.value;
    }
    if (Array.isArray(value))
      return value.map((item, i) => expand(item, `${where}[${i}]`));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, expand(v, `${where}.${k}`)]),
      );
    }
    return value;
  };
  return expand(params, `resources.${name}.params`) as Record<string, unknown>;
}
