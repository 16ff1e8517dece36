import http from 'node:http';
import https from 'node:https';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { HttpMethod, KubeConfig, PatchStrategy } from '@kubernetes/client-node';
import type { KubernetesClusterConfig } from './config';
import { groupOf, KubeObject, MANAGER } from './objects';
import { RawObjectApi } from './RawObjectApi';
import { apiStatusOf, RetryOptions, withRetries } from './retry';

/** The cluster has no API for an object's kind. */
export class UnservedKindError extends Error {
  name = 'UnservedKindError';
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

export interface ClusterClientOptions {
  requestTimeoutMs: number;
  retry: RetryOptions;
  logger?: LoggerService;
}

/** One cluster's API, with retries, speaking plain JSON objects. */
export class ClusterClient {
  static connect(
    cluster: KubernetesClusterConfig,
    options: ClusterClientOptions,
  ): ClusterClient {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromClusterAndUser(
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify,
        ...(cluster.caData && { caData: cluster.caData }),
      },
      {
        name: `${MANAGER}-${cluster.name}`,
        token: cluster.serviceAccountToken,
      },
    );
    const api = kubeConfig.makeApiClient(RawObjectApi);
    api.requestTimeoutMs = options.requestTimeoutMs;
    // The same TLS settings the client derives from the cluster entry (CA,
    // skipTLSVerify); Paved configures no client certificates or proxies.
    api.reuseConnections(
      new URL(cluster.url).protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            maxSockets: 16,
            rejectUnauthorized: !cluster.skipTLSVerify,
            ...(cluster.caData && {
              ca: Buffer.from(cluster.caData, 'base64'),
            }),
          })
        : new http.Agent({ keepAlive: true, maxSockets: 16 }),
    );
    return new ClusterClient(cluster.name, api, options);
  }

  private constructor(
    readonly cluster: string,
    private readonly api: RawObjectApi,
    private readonly options: ClusterClientOptions,
  ) {}

  private retried<T>(
    what: string,
    call: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    return withRetries(call, this.options.retry, {
      signal,
      onRetry: (error, attempt, delayMs) => {
        const status = apiStatusOf(error);
        this.options.logger?.warn(
          `Kubernetes API of cluster ${this.cluster}: ${what} failed (${
            status ? `HTTP ${status.code}` : (error as Error).message
          }); retrying in ${Math.round(delayMs)} ms (attempt ${
            attempt + 1
          } of ${this.options.retry.attempts})`,
        );
      },
    });
  }

  /** Whether the cluster serves the kind, and if so whether it lives in namespaces. */
  async discover(
    apiVersion: string,
    kind: string,
    signal?: AbortSignal,
  ): Promise<{ plural: string; namespaced: boolean } | undefined> {
    const resource = await this.retried(
      `discovery of ${apiVersion}`,
      () => this.api.resourceOf(apiVersion, kind),
      signal,
    );
    return resource
      ? { plural: resource.name, namespaced: resource.namespaced }
      : undefined;
  }

  private async collectionPath(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    signal?: AbortSignal,
  ): Promise<string> {
    const resource = await this.discover(apiVersion, kind, signal);
    if (!resource) {
      throw new UnservedKindError(
        `Cluster ${this.cluster} does not serve ${kind} of ${apiVersion}${
          groupOf(apiVersion) ? ' (is its CRD installed?)' : ''
        }`,
      );
    }
    const root = apiVersion.includes('/')
      ? `/apis/${apiVersion}`
      : `/api/${apiVersion}`;
    const scope =
      resource.namespaced && namespace
        ? `/namespaces/${encodeURIComponent(namespace)}`
        : '';
    return `${root}${scope}/${resource.plural}`;
  }

  private async objectPath(ref: ObjectRef, signal?: AbortSignal) {
    const collection = await this.collectionPath(
      ref.apiVersion,
      ref.kind,
      ref.metadata.namespace,
      signal,
    );
    return `${collection}/${encodeURIComponent(ref.metadata.name)}`;
  }

  /** Server-side apply as field manager `paved`; `created` when the object did not exist. */
  async apply(
    object: KubeObject,
    options: { dryRun: boolean; force: boolean; signal?: AbortSignal },
  ): Promise<{ object: KubeObject; created: boolean }> {
    const path = await this.objectPath(object, options.signal);
    const query: Record<string, string> = {
      fieldManager: MANAGER,
      force: String(options.force),
    };
    if (options.dryRun) query.dryRun = 'All';
    const { status, body } = await this.retried(
      `${options.dryRun ? 'dry-run apply' : 'apply'} of ${path}`,
      () =>
        this.api.send(HttpMethod.PATCH, path, {
          query,
          body: object,
          contentType: PatchStrategy.ServerSideApply,
          signal: options.signal,
        }),
      options.signal,
    );
    return { object: body as KubeObject, created: status === 201 };
  }

  /** The live object, or undefined if there is none. */
  async get(
    ref: ObjectRef,
    signal?: AbortSignal,
  ): Promise<KubeObject | undefined> {
    const path = await this.objectPath(ref, signal);
    try {
      const { body } = await this.retried(
        `read of ${path}`,
        () => this.api.send(HttpMethod.GET, path, { signal }),
        signal,
      );
      return body as KubeObject;
    } catch (error) {
      if (apiStatusOf(error)?.code === 404) return undefined;
      throw error;
    }
  }

  /** Every object of a kind matching the selector, in a namespace or (namespace left out) the whole cluster. */
  async list(
    apiVersion: string,
    kind: string,
    options: {
      namespace?: string;
      labelSelector: string;
      signal?: AbortSignal;
    },
  ): Promise<KubeObject[]> {
    const path = await this.collectionPath(
      apiVersion,
      kind,
      options.namespace,
      options.signal,
    );
    const items: KubeObject[] = [];
    let next: string | undefined;
    do {
      const query: Record<string, string> = {
        labelSelector: options.labelSelector,
        limit: '500',
      };
      if (next) query.continue = next;
      const { body } = await this.retried(
        `list of ${path}`,
        () =>
          this.api.send(HttpMethod.GET, path, {
            query,
            signal: options.signal,
          }),
        options.signal,
      );
      // List items come without apiVersion and kind.
      for (const item of body.items ?? []) {
        items.push({ ...item, apiVersion, kind });
      }
      next = body.metadata?.continue || undefined;
    } while (next);
    return items;
  }

  /** Deletes in the background (dependents go after); false if it was already gone. */
  async delete(ref: ObjectRef, signal?: AbortSignal): Promise<boolean> {
    const path = await this.objectPath(ref, signal);
    try {
      await this.retried(
        `delete of ${path}`,
        () =>
          this.api.send(HttpMethod.DELETE, path, {
            query: { propagationPolicy: 'Background' },
            signal,
          }),
        signal,
      );
      return true;
    } catch (error) {
      if (apiStatusOf(error)?.code === 404) return false;
      throw error;
    }
  }
}
