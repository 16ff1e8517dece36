import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import type { Environment } from '@paved/plugin-orchestrator-common';
import type {
  DeliveryRequest,
  DeliveryResult,
  DeliveryTarget,
  DriftReport,
  Plan,
  RemovalRequest,
} from '@paved/plugin-orchestrator-node';
import { applyAll, dryRunAll, PhaseContext, prepare } from './applyPhases';
import { ClusterClient } from './ClusterClient';
import { KubernetesDeliveryConfig, readKubernetesConfig } from './config';
import { driftEntry } from './drift';
import { KubernetesDeliveryError, toDeliveryError } from './errors';
import { clusterObjectsOf, KubeObject, objectKey } from './objects';
import { settleAll } from './ownedObjects';
import { deleteOwned } from './pruning';
import { RetryOptions, DEFAULT_RETRY } from './retry';
import { describeRollouts, waitForRollouts } from './rollout';

export interface KubernetesDeliveryTargetOptions {
  config: KubernetesDeliveryConfig;
  logger?: LoggerService;
  /** Retries of throttled (429) and failed (5xx) API calls; 4 attempts from 250 ms by default. */
  retry?: Partial<RetryOptions>;
  /** How long one API call may take; 30 s by default. */
  requestTimeoutMs?: number;
  /** How often rollouts are checked; 2 s by default. */
  rolloutPollIntervalMs?: number;
  /** API calls in flight at once per delivery; 5 by default. */
  concurrency?: number;
}

/** `5m`, `30s`, `200ms`: the way rolloutTimeout is configured. */
function formatDuration(value: number): string {
  if (value % 60_000 === 0) return `${value / 60_000}m`;
  if (value % 1000 === 0) return `${value / 1000}s`;
  return `${value}ms`;
}

/**
 * Delivers plans straight to a cluster: server-side apply as field manager
 * `paved` after a server-side dry run of every object, rollout waiting, and
 * pruning of what the workload no longer has. Environments choose it with
 * `spec.delivery: kubernetes`; `spec.cluster` names the configured cluster.
 */
export class KubernetesDeliveryTarget implements DeliveryTarget {
  readonly name = 'kubernetes';
  private readonly clients = new Map<string, ClusterClient>();
  private readonly retry: RetryOptions;
  private readonly concurrency: number;

  static fromConfig(
    config: RootConfigService,
    options: Omit<KubernetesDeliveryTargetOptions, 'config'> = {},
  ): KubernetesDeliveryTarget {
    return new KubernetesDeliveryTarget({
      ...options,
      config: readKubernetesConfig(config),
    });
  }

  constructor(private readonly options: KubernetesDeliveryTargetOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.concurrency = Math.max(1, options.concurrency ?? 5);
  }

  private clientFor(environment: Environment): ClusterClient {
    const name = environment.spec.cluster;
    let client = this.clients.get(name);
    if (!client) {
      const cluster = this.options.config.clusters.find(c => c.name === name);
      if (!cluster) {
        const known = this.options.config.clusters.map(c => c.name);
        throw new InputError(
          `Environment "${
            environment.metadata.name
          }" is on cluster "${name}", which orchestrator.kubernetes.clusters does not configure (configured: ${
            known.join(', ') || 'none'
          })`,
        );
      }
      client = ClusterClient.connect(cluster, {
        requestTimeoutMs: this.options.requestTimeoutMs ?? 30_000,
        retry: this.retry,
        logger: this.options.logger,
      });
      this.clients.set(name, client);
    }
    return client;
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryResult> {
    const { workload, environment, plan, revision, signal } = request;
    const client = this.clientFor(environment);
    const context: PhaseContext = {
      client,
      subject: `${workload} to ${environment.metadata.name} on cluster ${client.cluster}`,
      force: this.options.config.forceConflicts,
      concurrency: this.concurrency,
      signal,
    };
    const owner = {
      workload,
      environment: environment.metadata.name,
      revision,
    };
    let prepared: Awaited<ReturnType<typeof prepare>>['prepared'];
    let previous: KubeObject[];
    try {
      // Read now: a previous plan that cannot be read fails the delivery before anything is applied.
      previous = request.previous ? this.workloadObjects(request.previous) : [];
      const resolved = await prepare(client, plan, owner, signal);
      if (resolved.unserved.length > 0) {
        throw new InputError(
          `Cluster ${client.cluster} does not serve ${resolved.unserved
            .map(u => `${u.object.kind} of ${u.object.apiVersion} (${u.path})`)
            .join(', ')}; install its CRDs first`,
        );
      }
      prepared = resolved.prepared;
    } catch (error) {
      throw new KubernetesDeliveryError(
        `Delivery of ${context.subject} failed before anything was applied`,
        toDeliveryError(error, client.cluster),
        [],
      );
    }

    const versions = await dryRunAll(context, prepared);
    const { delivered, workloads } = await applyAll(
      context,
      prepared,
      versions,
    );

    // Rollout before pruning: the old objects (a renamed ConfigMap the old
    // pods still mount) stay until the new pods are up.
    let rollout;
    try {
      rollout = await waitForRollouts(client, workloads, {
        timeoutMs: this.options.config.rolloutTimeoutMs,
        pollIntervalMs: this.options.rolloutPollIntervalMs ?? 2000,
        signal,
      });
    } catch (error) {
      throw new KubernetesDeliveryError(
        `Delivery of ${context.subject} applied every object but could not follow the rollout`,
        toDeliveryError(error, client.cluster),
        delivered,
      );
    }
    if (rollout.failed.length > 0 || rollout.pending.length > 0) {
      const failed = rollout.failed.length > 0;
      throw new KubernetesDeliveryError(
        `Delivery of ${context.subject} applied every object, but ${
          failed ? 'a rollout failed' : 'the rollout did not finish in time'
        }`,
        new ServiceUnavailableError(
          failed
            ? `rollout failed: ${describeRollouts(rollout.failed)}`
            : `not rolled out within ${formatDuration(
                this.options.config.rolloutTimeoutMs,
              )}: ${describeRollouts(rollout.pending)}`,
        ),
        delivered,
      );
    }

    const keep = new Set(prepared.map(p => objectKey(p.object)));
    const pruned = await deleteOwned(client, {
      concurrency: this.concurrency,
      logger: this.options.logger,
      workload,
      environment: environment.metadata.name,
      kinds: [
        ...previous,
        ...prepared.filter(p => p.ownership === 'workload').map(p => p.object),
      ],
      namespaces: [
        plan.namespace,
        ...previous.map(o => o.metadata.namespace ?? ''),
      ],
      keep,
      what: `Delivery of ${context.subject} applied and rolled out, but pruning`,
      already: delivered,
      signal,
    });

    const counts = new Map<string, number>();
    for (const { action } of delivered)
      counts.set(action, (counts.get(action) ?? 0) + 1);
    const summary = `applied ${delivered.length} objects to cluster ${
      client.cluster
    } (${[...counts.entries()]
      .map(([action, count]) => `${count} ${action}`)
      .join(', ')}), pruned ${pruned.length}, rolled out ${
      rollout.completed.length
    }`;
    this.options.logger?.info(
      `Kubernetes delivery of ${workload} to ${environment.metadata.name}: ${summary}`,
    );
    return {
      target: this.name,
      reference: `${client.cluster}/${plan.namespace}@${revision}`,
      objects: [...delivered, ...pruned],
      summary,
    };
  }

  async remove(request: RemovalRequest): Promise<DeliveryResult> {
    const { workload, environment } = request;
    const client = this.clientFor(environment);
    const previous = request.previous
      ? this.workloadObjects(request.previous)
      : [];
    // Where createPlan puts the workload when no plan is at hand.
    const namespace =
      request.previous?.namespace ??
      environment.spec.namespace ??
      `${workload}-${environment.metadata.name}`;
    const deleted = await deleteOwned(client, {
      concurrency: this.concurrency,
      logger: this.options.logger,
      workload,
      environment: environment.metadata.name,
      kinds: previous,
      namespaces: [namespace, ...previous.map(o => o.metadata.namespace ?? '')],
      keep: new Set(),
      // Objects of the last plan are the workload's even if their labels were lost.
      extra: previous,
      what: `Removal of ${workload} from ${environment.metadata.name} on cluster ${client.cluster}`,
      already: [],
    });
    const summary = `deleted ${deleted.length} objects of ${workload} from cluster ${client.cluster} (${request.reason})`;
    this.options.logger?.info(`Kubernetes removal: ${summary}`);
    return {
      target: this.name,
      reference: `${client.cluster}/${namespace}`,
      objects: deleted,
      summary,
    };
  }

  async drift(request: {
    workload: string;
    environment: Environment;
    plan: Plan;
  }): Promise<DriftReport> {
    const client = this.clientFor(request.environment);
    try {
      const { prepared, unserved } = await prepare(
        client,
        request.plan,
        undefined,
      );
      const results = await settleAll(prepared, this.concurrency, p =>
        client.get(p.object),
      );
      const objects = results.map((result, index) => {
        if (result.status === 'rejected') throw result.reason;
        return driftEntry(prepared[index].object, result.value);
      });
      for (const { object } of unserved)
        objects.push(driftEntry(object, undefined));
      return { drifted: objects.some(o => o.state !== 'in-sync'), objects };
    } catch (error) {
      throw toDeliveryError(error, client.cluster);
    }
  }

  /** The plan's objects that belong to the workload (not the shared guardrails). */
  private workloadObjects(plan: Plan) {
    return clusterObjectsOf(plan)
      .filter(o => o.ownership === 'workload')
      .map(({ object }) => object);
  }
}
