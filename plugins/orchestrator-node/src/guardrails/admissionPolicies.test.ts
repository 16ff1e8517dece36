import { evaluateGuardrails, loadPolicies } from '.';
import type { KubernetesObject } from '../kubernetes/validate';

// The Kubernetes documentation's ValidatingAdmissionPolicy examples
// ("Validating Admission Policy" task page), evaluated as the API server would on CREATE.
const load = (text: string) =>
  loadPolicies([{ path: 'policies/test.yaml', text }]);

const namespace = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const deployment = (
  name: string,
  replicas: number,
  extra: Record<string, unknown> = {},
): KubernetesObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'demo', labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
    },
    ...extra,
  },
});

const replicaPolicy = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: demo-policy.example.com
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas <= 5"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: demo-binding-test.example.com
spec:
  policyName: demo-policy.example.com
  validationActions: [Deny]
  matchResources:
    namespaceSelector:
      matchLabels:
        environment: test
`;

describe('ValidatingAdmissionPolicy, as the Kubernetes documentation writes it', () => {
  it('denies a Deployment over the replica limit in a namespace the binding selects', () => {
    const policies = load(replicaPolicy);
    const checks = evaluateGuardrails(policies, {
      objects: [
        namespace('demo', { environment: 'test' }),
        deployment('big', 6),
        deployment('small', 2),
      ],
    });
    expect(checks).toEqual([
      {
        policy: 'demo-policy.example.com',
        validation: 'validations[0]',
        kind: 'Deployment',
        namespace: 'demo',
        name: 'big',
        result: 'fail',
        action: 'deny',
        message: 'failed expression: object.spec.replicas <= 5',
      },
      expect.objectContaining({
        name: 'small',
        result: 'pass',
        action: 'deny',
      }),
    ]);
  });

  it('does not apply where the binding selects no namespace, nor to other resources', () => {
    const policies = load(replicaPolicy);
    expect(
      evaluateGuardrails(policies, {
        objects: [
          namespace('demo', { environment: 'prod' }),
          deployment('big', 6),
        ],
      }),
    ).toEqual([]);
    const statefulSet = { ...deployment('db', 9), kind: 'StatefulSet' };
    expect(
      evaluateGuardrails(policies, {
        objects: [namespace('demo', { environment: 'test' }), statefulSet],
      }),
    ).toEqual([]);
  });

  it('reads limits from params through paramKind and paramRef, and denies when params are missing', () => {
    const text = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicalimit-policy.example.com
spec:
  failurePolicy: Fail
  paramKind:
    apiVersion: rules.example.com/v1
    kind: ReplicaLimit
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas <= params.maxReplicas"
      messageExpression: "'object.spec.replicas must be no greater than ' + string(params.maxReplicas)"
      reason: Invalid
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replicalimit-binding-test.example.com
spec:
  policyName: replicalimit-policy.example.com
  validationActions: [Deny]
  paramRef:
    name: replica-limit-test.example.com
    namespace: default
    parameterNotFoundAction: Deny
---
apiVersion: rules.example.com/v1
kind: ReplicaLimit
metadata:
  name: replica-limit-test.example.com
  namespace: default
maxReplicas: 3
`;
    const checks = evaluateGuardrails(load(text), {
      objects: [deployment('big', 4), deployment('small', 3)],
    });
    expect(checks.map(c => [c.name, c.result, c.message])).toEqual([
      ['big', 'fail', 'object.spec.replicas must be no greater than 3'],
      ['small', 'pass', undefined],
    ]);
    const withoutParams = load(text.slice(0, text.lastIndexOf('---')));
    expect(
      evaluateGuardrails(withoutParams, { objects: [deployment('small', 1)] }),
    ).toEqual([
      expect.objectContaining({
        validation: 'paramRef',
        result: 'fail',
        message: expect.stringContaining('no params found'),
      }),
    ]);
  });

  it('skips objects a match condition excludes, and evaluates composited variables once', () => {
    const text = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: image-matches-namespace-environment.policy.example.com
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  matchConditions:
    - name: 'exclude-kubelet-requests'
      expression: '!("system:nodes" in request.userInfo.groups)'
    - name: 'only-labelled'
      expression: 'has(object.metadata.labels) && "app" in object.metadata.labels'
  variables:
  - name: environment
    expression: "'environment' in namespaceObject.metadata.labels ? namespaceObject.metadata.labels['environment'] : 'prod'"
  - name: exempt
    expression: "has(object.metadata.labels) && 'exempt' in object.metadata.labels && object.metadata.labels['exempt'] == 'true'"
  - name: containers
    expression: "object.spec.template.spec.containers"
  - name: containersToCheck
    expression: "variables.containers.filter(c, c.image.contains('example.com/'))"
  validations:
  - expression: "variables.exempt || variables.containersToCheck.all(c, c.image.startsWith(variables.environment + '.'))"
    messageExpression: "'only ' + variables.environment + ' images are allowed in namespace ' + namespaceObject.metadata.name"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: image-matches-namespace-environment.binding
spec:
  policyName: image-matches-namespace-environment.policy.example.com
  validationActions: [Warn, Audit]
`;
    const withImage = (
      name: string,
      image: string,
      labels?: Record<string, string>,
    ) => {
      const d = deployment(name, 1) as any;
      d.spec.template.spec.containers[0].image = image;
      if (labels) d.metadata.labels = labels;
      return d as KubernetesObject;
    };
    const checks = evaluateGuardrails(load(text), {
      objects: [
        namespace('demo', { environment: 'staging' }),
        withImage('good', 'staging.example.com/app:1'),
        withImage('bad', 'prod.example.com/app:1'),
        withImage('exempt', 'prod.example.com/app:1', {
          app: 'x',
          exempt: 'true',
        }),
        withImage('unlabelled', 'prod.example.com/app:1', {}),
      ],
    });
    expect(checks.map(c => [c.name, c.result, c.action, c.message])).toEqual([
      ['good', 'pass', 'warn', undefined],
      [
        'bad',
        'fail',
        'warn',
        'only staging images are allowed in namespace demo',
      ],
      ['exempt', 'pass', 'warn', undefined],
      [
        'unlabelled',
        'skip',
        'warn',
        'matchConditions[1] (only-labelled) is false',
      ],
    ]);
  });

  it('follows failurePolicy when an expression reads a missing field', () => {
    const policy = (failurePolicy: string) => `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: strategy
spec:
  failurePolicy: ${failurePolicy}
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE"]
      resources: ["deployments"]
  validations:
  - expression: "object.spec.strategy.type == 'RollingUpdate'"
    message: use rolling updates
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: strategy
spec:
  policyName: strategy
  validationActions: [Deny]
`;
    const objects = [deployment('no-strategy', 1)];
    expect(evaluateGuardrails(load(policy('Fail')), { objects })).toEqual([
      expect.objectContaining({
        result: 'error',
        action: 'deny',
        message: expect.stringContaining('strategy'),
      }),
    ]);
    expect(evaluateGuardrails(load(policy('Ignore')), { objects })).toEqual([
      expect.objectContaining({
        result: 'skip',
        message: expect.stringContaining('failurePolicy Ignore'),
      }),
    ]);
  });

  it('honours objectSelector and excludeResourceRules', () => {
    const text = replicaPolicy
      .replace(
        '  validations:',
        `    objectSelector:
      matchExpressions:
      - key: app
        operator: NotIn
        values: [legacy]
    excludeResourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["*"]
      resources: ["deployments"]
      resourceNames: ["excluded"]
  validations:`,
      )
      .replace(/ {4}namespaceSelector:\n.*\n.*\n/, '    objectSelector: {}\n');
    const checks = evaluateGuardrails(load(text), {
      objects: [
        deployment('legacy', 9),
        deployment('excluded', 9),
        deployment('checked', 9),
      ],
    });
    expect(checks.map(c => [c.name, c.result])).toEqual([['checked', 'fail']]);
  });
});

describe('an expression over the cost limit', () => {
  it('is stopped and reported as an evaluation error, under failurePolicy', () => {
    const text = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: runaway
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: [""]
      apiVersions: [v1]
      operations: [CREATE]
      resources: [configmaps]
  validations:
  - expression: "object.data.all(a, object.data.all(b, object.data.all(c, a != '' && b != '' && c != '')))"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: runaway
spec:
  policyName: runaway
  validationActions: [Deny]
`;
    const data = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`key${i}`, 'value']),
    );
    const checks = evaluateGuardrails(load(text), {
      objects: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'big', namespace: 'demo' },
          data,
        },
      ],
    });
    expect(checks).toEqual([
      expect.objectContaining({
        name: 'big',
        result: 'error',
        action: 'deny',
        message: expect.stringContaining('cost limit exceeded'),
      }),
    ]);
  });
});
