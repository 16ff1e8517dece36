import { InputError } from '@backstage/errors';
import type { Plan } from '@paved/plugin-orchestrator-node';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as JSON: what the plan renders and the API server returns. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Who owns an object in the cluster, as far as Paved is concerned. */
export type Ownership =
  /** The workload's own objects in the environment: labelled, pruned, removed with it. */
  | 'workload'
  /** Cluster-wide guardrails every workload's plan carries: applied, never pruned or removed by one workload. */
  | 'shared';

export interface ClusterObject {
  /** The plan artifact it came from. */
  path: string;
  object: KubeObject;
  ownership: Ownership;
}

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const NAME_LABEL = 'app.kubernetes.io/name';
export const ENVIRONMENT_LABEL = 'paved.dev/environment';
export const REVISION_LABEL = 'paved.dev/revision';
export const MANAGER = 'paved';

// Plan folders that hold objects for the cluster; anything else (the CI
// workflow under .github/) belongs elsewhere.
const WORKLOAD_FOLDERS = ['kubernetes/', 'resources/'];
const SHARED_FOLDERS = ['policies/'];

export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/**
 * Identifies an object across API versions: the same Deployment read through
 * apps/v1 or a later version is one object.
 */
export function objectKey(object: {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}): string {
  return [
    groupOf(object.apiVersion),
    object.kind,
    object.metadata.namespace ?? '',
    object.metadata.name,
  ].join('/');
}

/** `Deployment checkout-development/checkout`, for messages. */
export function describe(object: {
  kind: string;
  metadata: { name: string; namespace?: string };
}): string {
  const { name, namespace } = object.metadata;
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

function ownershipOf(path: string): Ownership | undefined {
  if (WORKLOAD_FOLDERS.some(folder => path.startsWith(folder))) {
    return 'workload';
  }
  if (SHARED_FOLDERS.some(folder => path.startsWith(folder))) return 'shared';
  return undefined;
}

function isKubeObject(value: unknown): value is KubeObject {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<KubeObject>;
  return (
    typeof candidate.apiVersion === 'string' &&
    typeof candidate.kind === 'string' &&
    !!candidate.metadata &&
    typeof candidate.metadata.name === 'string' &&
    candidate.metadata.name.length > 0
  );
}

/** The plan's objects for the cluster, in plan order; a malformed artifact is an InputError naming it. */
export function clusterObjectsOf(plan: Plan): ClusterObject[] {
  const result: ClusterObject[] = [];
  const seen = new Map<string, string>();
  for (const artifact of plan.artifacts) {
    const ownership = ownershipOf(artifact.path);
    if (!ownership) continue;
    for (const document of parseAllDocuments(artifact.content)) {
      if (document.errors.length > 0) {
        throw new InputError(
          `Plan artifact ${artifact.path} is not valid YAML: ${document.errors[0].message}`,
        );
      }
      const value: unknown = document.toJS();
      if (value === null || value === undefined) continue;
      if (!isKubeObject(value)) {
        throw new InputError(
          `Plan artifact ${artifact.path} is not a Kubernetes object: it needs apiVersion, kind and metadata.name`,
        );
      }
      const key = objectKey(value);
      const earlier = seen.get(key);
      if (earlier) {
        throw new InputError(
          `Plan artifacts ${earlier} and ${artifact.path} both hold ${describe(
            value,
          )}`,
        );
      }
      seen.set(key, artifact.path);
      result.push({ path: artifact.path, object: value, ownership });
    }
  }
  return result;
}

/** The label selector that finds every object of a workload in an environment. */
export function ownerSelector(workload: string, environment: string): string {
  return [
    `${MANAGED_BY_LABEL}=${MANAGER}`,
    `${NAME_LABEL}=${workload}`,
    `${ENVIRONMENT_LABEL}=${environment}`,
  ].join(',');
}

/**
 * The object as Paved applies it: a copy carrying the ownership labels that
 * pruning and removal select on, and the revision that applied it.
 */
export function stampOwnership(
  object: KubeObject,
  owner: { workload: string; environment: string; revision: number },
): KubeObject {
  return {
    ...object,
    metadata: {
      ...object.metadata,
      labels: {
        ...object.metadata.labels,
        [MANAGED_BY_LABEL]: MANAGER,
        [NAME_LABEL]: owner.workload,
        [ENVIRONMENT_LABEL]: owner.environment,
        [REVISION_LABEL]: String(owner.revision),
      },
    },
  };
}

const CORE_CONFIG_KINDS = new Set(['ServiceAccount', 'ConfigMap', 'Secret']);

/**
 * Apply order: what others need must exist first, so Namespaces (and CRDs)
 * come before what lives in them, cluster-wide objects such as admission
 * policies before the workloads they admit, and the ServiceAccounts,
 * ConfigMaps and Secrets pods mount before the pods.
 */
export function applyTier(object: KubeObject, namespaced: boolean): number {
  if (object.kind === 'Namespace' && object.apiVersion === 'v1') return 0;
  if (
    object.kind === 'CustomResourceDefinition' &&
    groupOf(object.apiVersion) === 'apiextensions.k8s.io'
  ) {
    return 0;
  }
  if (!namespaced) return 1;
  if (object.apiVersion === 'v1' && CORE_CONFIG_KINDS.has(object.kind))
    return 2;
  return 3;
}

/** The kinds Paved renders itself; pruning and removal look through them even when no plan names them. */
export const BUILT_IN_KINDS: Array<{ apiVersion: string; kind: string }> = [
  { apiVersion: 'v1', kind: 'Namespace' },
  { apiVersion: 'v1', kind: 'ServiceAccount' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'v1', kind: 'Secret' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
];
