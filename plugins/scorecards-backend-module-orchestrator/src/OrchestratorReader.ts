import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type {
  EnvironmentRecord,
  EnvironmentType,
  Plan,
  WorkloadEnvironment,
} from '@paved/plugin-orchestrator-common';
import { answerError } from '@paved/plugin-scorecards-node';

/**
 * The orchestrator's HTTP API, read with the scorecards' own service token:
 * where a workload runs, the environments' types, and plans.
 */
export class OrchestratorReader {
  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  /** Per environment the workload was deployed to: its newest revision and the one in effect. */
  async workloadEnvironments(workload: string): Promise<WorkloadEnvironment[]> {
    const body = await this.get<{ items: WorkloadEnvironment[] }>(
      `/workloads/${encodeURIComponent(workload)}/environments`,
    );
    return body!.items;
  }

  async environmentTypes(): Promise<Map<string, EnvironmentType>> {
    const body = await this.get<{ items: EnvironmentRecord[] }>(
      '/environments',
    );
    return new Map(body!.items.map(e => [e.name, e.type]));
  }

  /** The plan, or undefined when the orchestrator no longer stores it. */
  async plan(hash: string): Promise<Plan | undefined> {
    return this.get<Plan>(`/plans/${encodeURIComponent(hash)}`, {
      notFound: 'none',
    });
  }

  private async get<T>(
    path: string,
    options: { notFound?: 'none' } = {},
  ): Promise<T | undefined> {
    const { auth, discovery } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'orchestrator',
    });
    const response = await fetch(
      `${await discovery.getBaseUrl('orchestrator')}${path}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (response.status === 404 && options.notFound === 'none') {
      return undefined;
    }
    if (!response.ok) {
      throw await answerError(`The orchestrator, asked for ${path},`, response);
    }
    return (await response.json()) as T;
  }
}
