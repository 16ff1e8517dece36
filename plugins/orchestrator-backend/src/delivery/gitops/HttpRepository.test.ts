import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import {
  GitOpsDeliveryTarget,
  GitOpsDeliveryTargetOptions,
} from './GitOpsDeliveryTarget';
import {
  bareRepository,
  commitElsewhere,
  deliveryOf,
  environment,
  filesAt,
  gitCli,
  GitHttpServer,
  gitHttpServer,
  rejection,
  removeDirectory,
  temporaryDirectory,
} from './testUtils';

// Real git and HTTP round trips: a loaded CI machine needs more than jest's default 5 s.
jest.setTimeout(60_000);

const development = environment('development');
const APP = {
  'kubernetes/deployment-checkout.yaml': 'kind: Deployment\n',
  'kubernetes/service-checkout.yaml': 'kind: Service\n',
};
const TOKEN = 'ghp_Sup3rSecretToken';

let dir: string;
let server: GitHttpServer;
let remote: string;

beforeEach(async () => {
  dir = temporaryDirectory();
  remote = bareRepository(join(dir, 'served', 'gitops.git'), {
    'README.md': 'Managed by Paved\n',
    'production/checkout/app.yaml': 'prod\n',
  });
  server = await gitHttpServer(join(dir, 'served'));
});
afterEach(async () => {
  await server.close();
  removeDirectory(dir);
});

const target = (options: Partial<GitOpsDeliveryTargetOptions> = {}) =>
  new GitOpsDeliveryTarget({
    logger: mockServices.logger.mock(),
    workingDirectory: join(dir, 'work'),
    repository: { type: 'http', url: server.url('gitops.git') },
    ...options,
  });

describe('GitOpsDeliveryTarget with an HTTP remote', () => {
  it('fetches, commits on the remote head and pushes, keeping a cache in the working directory', async () => {
    const seed = gitCli(['-C', remote, 'rev-parse', 'main']);
    const result = await target().deliver(
      deliveryOf('checkout', development, APP),
    );

    expect(gitCli(['-C', remote, 'rev-parse', 'main'])).toBe(result.reference);
    expect(gitCli(['-C', remote, 'rev-parse', 'main~1'])).toBe(seed);
    expect(gitCli(['-C', remote, 'log', '-1', '--format=%s', 'main'])).toBe(
      'Deploy checkout to development: revision 1',
    );
    expect(Object.keys(filesAt(remote)).sort()).toEqual([
      'README.md',
      'development/checkout/kubernetes/deployment-checkout.yaml',
      'development/checkout/kubernetes/service-checkout.yaml',
      'production/checkout/app.yaml',
    ]);
    expect(readdirSync(join(dir, 'work', 'gitops-cache'))).toHaveLength(1);
    gitCli(['-C', remote, 'fsck', '--strict', '--no-dangling']);
  });

  it('builds on its own last push without fetching, while nobody else writes', async () => {
    const gitops = target();
    await gitops.deliver(deliveryOf('checkout', development, APP, 1));
    server.requests.length = 0;
    const result = await gitops.deliver(
      deliveryOf('checkout', development, { 'kubernetes/app.yaml': 'v2\n' }, 2),
    );
    expect(server.requests).toEqual([
      'GET refs?service=git-receive-pack',
      'POST git-receive-pack',
    ]);
    expect(gitCli(['-C', remote, 'rev-parse', 'main'])).toBe(result.reference);
    expect(Object.keys(filesAt(remote))).toContain(
      'development/checkout/kubernetes/app.yaml',
    );
  });

  it('builds on what others pushed since its last fetch', async () => {
    const gitops = target();
    await gitops.deliver(deliveryOf('checkout', development, APP, 1));
    const theirs = commitElsewhere(remote, {
      'staging/cart/app.yaml': 'cart\n',
    });
    const result = await gitops.deliver(
      deliveryOf('checkout', development, { 'kubernetes/app.yaml': 'v2\n' }, 2),
    );
    expect(gitCli(['-C', remote, 'rev-parse', 'main~1'])).toBe(theirs);
    expect(gitCli(['-C', remote, 'rev-parse', 'main'])).toBe(result.reference);
    expect(Object.keys(filesAt(remote)).sort()).toEqual([
      'README.md',
      'development/checkout/kubernetes/app.yaml',
      'production/checkout/app.yaml',
      'staging/cart/app.yaml',
    ]);
  });

  it('asks the remote before it reports a plan as already delivered', async () => {
    const gitops = target();
    const first = await gitops.deliver(
      deliveryOf('checkout', development, APP, 1),
    );
    // Someone deletes the folder: the last push no longer tells the truth.
    const work = join(dir, 'clone');
    gitCli(['clone', '--quiet', remote, work]);
    gitCli(['-C', work, 'rm', '-r', '--quiet', 'development']);
    gitCli(['-C', work, 'commit', '--quiet', '-m', 'Delete development']);
    gitCli(['-C', work, 'push', '--quiet', 'origin', 'main']);

    const again = await gitops.deliver(
      deliveryOf('checkout', development, APP, 2),
    );
    expect(again.reference).not.toBe(first.reference);
    expect(again.objects.map(o => o.action)).toEqual(['created', 'created']);
    expect(gitCli(['-C', remote, 'log', '-1', '--format=%s', 'main'])).toBe(
      'Deploy checkout to development: revision 2',
    );
    const unchanged = await gitops.deliver(
      deliveryOf('checkout', development, APP, 3),
    );
    expect(unchanged.reference).toBe(again.reference);
  });

  it('creates the branch on an empty remote', async () => {
    gitCli(['init', '--quiet', '--bare', join(dir, 'served', 'empty.git')]);
    const result = await target({
      repository: { type: 'http', url: server.url('empty.git') },
    }).deliver(deliveryOf('checkout', development, APP));
    const empty = join(dir, 'served', 'empty.git');
    expect(gitCli(['-C', empty, 'rev-list', 'main'])).toBe(result.reference);
    expect(Object.keys(filesAt(empty))).toHaveLength(2);
  });

  it('rebases when the remote moved between its fetch and its push', async () => {
    let theirs = '';
    const result = await target({
      beforeUpdate: attempt => {
        if (attempt === 1) {
          theirs = commitElsewhere(remote, {
            'development/checkout/stray.yaml': 'stray\n',
            'staging/cart/app.yaml': 'cart\n',
          });
        }
      },
    }).deliver(deliveryOf('checkout', development, APP));

    expect(gitCli(['-C', remote, 'rev-parse', 'main'])).toBe(result.reference);
    expect(gitCli(['-C', remote, 'rev-parse', 'main~1'])).toBe(theirs);
    const files = filesAt(remote);
    expect(files['staging/cart/app.yaml']).toBeDefined();
    expect(files['development/checkout/stray.yaml']).toBeUndefined();
  });

  it('rebases when the server refuses the ref update because it just moved', async () => {
    let theirs = '';
    server.beforeReceivePack = () => {
      server.beforeReceivePack = undefined;
      theirs = commitElsewhere(remote, { 'staging/cart/app.yaml': 'cart\n' });
    };
    const result = await target().deliver(
      deliveryOf('checkout', development, APP),
    );
    expect(theirs).not.toBe('');
    expect(gitCli(['-C', remote, 'rev-parse', 'main~1'])).toBe(theirs);
    expect(gitCli(['-C', remote, 'rev-parse', 'main'])).toBe(result.reference);
  });

  it('gives up with a ConflictError naming the branch and remote when the remote keeps moving', async () => {
    let moves = 0;
    const error = await rejection(
      target({
        beforeUpdate: () => {
          moves += 1;
          commitElsewhere(remote, { [`elsewhere/${moves}.yaml`]: 'x\n' });
        },
      }).deliver(deliveryOf('checkout', development, APP)),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      `Could not commit to development/checkout: branch "main" of ${server.url(
        'gitops.git',
      )} moved on each of 3 attempts; try again`,
    );
    expect(moves).toBe(3);
    expect(gitCli(['-C', remote, 'log', '--format=%s', 'main'])).not.toContain(
      'Deploy',
    );
  });

  it('lets two backends with their own caches deliver at the same moment: one rebases', async () => {
    // Both build on the same head before either pushes.
    let arrived = 0;
    let release!: () => void;
    const bothBuilt = new Promise<void>(resolve => {
      release = resolve;
    });
    const barrier = async (attempt: number) => {
      if (attempt > 1) return;
      arrived += 1;
      if (arrived === 2) release();
      await bothBuilt;
    };
    const one = target({
      workingDirectory: join(dir, 'one'),
      beforeUpdate: barrier,
    });
    const two = target({
      workingDirectory: join(dir, 'two'),
      beforeUpdate: barrier,
    });
    const [a, b] = await Promise.all([
      one.deliver(deliveryOf('checkout', development, APP)),
      two.deliver(
        deliveryOf('payments', development, { 'app.yaml': 'payments\n' }),
      ),
    ]);
    const log = gitCli(['-C', remote, 'rev-list', 'main']).split('\n');
    expect(log).toHaveLength(3);
    expect(log.slice(0, 2).sort()).toEqual([a.reference, b.reference].sort());
    expect(Object.keys(filesAt(remote))).toEqual(
      expect.arrayContaining([
        'development/checkout/kubernetes/deployment-checkout.yaml',
        'development/payments/app.yaml',
      ]),
    );
  });

  it('reports a push the server declines for another reason, without retrying', async () => {
    const hook = join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "branch is protected" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const attempts: number[] = [];
    const error = await rejection(
      target({ beforeUpdate: attempt => void attempts.push(attempt) }).deliver(
        deliveryOf('checkout', development, APP),
      ),
    );
    expect(error).not.toBeInstanceOf(ConflictError);
    expect(error.message).toContain(
      `Could not push to branch "main" of ${server.url('gitops.git')}`,
    );
    expect(error.message).toContain('pre-receive hook declined');
    expect(attempts).toEqual([1]);
  });
});

describe('GitOpsDeliveryTarget credentials', () => {
  let secured: GitHttpServer;
  beforeEach(async () => {
    secured = await gitHttpServer(join(dir, 'served'), {
      username: 'x-access-token',
      token: TOKEN,
    });
  });
  afterEach(() => secured.close());

  it('authenticates with the configured token', async () => {
    const logger = mockServices.logger.mock();
    const result = await target({
      logger,
      repository: { type: 'http', url: secured.url('gitops.git') },
      auth: { username: 'x-access-token', token: TOKEN },
    }).deliver(deliveryOf('checkout', development, APP));
    expect(gitCli(['-C', remote, 'rev-parse', 'main'])).toBe(result.reference);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(JSON.stringify(logger.info.mock.calls)).not.toContain(TOKEN);
    // The cache's git config must not keep the token either.
    const cache = join(dir, 'work', 'gitops-cache');
    for (const entry of readdirSync(cache)) {
      expect(
        gitCli(['-C', join(cache, entry), 'config', '--list']),
      ).not.toContain(TOKEN);
    }
  });

  it('never shows the token in errors or logs, whether configured or in the URL', async () => {
    const wrong = `${TOKEN}-revoked`;
    const logger = mockServices.logger.mock();
    const configured = await rejection(
      target({
        logger,
        repository: { type: 'http', url: secured.url('gitops.git') },
        auth: { username: 'x-access-token', token: wrong },
      }).deliver(deliveryOf('checkout', development, APP)),
    );
    expect(configured.message).toContain('Could not fetch branch "main"');
    expect(configured.message).toContain('401');
    expect(configured.message).not.toContain(wrong);

    const inUrl = secured
      .url('gitops.git')
      .replace('http://', `http://x-access-token:${wrong}@`);
    const embedded = await rejection(
      target({
        logger,
        workingDirectory: join(dir, 'other'),
        repository: { type: 'http', url: inUrl },
      }).deliver(deliveryOf('checkout', development, APP)),
    );
    expect(embedded.message).toContain('http://***@127.0.0.1');
    expect(embedded.message).not.toContain(wrong);
    expect(JSON.stringify(embedded)).not.toContain(wrong);
    for (const method of ['debug', 'info', 'warn', 'error'] as const) {
      expect(JSON.stringify(logger[method].mock.calls)).not.toContain(wrong);
    }
    expect(existsSync(join(dir, 'other', 'gitops-cache'))).toBe(true);
  });
});
