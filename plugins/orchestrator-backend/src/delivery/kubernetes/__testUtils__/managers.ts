import { isDeepStrictEqual } from 'node:util';
import { FakeApiError } from './apiErrors';
import {
  conflictPath,
  FieldPath,
  fieldsV1,
  getAt,
  Leaf,
  leavesOf,
  pathKey,
  sameValue,
} from './fieldSets';

/** One field manager's entry in an object's managedFields. */
export interface ManagerEntry {
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fields: Map<string, FieldPath>;
}

export type Managers = Map<string, ManagerEntry>;

export const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export function cloneManagers(managers?: Managers): Managers {
  const copy: Managers = new Map();
  for (const [name, entry] of managers ?? []) {
    copy.set(name, { ...entry, fields: new Map(entry.fields) });
  }
  return copy;
}

interface Conflict {
  manager: string;
  apiVersion: string;
  path: FieldPath;
}

/** Fields of `config` that another manager owns with a different live value. */
export function conflictsOf(
  live: unknown,
  config: Leaf[],
  managers: Managers,
  applier: string,
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const leaf of config) {
    const key = pathKey(leaf.path);
    for (const [manager, entry] of managers) {
      if (manager === applier || !entry.fields.has(key)) continue;
      if (!sameValue(getAt(live, leaf.path), leaf.value)) {
        conflicts.push({
          manager,
          apiVersion: entry.apiVersion,
          path: leaf.path,
        });
      }
    }
  }
  return conflicts;
}

/** The 409 the API server answers, word for word in the single-conflict case. */
export function conflictError(conflicts: Conflict[]): FakeApiError {
  const causes = conflicts.map(c => ({
    type: 'FieldManagerConflict',
    message: `conflict with "${c.manager}" using ${c.apiVersion}`,
    field: conflictPath(c.path),
  }));
  const managers = [
    ...new Set(conflicts.map(c => `"${c.manager}" using ${c.apiVersion}`)),
  ];
  const message =
    conflicts.length === 1
      ? `Apply failed with 1 conflict: conflict with ${managers[0]}: ${causes[0].field}`
      : `Apply failed with ${
          conflicts.length
        } conflicts: conflicts with ${managers.join(', ')}:\n${causes
          .map(c => `- ${c.field}`)
          .join('\n')}`;
  return new FakeApiError(409, 'Conflict', message, causes);
}

export function ownedByOthers(
  managers: Managers,
  applier: string,
): Set<string> {
  const owned = new Set<string>();
  for (const [manager, entry] of managers) {
    if (manager === applier) continue;
    for (const key of entry.fields.keys()) owned.add(key);
  }
  return owned;
}

/** Records what a manager owns now; an unchanged entry keeps its time, empty entries go. */
export function setOwnership(
  managers: Managers,
  manager: string,
  operation: ManagerEntry['operation'],
  apiVersion: string,
  fields: Map<string, FieldPath>,
): void {
  const before = managers.get(manager);
  const same =
    before &&
    before.operation === operation &&
    isDeepStrictEqual(
      [...before.fields.keys()].sort(),
      [...fields.keys()].sort(),
    );
  managers.set(
    manager,
    same ? before : { operation, apiVersion, time: now(), fields },
  );
  for (const [name, entry] of managers) {
    if (entry.fields.size === 0) managers.delete(name);
  }
}

/**
 * An Update operation takes every field it changes from whoever owned it
 * (no conflicts), and fields it removes are nobody's any more.
 */
export function takeChangedFields(
  managers: Managers,
  manager: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Map<string, FieldPath> {
  const old = new Map(leavesOf(before).map(l => [pathKey(l.path), l.value]));
  const leaves = leavesOf(after);
  const taken = new Map(managers.get(manager)?.fields);
  for (const leaf of leaves) {
    const key = pathKey(leaf.path);
    if (old.has(key) && isDeepStrictEqual(old.get(key), leaf.value)) continue;
    for (const entry of managers.values()) entry.fields.delete(key);
    taken.set(key, leaf.path);
  }
  const remaining = new Set(leaves.map(l => pathKey(l.path)));
  for (const key of old.keys()) {
    if (remaining.has(key)) continue;
    for (const entry of managers.values()) entry.fields.delete(key);
    taken.delete(key);
  }
  return taken;
}

/** metadata.managedFields as the API server returns it. */
export function managedFieldsOf(managers: Managers) {
  return [...managers.entries()].map(([manager, entry]) => ({
    manager,
    operation: entry.operation,
    apiVersion: entry.apiVersion,
    time: entry.time,
    fieldsType: 'FieldsV1',
    fieldsV1: fieldsV1(entry.fields.values()),
  }));
}
