import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run, runExample, workspaceWith } from '../__testUtils__/context';
import { git } from '../__testUtils__/orchestrator';
import { readPublishConfig } from '../publishConfig';
import { createPublishAction } from './publish';
import { examples } from './publish.examples';
import { createPublishGitAction } from './publishGit';

// Real git and HTTP round trips: a loaded CI machine needs more than jest's default 5 s.
jest.setTimeout(60_000);

const config = (data: object) => mockServices.rootConfig({ data });

describe('readPublishConfig', () => {
  it('publishes with git when nothing is configured', () => {
    expect(readPublishConfig(config({}))).toEqual({ provider: 'git' });
    expect(
      readPublishConfig(config({ paved: { publish: { provider: 'git' } } })),
    ).toEqual({ provider: 'git' });
  });

  it('reads the owner and the host for github and gitlab, the host defaulting to the public one', () => {
    expect(
      readPublishConfig(
        config({
          paved: { publish: { provider: 'github', owner: 'northwind' } },
        }),
      ),
    ).toEqual({ provider: 'github', owner: 'northwind', host: 'github.com' });
    expect(
      readPublishConfig(config({ paved: { publish: { provider: 'gitlab' } } })),
    ).toEqual({ provider: 'gitlab', owner: undefined, host: 'gitlab.com' });
    expect(
      readPublishConfig(
        config({
          paved: {
            publish: {
              provider: 'github',
              owner: 'northwind',
              host: 'ghe.northwind.example',
            },
          },
        }),
      ),
    ).toEqual({
      provider: 'github',
      owner: 'northwind',
      host: 'ghe.northwind.example',
    });
  });

  it('refuses any other provider, naming the key and the allowed values', () => {
    const wrong = config({ paved: { publish: { provider: 'bitbucket' } } });
    const message =
      'paved.publish.provider is "bitbucket"; it must be one of git, github, gitlab';
    expect(() => readPublishConfig(wrong)).toThrow(message);
    // Read when the action is made: the backend stops at start, not at the first task.
    expect(() =>
      createPublishAction({
        config: wrong,
        logger: mockServices.logger.mock(),
        integrations: ScmIntegrations.fromConfig(wrong),
      }),
    ).toThrow(message);
  });
});

describe('paved:publish with the git provider', () => {
  let root: string;
  let workspacePath: string;
  const action = () => {
    const c = config({ paved: { publish: { git: { root } } } });
    return createPublishAction({
      config: c,
      logger: mockServices.logger.mock(),
      integrations: ScmIntegrations.fromConfig(c),
    });
  };

  beforeEach(async () => {
    root = join(await mkdtemp(join(tmpdir(), 'paved-publish-')), 'repos');
    workspacePath = await workspaceWith({
      'catalog-info.yaml': 'kind: x\n',
      'README.md': '# invoice-api\n',
      'docs/index.md': '# Docs\n',
    });
  });

  it('publishes a local bare repository through paved:publish:git, with the same outputs', async () => {
    const outputs = await run(
      action(),
      {
        name: 'invoice-api',
        description: 'Issues invoices',
        gitCommitMessage: 'Create invoice-api',
      },
      { workspacePath },
    );
    const repo = join(root, 'invoice-api.git');
    const checkout = join(root, 'checkouts', 'invoice-api');
    expect(outputs).toEqual({
      provider: 'git',
      remoteUrl: pathToFileURL(repo).href,
      repoContentsUrl: `${pathToFileURL(checkout).href}/`,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
      // paved:publish:git's own words: the catalog's file location reads the copy.
      removeWith: `the repository ${repo} and its copy ${checkout} (the catalog drops the component once the copy is gone): rm -rf '${repo}' '${checkout}'`,
    });
    expect(git(repo, 'log', '--format=%H %s', 'main').trim()).toBe(
      `${outputs.commitHash} Create invoice-api`,
    );
    expect(
      git(repo, 'ls-tree', '-r', '--name-only', 'main').trim().split('\n'),
    ).toEqual(['README.md', 'catalog-info.yaml', 'docs/index.md']);
    expect(existsSync(join(checkout, 'catalog-info.yaml'))).toBe(true);

    // The same as paved:publish:git's, which it runs.
    await expect(
      run(
        createPublishGitAction({
          config: config({ paved: { publish: { git: { root } } } }),
          logger: mockServices.logger.mock(),
        }),
        { repoUrl: 'invoice-api' },
        { workspacePath },
      ),
    ).rejects.toThrow(ConflictError);
  });

  it('writes nothing in a dry run and outputs the would-be URLs', async () => {
    const outputs = await run(
      action(),
      { name: 'invoice-api' },
      { workspacePath, isDryRun: true },
    );
    expect(outputs).toEqual({
      provider: 'git',
      remoteUrl: pathToFileURL(join(root, 'invoice-api.git')).href,
      repoContentsUrl: `${
        pathToFileURL(join(root, 'checkouts', 'invoice-api')).href
      }/`,
    });
    expect(existsSync(root)).toBe(false);
  });

  it('says it does not use owner and host, and publishes', async () => {
    const logs: string[] = [];
    const outputs = await run(
      action(),
      { name: 'invoice-api', owner: 'northwind', host: 'github.com' },
      { workspacePath, logs },
    );
    expect(outputs.remoteUrl).toBe(
      pathToFileURL(join(root, 'invoice-api.git')).href,
    );
    expect(logs).toContain(
      'info: paved.publish.provider is git: owner and host are for github and gitlab, and the repository is the local invoice-api',
    );
  });

  it('refuses a name that is not an RFC 1123 label or a bad branch before writing anything', async () => {
    for (const input of [
      { name: 'Invoice_API' },
      { name: '../invoice-api' },
      { name: '${{ parameters.name }}' },
      { name: 'invoice-api', defaultBranch: '../main' },
    ]) {
      await expect(run(action(), input, { workspacePath })).rejects.toThrow(
        InputError,
      );
    }
    expect(existsSync(root)).toBe(false);
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      const results = await runExample(
        example,
        { 'paved:publish': action() },
        { workspacePath },
      );
      const repo = new URL(results.publish.remoteUrl).pathname;
      expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(
        results.publish.commitHash,
      );
    },
  );
});
