/**
 * Kubernetes merges some lists element by element, by a key: containers, env
 * and volumes by name, volumeMounts by mountPath. Server-side apply owns and
 * reports fields inside them by that key (`containers[name="api"].image`),
 * so drift reports and the test API server address elements the same way.
 */

export type PathSegment = string | { key: string; value: string | number };

// Fields whose elements carry a name that is not their merge key (one volume
// mounted at two paths appears twice in volumeMounts, with one name).
const KEY_BY_FIELD: Record<string, string> = {
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
};

export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The key a list under `field` merges by, or undefined for a list that is
 * replaced as a whole (args, command, or elements without a unique key).
 */
export function listKeyOf(field: string, list: unknown[]): string | undefined {
  if (list.length === 0) return undefined;
  const key = KEY_BY_FIELD[field] ?? 'name';
  const values = new Set<unknown>();
  for (const element of list) {
    if (!isPlainObject(element)) return undefined;
    const value = element[key];
    if (typeof value !== 'string' && typeof value !== 'number') {
      return undefined;
    }
    if (values.has(value)) return undefined;
    values.add(value);
  }
  return key;
}

/** `spec.template.spec.containers[name="api"].image` */
export function formatPath(segments: PathSegment[]): string {
  return segments
    .map((segment, index) => {
      if (typeof segment !== 'string') {
        return `[${segment.key}=${JSON.stringify(segment.value)}]`;
      }
      return index === 0 ? segment : `.${segment}`;
    })
    .join('');
}
