/**
 * TEST DOUBLE of a Kubernetes API server. No real API server (kind, k3s,
 * envtest) can be installed on the machines these tests run on, so this
 * small node:http(s) server speaks the real Kubernetes HTTP API to the real
 * `@kubernetes/client-node` client: discovery, GET/LIST with label
 * selectors, server-side apply (field managers, conflicts, force, dry run),
 * merge patch, create, DELETE (Namespaces take their contents along),
 * schema validation of built-in kinds (kubernetes-models), NamespaceLifecycle,
 * and Deployment/StatefulSet status as a controller would set it. Tests
 * inject faults (429, 5xx, 409, hangs) and decide when rollouts finish.
 *
 * It is not Kubernetes: no watch, no admission webhooks or policies, no
 * defaulting beyond spec.replicas, no CRD schemas, field ownership at the
 * granularity described in fieldSets.ts.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { KubeObject } from '../objects';
import { FakeApiError } from './apiErrors';
import { FakeApiRouter } from './FakeApiRouter';
import {
  Fault,
  faultError,
  FaultMatch,
  matches,
  RecordedRequest,
} from './faults';
import { FakeStore } from './FakeStore';
import { apiVersionOf, BUILT_IN_TYPES, ResourceType } from './resourceTypes';
import { completeStatus, failedStatus, RolloutMode } from './rollouts';

export type { Fault, FaultMatch, RecordedRequest } from './faults';

export interface FakeServerOptions {
  /** Serve HTTPS with this key and certificate (see testTls.ts) instead of HTTP. */
  tls?: { key: string; cert: string };
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  token?: string;
  rollouts?: RolloutMode;
  customResources?: ResourceType[];
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export class FakeKubernetesApiServer {
  readonly requests: RecordedRequest[] = [];
  /** TCP connections accepted: tells whether clients reuse them. */
  connections = 0;
  private readonly store = new FakeStore();
  private readonly types: ResourceType[];
  private readonly router: FakeApiRouter;
  private faults: Array<{
    match: FaultMatch;
    fault: Fault;
    remaining: number;
  }> = [];
  private server!: http.Server;
  url = '';

  static async start(
    options: FakeServerOptions = {},
  ): Promise<FakeKubernetesApiServer> {
    const fake = new FakeKubernetesApiServer(options);
    await new Promise<void>(resolve =>
      fake.server.listen(0, '127.0.0.1', resolve),
    );
    fake.url = `${fake.options.tls ? 'https' : 'http'}://127.0.0.1:${
      (fake.server.address() as AddressInfo).port
    }`;
    return fake;
  }

  private constructor(private readonly options: FakeServerOptions) {
    this.types = [...BUILT_IN_TYPES, ...(options.customResources ?? [])];
    this.router = new FakeApiRouter(this.store, this.types);
    this.store.rollouts = options.rollouts ?? 'auto';
    for (const name of ['default', 'kube-system']) {
      this.store.update(
        this.typeOf('v1', 'Namespace'),
        undefined,
        name,
        () => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
        { manager: 'kube-apiserver', dryRun: false, create: true },
      );
    }
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch(error =>
        this.fail(
          res,
          undefined,
          new FakeApiError(500, 'InternalError', String(error)),
        ),
      );
    };
    this.server = options.tls
      ? https.createServer(options.tls, handler)
      : http.createServer(handler);
    this.server.on('connection', () => this.connections++);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  /** Serve a custom resource kind from now on, as if its CRD had been installed. */
  registerCustomResource(type: ResourceType): void {
    this.types.push(type);
  }

  /** The next `times` requests matching `match` get `fault` instead of an answer. */
  inject(match: FaultMatch, fault: Fault, times = 1): void {
    this.faults.push({ match, fault, remaining: times });
  }

  clearFaults(): void {
    this.faults = [];
  }

  setRollouts(mode: RolloutMode): void {
    this.store.rollouts = mode;
  }

  requestsMatching(match: FaultMatch): RecordedRequest[] {
    return this.requests.filter(r => matches(match, r));
  }

  private typeOf(apiVersion: string, kind: string): ResourceType {
    const type = this.types.find(
      t => apiVersionOf(t) === apiVersion && t.kind === kind,
    );
    if (!type) throw new Error(`The fake serves no ${kind} of ${apiVersion}`);
    return type;
  }

  get(ref: ObjectRef): KubeObject | undefined {
    const stored = this.store.find(
      this.typeOf(ref.apiVersion, ref.kind),
      ref.namespace,
      ref.name,
    );
    return stored && this.store.render(stored);
  }

  /** Every stored object, optionally of one kind; the two built-in Namespaces left out. */
  objects(kind?: string): KubeObject[] {
    return this.store
      .all()
      .filter(
        o =>
          (!kind || o.type.kind === kind) &&
          !(
            o.type.kind === 'Namespace' &&
            ['default', 'kube-system'].includes(o.body.metadata.name)
          ),
      )
      .map(o => this.store.render(o));
  }

  /** Writes an object as another tool would with server-side apply (kubectl apply --server-side). */
  seed(object: KubeObject, manager = 'kubectl'): KubeObject {
    const type = this.typeOf(object.apiVersion, object.kind);
    return this.store.apply(
      type,
      object.metadata.namespace,
      object.metadata.name,
      object,
      { manager, force: true, dryRun: false },
    ).object;
  }

  /** Changes a live object as `kubectl edit` would (an Update operation that takes the changed fields). */
  edit(
    ref: ObjectRef,
    change: (object: Record<string, any>) => void,
    manager = 'kubectl-edit',
  ): void {
    this.store.update(
      this.typeOf(ref.apiVersion, ref.kind),
      ref.namespace,
      ref.name,
      body => {
        change(body);
        return body;
      },
      { manager, dryRun: false },
    );
  }

  remove(ref: ObjectRef): void {
    this.store.delete(
      this.typeOf(ref.apiVersion, ref.kind),
      ref.namespace,
      ref.name,
    );
  }

  completeRollout(ref: ObjectRef): void {
    const stored = this.store.find(
      this.typeOf(ref.apiVersion, ref.kind),
      ref.namespace,
      ref.name,
    );
    if (!stored)
      throw new Error(
        `No ${ref.kind} ${ref.namespace}/${ref.name} to roll out`,
      );
    this.store.setStatus(stored, completeStatus(stored));
  }

  failRollout(ref: ObjectRef): void {
    const stored = this.store.find(
      this.typeOf(ref.apiVersion, ref.kind),
      ref.namespace,
      ref.name,
    );
    if (!stored)
      throw new Error(`No ${ref.kind} ${ref.namespace}/${ref.name} to fail`);
    this.store.setStatus(stored, failedStatus(stored));
  }

  private send(
    res: http.ServerResponse,
    record: RecordedRequest | undefined,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    if (record) record.status = status;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private fail(
    res: http.ServerResponse,
    record: RecordedRequest | undefined,
    error: FakeApiError,
    headers?: Record<string, string>,
  ) {
    this.send(
      res,
      record,
      error.code,
      {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: error.message,
        reason: error.reason,
        ...(error.causes.length > 0 && { details: { causes: error.causes } }),
        code: error.code,
      },
      headers,
    );
  }

  private async handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: req.headers['content-type'],
      time: Date.now(),
    };
    this.requests.push(record);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');

    if (
      this.options.token &&
      req.headers.authorization !== `Bearer ${this.options.token}`
    ) {
      this.fail(
        res,
        record,
        new FakeApiError(401, 'Unauthorized', 'Unauthorized'),
      );
      return;
    }
    const fault = this.faults.find(
      f => f.remaining > 0 && matches(f.match, record),
    );
    if (fault) {
      fault.remaining--;
      if ('hang' in fault.fault) return; // answered by nobody: the client times out or close() ends it
      const { retryAfterSeconds } = fault.fault;
      this.fail(
        res,
        record,
        faultError(fault.fault, record.path),
        retryAfterSeconds !== undefined
          ? { 'retry-after': String(retryAfterSeconds) }
          : undefined,
      );
      return;
    }
    try {
      const [status, body] = this.router.route(
        record,
        req.headers['content-type'] ?? '',
        text,
      );
      this.send(res, record, status, body);
    } catch (error) {
      if (!(error instanceof FakeApiError)) throw error;
      this.fail(res, record, error);
    }
  }
}
