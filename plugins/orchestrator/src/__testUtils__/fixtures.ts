import type { Deployment, Plan } from '@paved/plugin-orchestrator-common';
import type { WorkloadEnvironment } from '../api';

/** A deployment as the backend answers one; override what a test cares about. */
export const deployment = (
  overrides: Partial<Deployment> = {},
): Deployment => ({
  id: `d-${overrides.environment ?? 'development'}-${overrides.revision ?? 1}`,
  workload: 'checkout-service',
  environment: 'development',
  revision: 1,
  planHash: 'a'.repeat(64),
  state: 'delivered',
  requestedBy: 'user:default/mei-chen',
  target: 'gitops',
  reference: '0123456789abcdef0123456789abcdef01234567',
  summary: 'committed 9 files',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:05.000Z',
  ...overrides,
});

export const workloadEnvironment = (
  environment: string,
  revisions: number,
  overrides: Partial<Deployment> = {},
): WorkloadEnvironment => {
  const latest = deployment({ environment, revision: revisions, ...overrides });
  return {
    environment,
    revisions,
    latest,
    current: latest.state === 'delivered' ? latest : undefined,
  };
};

/** A plan with a Kubernetes object, a resource claim, a CI file and an admission policy. */
export const plan = (overrides: Partial<Plan> = {}): Plan => ({
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'Plan',
  workload: 'checkout-service',
  environment: { name: 'production', type: 'production' },
  namespace: 'checkout-service-production',
  artifacts: [
    {
      path: 'kubernetes/deployment-checkout-service.yaml',
      kind: 'Deployment',
      content:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: checkout-service\n  namespace: checkout-service-production\nspec:\n  replicas: 3\n',
    },
    {
      path: 'resources/postgresqlinstance-db.yaml',
      kind: 'PostgreSQLInstance',
      content:
        'apiVersion: database.paved.dev/v1alpha1\nkind: PostgreSQLInstance\nmetadata:\n  name: checkout-service-db\nspec:\n  parameters:\n    storageGB: 100\n    backupRetentionDays: 14\n    storageEncrypted: true\n',
    },
    {
      path: 'ci/.github/workflows/paved.yaml',
      kind: 'Workflow',
      content: 'name: paved\non: push\njobs: {}\n',
    },
    {
      path: 'policies/validatingadmissionpolicy-disallow-latest-tag.yaml',
      kind: 'ValidatingAdmissionPolicy',
      content:
        'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: disallow-latest-tag\n',
    },
  ],
  resources: [
    {
      name: 'db',
      type: 'postgres',
      class: 'large',
      id: 'checkout-service.db',
      definition: 'postgres-managed',
      dependsOn: [],
      outputs: {
        host: { kind: 'text', value: 'checkout-service-db.internal' },
        password: {
          kind: 'secret',
          secretRef: { name: 'checkout-service-db', key: 'password' },
        },
      },
      pricePerMonth: { amount: 1240, currency: 'USD' },
    },
  ],
  cost: { perMonth: [{ amount: 1240, currency: 'USD' }] },
  warnings: [],
  verdicts: [
    {
      policy: 'production-cost-approval',
      validation: 'validations[0]',
      kind: 'Plan',
      name: 'checkout-service',
      result: 'fail',
      action: 'require-approval',
      message: 'Production cost 1240 USD a month is over 1000 USD',
      fix: 'Ask the platform team, or choose a smaller class.',
      approvers: 'group:platform',
    },
    {
      policy: 'require-probes',
      validation: 'validations[0]',
      kind: 'Deployment',
      namespace: 'checkout-service-production',
      name: 'checkout-service',
      result: 'fail',
      action: 'warn',
      artifact: 'kubernetes/deployment-checkout-service.yaml',
      message: 'Containers should declare liveness and readiness probes',
      fix: 'Add livenessProbe and readinessProbe to every container.',
    },
  ],
  hash: 'b'.repeat(64),
  ...overrides,
});
