import type { DriftedObject } from '@paved/plugin-orchestrator-node';
import { formatPath, isPlainObject, listKeyOf, PathSegment } from './listKeys';
import type { KubeObject } from './objects';

// Set by the API server or by controllers, never by Paved: a plan that
// happens to carry one (creationTimestamp: null is common) is not drift.
const SERVER_METADATA = new Set([
  'managedFields',
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
]);

const QUANTITY =
  /^([+-]?(?:\d+\.?\d*|\.\d+))(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+)?$/;
const SUFFIX: Record<string, number> = {
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
// Maps of resource quantities, which the API server rewrites into canonical
// form (cpu: "0.5" is stored as "500m").
const QUANTITY_MAPS = new Set(['requests', 'limits', 'capacity', 'hard']);

function quantityValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const [, number, suffix] = match;
  if (!suffix) return Number(number);
  if (/^[eE]/.test(suffix)) return Number(`${number}${suffix}`);
  return Number(number) * SUFFIX[suffix];
}

function sameQuantity(planned: unknown, live: unknown): boolean {
  const a = quantityValue(planned);
  const b = quantityValue(live);
  if (a === undefined || b === undefined) return false;
  return Math.abs(a - b) <= Math.abs(a) * 1e-9;
}

function compare(
  planned: unknown,
  live: unknown,
  path: PathSegment[],
  out: string[],
): void {
  if (isPlainObject(planned)) {
    if (!isPlainObject(live)) {
      out.push(formatPath(path));
      return;
    }
    for (const [key, value] of Object.entries(planned)) {
      compare(value, live[key], [...path, key], out);
    }
    return;
  }
  if (Array.isArray(planned)) {
    if (!Array.isArray(live)) {
      out.push(formatPath(path));
      return;
    }
    const field = path[path.length - 1];
    const key = listKeyOf(typeof field === 'string' ? field : '', planned);
    if (key) {
      // Elements others added (an injected sidecar) are theirs, not drift.
      for (const element of planned as Array<Record<string, unknown>>) {
        const value = element[key] as string | number;
        const match = live.find(
          candidate => isPlainObject(candidate) && candidate[key] === value,
        );
        compare(element, match, [...path, { key, value }], out);
      }
      return;
    }
    if (planned.length !== live.length) {
      out.push(formatPath(path));
      return;
    }
    planned.forEach((element, index) =>
      compare(element, live[index], [...path, String(index)], out),
    );
    return;
  }
  if (planned === live) return;
  const parent = path[path.length - 2];
  if (
    typeof parent === 'string' &&
    QUANTITY_MAPS.has(parent) &&
    sameQuantity(planned, live)
  ) {
    return;
  }
  out.push(formatPath(path));
}

/** The plan's Secret as the API server stores it: stringData is folded into base64 data. */
function asStored(object: KubeObject): KubeObject {
  if (object.kind !== 'Secret' || object.apiVersion !== 'v1') return object;
  const { stringData, ...rest } = object as KubeObject & {
    stringData?: Record<string, string>;
    data?: Record<string, string>;
  };
  if (!stringData) return object;
  const data: Record<string, string> = { ...rest.data };
  for (const [key, value] of Object.entries(stringData)) {
    data[key] = Buffer.from(value).toString('base64');
  }
  return { ...rest, data };
}

/**
 * The paths of fields the plan sets whose live values differ. Only what the
 * plan sets is compared: fields the server or controllers add (status,
 * defaults, others' labels and annotations) are not Paved's to judge.
 */
export function driftedFields(planned: KubeObject, live: KubeObject): string[] {
  const stored = asStored(planned);
  const out: string[] = [];
  for (const [key, value] of Object.entries(stored)) {
    if (key === 'status' || key === 'apiVersion' || key === 'kind') continue;
    if (key === 'metadata') {
      const liveMetadata: Record<string, unknown> = isPlainObject(live.metadata)
        ? live.metadata
        : {};
      for (const [field, fieldValue] of Object.entries(stored.metadata)) {
        if (SERVER_METADATA.has(field)) continue;
        compare(fieldValue, liveMetadata[field], ['metadata', field], out);
      }
      continue;
    }
    compare(value, live[key], [key], out);
  }
  return out;
}

export function driftEntry(
  planned: KubeObject,
  live: KubeObject | undefined,
): DriftedObject {
  const identity = {
    apiVersion: planned.apiVersion,
    kind: planned.kind,
    ...(planned.metadata.namespace && {
      namespace: planned.metadata.namespace,
    }),
    name: planned.metadata.name,
  };
  if (!live) return { ...identity, state: 'missing' };
  const fields = driftedFields(planned, live);
  return fields.length > 0
    ? { ...identity, state: 'modified', fields }
    : { ...identity, state: 'in-sync' };
}
