import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { loadPolicies } from '.';
import { createPlan } from '../plan';
import { findEnvironment, Platform, readPlatformDirectory } from '../platform';
import { loadWorkload } from '../workload';

// Guardrails inside a plan, with policies written for this test (the shipped
// packs have their own tests): verdicts name artifact, fix and approvers,
// Paved's own subjects see claims, the workflow and the plan's cost, and the
// admission policies for the environment travel as artifacts.

const checkout = loadWorkload(
  readFileSync(
    resolve(__dirname, '../kubernetes/__fixtures__/checkout.score.yaml'),
    'utf8',
  ),
  'checkout.score.yaml',
);
let platform: Platform;
beforeAll(async () => {
  platform = await readPlatformDirectory(
    resolve(__dirname, '../../../../platform'),
  );
});

const policies = loadPolicies([
  {
    path: 'policies/replicas.yaml',
    text: `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: production-keeps-history
  annotations:
    paved.dev/description: Set spec.revisionHistoryLimit so a rollback has revisions to go back to.
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: [apps]
      apiVersions: [v1]
      operations: [CREATE, UPDATE]
      resources: [deployments]
  validations:
  - expression: "has(object.spec.revisionHistoryLimit)"
    message: production Deployments keep a revision history
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: production-keeps-history
spec:
  policyName: production-keeps-history
  validationActions: [Deny]
  matchResources:
    namespaceSelector:
      matchLabels:
        paved.dev/environment-type: production
`,
  },
  {
    path: 'policies/paved.yaml',
    text: `
apiVersion: paved.dev/v1alpha1
kind: GuardrailPolicy
metadata:
  name: expensive-plans
  annotations:
    paved.dev/approvers: group:default/platform
    paved.dev/description: Ask the platform team, or pick a smaller class.
spec:
  subject: Plan
  validationActions: [RequireApproval]
  validations:
  - expression: "object.cost.perMonth.all(c, double(c.amount) < 100.0)"
    messageExpression: "'the plan costs ' + string(object.cost.perMonth[0].amount) + ' ' + object.cost.perMonth[0].currency + ' a month'"
---
apiVersion: paved.dev/v1alpha1
kind: GuardrailPolicy
metadata:
  name: claims-in-production-are-protected
spec:
  subject: ResourceClaim
  environmentTypes: [production]
  validationActions: [Warn]
  matchConstraints:
    resourceRules:
    - apiGroups: [platform.northwind.example]
      apiVersions: ["*"]
      operations: [CREATE]
      resources: [postgresqlinstances]
  validations:
  - expression: "object.spec.parameters.size != 'small' && environment.spec.type == plan.environment.type"
    message: production databases are not small
---
apiVersion: paved.dev/v1alpha1
kind: GuardrailPolicy
metadata:
  name: workflows-name-themselves
spec:
  subject: Workflow
  validationActions: [Audit]
  validations:
  - expression: "object.name == 'Deploy'"
    messageExpression: "'the workflow is called ' + object.name"
`,
  },
]);

const planFor = (environment: string) =>
  createPlan({
    workload: checkout,
    environment: findEnvironment(platform, environment),
    platform,
    builtImage: 'registry.northwind.example/checkout:3f2a9c1',
    policies,
    ci: {
      imageRepository: 'registry.northwind.example/checkout',
      language: 'node',
      pavedUrl: 'https://paved.northwind.example',
    },
  });

describe('guardrails in a plan', () => {
  it('lists every verdict, strongest first, with artifact, fix and approvers', () => {
    const plan = planFor('production');
    expect(
      plan.verdicts.map(v => [v.action, v.policy, v.kind, v.name]),
    ).toEqual([
      ['deny', 'production-keeps-history', 'Deployment', 'checkout'],
      ['require-approval', 'expensive-plans', 'Plan', 'checkout'],
      [
        'warn',
        'claims-in-production-are-protected',
        'PostgreSQLInstance',
        'checkout-db',
      ],
      [
        'audit',
        'workflows-name-themselves',
        'Workflow',
        '.github/workflows/paved.yaml',
      ],
    ]);
    expect(plan.verdicts[0]).toEqual({
      policy: 'production-keeps-history',
      validation: 'validations[0]',
      kind: 'Deployment',
      namespace: 'checkout-production',
      name: 'checkout',
      result: 'fail',
      action: 'deny',
      message: 'production Deployments keep a revision history',
      artifact: 'kubernetes/deployment-checkout.yaml',
      fix: 'Set spec.revisionHistoryLimit so a rollback has revisions to go back to.',
    });
    expect(plan.verdicts[1]).toMatchObject({
      approvers: 'group:default/platform',
      fix: 'Ask the platform team, or pick a smaller class.',
      message: expect.stringMatching(
        /^the plan costs \d+(\.\d+)? USD a month$/,
      ),
    });
    expect(plan.verdicts[2].artifact).toBe(
      'resources/postgresqlinstance-checkout-db.yaml',
    );
    expect(plan.verdicts[3]).toMatchObject({
      artifact: '.github/workflows/paved.yaml',
      message: 'the workflow is called Paved',
    });
  });

  it('applies environment-scoped policies only where they bind', () => {
    const plan = planFor('development');
    expect(plan.verdicts.map(v => v.policy)).not.toContain(
      'production-keeps-history',
    );
    expect(plan.verdicts.map(v => v.policy)).not.toContain(
      'claims-in-production-are-protected',
    );
  });

  it('carries the admission policies that bind in the environment, and only those', () => {
    const production = planFor('production');
    const paths = production.artifacts
      .map(a => a.path)
      .filter(p => p.startsWith('policies/'));
    expect(paths).toEqual([
      'policies/validatingadmissionpolicy-production-keeps-history.yaml',
      'policies/validatingadmissionpolicybinding-production-keeps-history.yaml',
    ]);
    const vap = parse(
      production.artifacts.find(a => a.path === paths[0])!.content,
    );
    expect(vap.spec.validations[0].expression).toBe(
      'has(object.spec.revisionHistoryLimit)',
    );
    expect(
      planFor('development').artifacts.some(a =>
        a.path.startsWith('policies/'),
      ),
    ).toBe(false);
  });

  it('changes the plan hash when a verdict changes', () => {
    const without = createPlan({
      workload: checkout,
      environment: findEnvironment(platform, 'production'),
      platform,
      builtImage: 'registry.northwind.example/checkout:3f2a9c1',
      policies: loadPolicies([]),
    });
    expect(without.verdicts).toEqual([]);
    expect(without.hash).not.toBe(planFor('production').hash);
  });
});
