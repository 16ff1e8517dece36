import { InputError } from '@backstage/errors';
import type { DeliveredObject, Plan } from '@paved/plugin-orchestrator-node';
import type { ClusterClient } from './ClusterClient';
import {
  describeDelivered,
  KubernetesDeliveryError,
  toDeliveryError,
} from './errors';
import {
  applyTier,
  clusterObjectsOf,
  ClusterObject,
  describe,
  KubeObject,
  objectKey,
  Ownership,
  stampOwnership,
} from './objects';
import { settleAll } from './ownedObjects';
import { hasRollout } from './rollout';
import { schemaViolations } from './schemas';

/** A plan object ready for the cluster: namespace filled in, ownership stamped. */
export interface Prepared {
  path: string;
  object: KubeObject;
  ownership: Ownership;
  namespaced: boolean;
  tier: number;
}

export interface PhaseContext {
  client: ClusterClient;
  /** "checkout to development on cluster northwind-dev", for messages. */
  subject: string;
  force: boolean;
  concurrency: number;
  signal?: AbortSignal;
}

/**
 * Resolves every plan object's scope through discovery. Objects of kinds
 * the cluster does not serve come back apart: delivery refuses them, drift
 * reports them missing.
 */
export async function prepare(
  client: ClusterClient,
  plan: Plan,
  owner:
    | { workload: string; environment: string; revision: number }
    | undefined,
  signal?: AbortSignal,
): Promise<{ prepared: Prepared[]; unserved: ClusterObject[] }> {
  const prepared: Prepared[] = [];
  const unserved: ClusterObject[] = [];
  for (const item of clusterObjectsOf(plan)) {
    const { apiVersion, kind } = item.object;
    const resource = await client.discover(apiVersion, kind, signal);
    if (!resource) {
      unserved.push(item);
      continue;
    }
    let object = item.object;
    if (resource.namespaced && !object.metadata.namespace) {
      object = {
        ...object,
        metadata: { ...object.metadata, namespace: plan.namespace },
      };
    }
    // Shared guardrails stay unlabelled: one workload's labels on them would
    // let its pruning or removal take them from every other workload.
    if (item.ownership === 'workload' && owner) {
      object = stampOwnership(object, owner);
    }
    prepared.push({
      path: item.path,
      object,
      ownership: item.ownership,
      namespaced: resource.namespaced,
      tier: applyTier(object, resource.namespaced),
    });
  }
  return { prepared, unserved };
}

function refused(failures: Error[], total: number, subject: string): Error {
  const [first, ...others] = failures;
  return new KubernetesDeliveryError(
    `Dry run of ${subject} refused ${
      failures.length
    } of ${total} objects, so nothing was applied${
      others.length > 0
        ? ` (the others: ${others.map(e => e.message).join('; ')})`
        : ''
    }`,
    first,
    [],
  );
}

/**
 * Server-side dry-run of every object, so a plan the cluster would refuse in
 * part is refused whole. Returns each object's live resourceVersion (to tell
 * an unchanged object from an updated one after the apply).
 */
export async function dryRunAll(
  context: PhaseContext,
  prepared: Prepared[],
): Promise<Map<string, string | undefined>> {
  const { client, signal } = context;
  // The API server cannot dry-run into a namespace that does not exist yet
  // (its NamespaceLifecycle admission refuses), so objects in Namespaces this
  // delivery creates are checked against their schemas here instead.
  const newNamespaces = new Set<string>();
  try {
    for (const { object } of prepared) {
      if (object.kind !== 'Namespace' || object.apiVersion !== 'v1') continue;
      if (!(await client.get(object, signal))) {
        newNamespaces.add(object.metadata.name);
      }
    }
  } catch (error) {
    throw refused(
      [toDeliveryError(error, client.cluster)],
      prepared.length,
      context.subject,
    );
  }
  const results = await settleAll(prepared, context.concurrency, async item => {
    const namespace = item.object.metadata.namespace;
    if (item.namespaced && namespace && newNamespaces.has(namespace)) {
      const violations = schemaViolations(item.object);
      if (violations.length > 0) {
        throw new InputError(
          `${describe(item.object)} is invalid: ${violations
            .map(v => `${v.field}: ${v.message}`)
            .join('; ')}`,
        );
      }
      return undefined;
    }
    const { object } = await client.apply(item.object, {
      dryRun: true,
      force: context.force,
      signal,
    });
    return object.metadata.resourceVersion as string | undefined;
  });
  const versions = new Map<string, string | undefined>();
  const failures: Error[] = [];
  results.forEach((result, index) => {
    const { object } = prepared[index];
    if (result.status === 'fulfilled') {
      versions.set(objectKey(object), result.value);
    } else {
      failures.push(toDeliveryError(result.reason, client.cluster, object));
    }
  });
  if (failures.length > 0) {
    throw refused(failures, prepared.length, context.subject);
  }
  return versions;
}

/**
 * Applies tier by tier (see applyTier), each tier's objects concurrently.
 * Stops at the first tier with a failure, reporting what was applied: apply
 * is idempotent, so running the same delivery again picks up from there.
 */
export async function applyAll(
  context: PhaseContext,
  prepared: Prepared[],
  versions: Map<string, string | undefined>,
): Promise<{ delivered: DeliveredObject[]; workloads: KubeObject[] }> {
  const { client, signal } = context;
  const tiers = [...new Set(prepared.map(p => p.tier))].sort((a, b) => a - b);
  const delivered: DeliveredObject[] = [];
  const workloads: KubeObject[] = [];
  for (const tier of tiers) {
    const items = prepared.filter(p => p.tier === tier);
    const results = await settleAll(items, context.concurrency, item =>
      client.apply(item.object, {
        dryRun: false,
        force: context.force,
        signal,
      }),
    );
    let failure: { object: KubeObject; error: unknown } | undefined;
    results.forEach((result, index) => {
      const { object, path } = items[index];
      if (result.status === 'rejected') {
        failure ??= { object, error: result.reason };
        return;
      }
      const live = result.value.object;
      let action: DeliveredObject['action'] = 'updated';
      if (result.value.created) action = 'created';
      else if (
        live.metadata.resourceVersion === versions.get(objectKey(object))
      ) {
        action = 'unchanged';
      }
      delivered.push({
        path,
        apiVersion: object.apiVersion,
        kind: object.kind,
        ...(object.metadata.namespace && {
          namespace: object.metadata.namespace,
        }),
        name: object.metadata.name,
        action,
      });
      // Only what rollout waiting needs is kept: responses of Secrets carry data.
      if (hasRollout(live)) workloads.push(live);
    });
    if (failure) {
      throw new KubernetesDeliveryError(
        `Delivery of ${context.subject} stopped after applying ${
          delivered.length
        } of ${prepared.length} objects: ${describeDelivered(
          delivered,
        )}; delivering again resumes it`,
        toDeliveryError(failure.error, client.cluster, failure.object),
        delivered,
      );
    }
  }
  return { delivered, workloads };
}
