import type { KubernetesObject } from '../kubernetes/validate';
import type { LabelSelector, MatchResources, ResourceRule } from './schema';

/** An object's group, version and resource, as the API server names them in a request. */
export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

// Kinds whose plural is not the regular English one, and kinds that are cluster-scoped.
const IRREGULAR_PLURALS: Record<string, string> = {
  Endpoints: 'endpoints',
};
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
]);

export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (IRREGULAR_PLURALS[kind]) return IRREGULAR_PLURALS[kind];
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

export function isClusterScoped(object: KubernetesObject): boolean {
  return CLUSTER_SCOPED.has(object.kind);
}

/**
 * The resource the API server would name for an object. `plurals` holds the
 * plurals that discovery would give for custom kinds (from the platform's XRDs).
 */
export function groupVersionResource(
  object: KubernetesObject,
  plurals: ReadonlyMap<string, string> = new Map(),
): GroupVersionResource {
  const slash = object.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : object.apiVersion.slice(0, slash);
  const version = object.apiVersion.slice(slash + 1);
  const resource =
    plurals.get(`${group}/${object.kind}`) ?? pluralOf(object.kind);
  return { group, version, resource };
}

const listed = (values: readonly string[], value: string) =>
  values.includes('*') || values.includes(value);

function ruleMatches(
  rule: ResourceRule,
  gvr: GroupVersionResource,
  object: KubernetesObject,
  operation: string,
): boolean {
  if (!listed(rule.apiGroups, gvr.group)) return false;
  if (!listed(rule.apiVersions, gvr.version)) return false;
  if (
    !rule.operations.includes('*') &&
    !rule.operations.includes(operation as never)
  )
    return false;
  // "pods" matches the resource itself; "*" everything; "*/status"-style subresources never match an object.
  if (!rule.resources.some(r => r === '*' || r === gvr.resource)) return false;
  if (
    rule.resourceNames?.length &&
    !rule.resourceNames.includes(object.metadata.name)
  )
    return false;
  const clusterScoped = isClusterScoped(object);
  if (rule.scope === 'Cluster' && !clusterScoped) return false;
  if (rule.scope === 'Namespaced' && clusterScoped) return false;
  return true;
}

/** Kubernetes label selector semantics: every requirement must hold; an empty selector matches all. */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ??
    []) {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
    if (operator === 'In' && (!has || !values.includes(labels[key])))
      return false;
    if (operator === 'NotIn' && has && values.includes(labels[key]))
      return false;
  }
  return true;
}

export interface MatchTarget {
  object: KubernetesObject;
  gvr: GroupVersionResource;
  operation: string;
  /** Labels of the object's namespace (for a Namespace: its own). Undefined for cluster-scoped objects. */
  namespaceLabels: Readonly<Record<string, string>> | undefined;
}

/** Whether a policy's matchConstraints (or a binding's matchResources) select the object. */
export function matchesResources(
  match: MatchResources | undefined,
  target: MatchTarget,
): boolean {
  if (!match) return true;
  const { object, gvr, operation, namespaceLabels } = target;
  if (
    match.resourceRules &&
    !match.resourceRules.some(rule => ruleMatches(rule, gvr, object, operation))
  )
    return false;
  if (
    match.excludeResourceRules?.some(rule =>
      ruleMatches(rule, gvr, object, operation),
    )
  )
    return false;
  // The API server applies namespaceSelector to namespaced objects and to Namespaces themselves only.
  if (
    namespaceLabels !== undefined &&
    !selectorMatches(match.namespaceSelector, namespaceLabels)
  )
    return false;
  return selectorMatches(
    match.objectSelector,
    (object.metadata.labels as Record<string, string> | undefined) ?? {},
  );
}
