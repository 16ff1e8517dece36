import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import {
  GitOpsDeliveryTarget,
  GitOpsDeliveryTargetOptions,
} from './GitOpsDeliveryTarget';
import {
  bareRepository,
  CHECKOUT,
  commitElsewhere,
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

describe('GitOpsDeliveryTarget with a local bare repository', () => {
  let remote: string;
  beforeEach(() => {
    remote = bareRepository(join(directory(), 'remote.git'), {
      'README.md': 'Managed by Paved\n',
      'production/checkout/kubernetes/deployment-checkout.yaml': 'prod\n',
      'development/payments/kubernetes/deployment-payments.yaml': 'payments\n',
    });
  });

  const target = (options: Partial<GitOpsDeliveryTargetOptions> = {}) =>
    new GitOpsDeliveryTarget({
      logger: mockServices.logger.mock(),
      workingDirectory: join(directory(), 'work'),
      repository: { type: 'local', path: remote },
      ...options,
    });

  it("leaves other environments' and workloads' folders untouched", async () => {
    const before = {
      production: gitCli(['-C', remote, 'rev-parse', 'main:production']),
      payments: gitCli([
        '-C',
        remote,
        'rev-parse',
        'main:development/payments',
      ]),
      readme: gitCli(['-C', remote, 'rev-parse', 'main:README.md']),
    };
    await target().deliver(deliveryOf('checkout', development, CHECKOUT));
    expect({
      production: gitCli(['-C', remote, 'rev-parse', 'main:production']),
      payments: gitCli([
        '-C',
        remote,
        'rev-parse',
        'main:development/payments',
      ]),
      readme: gitCli(['-C', remote, 'rev-parse', 'main:README.md']),
    }).toEqual(before);
    expect(
      gitCli(['-C', remote, 'show', '--name-only', '--format=', 'main']).split(
        '\n',
      ),
    ).toEqual(
      Object.keys(CHECKOUT)
        .map(path => `development/checkout/${path}`)
        .sort(),
    );
  });

  it('rebuilds on the new head when the branch moves between building and landing the commit', async () => {
    let theirs = '';
    const result = await target({
      beforeUpdate: attempt => {
        if (attempt === 1) {
          // Another writer: a new environment, and a stray file in our folder.
          theirs = commitElsewhere(remote, {
            'staging/cart/app.yaml': 'cart\n',
            'development/checkout/stray.yaml': 'stray\n',
          });
        }
      },
    }).deliver(deliveryOf('checkout', development, CHECKOUT));

    const head = gitCli(['-C', remote, 'rev-parse', 'main']);
    expect(result.reference).toBe(head);
    expect(gitCli(['-C', remote, 'rev-parse', 'main~1'])).toBe(theirs);
    expect(gitCli(['-C', remote, 'log', '-1', '--format=%s', 'main'])).toBe(
      'Deploy checkout to development: revision 1',
    );
    const files = filesAt(remote);
    expect(files['staging/cart/app.yaml']).toBeDefined();
    // The folder was recomputed on their commit: their stray file is gone.
    expect(files['development/checkout/stray.yaml']).toBeUndefined();
    expect(result.objects).toContainEqual({
      path: 'stray.yaml',
      action: 'deleted',
    });
  });

  it('fails with a ConflictError naming the branch and repository when the branch keeps moving', async () => {
    const moves: string[] = [];
    const error = await rejection(
      target({
        beforeUpdate: attempt => {
          moves.push(
            commitElsewhere(remote, { [`elsewhere/${attempt}.yaml`]: 'x\n' }),
          );
        },
      }).deliver(deliveryOf('checkout', development, CHECKOUT)),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      `Could not commit to development/checkout: branch "main" of ${remote} moved on each of 3 attempts; try again`,
    );
    expect(moves).toHaveLength(3);
    expect(gitCli(['-C', remote, 'rev-parse', 'main'])).toBe(moves[2]);
    expect(gitCli(['-C', remote, 'log', '--format=%s', 'main'])).not.toContain(
      'Deploy checkout',
    );
  });

  it('is configured from orchestrator.gitops by fromConfig', async () => {
    gitCli(['-C', remote, 'branch', 'deploy', 'main']);
    const config = mockServices.rootConfig({
      data: {
        orchestrator: {
          gitops: {
            repository: `file://${remote}`,
            branch: 'deploy',
            author: { name: 'Deploy Bot', email: 'bot@example.com' },
          },
        },
      },
    });
    const result = await GitOpsDeliveryTarget.fromConfig(config, {
      logger: mockServices.logger.mock(),
      workingDirectory: join(directory(), 'work'),
    }).deliver(deliveryOf('checkout', development, CHECKOUT));
    expect(gitCli(['-C', remote, 'rev-parse', 'deploy'])).toBe(
      result.reference,
    );
    expect(
      gitCli(['-C', remote, 'log', '-1', '--format=%an <%ae>', 'deploy']),
    ).toBe('Deploy Bot <bot@example.com>');
    expect(gitCli(['-C', remote, 'log', '-1', '--format=%s', 'main'])).toBe(
      'Seed',
    );
  });

  it('refuses to replace a file that sits where the folder belongs', async () => {
    const theirs = commitElsewhere(remote, { staging: 'not a folder\n' });
    const error = await rejection(
      target().deliver(
        deliveryOf('checkout', environment('staging'), CHECKOUT),
      ),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      'The GitOps repository has a file "staging" where the folder for the workload belongs',
    );
    expect(gitCli(['-C', remote, 'rev-parse', 'main'])).toBe(theirs);
  });

  it('refuses a missing repository and a working copy', async () => {
    const missing = await rejection(
      target({
        repository: { type: 'local', path: join(directory(), 'nope.git') },
      }).deliver(deliveryOf('checkout', development, CHECKOUT)),
    );
    expect(missing).toBeInstanceOf(InputError);
    expect(missing.message).toContain(
      'does not exist or is not a bare git repository',
    );

    const work = join(directory(), 'clone');
    gitCli(['clone', '--quiet', remote, work]);
    const clone = await rejection(
      target({ repository: { type: 'local', path: work } }).deliver(
        deliveryOf('checkout', development, CHECKOUT),
      ),
    );
    expect(clone).toBeInstanceOf(InputError);
    expect(clone.message).toContain('is a working copy');
  });

  it('waits for a ref lock held by git, and names a lock that is never released', async () => {
    const lock = join(remote, 'refs', 'heads', 'main.lock');
    mkdirSync(join(remote, 'refs', 'heads'), { recursive: true });
    writeFileSync(lock, '');
    const released = setTimeout(() => rmSync(lock), 200);
    const delivered = await target().deliver(
      deliveryOf('checkout', development, CHECKOUT),
    );
    clearTimeout(released);
    expect(gitCli(['-C', remote, 'rev-parse', 'main'])).toBe(
      delivered.reference,
    );

    writeFileSync(lock, '');
    const error = await rejection(
      target().deliver(
        deliveryOf('checkout', development, { 'x.yaml': 'x\n' }, 2),
      ),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain(lock);
    expect(gitCli(['-C', remote, 'rev-parse', 'main'])).toBe(
      delivered.reference,
    );
  });
});
