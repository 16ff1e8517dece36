import type { Environment } from '@paved/plugin-orchestrator-common';
import type { DeliveryRequest, Plan } from '@paved/plugin-orchestrator-node';
import { stringify } from 'yaml';
import {
  KubernetesDeliveryTarget,
  KubernetesDeliveryTargetOptions,
} from '../KubernetesDeliveryTarget';
import type { KubernetesClusterConfig } from '../config';
import type { KubeObject } from '../objects';
import type { FakeKubernetesApiServer } from './FakeKubernetesApiServer';

export const WORKLOAD = 'checkout';
export const ENVIRONMENT = 'development';
export const NAMESPACE = 'checkout-development';
export const CLUSTER = 'northwind-dev';
export const TOKEN = 'test-token-7f3a9c';

export const environment: Environment = {
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name: ENVIRONMENT },
  spec: {
    type: 'development',
    cluster: CLUSTER,
    domain: 'dev.northwind.example',
    delivery: 'kubernetes',
  },
};

const labels = {
  'app.kubernetes.io/managed-by': 'paved',
  'app.kubernetes.io/name': WORKLOAD,
  'paved.dev/environment': ENVIRONMENT,
};

/** The objects a small workload renders: what most tests deliver. */
export function workloadObjects(
  options: { image?: string; logLevel?: string; cpu?: string } = {},
): KubeObject[] {
  const meta = (name: string) => ({ name, namespace: NAMESPACE, labels });
  const podLabels = { 'app.kubernetes.io/name': WORKLOAD };
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE, labels },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(WORKLOAD) },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`${WORKLOAD}-env`),
      data: { LOG_LEVEL: options.logLevel ?? 'info', GREETING: 'hello' },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(WORKLOAD),
      spec: {
        selector: podLabels,
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(WORKLOAD),
      spec: {
        replicas: 2,
        selector: { matchLabels: podLabels },
        template: {
          metadata: { labels: podLabels },
          spec: {
            serviceAccountName: WORKLOAD,
            containers: [
              {
                name: 'api',
                image:
                  options.image ??
                  'registry.northwind.example/checkout:3f2a9c1',
                envFrom: [{ configMapRef: { name: `${WORKLOAD}-env` } }],
                resources: {
                  requests: { cpu: options.cpu ?? '250m', memory: '256Mi' },
                },
                volumeMounts: [
                  { name: 'files', mountPath: '/etc/checkout/a', subPath: 'a' },
                  { name: 'files', mountPath: '/etc/checkout/b', subPath: 'b' },
                ],
              },
            ],
            volumes: [
              { name: 'files', configMap: { name: `${WORKLOAD}-env` } },
            ],
          },
        },
      },
    },
  ];
}

const folderOf = (object: KubeObject) =>
  object.apiVersion.startsWith('platform.') ? 'resources' : 'kubernetes';

export function planOf(
  objects: KubeObject[],
  extra: { shared?: KubeObject[] } = {},
): Plan {
  const artifact = (folder: string) => (object: KubeObject) => ({
    path: `${folder}/${object.kind.toLowerCase()}-${object.metadata.name}.yaml`,
    kind: object.kind,
    content: stringify(object),
  });
  return {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'Plan',
    workload: WORKLOAD,
    environment: { name: ENVIRONMENT, type: 'development' },
    namespace: NAMESPACE,
    artifacts: [
      ...objects.map(o => artifact(folderOf(o))(o)),
      ...(extra.shared ?? []).map(artifact('policies')),
      {
        path: '.github/workflows/deploy.yaml',
        kind: 'Workflow',
        content: 'on: push\n',
      },
    ],
    resources: [],
    cost: { perMonth: [] },
    warnings: [],
    verdicts: [],
    hash: 'test',
  };
}

export function deliveryRequest(
  plan: Plan,
  revision: number,
  previous?: Plan,
): DeliveryRequest {
  return {
    deploymentId: `deployment-${revision}`,
    workload: WORKLOAD,
    environment,
    revision,
    plan,
    ...(previous && { previous }),
    initiator: 'user:default/alice',
  };
}

/** A target pointed at the fake, with delays and timeouts short enough for tests. */
export function targetFor(
  fake: FakeKubernetesApiServer,
  options: Partial<Omit<KubernetesDeliveryTargetOptions, 'config'>> & {
    forceConflicts?: boolean;
    rolloutTimeoutMs?: number;
    cluster?: Partial<KubernetesClusterConfig>;
  } = {},
): KubernetesDeliveryTarget {
  const { forceConflicts, rolloutTimeoutMs, cluster, ...rest } = options;
  return new KubernetesDeliveryTarget({
    config: {
      clusters: [
        {
          name: CLUSTER,
          url: fake.url,
          serviceAccountToken: TOKEN,
          skipTLSVerify: true,
          ...cluster,
        },
      ],
      forceConflicts: forceConflicts ?? false,
      rolloutTimeoutMs: rolloutTimeoutMs ?? 2000,
    },
    retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 2000 },
    requestTimeoutMs: 2000,
    rolloutPollIntervalMs: 10,
    ...rest,
  });
}

/** The non-dry-run writes the fake received. */
export function writes(fake: FakeKubernetesApiServer) {
  return fake.requests.filter(
    r => r.method !== 'GET' && r.query.dryRun !== 'All',
  );
}

export async function waitFor<T>(
  probe: () => T | undefined,
  timeoutMs = 2000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('waitFor timed out');
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}
