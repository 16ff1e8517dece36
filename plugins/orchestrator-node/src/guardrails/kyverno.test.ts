import { evaluateGuardrails, loadPolicies } from '.';
import type { KubernetesObject } from '../kubernetes/validate';

// A Kyverno ValidatingPolicy written for Pods, with its pass and fail
// resources, applied by autogen to every pod controller as Kyverno does.
const disallowHostPath = `
apiVersion: policies.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata:
  name: disallow-host-path
  annotations:
    paved.dev/description: Mount a persistent volume claim or an emptyDir instead of a hostPath volume.
spec:
  validationActions: [Deny]
  matchConstraints:
    resourceRules:
    - apiGroups: [""]
      apiVersions: [v1]
      operations: [CREATE, UPDATE]
      resources: [pods]
  validations:
  - expression: "!has(object.spec.volumes) || object.spec.volumes.all(volume, !has(volume.hostPath))"
    messageExpression: "'HostPath volumes are forbidden; ' + object.metadata.name + ' mounts one'"
`;

const podSpec = (hostPath: boolean) => ({
  containers: [{ name: 'app', image: 'nginx:1.27' }],
  volumes: [
    hostPath
      ? { name: 'v', hostPath: { path: '/var' } }
      : { name: 'v', emptyDir: {} },
  ],
});
const pod = (name: string, hostPath: boolean): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'demo' },
  spec: podSpec(hostPath),
});
const template = (name: string, hostPath: boolean) => ({
  metadata: { name },
  spec: podSpec(hostPath),
});
const controller = (
  apiVersion: string,
  kind: string,
  name: string,
  hostPath: boolean,
): KubernetesObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace: 'demo' },
  spec:
    kind === 'CronJob'
      ? {
          schedule: '* * * * *',
          jobTemplate: {
            spec: { template: template(`${name}-pod`, hostPath) },
          },
        }
      : { selector: {}, template: template(`${name}-pod`, hostPath) },
});

describe('Kyverno ValidatingPolicy', () => {
  const policies = loadPolicies([
    { path: 'policies/pods.yaml', text: disallowHostPath },
  ]);

  it('checks Pods directly', () => {
    const checks = evaluateGuardrails(policies, {
      objects: [pod('good', false), pod('bad', true)],
    });
    expect(checks.map(c => [c.kind, c.name, c.result, c.message])).toEqual([
      ['Pod', 'good', 'pass', undefined],
      ['Pod', 'bad', 'fail', 'HostPath volumes are forbidden; bad mounts one'],
    ]);
  });

  it.each([
    ['apps/v1', 'Deployment'],
    ['apps/v1', 'StatefulSet'],
    ['apps/v1', 'DaemonSet'],
    ['apps/v1', 'ReplicaSet'],
    ['batch/v1', 'Job'],
    ['batch/v1', 'CronJob'],
  ])('applies to %s %s on its pod template (autogen)', (apiVersion, kind) => {
    const checks = evaluateGuardrails(policies, {
      objects: [
        controller(apiVersion, kind, 'good', false),
        controller(apiVersion, kind, 'bad', true),
      ],
    });
    // object.metadata is the pod template's metadata, as in Kyverno's autogen rules.
    expect(checks.map(c => [c.kind, c.name, c.result, c.message])).toEqual([
      [kind, 'good', 'pass', undefined],
      [
        kind,
        'bad',
        'fail',
        'HostPath volumes are forbidden; bad-pod mounts one',
      ],
    ]);
  });

  it('limits autogen to the controllers the policy names', () => {
    const onlyDeployments = loadPolicies([
      {
        path: 'policies/pods.yaml',
        text: disallowHostPath.replace(
          'validationActions: [Deny]',
          'validationActions: [Warn]\n  autogen:\n    podControllers:\n      controllers: [deployments]',
        ),
      },
    ]);
    const checks = evaluateGuardrails(onlyDeployments, {
      objects: [
        controller('apps/v1', 'Deployment', 'bad', true),
        controller('batch/v1', 'CronJob', 'bad', true),
      ],
    });
    expect(checks.map(c => [c.kind, c.result, c.action])).toEqual([
      ['Deployment', 'fail', 'warn'],
    ]);
  });

  it('does not autogenerate for a policy that selects more than Pods', () => {
    const broader = loadPolicies([
      {
        path: 'policies/pods.yaml',
        text: disallowHostPath.replace(
          'resources: [pods]',
          'resources: [pods, services]',
        ),
      },
    ]);
    expect(
      evaluateGuardrails(broader, {
        objects: [controller('apps/v1', 'Deployment', 'bad', true)],
      }),
    ).toEqual([]);
  });
});
