import { groupArtifacts, groupOf } from './artifactGroups';

describe('groupOf', () => {
  it.each([
    ['kubernetes/deployment-checkout.yaml', 'Deployment', 'kubernetes'],
    [
      'resources/postgresqlinstance-checkout-db.yaml',
      'PostgreSQLInstance',
      'cloud',
    ],
    ['.github/workflows/paved.yaml', 'GitHubWorkflow', 'ci'],
    ['ci/.github/workflows/paved.yaml', 'Workflow', 'ci'],
    [
      'policies/configmap-allowed-image-registries.yaml',
      'ConfigMap',
      'policies',
    ],
    [
      'policies/validatingadmissionpolicy-require-probes.yaml',
      'ValidatingAdmissionPolicy',
      'policies',
    ],
    ['guardrails/extra.yaml', 'ValidatingAdmissionPolicyBinding', 'policies'],
    ['deploy.yaml', 'GitHubWorkflow', 'ci'],
    ['notes/readme.yaml', 'ConfigMap', 'other'],
    ['kustomization.yaml', 'Kustomization', 'other'],
  ])('puts %s (%s) under %s', (path, kind, group) => {
    expect(groupOf({ path, kind })).toBe(group);
  });
});

describe('groupArtifacts', () => {
  it('orders groups, keeps plan order within one, and leaves out empty groups', () => {
    const groups = groupArtifacts([
      {
        path: 'policies/b.yaml',
        kind: 'ValidatingAdmissionPolicy',
        content: '',
      },
      { path: 'kubernetes/service-x.yaml', kind: 'Service', content: '' },
      { path: 'kubernetes/deployment-x.yaml', kind: 'Deployment', content: '' },
      { path: 'notes.yaml', kind: 'Note', content: '' },
    ]);
    expect(groups.map(g => [g.label, g.artifacts.map(a => a.path)])).toEqual([
      [
        'Kubernetes objects',
        ['kubernetes/service-x.yaml', 'kubernetes/deployment-x.yaml'],
      ],
      ['Admission policies', ['policies/b.yaml']],
      ['Other', ['notes.yaml']],
    ]);
  });
});
