/** What the test API server serves, as discovery describes it. */
export interface ResourceType {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

const core = (
  kind: string,
  plural: string,
  namespaced = true,
): ResourceType => ({
  group: '',
  version: 'v1',
  kind,
  plural,
  namespaced,
});

/** The built-in kinds Paved renders. */
export const BUILT_IN_TYPES: ResourceType[] = [
  core('Namespace', 'namespaces', false),
  core('ServiceAccount', 'serviceaccounts'),
  core('ConfigMap', 'configmaps'),
  core('Secret', 'secrets'),
  core('Service', 'services'),
  core('PersistentVolumeClaim', 'persistentvolumeclaims'),
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'StatefulSet',
    plural: 'statefulsets',
    namespaced: true,
  },
  {
    group: 'policy',
    version: 'v1',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
    namespaced: true,
  },
  {
    group: 'autoscaling',
    version: 'v2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
    namespaced: true,
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'Ingress',
    plural: 'ingresses',
    namespaced: true,
  },
  {
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    kind: 'ValidatingAdmissionPolicy',
    plural: 'validatingadmissionpolicies',
    namespaced: false,
  },
  {
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    plural: 'validatingadmissionpolicybindings',
    namespaced: false,
  },
];

/** The Crossplane claims of the Northwind example platform. */
export const NORTHWIND_CLAIM_TYPES: ResourceType[] = [
  ['PostgreSQLInstance', 'postgresqlinstances'],
  ['RedisInstance', 'redisinstances'],
  ['Bucket', 'buckets'],
  ['Queue', 'queues'],
].map(([kind, plural]) => ({
  group: 'platform.northwind.example',
  version: 'v1alpha1',
  kind,
  plural,
  namespaced: true,
}));

export const apiVersionOf = (type: ResourceType) =>
  type.group ? `${type.group}/${type.version}` : type.version;

// Workloads have a status subresource, listed after the resource as the API
// server does (the client picks the first entry of a kind).
const WITH_STATUS = new Set([
  'Deployment',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
]);

/** GET /api/v1 or /apis/<group>/<version>. */
export function resourceList(types: ResourceType[], groupVersion: string) {
  const resources = types
    .filter(t => apiVersionOf(t) === groupVersion)
    .flatMap(t => [
      {
        name: t.plural,
        singularName: t.kind.toLowerCase(),
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: [
          'create',
          'delete',
          'deletecollection',
          'get',
          'list',
          'patch',
          'update',
          'watch',
        ],
      },
      ...(WITH_STATUS.has(t.kind)
        ? [
            {
              name: `${t.plural}/status`,
              singularName: '',
              namespaced: t.namespaced,
              kind: t.kind,
              verbs: ['get', 'patch', 'update'],
            },
          ]
        : []),
    ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

/** GET /apis. */
export function groupList(types: ResourceType[]) {
  const groups = new Map<string, Set<string>>();
  for (const t of types) {
    if (!t.group) continue;
    groups.set(t.group, (groups.get(t.group) ?? new Set()).add(t.version));
  }
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups.entries()].map(([name, versions]) => {
      const list = [...versions].map(version => ({
        groupVersion: `${name}/${version}`,
        version,
      }));
      return { name, versions: list, preferredVersion: list[0] };
    }),
  };
}

/** `deployments.apps`, as the API server names a resource in messages. */
export const resourceName = (t: ResourceType) =>
  t.group ? `${t.plural}.${t.group}` : t.plural;
