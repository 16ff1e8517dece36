import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { OrchestratorApi } from './OrchestratorApi';
import type { Decision, EnvironmentFilter } from './types';

const segment = encodeURIComponent;

/** Talks to `@paved/plugin-orchestrator-backend` as the signed-in user. */
export class OrchestratorClient implements OrchestratorApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  createPlan: OrchestratorApi['createPlan'] = request =>
    this.request('POST', '/plans', request);

  getPlan: OrchestratorApi['getPlan'] = hash =>
    this.request('GET', `/plans/${segment(hash)}`);

  getDeployment: OrchestratorApi['getDeployment'] = id =>
    this.request('GET', `/deployments/${segment(id)}`);

  listWorkloadEnvironments: OrchestratorApi['listWorkloadEnvironments'] =
    async workload =>
      (
        await this.request(
          'GET',
          `/workloads/${segment(workload)}/environments`,
        )
      ).items;

  listDeployments: OrchestratorApi['listDeployments'] = (workload, options) =>
    this.request(
      'GET',
      `/workloads/${segment(workload)}/deployments${query(options)}`,
    );

  diff: OrchestratorApi['diff'] = async (workload, environment, from, to) =>
    (
      await this.request(
        'GET',
        `${this.workloadIn(workload, environment)}/diff${query({ from, to })}`,
      )
    ).items;

  rollback: OrchestratorApi['rollback'] = (workload, environment, revision) =>
    this.request('POST', `${this.workloadIn(workload, environment)}/rollback`, {
      revision,
    });

  drift: OrchestratorApi['drift'] = (workload, environment) =>
    this.request('GET', `${this.workloadIn(workload, environment)}/drift`);

  listEnvironments: OrchestratorApi['listEnvironments'] = async (
    filter: EnvironmentFilter = {},
  ) => (await this.request('GET', `/environments${query(filter)}`)).items;

  getInventory: OrchestratorApi['getInventory'] = () =>
    this.request('GET', '/inventory');

  extendEnvironment: OrchestratorApi['extendEnvironment'] = async (
    name,
    by,
    reason,
  ) => {
    const response = await this.fetch(
      'POST',
      `/environments/${segment(name)}/extend`,
      reason ? { by, reason } : { by },
    );
    const body = await response.json();
    // 202: beyond the maximum lifetime, the extension waits for approval.
    return response.status === 202
      ? { extension: body }
      : { environment: body };
  };

  destroyEnvironment: OrchestratorApi['destroyEnvironment'] = name =>
    this.request('DELETE', `/environments/${segment(name)}`);

  listApprovals: OrchestratorApi['listApprovals'] = () =>
    this.request('GET', '/approvals');

  decideDeployment: OrchestratorApi['decideDeployment'] = (
    id,
    decision: Decision,
    comment,
  ) =>
    this.request('POST', `/deployments/${segment(id)}/${decision}`, {
      ...(comment ? { comment } : {}),
    });

  decideExtension: OrchestratorApi['decideExtension'] = (
    id,
    decision: Decision,
    comment,
  ) =>
    this.request('POST', `/extensions/${segment(id)}/${decision}`, {
      ...(comment ? { comment } : {}),
    });

  private workloadIn(workload: string, environment: string) {
    return `/workloads/${segment(workload)}/environments/${segment(
      environment,
    )}`;
  }

  private async request(method: string, path: string, body?: object) {
    return (await this.fetch(method, path, body)).json();
  }

  private async fetch(method: string, path: string, body?: object) {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('orchestrator');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body
        ? {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }
        : {}),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }
}

function query(
  params: { [key: string]: string | number | undefined } | object,
) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params) as Array<
    [string, string | number | undefined]
  >) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
