import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DeliveredObject } from '@paved/plugin-orchestrator-node';
import type { ClusterClient } from './ClusterClient';
import {
  describeDelivered,
  KubernetesDeliveryError,
  toDeliveryError,
} from './errors';
import { BUILT_IN_KINDS, describe, KubeObject, objectKey } from './objects';
import {
  deleteInOrder,
  findOwned,
  KindRef,
  OwnedObject,
  uniqueKinds,
} from './ownedObjects';

/**
 * Deletes the workload's objects in the environment that are not in `keep`:
 * found by their ownership labels across the given kinds and Paved's own,
 * plus `extra` objects known to be the workload's. Pruning after a delivery
 * and removal both come down to this.
 */
export async function deleteOwned(
  client: ClusterClient,
  options: {
    workload: string;
    environment: string;
    kinds: KindRef[];
    namespaces: string[];
    keep: Set<string>;
    /** Objects to delete even if their labels do not say they are the workload's. */
    extra?: KubeObject[];
    what: string;
    already: DeliveredObject[];
    signal?: AbortSignal;
    concurrency: number;
    logger?: LoggerService;
  },
): Promise<DeliveredObject[]> {
  let stale: OwnedObject[];
  try {
    const { found, unserved } = await findOwned(client, {
      workload: options.workload,
      environment: options.environment,
      kinds: uniqueKinds([...options.kinds, ...BUILT_IN_KINDS]),
      namespaces: [...new Set(options.namespaces.filter(Boolean))],
      signal: options.signal,
    });
    for (const kind of unserved) {
      options.logger?.warn(
        `Cluster ${client.cluster} no longer serves ${kind.kind} of ${kind.apiVersion}; objects of that kind were not looked for`,
      );
    }
    const byKey = new Map(found.map(f => [objectKey(f.object), f]));
    for (const object of options.extra ?? []) {
      const resource = await client.discover(
        object.apiVersion,
        object.kind,
        options.signal,
      );
      if (!resource) continue;
      const scoped =
        resource.namespaced && !object.metadata.namespace
          ? {
              ...object,
              metadata: {
                ...object.metadata,
                namespace: options.namespaces[0],
              },
            }
          : object;
      if (!byKey.has(objectKey(scoped))) {
        byKey.set(objectKey(scoped), {
          object: scoped,
          namespaced: resource.namespaced,
        });
      }
    }
    stale = [...byKey.values()].filter(
      f => !options.keep.has(objectKey(f.object)),
    );
  } catch (error) {
    throw new KubernetesDeliveryError(
      `${options.what} could not list what to delete`,
      toDeliveryError(error, client.cluster),
      options.already,
    );
  }
  const { deleted, failure } = await deleteInOrder(client, stale, {
    concurrency: options.concurrency,
    signal: options.signal,
  });
  if (failure) {
    throw new KubernetesDeliveryError(
      `${options.what} stopped after deleting ${describeDelivered(
        deleted,
      )}; ${describe(failure.object)} could not be deleted`,
      toDeliveryError(failure.error, client.cluster, failure.object),
      [...options.already, ...deleted],
    );
  }
  return deleted;
}
