import { isDeepStrictEqual } from 'node:util';
import { formatPath, isPlainObject, listKeyOf, PathSegment } from '../listKeys';

/**
 * Server-side apply's field ownership, as far as the test server needs it:
 * an object is a set of leaf fields; maps nest, lists with a merge key
 * (containers by name...) are addressed per element, other lists are one
 * field. Enough to merge applies the way the API server does and to name
 * the fields of a conflict.
 */

export type FieldPath = PathSegment[];
export interface Leaf {
  path: FieldPath;
  value: unknown;
}

export const pathKey = (path: FieldPath) => JSON.stringify(path);

/** `.spec.template.spec.containers[name="api"].image`, as the API server writes it in conflicts. */
export const conflictPath = (path: FieldPath) => `.${formatPath(path)}`;

// Identity, not content: nobody owns these.
const IDENTITY = new Set(
  ['apiVersion', 'kind', 'metadata.name', 'metadata.namespace'].map(p =>
    pathKey(p.split('.')),
  ),
);

export function leavesOf(
  object: Record<string, unknown>,
  prefix: FieldPath = [],
): Leaf[] {
  const out: Leaf[] = [];
  for (const [key, value] of Object.entries(object)) {
    const path = [...prefix, key];
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      out.push(...leavesOf(value, path));
      continue;
    }
    const listKey = Array.isArray(value) ? listKeyOf(key, value) : undefined;
    if (listKey) {
      for (const element of value as Array<Record<string, unknown>>) {
        const id = element[listKey] as string | number;
        out.push(...leavesOf(element, [...path, { key: listKey, value: id }]));
      }
      continue;
    }
    if (!IDENTITY.has(pathKey(path))) out.push({ path, value });
  }
  return out;
}

export function getAt(object: unknown, path: FieldPath): unknown {
  let current: unknown = object;
  for (const segment of path) {
    if (typeof segment === 'string') {
      if (!isPlainObject(current)) return undefined;
      current = current[segment];
    } else {
      if (!Array.isArray(current)) return undefined;
      current = current.find(
        e => isPlainObject(e) && e[segment.key] === segment.value,
      );
    }
  }
  return current;
}

/** Sets a leaf, creating the maps and keyed list elements on the way. */
export function setAt(
  object: Record<string, unknown>,
  path: FieldPath,
  value: unknown,
): void {
  let current: Record<string, unknown> = object;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i];
    const next = path[i + 1];
    if (typeof segment !== 'string') continue;
    if (typeof next === 'string') {
      if (!isPlainObject(current[segment])) current[segment] = {};
      current = current[segment] as Record<string, unknown>;
    } else {
      if (!Array.isArray(current[segment])) current[segment] = [];
      const list = current[segment] as Array<Record<string, unknown>>;
      let element = list.find(
        e => isPlainObject(e) && e[next.key] === next.value,
      );
      if (!element) {
        element = { [next.key]: next.value };
        list.push(element);
      }
      current = element;
    }
  }
  const last = path[path.length - 1];
  if (typeof last !== 'string') return;
  // An empty map asserts that the map exists; it does not clear it.
  if (
    isPlainObject(value) &&
    Object.keys(value).length === 0 &&
    isPlainObject(current[last])
  ) {
    return;
  }
  current[last] = structuredClone(value);
}

/** Whether applying `value` where `live` is changes nothing (an empty map only asserts the map exists). */
export function sameValue(live: unknown, value: unknown): boolean {
  if (isPlainObject(value) && Object.keys(value).length === 0) {
    return isPlainObject(live);
  }
  return isDeepStrictEqual(live, value);
}

/**
 * The object after `config` is applied by a manager that owned `previous`:
 * fields it no longer applies go unless someone else owns them; everything
 * else of the live object stays.
 */
export function mergeApplied(
  live: Record<string, unknown>,
  config: Record<string, unknown>,
  previous: Set<string>,
  ownedByOthers: Set<string>,
): Record<string, unknown> {
  const configLeaves = leavesOf(config);
  const configValues = new Map(configLeaves.map(l => [pathKey(l.path), l]));
  const result: Record<string, unknown> = {};
  const written = new Set<string>();
  for (const leaf of leavesOf(live)) {
    const key = pathKey(leaf.path);
    const applied = configValues.get(key);
    if (applied) {
      setAt(result, leaf.path, applied.value);
      written.add(key);
    } else if (!previous.has(key) || ownedByOthers.has(key)) {
      setAt(result, leaf.path, leaf.value);
    }
  }
  for (const leaf of configLeaves) {
    if (!written.has(pathKey(leaf.path))) setAt(result, leaf.path, leaf.value);
  }
  for (const field of ['apiVersion', 'kind'])
    result[field] = config[field] ?? live[field];
  const metadata = (result.metadata ?? {}) as Record<string, unknown>;
  const identity = (config.metadata ?? live.metadata) as Record<
    string,
    unknown
  >;
  result.metadata = {
    name: identity.name,
    ...(identity.namespace !== undefined && { namespace: identity.namespace }),
    ...metadata,
  };
  return result;
}

/** managedFields' FieldsV1 form of a set of paths. */
export function fieldsV1(paths: Iterable<FieldPath>): Record<string, unknown> {
  const root: Record<string, any> = {};
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      const key =
        typeof segment === 'string'
          ? `f:${segment}`
          : `k:${JSON.stringify({ [segment.key]: segment.value })}`;
      node[key] ??= typeof segment === 'string' ? {} : { '.': {} };
      node = node[key];
    }
  }
  return root;
}
