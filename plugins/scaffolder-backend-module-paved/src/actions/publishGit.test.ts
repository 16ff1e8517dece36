import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run, runExample, workspaceWith } from '../__testUtils__/context';
import { startGitHttpServer } from '../__testUtils__/gitHttpServer';
import { git } from '../__testUtils__/orchestrator';
import { createPublishGitAction } from './publishGit';
import { examples } from './publishGit.examples';

// Real git and HTTP round trips: a loaded CI machine needs more than jest's default 5 s.
jest.setTimeout(60_000);

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-service
spec:
  type: service
  lifecycle: experimental
  owner: group:default/payments
`;

describe('paved:publish:git', () => {
  let root: string;
  let workspacePath: string;
  const action = () =>
    createPublishGitAction({
      config: mockServices.rootConfig({
        data: { paved: { publish: { git: { root } } } },
      }),
      logger: mockServices.logger.mock(),
    });
  const files = (repo: string, ref = 'main') =>
    git(repo, 'ls-tree', '-r', ref).trim().split('\n');

  beforeEach(async () => {
    root = join(
      await mkdtemp(join(tmpdir(), 'paved-publish-')),
      'repositories',
    );
    workspacePath = await workspaceWith({
      'catalog-info.yaml': CATALOG_INFO,
      'README.md': '# checkout-service\n',
      'scripts/build.sh': 'echo hi\n',
      'docs/index.md': '# Docs\n',
      // A template's own repository metadata is not published.
      '.git/HEAD': 'ref: refs/heads/x\n',
    });
    await chmod(join(workspacePath, 'scripts', 'build.sh'), 0o755);
  });

  it('creates a bare repository under the root with one commit of the workspace, and a copy the catalog reads', async () => {
    const outputs = await run(
      action(),
      {
        repoUrl: 'checkout-service',
        gitCommitMessage: 'Create checkout-service',
        gitAuthorName: 'Jane Doe',
        gitAuthorEmail: 'jane@northwind.example',
      },
      { workspacePath },
    );
    const repo = join(root, 'checkout-service.git');
    const checkout = join(root, 'checkouts', 'checkout-service');
    expect(outputs).toEqual({
      remoteUrl: pathToFileURL(repo).href,
      repoContentsUrl: `${pathToFileURL(checkout).href}/`,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
      catalogInfoPath: join(checkout, 'catalog-info.yaml'),
      removeWith: `the repository ${repo} and its copy ${checkout} (the catalog drops the component once the copy is gone): rm -rf '${repo}' '${checkout}'`,
    });
    expect(git(repo, 'rev-parse', '--is-bare-repository').trim()).toBe('true');
    expect(git(repo, 'log', '--format=%H|%an <%ae>|%s', 'main').trim()).toBe(
      `${outputs.commitHash}|Jane Doe <jane@northwind.example>|Create checkout-service`,
    );
    expect(git(repo, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
    expect(files(repo)).toEqual([
      expect.stringMatching(/^100644 blob \w+\tREADME\.md$/),
      expect.stringMatching(/^100644 blob \w+\tcatalog-info\.yaml$/),
      expect.stringMatching(/^100644 blob \w+\tdocs\/index\.md$/),
      expect.stringMatching(/^100755 blob \w+\tscripts\/build\.sh$/),
    ]);
    expect(git(repo, 'show', 'main:catalog-info.yaml')).toBe(CATALOG_INFO);
    execFileSync('git', ['-C', repo, 'fsck', '--strict']);
    expect(await readFile(outputs.catalogInfoPath, 'utf8')).toBe(CATALOG_INFO);
    // Nothing but the repository and the copy under the root.
    expect((await readdir(root)).sort()).toEqual([
      'checkout-service.git',
      'checkouts',
    ]);
  });

  it('refuses a repository that already has commits, unless it is the same task retried', async () => {
    const checkpoints = new Map<string, unknown>();
    const first = await run(
      action(),
      { repoUrl: 'checkout-service' },
      { workspacePath, checkpoints },
    );
    expect(
      await run(
        action(),
        { repoUrl: 'checkout-service' },
        { workspacePath, checkpoints },
      ),
    ).toEqual(first);
    const again = run(
      action(),
      { repoUrl: 'checkout-service' },
      { workspacePath },
    );
    await expect(again).rejects.toThrow(ConflictError);
    await expect(again).rejects.toThrow(/already has commits \(main\)/);
    const repo = join(root, 'checkout-service.git');
    expect(git(repo, 'rev-list', '--all').trim()).toBe(first.commitHash);
  });

  it('says how to remove what it published, and that command removes exactly that', async () => {
    const { removeWith } = await run(
      action(),
      { repoUrl: 'quote-service' },
      { workspacePath },
    );
    execFileSync('sh', [
      '-c',
      removeWith.slice(removeWith.indexOf(': rm ') + 2),
    ]);
    expect(await readdir(root)).toEqual(['checkouts']);
    expect(await readdir(join(root, 'checkouts'))).toEqual([]);
  });

  it('publishes into an empty bare repository under the root, by file URL or path, on the default branch asked for', async () => {
    const repo = join(root, 'team', 'payments.git');
    await mkdir(repo, { recursive: true });
    execFileSync('git', ['init', '--bare', '--quiet', repo]);
    const outputs = await run(
      action(),
      {
        repoUrl: pathToFileURL(repo).href,
        defaultBranch: 'trunk',
        sourcePath: 'docs',
      },
      { workspacePath },
    );
    expect(outputs.remoteUrl).toBe(pathToFileURL(repo).href);
    expect(outputs.catalogInfoPath).toBeUndefined();
    expect(git(repo, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/trunk');
    expect(files(repo, 'trunk')).toEqual([
      expect.stringMatching(/\tindex\.md$/),
    ]);
    await expect(
      run(action(), { repoUrl: repo }, { workspacePath }),
    ).rejects.toThrow(/already has commits \(trunk\)/);
  });

  it('never writes outside the root or reads outside the workspace', async () => {
    const outside = join(
      await mkdtemp(join(tmpdir(), 'paved-outside-')),
      'x.git',
    );
    for (const [repoUrl, error] of [
      [outside, NotAllowedError],
      [pathToFileURL(outside).href, NotAllowedError],
      [join(root, '..', 'x.git'), NotAllowedError],
      [root, NotAllowedError],
      ['../checkout-service', InputError],
      ['Checkout_Service', InputError],
      ['${{ parameters.name }}', InputError],
      ['https://jane:secret@git.northwind.example/checkout.git', InputError],
      [join(root, 'missing.git'), Error],
    ] as const) {
      await expect(
        run(action(), { repoUrl }, { workspacePath }),
      ).rejects.toThrow(error);
    }
    await expect(
      run(
        action(),
        { repoUrl: 'checkout-service', sourcePath: '../' },
        { workspacePath },
      ),
    ).rejects.toThrow(/inside the workspace/);
    await expect(
      run(
        action(),
        { repoUrl: 'checkout-service', defaultBranch: '../x' },
        { workspacePath },
      ),
    ).rejects.toThrow(/not a branch name/);
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(root)).toBe(false);
  });

  it('writes nothing in a dry run and outputs the would-be URLs', async () => {
    const outputs = await run(
      action(),
      { repoUrl: 'checkout-service' },
      { workspacePath, isDryRun: true },
    );
    expect(outputs).toEqual({
      remoteUrl: pathToFileURL(join(root, 'checkout-service.git')).href,
      repoContentsUrl: `${
        pathToFileURL(join(root, 'checkouts', 'checkout-service')).href
      }/`,
    });
    expect(existsSync(root)).toBe(false);
    // A dry run already says when the name is taken.
    await run(action(), { repoUrl: 'checkout-service' }, { workspacePath });
    await expect(
      run(
        action(),
        { repoUrl: 'checkout-service' },
        { workspacePath, isDryRun: true },
      ),
    ).rejects.toThrow(ConflictError);
  });

  it('pushes to an http(s) git server with a token, and refuses one with commits', async () => {
    const served = await mkdtemp(join(tmpdir(), 'paved-served-'));
    execFileSync('git', [
      'init',
      '--bare',
      '--quiet',
      join(served, 'checkout.git'),
    ]);
    const server = await startGitHttpServer(served, 's3cret');
    try {
      const repoUrl = server.url('checkout.git');
      await expect(
        run(action(), { repoUrl }, { workspacePath }),
      ).rejects.toThrow(/401/);
      const outputs = await run(
        action(),
        { repoUrl, token: 's3cret' },
        { workspacePath },
      );
      expect(outputs).toEqual({
        remoteUrl: repoUrl,
        repoContentsUrl: `${repoUrl.replace(/\.git$/, '')}/blob/main/`,
        commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
        removeWith: expect.stringMatching(
          new RegExp(
            `^the repository ${repoUrl.replace(
              /[.]/g,
              '\\.',
            )} \\(commit [0-9a-f]{40}\\): delete it on its host`,
          ),
        ),
      });
      const repo = join(served, 'checkout.git');
      expect(git(repo, 'rev-parse', 'main').trim()).toBe(outputs.commitHash);
      expect(files(repo)).toHaveLength(4);
      await expect(
        run(action(), { repoUrl, token: 's3cret' }, { workspacePath }),
      ).rejects.toThrow(/already has commits/);
      expect(existsSync(root)).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      const results = await runExample(
        example,
        { 'paved:publish:git': action() },
        { workspacePath },
      );
      const repo = new URL(results.publish.remoteUrl).pathname;
      expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(
        results.publish.commitHash,
      );
    },
  );
});
