import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import type { Environment } from '@paved/plugin-orchestrator-common';
import { GitOpsDeliveryTarget } from './GitOpsDeliveryTarget';
import {
  deliveryOf,
  environment,
  filesAt,
  gitCli,
  rejection,
  useTemporaryDirectory,
} from './testUtils';

// The cluster-wide admission policies of every plan go to one folder per
// cluster, so Argo CD applications or Flux kustomizations of different
// workloads never claim the same object. Real git, the built-in repository.

jest.setTimeout(60_000);

const directory = useTemporaryDirectory();

const onCluster = (env: Environment, cluster: string): Environment => ({
  ...env,
  spec: { ...env.spec, cluster },
});

const KINDS: Record<string, string> = {
  'kubernetes/deployment-x.yaml': 'Deployment',
  'policies/validatingadmissionpolicy-limits.yaml': 'ValidatingAdmissionPolicy',
  'policies/validatingadmissionpolicybinding-limits.yaml':
    'ValidatingAdmissionPolicyBinding',
  'policies/configmap-limits.yaml': 'ConfigMap',
};

/** A plan for `workload` with a Deployment, a policy with its binding, and the policy's namespaced params. */
function planned(workload: string, env: Environment, policyText = 'v1\n') {
  const request = deliveryOf(workload, env, {
    [`kubernetes/deployment-x.yaml`]: `${workload}\n`,
    'policies/validatingadmissionpolicy-limits.yaml': policyText,
    'policies/validatingadmissionpolicybinding-limits.yaml': 'binding\n',
    'policies/configmap-limits.yaml': `params for ${workload}\n`,
  });
  for (const artifact of request.plan.artifacts) {
    artifact.kind = KINDS[artifact.path];
  }
  return request;
}

describe('GitOpsDeliveryTarget and cluster-wide policies', () => {
  const target = (policiesPath?: string) =>
    new GitOpsDeliveryTarget({
      logger: mockServices.logger.mock(),
      workingDirectory: directory(),
      policiesPath,
    });
  const repo = () => join(directory(), 'gitops.git');

  it('writes each cluster’s policies once, keeps params with the workload, and leaves policies when a workload goes', async () => {
    const gitops = target();
    const development = environment('development');
    const preview = environment('pr-1', 'preview/pr-1');

    const first = await gitops.deliver(planned('checkout', development));
    expect(first.objects).toEqual([
      { path: 'kubernetes/deployment-x.yaml', action: 'created' },
      { path: 'policies/configmap-limits.yaml', action: 'created' },
      {
        path: 'policies/local/validatingadmissionpolicy-limits.yaml',
        action: 'created',
      },
      {
        path: 'policies/local/validatingadmissionpolicybinding-limits.yaml',
        action: 'created',
      },
    ]);
    await gitops.deliver(planned('cart', preview));
    await gitops.deliver(
      planned('search', onCluster(environment('production'), 'eu-prod')),
    );
    expect(Object.keys(filesAt(repo())).sort()).toEqual([
      'development/checkout/kubernetes/deployment-x.yaml',
      'development/checkout/policies/configmap-limits.yaml',
      'policies/eu-prod/validatingadmissionpolicy-limits.yaml',
      'policies/eu-prod/validatingadmissionpolicybinding-limits.yaml',
      'policies/local/validatingadmissionpolicy-limits.yaml',
      'policies/local/validatingadmissionpolicybinding-limits.yaml',
      'preview/pr-1/cart/kubernetes/deployment-x.yaml',
      'preview/pr-1/cart/policies/configmap-limits.yaml',
      'production/search/kubernetes/deployment-x.yaml',
      'production/search/policies/configmap-limits.yaml',
    ]);

    // A newer platform's policy replaces the cluster's copy, in the same commit as the workload.
    const updated = await gitops.deliver(
      planned('checkout', development, 'v2\n'),
    );
    expect(updated.objects).toContainEqual({
      path: 'policies/local/validatingadmissionpolicy-limits.yaml',
      action: 'updated',
    });
    expect(
      gitCli([
        '-C',
        repo(),
        'show',
        'main:policies/local/validatingadmissionpolicy-limits.yaml',
      ]),
    ).toBe('v2');
    expect(
      gitCli(['-C', repo(), 'show', '--name-only', '--format=', 'main'])
        .split('\n')
        .sort(),
    ).toEqual(['policies/local/validatingadmissionpolicy-limits.yaml']);

    await gitops.remove({
      workload: 'checkout',
      environment: development,
      initiator: 'user:default/jane',
      reason: 'retired',
    });
    const left = Object.keys(filesAt(repo()));
    expect(left.filter(p => p.startsWith('development/'))).toEqual([]);
    expect(left).toContain(
      'policies/local/validatingadmissionpolicy-limits.yaml',
    );
  });

  it('moves policies an earlier layout kept in the workload’s folder, in one commit', async () => {
    const gitops = target();
    const development = environment('development');
    // As Paved wrote them before: every artifact in the workload's folder.
    const before = deliveryOf('checkout', development, {
      'kubernetes/deployment-x.yaml': 'checkout\n',
      'policies/validatingadmissionpolicy-limits.yaml': 'v1\n',
    });
    await gitops.deliver(before);
    const result = await gitops.deliver(planned('checkout', development));
    expect(result.objects).toContainEqual({
      path: 'policies/validatingadmissionpolicy-limits.yaml',
      action: 'deleted',
    });
    expect(Object.keys(filesAt(repo())).sort()).toEqual([
      'development/checkout/kubernetes/deployment-x.yaml',
      'development/checkout/policies/configmap-limits.yaml',
      'policies/local/validatingadmissionpolicy-limits.yaml',
      'policies/local/validatingadmissionpolicybinding-limits.yaml',
    ]);
  });

  it('uses the configured policies path, and refuses one that overlaps a workload’s folder', async () => {
    await target('clusters/{cluster}/admission').deliver(
      planned('checkout', environment('dev', 'clusters/local/dev')),
    );
    expect(Object.keys(filesAt(repo()))).toContain(
      'clusters/local/admission/validatingadmissionpolicy-limits.yaml',
    );
    const head = gitCli(['-C', repo(), 'rev-parse', 'main']);

    const error = await rejection(
      target('clusters/{cluster}').deliver(
        planned('checkout', environment('dev', 'clusters/local/dev')),
      ),
    );
    expect(error).toEqual(
      new InputError(
        "The workload folder clusters/local/dev/checkout and the policies folder clusters/local of cluster local overlap; change the environment's gitopsPath or orchestrator.gitops.policiesPath",
      ),
    );
    expect(gitCli(['-C', repo(), 'rev-parse', 'main'])).toBe(head);
  });
});
