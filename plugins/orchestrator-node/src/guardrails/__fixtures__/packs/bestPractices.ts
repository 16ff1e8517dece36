import {
  environment,
  namespace,
  PackCase,
  podCases,
  PodKind,
  service,
} from './builders';

// platform/policies/best-practices: ValidatingAdmissionPolicies with bindings,
// which match Pods and every pod controller themselves (no autogen).

const DIGEST = 'b'.repeat(64);
const setup = (image: string) => ({
  spec: {
    initContainers: [
      {
        name: 'setup',
        image,
        resources: {
          requests: { cpu: '50m', memory: '32Mi' },
          limits: { memory: '64Mi' },
        },
        securityContext: {
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
      },
    ],
  },
});
const longRunning: PodKind[] = ['Pod', 'Deployment', 'StatefulSet'];

const podPolicyCases = podCases([
  {
    title: 'an image pinned by digest, without a tag',
    policy: 'disallow-latest-tag',
    validation: 0,
    change: {
      container: {
        image: `registry.northwind.example/checkout@sha256:${DIGEST}`,
      },
    },
  },
  {
    title: 'a registry with a port and a tag',
    policy: 'disallow-latest-tag',
    validation: 0,
    change: { container: { image: 'registry.local:5000/acme/orders:2.3.1' } },
  },
  {
    title: 'an untagged image behind a registry port',
    policy: 'disallow-latest-tag',
    validation: 0,
    change: { container: { image: 'registry.local:5000/acme/orders' } },
    fails:
      'Images must carry a tag or a digest: registry.local:5000/acme/orders',
  },
  {
    title: 'latest, pinned by digest',
    policy: 'disallow-latest-tag',
    validation: 1,
    change: {
      container: { image: `ghcr.io/northwind/agent:latest@sha256:${DIGEST}` },
    },
  },
  {
    title: 'an init container on latest',
    policy: 'disallow-latest-tag',
    validation: 1,
    change: setup('registry.northwind.example/setup:latest'),
    fails:
      'The latest tag is not allowed: registry.northwind.example/setup:latest',
  },
  {
    title: 'an image from ghcr.io/northwind',
    policy: 'allowed-image-registries',
    validation: 0,
    change: { container: { image: 'ghcr.io/northwind/metrics-agent:1.4.2' } },
  },
  {
    title: 'an image from Docker Hub',
    policy: 'allowed-image-registries',
    validation: 0,
    change: { container: { image: 'nginx:1.27' } },
    fails:
      'Images must come from an allowed registry (registry.northwind.example/, ghcr.io/northwind/): nginx:1.27',
  },
  {
    title: 'an init container from a look-alike registry',
    policy: 'allowed-image-registries',
    validation: 0,
    change: setup('registry.northwind.example.attacker.io/setup:1.0.0'),
    fails:
      'Images must come from an allowed registry (registry.northwind.example/, ghcr.io/northwind/): registry.northwind.example.attacker.io/setup:1.0.0',
  },
  {
    title: 'requests and limits for CPU and memory',
    policy: 'require-resources',
    validation: 0,
    change: {
      container: { resources: { limits: { cpu: '1', memory: '512Mi' } } },
    },
  },
  {
    title: 'no CPU request',
    policy: 'require-resources',
    validation: 0,
    change: { container: { resources: { requests: { cpu: undefined } } } },
    fails:
      'Containers must request CPU and memory (resources.requests.cpu and .memory): app',
  },
  {
    title: 'an init container with requests and a memory limit',
    policy: 'require-resources',
    validation: 1,
    change: setup('registry.northwind.example/setup:1.0.0'),
  },
  {
    title: 'no memory limit',
    policy: 'require-resources',
    validation: 1,
    change: {
      container: { resources: { limits: { cpu: '1', memory: undefined } } },
    },
    fails: 'Containers must set a memory limit (resources.limits.memory): app',
  },
  {
    title: 'no resources at all',
    policy: 'require-resources',
    validation: 1,
    change: { container: { resources: undefined } },
    fails: 'Containers must set a memory limit (resources.limits.memory): app',
    alsoFails: [0],
  },
  {
    title: 'liveness, readiness and startup probes',
    policy: 'require-probes',
    validation: 0,
    change: { container: { startupProbe: { tcpSocket: { port: 8080 } } } },
    action: 'warn',
    kinds: longRunning,
  },
  {
    title: 'no liveness probe',
    policy: 'require-probes',
    validation: 0,
    change: { container: { livenessProbe: undefined } },
    fails: 'Containers should have a livenessProbe: app',
    action: 'warn',
    kinds: longRunning,
  },
  {
    title: 'both probes',
    policy: 'require-probes',
    validation: 1,
    action: 'warn',
    kinds: longRunning,
  },
  {
    title: 'no readiness probe',
    policy: 'require-probes',
    validation: 1,
    change: { container: { readinessProbe: undefined } },
    fails: 'Containers should have a readinessProbe: app',
    action: 'warn',
    kinds: longRunning,
  },
  {
    title: 'owner and cost-center labels',
    policy: 'require-owner-labels',
    validation: 0,
  },
  {
    title: 'no owner label',
    policy: 'require-owner-labels',
    validation: 0,
    change: { metadata: { labels: { 'paved.dev/owner': undefined } } },
    fails: '{kind} web has no paved.dev/owner label',
  },
  {
    title: 'a cost-center label',
    policy: 'require-owner-labels',
    validation: 1,
    change: { metadata: { labels: { 'paved.dev/cost-center': 'cc-7' } } },
  },
  {
    title: 'an empty cost-center label',
    policy: 'require-owner-labels',
    validation: 1,
    change: { metadata: { labels: { 'paved.dev/cost-center': '' } } },
    fails: '{kind} web has no paved.dev/cost-center label',
  },
  {
    title: 'a hardened init container',
    policy: 'require-container-hardening',
    validation: 0,
    change: setup('registry.northwind.example/setup:1.0.0'),
  },
  {
    title: 'a writable root filesystem',
    policy: 'require-container-hardening',
    validation: 0,
    change: {
      container: { securityContext: { readOnlyRootFilesystem: false } },
    },
    fails:
      'Containers must have a read-only root filesystem (securityContext.readOnlyRootFilesystem: true): app',
  },
  {
    title: 'ALL dropped, listed with another',
    policy: 'require-container-hardening',
    validation: 1,
    change: {
      container: {
        securityContext: { capabilities: { drop: ['NET_RAW', 'ALL'] } },
      },
    },
  },
  {
    title: 'capabilities kept',
    policy: 'require-container-hardening',
    validation: 1,
    change: { container: { securityContext: { capabilities: undefined } } },
    fails:
      'Containers must drop ALL capabilities (securityContext.capabilities.drop: [ALL]): app',
  },
]);

const serviceCase = (
  title: string,
  validation: number,
  spec: Record<string, unknown>,
  fails?: string,
  policy = 'restrict-service-exposure',
): PackCase => ({
  title,
  policy,
  validation,
  input: {
    objects: [namespace('production'), service(spec)],
    environment: environment('production'),
  },
  subject: { kind: 'Service', name: 'web' },
  fails,
  action: policy === 'approve-load-balancers' ? 'require-approval' : 'deny',
});

export const bestPracticesCases: PackCase[] = [
  ...podPolicyCases,
  serviceCase('a ClusterIP Service', 0, {}),
  serviceCase(
    'a NodePort Service',
    0,
    { type: 'NodePort' },
    'Service web may not be of type NodePort',
  ),
  serviceCase('an empty externalIPs list', 1, { externalIPs: [] }),
  serviceCase(
    'a Service with externalIPs',
    1,
    { externalIPs: ['203.0.113.10'] },
    'Service web may not set spec.externalIPs',
  ),
  serviceCase(
    'a ClusterIP Service',
    0,
    {},
    undefined,
    'approve-load-balancers',
  ),
  serviceCase(
    'a LoadBalancer Service',
    0,
    { type: 'LoadBalancer' },
    "Service web of type LoadBalancer needs the platform team's approval",
    'approve-load-balancers',
  ),
];
