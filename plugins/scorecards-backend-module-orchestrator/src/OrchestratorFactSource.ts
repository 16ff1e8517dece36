import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Deployment,
  DEPLOYMENT_EVENT_TOPIC,
} from '@paved/plugin-orchestrator-common';
import type { FactValue } from '@paved/plugin-scorecards-common';
import type { FactSource } from '@paved/plugin-scorecards-node';
import {
  DEFAULT_GUARDRAIL_POLICIES,
  GuardrailPolicies,
  planFacts,
} from './guardrailFacts';
import { ORCHESTRATOR_FACTS, OrchestratorFactName } from './orchestratorFacts';
import { OrchestratorReader } from './OrchestratorReader';
import { WORKLOAD_ANNOTATION, workloadOf } from './workload';

export interface OrchestratorFactSourceOptions {
  auth: AuthService;
  discovery: DiscoveryService;
  catalog: CatalogService;
  policies?: GuardrailPolicies;
}

type OrchestratorFacts = Record<OrchestratorFactName, FactValue>;

/** What a plan would tell, when there is no plan to read. */
const NO_PLAN = {
  podSecurityRestricted: null,
  resourceLimitsSet: null,
  databaseBackups: null,
  costWithinBudget: null,
  monthlyCost: null,
};
const NOT_DEPLOYED = { latestDeploymentState: null, ...NO_PLAN };

const newest = (deployments: Deployment[]) =>
  deployments.reduce<Deployment | undefined>(
    (found, d) =>
      !found || Date.parse(d.createdAt) > Date.parse(found.createdAt)
        ? d
        : found,
    undefined,
  );

/**
 * The `orchestrator` facts: whether an entity is a Paved workload, where it
 * runs, and what the guardrails said about its latest plan. Refreshed when the
 * orchestrator announces a deployment of the workload.
 */
export function createOrchestratorFactSource(
  options: OrchestratorFactSourceOptions,
): FactSource {
  const reader = new OrchestratorReader(options);
  const policies = options.policies ?? DEFAULT_GUARDRAIL_POLICIES;

  const collect = async (entity: Entity): Promise<OrchestratorFacts> => {
    const workload = workloadOf(entity);
    if (!workload) {
      return { managed: false, deployedToProduction: null, ...NOT_DEPLOYED };
    }
    const environments = await reader.workloadEnvironments(workload);
    if (environments.length === 0) {
      return { managed: true, deployedToProduction: false, ...NOT_DEPLOYED };
    }
    const types = await reader.environmentTypes();
    const inProduction = environments.filter(
      e =>
        types.get(e.environment) === 'production' ||
        e.environment === 'production',
    );
    const latestProduction = newest(inProduction.map(e => e.latest));
    const latest = newest(environments.map(e => e.latest))!;
    const plan = await reader.plan((latestProduction ?? latest).planHash);
    return {
      managed: true,
      deployedToProduction: inProduction.some(e => e.current !== undefined),
      latestDeploymentState: latest.state,
      // A plan the orchestrator no longer stores tells nothing.
      ...(plan ? planFacts(plan, policies) : NO_PLAN),
    };
  };

  /** The catalog entities that are this workload: by annotation, or by name with a score. */
  const entityRefs = async (payload: unknown): Promise<string[]> => {
    const workload = (payload as { workload?: unknown } | null)?.workload;
    if (typeof workload !== 'string' || workload === '') return [];
    const { items } = await options.catalog.getEntities(
      {
        filter: [
          { [`metadata.annotations.${WORKLOAD_ANNOTATION}`]: workload },
          { 'metadata.name': workload },
        ],
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    // The catalog matches case-insensitively, and by name alone: keep only the workload's own.
    return items
      .filter(entity => workloadOf(entity) === workload)
      .map(entity => stringifyEntityRef(entity));
  };

  return {
    id: 'orchestrator',
    title: 'Orchestrator',
    facts: ORCHESTRATOR_FACTS,
    collect,
    refreshOn: { topics: [DEPLOYMENT_EVENT_TOPIC], entityRefs },
  };
}
