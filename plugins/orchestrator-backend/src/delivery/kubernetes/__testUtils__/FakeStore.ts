import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../objects';
import { FakeApiError } from './apiErrors';
import { leavesOf, mergeApplied, pathKey } from './fieldSets';
import {
  cloneManagers,
  conflictError,
  conflictsOf,
  managedFieldsOf,
  Managers,
  now,
  ownedByOthers,
  setOwnership,
  takeChangedFields,
} from './managers';
import { apiVersionOf, resourceName, ResourceType } from './resourceTypes';
import { rolloutStatus, RolloutMode } from './rollouts';
import { admit, checkIdentity } from './validation';

type Body = Record<string, any>;

export interface StoredObject {
  type: ResourceType;
  /** What clients wrote: everything but the server's metadata and status. */
  body: Body;
  uid: string;
  resourceVersion: string;
  generation: number;
  creationTimestamp: string;
  status?: Body;
  managers: Managers;
}

const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
];

function clientContent(body: Body): Body {
  const { status: _status, ...rest } = structuredClone(body);
  const metadata = { ...(rest.metadata ?? {}) };
  for (const field of SERVER_METADATA) delete metadata[field];
  return { ...rest, metadata };
}

/** The test API server's objects, and what the API server does when they are written. */
export class FakeStore {
  private readonly objects = new Map<string, StoredObject>();
  private version = 100;
  rollouts: RolloutMode = 'auto';

  private key(type: ResourceType, namespace: string | undefined, name: string) {
    return [
      type.group,
      type.plural,
      type.namespaced ? namespace ?? '' : '',
      name,
    ].join('|');
  }

  find(type: ResourceType, namespace: string | undefined, name: string) {
    return this.objects.get(this.key(type, namespace, name));
  }

  render(stored: StoredObject): KubeObject {
    const body = structuredClone(stored.body);
    return {
      ...body,
      metadata: {
        ...body.metadata,
        uid: stored.uid,
        ...(stored.resourceVersion && {
          resourceVersion: stored.resourceVersion,
        }),
        ...(body.spec !== undefined && { generation: stored.generation }),
        creationTimestamp: stored.creationTimestamp,
        managedFields: managedFieldsOf(stored.managers),
      },
      ...(stored.status && { status: structuredClone(stored.status) }),
    } as KubeObject;
  }

  all(): StoredObject[] {
    return [...this.objects.values()];
  }

  list(type: ResourceType, namespace: string | undefined) {
    return this.all().filter(
      o =>
        o.type === type &&
        (namespace === undefined || o.body.metadata.namespace === namespace),
    );
  }

  private requireNamespace(type: ResourceType, namespace: string | undefined) {
    if (!type.namespaced) return;
    if (!namespace)
      throw new FakeApiError(
        400,
        'BadRequest',
        'the namespace of the object is missing',
      );
    if (
      !this.all().some(
        o => o.type.kind === 'Namespace' && o.body.metadata.name === namespace,
      )
    ) {
      throw new FakeApiError(
        404,
        'NotFound',
        `namespaces "${namespace}" not found`,
        [
          {
            reason: 'NotFound',
            message: `namespaces "${namespace}" not found`,
          },
        ],
      );
    }
  }

  /** Server-side apply: merge by field ownership, 409 on another manager's field unless forced. */
  apply(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    config: Body,
    options: { manager: string; force: boolean; dryRun: boolean },
  ) {
    checkIdentity(type, namespace, name, config);
    this.requireNamespace(type, namespace);
    const existing = this.find(type, namespace, name);
    const content = clientContent(config);
    if (type.namespaced) content.metadata.namespace = namespace;
    const configLeaves = leavesOf(content);
    const managers = cloneManagers(existing?.managers);
    const conflicts = conflictsOf(
      existing?.body,
      configLeaves,
      managers,
      options.manager,
    );
    if (conflicts.length > 0 && !options.force) throw conflictError(conflicts);
    // Forced: the fields change hands.
    for (const { manager, path } of conflicts) {
      managers.get(manager)!.fields.delete(pathKey(path));
    }
    const previous = new Set(
      managers.get(options.manager)?.fields.keys() ?? [],
    );
    const body = mergeApplied(
      existing?.body ?? {},
      content,
      previous,
      ownedByOthers(managers, options.manager),
    );
    setOwnership(
      managers,
      options.manager,
      'Apply',
      apiVersionOf(type),
      new Map(configLeaves.map(l => [pathKey(l.path), l.path])),
    );
    return this.write(
      type,
      namespace,
      name,
      existing,
      body,
      managers,
      options.dryRun,
    );
  }

  /** An Update operation (merge patch, create, a test's edit): whoever changes a field owns it, no conflicts. */
  update(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    change: (body: Body) => Body,
    options: { manager: string; dryRun: boolean; create?: boolean },
  ) {
    const existing = this.find(type, namespace, name);
    if (existing && options.create) {
      throw new FakeApiError(
        409,
        'AlreadyExists',
        `${resourceName(type)} "${name}" already exists`,
      );
    }
    if (!existing && !options.create) {
      throw new FakeApiError(
        404,
        'NotFound',
        `${resourceName(type)} "${name}" not found`,
      );
    }
    const body = clientContent(change(structuredClone(existing?.body ?? {})));
    checkIdentity(type, namespace, name, body);
    this.requireNamespace(type, namespace);
    if (type.namespaced) body.metadata.namespace = namespace;
    const managers = cloneManagers(existing?.managers);
    const taken = takeChangedFields(
      managers,
      options.manager,
      existing?.body ?? {},
      body,
    );
    setOwnership(
      managers,
      options.manager,
      'Update',
      apiVersionOf(type),
      taken,
    );
    return this.write(
      type,
      namespace,
      name,
      existing,
      body,
      managers,
      options.dryRun,
    );
  }

  private write(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    existing: StoredObject | undefined,
    body: Body,
    managers: Managers,
    dryRun: boolean,
  ) {
    admit(type, body);
    const fieldsChanged =
      !existing || !isDeepStrictEqual(existing.managers, managers);
    const changed =
      !existing || !isDeepStrictEqual(existing.body, body) || fieldsChanged;
    const generation = !existing
      ? 1
      : existing.generation +
        (isDeepStrictEqual(existing.body.spec, body.spec) ? 0 : 1);
    let resourceVersion = existing?.resourceVersion ?? '';
    if (changed && !dryRun) resourceVersion = String(++this.version);
    const stored: StoredObject = {
      type,
      body,
      uid: existing?.uid ?? randomUUID(),
      resourceVersion,
      generation,
      creationTimestamp: existing?.creationTimestamp ?? now(),
      status: existing?.status,
      managers,
    };
    if (generation !== existing?.generation)
      stored.status =
        rolloutStatus(stored, this.rollouts, existing?.status) ?? stored.status;
    if (!dryRun) this.objects.set(this.key(type, namespace, name), stored);
    return { object: this.render(stored), created: !existing };
  }

  /** Sets a workload's status, as its controller would; bumps the resourceVersion. */
  setStatus(stored: StoredObject, status: Body) {
    stored.status = status;
    stored.resourceVersion = String(++this.version);
  }

  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const stored = this.find(type, namespace, name);
    if (!stored)
      throw new FakeApiError(
        404,
        'NotFound',
        `${resourceName(type)} "${name}" not found`,
      );
    this.objects.delete(this.key(type, namespace, name));
    // The namespace controller empties a deleted Namespace.
    if (type.kind === 'Namespace') {
      for (const [key, other] of this.objects)
        if (other.type.namespaced && other.body.metadata.namespace === name)
          this.objects.delete(key);
    }
    return this.render(stored);
  }
}
