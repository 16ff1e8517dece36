import type {
  Environment,
  GuardrailAction,
} from '@paved/plugin-orchestrator-common';
import type { KubernetesObject } from '../../../kubernetes/validate';
import type { GuardrailInput } from '../../evaluate';

// Objects for the policy-pack tests (packs.test.ts): compliant by default,
// shaped like what Paved renders (see src/__golden__/checkout.*.plan.yaml);
// each case changes only what it is about.

export type Json = { [key: string]: any };

/** One validation of one shipped policy against one object, and the expected result. */
export interface PackCase {
  title: string;
  policy: string;
  /** Index into the policy's spec.validations. */
  validation: number;
  input: GuardrailInput;
  /** The checked object, as GuardrailCheck names it. */
  subject: { kind: string; name: string };
  /** The expected failure message; the object passes when undefined. */
  fails?: string;
  /** Other validations of the same policy this object fails too (each has its own case). */
  alsoFails?: number[];
  /** The action the check carries; deny when undefined. */
  action?: GuardrailAction;
}

/**
 * Deep merge for test objects: objects merge key by key, anything else
 * (arrays included) replaces, and `undefined` removes the key.
 */
export function merge<T extends Json>(base: T, change: Json | undefined): T {
  if (!change) return base;
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) delete result[key];
    else if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof result[key] === 'object' &&
      result[key] !== null &&
      !Array.isArray(result[key])
    )
      result[key] = merge(result[key], value);
    else result[key] = value;
  }
  return result as T;
}

export type EnvironmentType =
  | 'development'
  | 'staging'
  | 'production'
  | 'ephemeral';

export function environment(
  type: EnvironmentType,
  name: string = type === 'ephemeral' ? 'preview' : type,
): Environment {
  return {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name },
    spec: {
      type,
      cluster: 'northwind-test',
      domain: `${name}.northwind.example`,
      gitopsPath: name,
      ...(type === 'ephemeral' && {
        ttl: { default: '24h', maximum: '7d' },
        costCap: { amount: 50, currency: 'USD' },
      }),
    },
  } as Environment;
}

/** The Namespace Paved renders: its environment-type label scopes bindings. */
export const namespace = (type: EnvironmentType): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: `checkout-${type}`,
    labels: { 'paved.dev/environment-type': type },
  },
});

const labels = {
  'app.kubernetes.io/name': 'checkout',
  'paved.dev/owner': 'payments',
  'paved.dev/cost-center': 'cc-1042',
};

/** A container as Paved renders it: pinned image, resources, probes, hardened. */
export const compliantContainer = (): Json => ({
  name: 'app',
  image: 'registry.northwind.example/checkout:3f2a9c1',
  ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
  resources: {
    requests: { cpu: '250m', memory: '256Mi' },
    limits: { memory: '512Mi' },
  },
  livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
  readinessProbe: { exec: { command: ['/bin/ready'] } },
  securityContext: {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
  },
  volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }],
});

export interface PodChange {
  /** Merged into the pod (template) metadata; labels also go on a controller's own metadata. */
  metadata?: Json;
  /** Merged into the pod spec. */
  spec?: Json;
  /** Merged into the pod's one container, "app". */
  container?: Json;
}

export function podTemplate(change: PodChange = {}): {
  metadata: Json;
  spec: Json;
} {
  const spec = {
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    serviceAccountName: 'checkout',
    containers: [merge(compliantContainer(), change.container)],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
  return {
    metadata: merge({ labels }, change.metadata),
    spec: merge(spec, change.spec),
  };
}

export type PodKind = 'Pod' | 'Deployment' | 'StatefulSet' | 'Job' | 'CronJob';
const API_VERSIONS: Record<PodKind, string> = {
  Pod: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

/** A pod, or a pod controller around the same pod template, named "web". */
export function podObject(
  kind: PodKind,
  change: PodChange = {},
  envType: EnvironmentType = 'production',
): KubernetesObject {
  const template = podTemplate(change);
  const metadata = {
    name: 'web',
    namespace: `checkout-${envType}`,
    labels: template.metadata.labels,
  };
  const selector = { matchLabels: { 'app.kubernetes.io/name': 'checkout' } };
  let spec: Json;
  if (kind === 'Pod') {
    return {
      apiVersion: 'v1',
      kind,
      metadata: { ...template.metadata, ...metadata },
      spec: template.spec,
    };
  } else if (kind === 'CronJob') {
    spec = { schedule: '0 3 * * *', jobTemplate: { spec: { template } } };
  } else if (kind === 'Job') {
    spec = { template };
  } else {
    spec = { selector, template };
  }
  return { apiVersion: API_VERSIONS[kind], kind, metadata, spec };
}

export interface PodCase {
  title: string;
  policy: string;
  validation: number;
  change?: PodChange;
  fails?: string;
  alsoFails?: number[];
  action?: GuardrailAction;
  /** The kinds to check the pod as; Pod, Deployment and CronJob when undefined. */
  kinds?: PodKind[];
  envType?: EnvironmentType;
}

/** Each pod case as a Pod and as pod controllers: `{kind}` in the message is the kind checked. */
export function podCases(cases: PodCase[]): PackCase[] {
  return cases.flatMap(c =>
    (c.kinds ?? (['Pod', 'Deployment', 'CronJob'] as PodKind[])).map(kind => ({
      title: `${c.title} (${kind})`,
      policy: c.policy,
      validation: c.validation,
      input: {
        objects: [
          namespace(c.envType ?? 'production'),
          podObject(kind, c.change, c.envType),
        ],
        environment: environment(c.envType ?? 'production'),
      },
      subject: { kind, name: 'web' },
      fails: c.fails?.replace('{kind}', kind),
      alsoFails: c.alsoFails,
      action: c.action,
    })),
  );
}

export const service = (spec: Json): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'checkout-production', labels },
  spec: merge(
    {
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': 'checkout' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
    },
    spec,
  ),
});

export type ClaimKind = 'PostgreSQLInstance' | 'RedisInstance' | 'Bucket';

const tags = (env: string) => ({
  owner: 'group:default/payments',
  'cost-center': 'cc-1042',
  environment: env,
  workload: 'checkout',
});

/** What the production definitions set, as Crossplane claims render it. */
const compliantParameters: Record<ClaimKind, Json> = {
  PostgreSQLInstance: {
    version: '16',
    instanceClass: 'db.m7g.large',
    storageGB: 100,
    storageEncrypted: true,
    multiAZ: true,
    backup: { enabled: true, retentionDays: 30 },
    deletionProtection: true,
  },
  RedisInstance: {
    version: '7.2',
    nodeType: 'cache.t4g.small',
    encryptionAtRest: true,
    encryptionInTransit: true,
    snapshotRetentionDays: 7,
    deletionProtection: true,
  },
  Bucket: {
    region: 'eu-west-1',
    encryption: 'aws:kms',
    versioning: true,
    blockPublicAccess: true,
    deletionProtection: true,
  },
};

export const CLAIM_NAMES: Record<ClaimKind, string> = {
  PostgreSQLInstance: 'checkout-db',
  RedisInstance: 'checkout-cache',
  Bucket: 'checkout-files',
};

export function claim(
  kind: ClaimKind,
  envName: string,
  parameters?: Json,
): KubernetesObject {
  return {
    apiVersion: 'platform.northwind.example/v1alpha1',
    kind,
    metadata: {
      name: CLAIM_NAMES[kind],
      namespace: `checkout-${envName}`,
    },
    spec: {
      parameters: merge(
        { ...compliantParameters[kind], tags: tags(envName) },
        parameters,
      ),
      writeConnectionSecretToRef: { name: `${CLAIM_NAMES[kind]}-connection` },
    },
  };
}

export interface ClaimCase {
  title: string;
  policy: string;
  validation: number;
  kind: ClaimKind;
  envType: EnvironmentType;
  parameters?: Json;
  fails?: string;
  alsoFails?: number[];
}

export function claimCases(cases: ClaimCase[]): PackCase[] {
  return cases.map(c => {
    const env = environment(c.envType);
    return {
      title: `${c.title} (${c.kind}, ${c.envType})`,
      policy: c.policy,
      validation: c.validation,
      input: {
        claims: [claim(c.kind, env.metadata.name, c.parameters)],
        environment: env,
      },
      subject: { kind: c.kind, name: CLAIM_NAMES[c.kind] },
      fails: c.fails,
      alsoFails: c.alsoFails,
    };
  });
}

/** The plan summary Plan-subject policies see, costing `perMonth`. */
export function planSummary(
  env: Environment,
  perMonth: Array<{ amount: number; currency: string }>,
  environmentPerMonth?: Array<{ amount: number; currency: string }>,
) {
  return {
    workload: 'checkout',
    environment: { name: env.metadata.name, type: env.spec.type },
    namespace: `checkout-${env.metadata.name}`,
    cost: environmentPerMonth
      ? { perMonth, environmentPerMonth }
      : { perMonth },
    resources: [
      {
        name: 'db',
        type: 'postgres',
        class: 'default',
        id: 'checkout.db',
        definition: `postgres-${env.spec.type}`,
        pricePerMonth: perMonth[0],
      },
    ],
  };
}
