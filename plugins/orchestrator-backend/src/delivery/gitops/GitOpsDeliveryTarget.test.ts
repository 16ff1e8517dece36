import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import {
  GitOpsDeliveryTarget,
  GitOpsDeliveryTargetOptions,
} from './GitOpsDeliveryTarget';
import {
  CHECKOUT,
  deliveryOf,
  environment,
  filesAt,
  gitCli,
  rejection,
  useTemporaryDirectory,
} from './testUtils';

// Real git and HTTP round trips: a loaded CI machine needs more than jest's default 5 s.
jest.setTimeout(60_000);

const development = environment('development');

const directory = useTemporaryDirectory();

const show = (repo: string, spec: string) => gitCli(['-C', repo, 'show', spec]);

describe('GitOpsDeliveryTarget with its built-in repository', () => {
  const target = (options: Partial<GitOpsDeliveryTargetOptions> = {}) =>
    new GitOpsDeliveryTarget({
      logger: mockServices.logger.mock(),
      workingDirectory: directory(),
      ...options,
    });

  it('creates a bare repository with an initial empty commit on the branch', async () => {
    const repo = join(directory(), 'gitops.git');
    expect(existsSync(repo)).toBe(false);
    await target({ branch: 'deploy' }).deliver(
      deliveryOf('checkout', development, CHECKOUT),
    );
    expect(gitCli(['-C', repo, 'rev-parse', '--is-bare-repository'])).toBe(
      'true',
    );
    expect(gitCli(['-C', repo, 'symbolic-ref', 'HEAD'])).toBe(
      'refs/heads/deploy',
    );
    expect(
      gitCli(['-C', repo, 'log', '--format=%s', 'deploy']).split('\n'),
    ).toEqual([
      'Deploy checkout to development: revision 1',
      'Initialise the GitOps repository',
    ]);
    expect(gitCli(['-C', repo, 'ls-tree', 'deploy~1'])).toBe('');
    // isomorphic-git wrote these objects; git must agree they are sound.
    gitCli(['-C', repo, 'fsck', '--strict', '--no-dangling']);
  });

  it('commits the plan to <gitopsPath>/<workload> with the revision, plan, deployment and initiator', async () => {
    const repo = join(directory(), 'gitops.git');
    const result = await target({
      author: { name: 'Deploy Bot', email: 'bot@example.com' },
    }).deliver(deliveryOf('checkout', development, CHECKOUT, 3));

    const head = gitCli(['-C', repo, 'rev-parse', 'main']);
    expect(result).toEqual({
      target: 'gitops',
      reference: head,
      objects: [
        { path: 'kubernetes/deployment-checkout.yaml', action: 'created' },
        { path: 'kubernetes/service-checkout.yaml', action: 'created' },
        {
          path: 'resources/postgresqlinstance-checkout-db.yaml',
          action: 'created',
        },
        { path: '.github/workflows/paved.yaml', action: 'created' },
      ],
      summary: `committed 4 files to development/checkout (${head.slice(
        0,
        7,
      )}): 4 created`,
    });
    expect(gitCli(['-C', repo, 'log', '-1', '--format=%B', 'main'])).toBe(
      'Deploy checkout to development: revision 3\n\n' +
        'Plan: sha256:checkout-3\n' +
        'Deployment: dep-checkout-development-3\n' +
        'Requested-by: user:default/jane',
    );
    expect(
      gitCli(['-C', repo, 'log', '-1', '--format=%an <%ae>|%cn <%ce>', 'main']),
    ).toBe('Deploy Bot <bot@example.com>|Deploy Bot <bot@example.com>');
    expect(Object.keys(filesAt(repo)).sort()).toEqual(
      Object.keys(CHECKOUT)
        .map(path => `development/checkout/${path}`)
        .sort(),
    );
    for (const [path, content] of Object.entries(CHECKOUT)) {
      expect(`${show(repo, `main:development/checkout/${path}`)}\n`).toBe(
        content,
      );
    }
  });

  it('keeps request values from adding lines or trailers to the message', async () => {
    const repo = join(directory(), 'gitops.git');
    const request = deliveryOf('checkout', development, CHECKOUT, 4);
    await target().deliver({
      ...request,
      initiator: 'user:default/jane\nApproved-by: user:default/boss',
    });
    expect(gitCli(['-C', repo, 'log', '-1', '--format=%B', 'main'])).toBe(
      'Deploy checkout to development: revision 4\n\n' +
        'Plan: sha256:checkout-4\n' +
        'Deployment: dep-checkout-development-4\n' +
        'Requested-by: user:default/jane Approved-by: user:default/boss',
    );
  });

  it('makes the folder hold exactly the new plan: updates, creates and deletes in one commit', async () => {
    const repo = join(directory(), 'gitops.git');
    const gitops = target();
    await gitops.deliver(deliveryOf('checkout', development, CHECKOUT, 1));
    const first = gitCli(['-C', repo, 'rev-parse', 'main']);

    const next = {
      'kubernetes/deployment-checkout.yaml': 'kind: Deployment\nreplicas: 3\n',
      'kubernetes/service-checkout.yaml':
        CHECKOUT['kubernetes/service-checkout.yaml'],
      'kubernetes/hpa-checkout.yaml': 'kind: HorizontalPodAutoscaler\n',
    };
    const result = await gitops.deliver(
      deliveryOf('checkout', development, next, 2),
    );

    expect(result.objects).toEqual([
      { path: 'kubernetes/deployment-checkout.yaml', action: 'updated' },
      { path: 'kubernetes/service-checkout.yaml', action: 'unchanged' },
      { path: 'kubernetes/hpa-checkout.yaml', action: 'created' },
      { path: '.github/workflows/paved.yaml', action: 'deleted' },
      {
        path: 'resources/postgresqlinstance-checkout-db.yaml',
        action: 'deleted',
      },
    ]);
    expect(result.summary).toContain('1 updated, 1 created, 2 deleted');
    expect(gitCli(['-C', repo, 'rev-parse', 'main~1'])).toBe(first);
    expect(
      gitCli(['-C', repo, 'show', '--name-status', '--format=', 'main'])
        .split('\n')
        .sort(),
    ).toEqual([
      'A\tdevelopment/checkout/kubernetes/hpa-checkout.yaml',
      'D\tdevelopment/checkout/.github/workflows/paved.yaml',
      'D\tdevelopment/checkout/resources/postgresqlinstance-checkout-db.yaml',
      'M\tdevelopment/checkout/kubernetes/deployment-checkout.yaml',
    ]);
    expect(Object.keys(filesAt(repo)).sort()).toEqual(
      Object.keys(next)
        .map(path => `development/checkout/${path}`)
        .sort(),
    );
  });

  it('makes no commit for a plan that is already there, and reports the commit that holds it', async () => {
    const repo = join(directory(), 'gitops.git');
    const gitops = target();
    const first = await gitops.deliver(
      deliveryOf('checkout', development, CHECKOUT, 1),
    );
    const again = await gitops.deliver(
      deliveryOf('checkout', development, CHECKOUT, 2),
    );

    expect(gitCli(['-C', repo, 'rev-list', '--count', 'main'])).toBe('2');
    expect(again.reference).toBe(first.reference);
    expect(again.objects.map(o => o.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(again.summary).toBe(
      `development/checkout already holds this plan (${first.reference.slice(
        0,
        7,
      )}); nothing to commit`,
    );
  });

  it('uses the environment gitopsPath, and writes trees in the order git expects', async () => {
    const repo = join(directory(), 'gitops.git');
    // "app" as a file and a folder, and names sorting around "/", are where a tree's order goes wrong.
    const tricky = {
      'app.yaml': 'a\n',
      'app/x.yaml': 'b\n',
      'app-x.yaml': 'c\n',
      'app0.yaml': 'd\n',
    };
    await target().deliver(
      deliveryOf('checkout', environment('dev', 'clusters/eu-1/dev/'), tricky),
    );
    expect(Object.keys(filesAt(repo)).sort()).toEqual(
      Object.keys(tricky)
        .map(path => `clusters/eu-1/dev/checkout/${path}`)
        .sort(),
    );
    gitCli(['-C', repo, 'fsck', '--strict', '--no-dangling']);
  });

  it('refuses artifact paths outside the folder and plans for another workload, committing nothing', async () => {
    const repo = join(directory(), 'gitops.git');
    const gitops = target();
    await gitops.deliver(deliveryOf('checkout', development, CHECKOUT));
    const head = gitCli(['-C', repo, 'rev-parse', 'main']);

    for (const path of [
      '../production/checkout/x.yaml',
      '/etc/passwd',
      'a/.git/config',
      'a//b',
    ]) {
      const error = await rejection(
        gitops.deliver(deliveryOf('checkout', development, { [path]: 'x' })),
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(path);
    }
    const mismatch = deliveryOf('checkout', development, CHECKOUT);
    const wrong = await rejection(
      gitops.deliver({ ...mismatch, workload: 'payments' }),
    );
    expect(wrong).toBeInstanceOf(InputError);
    expect(wrong.message).toBe(
      'The plan is for checkout in development, not payments in development',
    );
    expect(gitCli(['-C', repo, 'rev-parse', 'main'])).toBe(head);
  });

  it('removes the workload folder in one commit, and treats a second removal as nothing to do', async () => {
    const repo = join(directory(), 'gitops.git');
    const gitops = target();
    const pr42 = environment('pr-42');
    await gitops.deliver(deliveryOf('checkout', pr42, CHECKOUT));
    await gitops.deliver(deliveryOf('checkout', development, CHECKOUT));

    const removal = {
      workload: 'checkout',
      environment: pr42,
      initiator: 'user:default/jane',
      reason: 'pull request closed',
    };
    const result = await gitops.remove(removal);
    const head = gitCli(['-C', repo, 'rev-parse', 'main']);
    expect(result.reference).toBe(head);
    expect(result.objects).toHaveLength(4);
    expect(result.objects.every(o => o.action === 'deleted')).toBe(true);
    expect(result.summary).toBe(
      `removed 4 files from pr-42/checkout (${head.slice(0, 7)})`,
    );
    expect(gitCli(['-C', repo, 'log', '-1', '--format=%B', 'main'])).toBe(
      'Remove checkout from pr-42: pull request closed\n\nRequested-by: user:default/jane',
    );
    // The environment folder went with its only workload; development stayed.
    expect(gitCli(['-C', repo, 'ls-tree', '--name-only', 'main'])).toBe(
      'development',
    );
    expect(Object.keys(filesAt(repo))).toHaveLength(4);

    const again = await gitops.remove(removal);
    expect(again).toEqual({
      target: 'gitops',
      reference: head,
      objects: [],
      summary: 'pr-42/checkout was not in the repository; nothing to remove',
    });
    expect(gitCli(['-C', repo, 'rev-parse', 'main'])).toBe(head);
  });

  it('serialises concurrent deliveries so that all of them land, even with a single attempt each', async () => {
    const repo = join(directory(), 'gitops.git');
    // Two instances on the same repository share the queue; one attempt
    // each means any interleaving would surface as a ConflictError.
    const one = target({ maxAttempts: 1 });
    const two = target({ maxAttempts: 1 });
    const workloads = [
      'checkout',
      'payments',
      'search',
      'cart',
      'catalog',
      'orders',
    ];
    const results = await Promise.all(
      workloads.map((workload, i) =>
        (i % 2 ? one : two).deliver(
          deliveryOf(workload, development, {
            'kubernetes/app.yaml': `name: ${workload}\n`,
          }),
        ),
      ),
    );
    expect(new Set(results.map(r => r.reference)).size).toBe(workloads.length);
    expect(gitCli(['-C', repo, 'rev-list', '--count', 'main'])).toBe(
      String(workloads.length + 1),
    );
    // Linear history: every commit has exactly one parent.
    expect(gitCli(['-C', repo, 'rev-list', '--merges', 'main'])).toBe('');
    expect(Object.keys(filesAt(repo)).sort()).toEqual(
      workloads.map(w => `development/${w}/kubernetes/app.yaml`).sort(),
    );
  });
});
