import type { DeliveredObject } from '@paved/plugin-orchestrator-node';
import type { ClusterClient } from './ClusterClient';
import { applyTier, KubeObject, objectKey, ownerSelector } from './objects';

/** Runs `task` over `items`, at most `limit` at a time; every item settles. */
export async function settleAll<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<Array<PromiseSettledResult<R>>> {
  const results: Array<PromiseSettledResult<R>> = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = {
          status: 'fulfilled',
          value: await task(items[index]),
        };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

export interface KindRef {
  apiVersion: string;
  kind: string;
}

/** Unique by apiVersion and kind, first occurrence kept. */
export function uniqueKinds(kinds: KindRef[]): KindRef[] {
  const seen = new Map<string, KindRef>();
  for (const { apiVersion, kind } of kinds) {
    seen.set(`${apiVersion}/${kind}`, { apiVersion, kind });
  }
  return [...seen.values()];
}

export interface OwnedObject {
  object: KubeObject;
  namespaced: boolean;
}

/**
 * Every object carrying the workload's ownership labels in the environment,
 * across the given kinds: in the given namespaces, and in any Namespace the
 * workload owns (a delivery that stopped part way may have left one).
 * Kinds the cluster does not serve are skipped and reported.
 */
export async function findOwned(
  client: ClusterClient,
  options: {
    workload: string;
    environment: string;
    kinds: KindRef[];
    namespaces: string[];
    signal?: AbortSignal;
  },
): Promise<{ found: OwnedObject[]; unserved: KindRef[] }> {
  const labelSelector = ownerSelector(options.workload, options.environment);
  const { signal } = options;
  const namespaces = new Set(options.namespaces);
  const found = new Map<string, OwnedObject>();
  const unserved: KindRef[] = [];
  const ownedNamespaces = await client.list('v1', 'Namespace', {
    labelSelector,
    signal,
  });
  for (const namespace of ownedNamespaces) {
    namespaces.add(namespace.metadata.name);
    found.set(objectKey(namespace), { object: namespace, namespaced: false });
  }
  for (const kind of options.kinds) {
    if (kind.apiVersion === 'v1' && kind.kind === 'Namespace') continue;
    const resource = await client.discover(kind.apiVersion, kind.kind, signal);
    if (!resource) {
      unserved.push(kind);
      continue;
    }
    const scopes = resource.namespaced ? [...namespaces] : [undefined];
    for (const namespace of scopes) {
      const items = await client.list(kind.apiVersion, kind.kind, {
        namespace,
        labelSelector,
        signal,
      });
      for (const object of items) {
        found.set(objectKey(object), {
          object,
          namespaced: resource.namespaced,
        });
      }
    }
  }
  return { found: [...found.values()], unserved };
}

/**
 * Deletes in reverse apply order, so what uses an object goes before it, and
 * Namespaces (which take everything in them along) last. Stops at the first
 * tier with a failure and rethrows it, with what was deleted so far.
 */
export async function deleteInOrder(
  client: ClusterClient,
  objects: OwnedObject[],
  options: { concurrency: number; signal?: AbortSignal },
): Promise<{
  deleted: DeliveredObject[];
  failure?: { object: KubeObject; error: unknown };
}> {
  const tiers = new Map<number, OwnedObject[]>();
  for (const entry of objects) {
    const tier = applyTier(entry.object, entry.namespaced);
    tiers.set(tier, [...(tiers.get(tier) ?? []), entry]);
  }
  const deleted: DeliveredObject[] = [];
  for (const tier of [...tiers.keys()].sort((a, b) => b - a)) {
    const entries = tiers.get(tier)!;
    const results = await settleAll(entries, options.concurrency, entry =>
      client.delete(entry.object, options.signal),
    );
    let failure: { object: KubeObject; error: unknown } | undefined;
    results.forEach((result, index) => {
      const { object } = entries[index];
      if (result.status === 'rejected') {
        failure ??= { object, error: result.reason };
      } else if (result.value) {
        deleted.push({
          apiVersion: object.apiVersion,
          kind: object.kind,
          ...(object.metadata.namespace && {
            namespace: object.metadata.namespace,
          }),
          name: object.metadata.name,
          action: 'deleted',
        });
      }
    });
    if (failure) return { deleted, failure };
  }
  return { deleted };
}
