import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, runExample, workspaceWith } from '../__testUtils__/context';
import { startGitHubApi } from '../__testUtils__/githubApi';
import { git } from '../__testUtils__/orchestrator';
import { createPublishAction } from './publish';
import { examples } from './publish.examples';

jest.setTimeout(30_000);

const TOKEN = 'ghp_test-token-never-logged';

describe('paved:publish with the github provider', () => {
  let github: Awaited<ReturnType<typeof startGitHubApi>>;
  let workspacePath: string;
  beforeAll(async () => {
    github = await startGitHubApi({
      token: TOKEN,
      user: 'jane',
      organizations: ['northwind', 'northwind-finance'],
    });
  });
  afterAll(() => github.stop());
  beforeEach(async () => {
    github.requests.length = 0;
    workspacePath = await workspaceWith({
      'catalog-info.yaml': 'kind: x\n',
      'README.md': '# invoice-api\n',
      'docs/index.md': '# Docs\n',
    });
  });

  const action = (publish: object = {}, token = TOKEN) => {
    const config = mockServices.rootConfig({
      data: {
        paved: {
          publish: {
            provider: 'github',
            owner: 'northwind',
            host: github.host,
            ...publish,
          },
        },
        integrations: {
          github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl, token }],
        },
      },
    });
    return createPublishAction({
      config,
      logger: mockServices.logger.mock(),
      integrations: ScmIntegrations.fromConfig(config),
    });
  };
  const calls = () => github.requests.map(r => `${r.method} ${r.path}`);
  const files = (owner: string, repo: string) =>
    git(github.gitdir(owner, repo), 'ls-tree', '-r', '--name-only', 'main')
      .trim()
      .split('\n');

  it('creates the repository through GitHub’s API, pushes the workspace into it, and says how to remove it', async () => {
    const logs: string[] = [];
    const outputs = await run(
      action(),
      {
        name: 'invoice-api',
        description: 'Issues invoices',
        gitCommitMessage: 'Create invoice-api',
        gitAuthorName: 'Jane Doe',
        gitAuthorEmail: 'jane@northwind.example',
      },
      { workspacePath, logs },
    );
    const web = `http://${github.host}/northwind/invoice-api`;
    expect(outputs).toEqual({
      provider: 'github',
      remoteUrl: expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:\d+\/northwind\/invoice-api\.git$/,
      ),
      repoContentsUrl: `${web}/blob/main`,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
      catalogInfoUrl: `${web}/blob/main/catalog-info.yaml`,
      removeWith: `the repository ${outputs.remoteUrl} (commit ${outputs.commitHash}), and the catalog location ${web}/blob/main/catalog-info.yaml if catalog:register added it (Unregister entity on the component's page): gh repo delete ${github.host}/northwind/invoice-api --yes`,
    });

    const repo = github.gitdir('northwind', 'invoice-api');
    expect(git(repo, 'log', '--format=%H|%an <%ae>|%s', 'main').trim()).toBe(
      `${outputs.commitHash}|Jane Doe <jane@northwind.example>|Create invoice-api`,
    );
    expect(files('northwind', 'invoice-api')).toEqual([
      'README.md',
      'catalog-info.yaml',
      'docs/index.md',
    ]);
    // Exactly the calls publish:github makes with its defaults, in order.
    expect(calls()).toEqual([
      'GET /api/v3/users/northwind',
      'POST /api/v3/orgs/northwind/repos',
      'PUT /api/v3/repos/northwind/invoice-api/branches/main/protection',
    ]);
    expect(github.requests[1].body).toMatchObject({
      name: 'invoice-api',
      description: 'Issues invoices',
      private: true,
      visibility: 'private',
    });
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('creates a repository of the token’s own user with POST /user/repos when the owner input names a user', async () => {
    const outputs = await run(
      action(),
      { name: 'jane-notes', owner: 'jane', sourcePath: 'docs' },
      { workspacePath },
    );
    expect(calls()).toEqual([
      'GET /api/v3/users/jane',
      'POST /api/v3/user/repos',
      'PUT /api/v3/repos/jane/jane-notes/branches/main/protection',
    ]);
    expect(files('jane', 'jane-notes')).toEqual(['index.md']);
    // Only docs/ was published: there is no catalog-info.yaml to register.
    expect(outputs.catalogInfoUrl).toBeUndefined();
    expect(outputs.removeWith).toMatch(
      /: gh repo delete \S+\/jane\/jane-notes --yes$/,
    );
  });

  it('fails clearly when GitHub says the name is taken, and pushes nothing', async () => {
    const first = await run(action(), { name: 'quote-api' }, { workspacePath });
    github.requests.length = 0;
    await writeFile(join(workspacePath, 'README.md'), '# something else\n');
    const again = run(action(), { name: 'quote-api' }, { workspacePath });
    await expect(again).rejects.toThrow(ConflictError);
    await expect(again).rejects.toThrow(
      /^northwind\/quote-api on GitHub \(127\.0\.0\.1:\d+\) already exists \(.*name already exists on this account.*\); is there already a component named quote-api\? Nothing was pushed\.$/,
    );
    const repo = github.gitdir('northwind', 'quote-api');
    expect(git(repo, 'rev-list', '--all').trim()).toBe(first.commitHash);
    expect(calls()).not.toContain(
      'PUT /api/v3/repos/northwind/quote-api/branches/main/protection',
    );
  });

  it('creates the repository once when the task is retried', async () => {
    const checkpoints = new Map<string, unknown>();
    const first = await run(
      action(),
      { name: 'retried-api' },
      { workspacePath, checkpoints },
    );
    const second = await run(
      action(),
      { name: 'retried-api' },
      { workspacePath, checkpoints },
    );
    expect(second).toEqual(first);
    expect(calls().filter(c => c.startsWith('POST'))).toHaveLength(1);
  });

  it('says which repository failed on a bad token, without the token', async () => {
    const failed = run(
      action({}, 'ghp_wrong-token'),
      { name: 'denied-api' },
      { workspacePath },
    );
    await expect(failed).rejects.toThrow(
      /^Publishing northwind\/denied-api on GitHub \(127\.0\.0\.1:\d+\) failed: .*Bad credentials/,
    );
    await expect(failed).rejects.not.toThrow(/ghp_wrong-token/);
  });

  it('asks GitHub nothing in a dry run and outputs the would-be URLs', async () => {
    const outputs = await run(
      action(),
      { name: 'invoice-api' },
      { workspacePath, isDryRun: true },
    );
    const web = `https://${github.host}/northwind/invoice-api`;
    expect(outputs).toEqual({
      provider: 'github',
      remoteUrl: `${web}.git`,
      repoContentsUrl: `${web}/blob/main`,
      catalogInfoUrl: `${web}/blob/main/catalog-info.yaml`,
    });
    expect(github.requests).toEqual([]);
  });

  it('refuses before asking GitHub: no owner, an owner or host that is not one, a host without an integration', async () => {
    await expect(
      run(action({ owner: undefined }), { name: 'x' }, { workspacePath }),
    ).rejects.toThrow(
      'paved.publish.provider is github, so the repository needs an owner: set paved.publish.owner or give the owner input',
    );
    for (const input of [
      { name: 'x', owner: 'north/wind' },
      { name: 'x', owner: '${{ parameters.owner }}' },
      { name: 'x', host: 'https://github.com' },
      { name: 'x', sourcePath: '../' },
    ]) {
      await expect(run(action(), input, { workspacePath })).rejects.toThrow(
        InputError,
      );
    }
    await expect(
      run(action(), { name: 'x', host: 'ghe.example' }, { workspacePath }),
    ).rejects.toThrow(
      'There is no integrations.github entry for ghe.example; add one with its token',
    );
    expect(github.requests).toEqual([]);
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      await mkdir(join(workspacePath, 'docs'), { recursive: true });
      const results = await runExample(
        example,
        { 'paved:publish': action() },
        { workspacePath },
      );
      const [owner, repo] = new URL(results.publish.remoteUrl).pathname
        .replace(/^\/|\.git$/g, '')
        .split('/');
      const branch = example.includes('trunk') ? 'trunk' : 'main';
      expect(git(github.gitdir(owner, repo), 'rev-parse', branch).trim()).toBe(
        results.publish.commitHash,
      );
    },
  );
});
