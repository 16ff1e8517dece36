import { createHash } from 'node:crypto';
import { stringify } from 'yaml';

/**
 * YAML with keys sorted at every level and no anchors: the same value always
 * gives the same bytes, which is what makes a plan's hash meaningful.
 */
export function toStableYaml(value: unknown): string {
  return stringify(value, {
    sortMapEntries: true,
    aliasDuplicateObjects: false,
    lineWidth: 0,
  });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with keys sorted at every level: the cheap canonical form a content hash is taken over. */
export function toCanonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
    // Object keys are unique, so two keys never compare equal.
    return Object.fromEntries(
      Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  });
}
