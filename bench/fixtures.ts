/**
 * Inputs for the planning benchmark: an in-memory platform (so the numbers do
 * not depend on which resource definitions the repository's platform/ folder
 * ships). The workloads are in ./workloads.
 */
import type { PlatformFile } from '@paved/plugin-orchestrator-node';

// ---------------------------------------------------------------------------
// Platform: the four environments of platform/environments, and three
// definitions (development+ephemeral, staging, production) for each of the
// four resource types, all rendered as Crossplane claims.

const environments = `
apiVersion: paved.dev/v1alpha1
kind: Environment
metadata:
  name: development
spec:
  type: development
  cluster: northwind-dev
  domain: dev.northwind.example
---
apiVersion: paved.dev/v1alpha1
kind: Environment
metadata:
  name: staging
spec:
  type: staging
  cluster: northwind-staging
  domain: staging.northwind.example
---
apiVersion: paved.dev/v1alpha1
kind: Environment
metadata:
  name: production
  description: Northwind's production environment.
spec:
  type: production
  cluster: northwind-prod
  domain: prod.northwind.example
  gitopsPath: production
---
apiVersion: paved.dev/v1alpha1
kind: Environment
metadata:
  name: preview
spec:
  type: ephemeral
  cluster: northwind-dev
  domain: preview.northwind.example
  ttl:
    default: 24h
    maximum: 7d
  costCap:
    amount: 50
    currency: USD
`;

interface TypeSpec {
  type: string;
  kind: string;
  /** YAML lines (indented 8) of the platform's baked-in parameters, per tier. */
  parameters: { development: string; staging: string; production: string };
  overridable: string[];
  /** YAML lines (indented 4) of the outputs. */
  outputs: string;
  price: { development: number; staging: number; production: number };
}

const TYPES: TypeSpec[] = [
  {
    type: 'postgres',
    kind: 'PostgreSQLInstance',
    parameters: {
      development: `version: '16'\n        storageGB: 5`,
      staging: `version: '16'\n        instanceClass: db.t4g.small\n        storageGB: 20\n        storageEncrypted: true\n        backup:\n          enabled: true\n          retentionDays: 7`,
      production: `version: '16'\n        instanceClass: db.m7g.large\n        storageGB: 100\n        storageEncrypted: true\n        multiAZ: true\n        backup:\n          enabled: true\n          retentionDays: 30\n        deletionProtection: true`,
    },
    overridable: ['version', 'storageGB'],
    outputs: `host: \${claim.name}.\${claim.namespace}.postgres.northwind.internal
    port: 5432
    name: \${claim.name}
    username: app
    password:
      secretRef:
        name: \${claim.secret}
        key: password`,
    price: { development: 4, staging: 35, production: 290 },
  },
  {
    type: 'redis',
    kind: 'RedisInstance',
    parameters: {
      development: `version: '7.2'\n        memoryGB: 1`,
      staging: `version: '7.2'\n        nodeType: cache.t4g.small\n        memoryGB: 2\n        transitEncryption: true`,
      production: `version: '7.2'\n        nodeType: cache.m7g.large\n        memoryGB: 8\n        replicas: 2\n        transitEncryption: true\n        atRestEncryption: true\n        snapshotRetentionDays: 7`,
    },
    overridable: ['memoryGB', 'evictionPolicy'],
    outputs: `host: \${claim.name}.\${claim.namespace}.redis.northwind.internal
    port: 6379
    password:
      secretRef:
        name: \${claim.secret}
        key: password`,
    price: { development: 2, staging: 25, production: 180 },
  },
  {
    type: 's3',
    kind: 'ObjectBucket',
    parameters: {
      development: `region: eu-west-1\n        versioning: false`,
      staging: `region: eu-west-1\n        versioning: true\n        encryption: aws:kms`,
      production: `region: eu-west-1\n        versioning: true\n        encryption: aws:kms\n        blockPublicAccess: true\n        lifecycle:\n          noncurrentVersionExpirationDays: 90\n        replication:\n          enabled: true\n          region: eu-central-1`,
    },
    overridable: ['versioning', 'lifecycle'],
    outputs: `bucket: \${claim.name}
    region: eu-west-1
    endpoint: https://s3.eu-west-1.amazonaws.com
    accessKeyId:
      secretRef:
        name: \${claim.secret}
        key: accessKeyId
    secretAccessKey:
      secretRef:
        name: \${claim.secret}
        key: secretAccessKey`,
    price: { development: 1, staging: 5, production: 40 },
  },
  {
    type: 'queue',
    kind: 'MessageQueue',
    parameters: {
      development: `fifo: false\n        visibilityTimeoutSeconds: 30`,
      staging: `fifo: false\n        visibilityTimeoutSeconds: 30\n        encryption: aws:kms\n        deadLetter:\n          maxReceiveCount: 5`,
      production: `fifo: false\n        visibilityTimeoutSeconds: 30\n        messageRetentionSeconds: 1209600\n        encryption: aws:kms\n        deadLetter:\n          maxReceiveCount: 5`,
    },
    overridable: ['visibilityTimeoutSeconds', 'fifo'],
    outputs: `url: https://sqs.eu-west-1.amazonaws.com/123456789012/\${claim.name}
    name: \${claim.name}
    region: eu-west-1
    accessKeyId:
      secretRef:
        name: \${claim.secret}
        key: accessKeyId
    secretAccessKey:
      secretRef:
        name: \${claim.secret}
        key: secretAccessKey`,
    price: { development: 0, staging: 1, production: 12 },
  },
];

const TIERS = [
  {
    tier: 'development',
    criteria: `- environmentType: development\n    - environmentType: ephemeral`,
    composition: 'in-cluster',
  },
  {
    tier: 'staging',
    criteria: `- environmentType: staging`,
    composition: 'managed',
  },
  {
    tier: 'production',
    criteria: `- environmentType: production`,
    composition: 'managed',
  },
] as const;

function definitions(spec: TypeSpec): string {
  return TIERS.map(
    ({ tier, criteria, composition }) => `apiVersion: paved.dev/v1alpha1
kind: ResourceDefinition
metadata:
  name: ${spec.type}-${tier}
spec:
  type: ${spec.type}
  criteria:
    ${criteria}
  renderer:
    name: crossplane-claim
    config:
      apiVersion: platform.northwind.example/v1alpha1
      kind: ${spec.kind}
      compositionSelector:
        tier: ${composition}
      parameters:
        ${spec.parameters[tier]}
      overridableParams: [${spec.overridable.join(', ')}]
  outputs:
    ${spec.outputs}
  pricePerMonth:
    amount: ${spec.price[tier]}
    currency: USD
`,
  ).join('---\n');
}

/** An XRD per claim kind, so the bench pays for checking every claim as a real plan does. */
function compositeResourceDefinition(spec: TypeSpec): string {
  return `apiVersion: apiextensions.crossplane.io/v1
kind: CompositeResourceDefinition
metadata:
  name: x${spec.kind.toLowerCase()}s.platform.northwind.example
spec:
  group: platform.northwind.example
  names:
    kind: X${spec.kind}
  claimNames:
    kind: ${spec.kind}
  versions:
    - name: v1alpha1
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [parameters]
              properties:
                parameters:
                  type: object
                  properties:
                    tags:
                      type: object
                      additionalProperties:
                        type: string
`;
}

export const platformFiles: PlatformFile[] = [
  { path: 'environments.yaml', text: environments },
  ...TYPES.map(spec => ({
    path: `resource-definitions/${spec.type}.yaml`,
    text: definitions(spec),
  })),
  ...TYPES.map(spec => ({
    path: `crossplane/${spec.kind.toLowerCase()}.yaml`,
    text: compositeResourceDefinition(spec),
  })),
];
