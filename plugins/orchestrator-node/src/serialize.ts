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
