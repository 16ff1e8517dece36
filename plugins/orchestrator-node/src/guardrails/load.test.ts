import { loadPolicies } from '.';

const vap = (expression: string, extra = '') => `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE"]
      resources: ["deployments"]
  validations:
  - expression: "object.spec.replicas <= 5"
  - expression: ${JSON.stringify(expression)}
${extra}`;

describe('loadPolicies', () => {
  it('names file, policy, validation and position of an expression that does not compile', () => {
    expect(() =>
      loadPolicies([
        { path: 'policies/replicas.yaml', text: vap('object.spec.replicas >') },
      ]),
    ).toThrow(
      /policies\/replicas\.yaml: ValidatingAdmissionPolicy "replicas" validations\[1\]\.expression: 1:\d+: /,
    );
    expect(() =>
      loadPolicies([
        {
          path: 'policies/replicas.yaml',
          text: vap('object.spec.replicas < maxReplicas'),
        },
      ]),
    ).toThrow(
      'policies/replicas.yaml: ValidatingAdmissionPolicy "replicas" validations[1].expression: 1:24: undeclared reference to "maxReplicas"',
    );
  });

  it('rejects a malformed policy document with its path', () => {
    const text = vap('true').replace(
      'resources: ["deployments"]',
      'resources: "deployments"',
    );
    expect(() =>
      loadPolicies([{ path: 'policies/replicas.yaml', text }]),
    ).toThrow(
      /policies\/replicas\.yaml: spec\.matchConstraints\.resourceRules\[0\]\.resources/,
    );
    expect(() =>
      loadPolicies([{ path: 'policies/notes.yaml', text: 'just: a map\n' }]),
    ).toThrow('policies/notes.yaml: not a policy');
    expect(() =>
      loadPolicies([{ path: 'policies/broken.yaml', text: 'a: [\n' }]),
    ).toThrow('policies/broken.yaml');
  });

  it('rejects a binding to a policy no file defines, and a require-approval policy without approvers', () => {
    const binding = `---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: b
spec:
  policyName: replicass
  validationActions: [Deny]
`;
    expect(() =>
      loadPolicies([{ path: 'p.yaml', text: vap('true', binding) }]),
    ).toThrow('binds policy "replicass", which no file defines');
    const approval = vap(
      'true',
      binding.replace('replicass', 'replicas'),
    ).replace(
      'name: replicas',
      'name: replicas\n  annotations:\n    paved.dev/plan-action: require-approval',
    );
    expect(() => loadPolicies([{ path: 'p.yaml', text: approval }])).toThrow(
      'asks for approval but has no paved.dev/approvers annotation',
    );
  });

  it('warns about a policy nothing binds, as it is never enforced', () => {
    expect(
      loadPolicies([{ path: 'p.yaml', text: vap('true') }]).warnings,
    ).toEqual([
      'p.yaml: ValidatingAdmissionPolicy "replicas" has no binding, so it is never enforced',
    ]);
  });

  it('rejects a GuardrailPolicy with an unknown subject or field', () => {
    const text = `
apiVersion: paved.dev/v1alpha1
kind: GuardrailPolicy
metadata:
  name: budget
spec:
  subject: Invoice
  validationActions: [Deny]
  validations:
  - expression: "true"
`;
    expect(() => loadPolicies([{ path: 'cost.yaml', text }])).toThrow(
      /cost\.yaml: spec\.subject/,
    );
  });
});
