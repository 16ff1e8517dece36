import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  Deployment,
  EnvironmentRecord,
} from '@paved/plugin-orchestrator-common';
import type { Plan } from '@paved/plugin-orchestrator-node';

/** What POST /plans takes: score.yaml text or a catalog entity, for one environment. */
export interface PlanRequest {
  environment: string;
  score?: string;
  /** A catalog component whose paved.dev/score annotation names its score.yaml. */
  entityRef?: string;
  image?: string;
  /** Resources to add to the workload's own; a name it already uses is refused (400). */
  resources?: Record<string, { type: string; class?: string }>;
}

export interface CreateEnvironmentRequest {
  name: string;
  template: string;
  ttl?: string;
  owner?: string;
}

/** Who the request is made for: the task's initiator, never the scaffolder itself. */
export interface OnBehalfOf {
  credentials: BackstageCredentials;
}

/**
 * The orchestrator's HTTP API (plugins/orchestrator-backend/src/schema/openapi.yaml),
 * called on behalf of the user who started the task, so the orchestrator's
 * permissions and audit log see that user and not the scaffolder.
 */
export class OrchestratorClient {
  private readonly auth: AuthService;
  private readonly discovery: DiscoveryService;

  constructor(options: { auth: AuthService; discovery: DiscoveryService }) {
    this.auth = options.auth;
    this.discovery = options.discovery;
  }

  plan(request: PlanRequest, options: OnBehalfOf): Promise<Plan> {
    return this.request('plan', 'POST', '/plans', options, request);
  }

  getPlan(hash: string, options: OnBehalfOf): Promise<Plan> {
    return this.request(
      'read plan',
      'GET',
      `/plans/${encodeURIComponent(hash)}`,
      options,
    );
  }

  /** `created` is false when the orchestrator answered with the deployment this plan already made. */
  async deploy(
    planHash: string,
    options: OnBehalfOf,
  ): Promise<{ deployment: Deployment; created: boolean }> {
    const response = await this.fetch(
      'deploy',
      'POST',
      '/deployments',
      options,
      { planHash },
    );
    return {
      deployment: (await response.json()) as Deployment,
      created: response.status === 201,
    };
  }

  getDeployment(id: string, options: OnBehalfOf): Promise<Deployment> {
    return this.request(
      'read deployment',
      'GET',
      `/deployments/${encodeURIComponent(id)}`,
      options,
    );
  }

  createEnvironment(
    request: CreateEnvironmentRequest,
    options: OnBehalfOf,
  ): Promise<EnvironmentRecord> {
    return this.request(
      'create environment',
      'POST',
      '/environments',
      options,
      request,
    );
  }

  getEnvironment(
    name: string,
    options: OnBehalfOf,
  ): Promise<EnvironmentRecord> {
    return this.request(
      'read environment',
      'GET',
      `/environments/${encodeURIComponent(name)}`,
      options,
    );
  }

  /**
   * Where a person destroys an environment through the API (`DELETE`), at the
   * backend's external URL: for a task log to tell them.
   */
  async environmentUrl(name: string): Promise<string> {
    return `${await this.discovery.getExternalBaseUrl(
      'orchestrator',
    )}/environments/${encodeURIComponent(name)}`;
  }

  private async request<T>(
    what: string,
    method: string,
    path: string,
    options: OnBehalfOf,
    body?: object,
  ): Promise<T> {
    const response = await this.fetch(what, method, path, options, body);
    return (await response.json()) as T;
  }

  private async fetch(
    what: string,
    method: string,
    path: string,
    { credentials }: OnBehalfOf,
    body?: object,
  ): Promise<Response> {
    const [baseUrl, { token }] = await Promise.all([
      this.discovery.getBaseUrl('orchestrator'),
      this.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'orchestrator',
      }),
    ]);
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      // ResponseError's own message only has the status; the step's log should
      // say what the orchestrator said (a guardrail, a conflict, a bad field).
      const error = await ResponseError.fromResponse(response);
      error.message = `The orchestrator could not ${what} (${error.statusCode} ${error.statusText}): ${error.cause.message}`;
      throw error;
    }
    return response;
  }
}
