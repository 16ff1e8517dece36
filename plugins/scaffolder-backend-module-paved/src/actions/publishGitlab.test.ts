import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, runExample, workspaceWith } from '../__testUtils__/context';
import { startGitLabApi } from '../__testUtils__/gitlabApi';
import { git } from '../__testUtils__/orchestrator';
import { createPublishAction } from './publish';
import { examples } from './publish.examples';

jest.setTimeout(30_000);

const TOKEN = 'glpat-test-token-never-logged';

describe('paved:publish with the gitlab provider', () => {
  let gitlab: Awaited<ReturnType<typeof startGitLabApi>>;
  let workspacePath: string;
  beforeAll(async () => {
    gitlab = await startGitLabApi({
      token: TOKEN,
      user: 'jane',
      groups: ['northwind', 'northwind-finance'],
    });
  });
  afterAll(() => gitlab.stop());
  beforeEach(async () => {
    gitlab.requests.length = 0;
    workspacePath = await workspaceWith({
      'catalog-info.yaml': 'kind: x\n',
      'README.md': '# invoice-api\n',
      'docs/index.md': '# Docs\n',
    });
  });

  const action = () => {
    const config = mockServices.rootConfig({
      data: {
        paved: {
          publish: {
            provider: 'gitlab',
            owner: 'northwind',
            host: gitlab.host,
          },
        },
        integrations: {
          gitlab: [
            {
              host: gitlab.host,
              baseUrl: gitlab.baseUrl,
              apiBaseUrl: gitlab.apiBaseUrl,
              token: TOKEN,
            },
          ],
        },
      },
    });
    return createPublishAction({
      config,
      logger: mockServices.logger.mock(),
      integrations: ScmIntegrations.fromConfig(config),
    });
  };
  const calls = () => gitlab.requests.map(r => `${r.method} ${r.path}`);

  it('creates the project through GitLab’s API, pushes the workspace into it, and says how to remove it', async () => {
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
    const remoteUrl = gitlab.projects[0].http_url_to_repo.replace(/\.git$/, '');
    expect(outputs).toEqual({
      provider: 'gitlab',
      remoteUrl,
      repoContentsUrl: `${remoteUrl}/-/blob/main`,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
      catalogInfoUrl: `${remoteUrl}/-/blob/main/catalog-info.yaml`,
      removeWith: `the repository ${remoteUrl} (commit ${outputs.commitHash}), and the catalog location ${remoteUrl}/-/blob/main/catalog-info.yaml if catalog:register added it (Unregister entity on the component's page): GITLAB_HOST=${gitlab.host} glab repo delete northwind/invoice-api --yes`,
    });

    const repo = gitlab.gitdir('northwind', 'invoice-api');
    expect(git(repo, 'log', '--format=%H|%an <%ae>|%s', 'main').trim()).toBe(
      `${outputs.commitHash}|Jane Doe <jane@northwind.example>|Create invoice-api`,
    );
    expect(
      git(repo, 'ls-tree', '-r', '--name-only', 'main').trim().split('\n'),
    ).toEqual(['README.md', 'catalog-info.yaml', 'docs/index.md']);
    // Exactly the calls publish:gitlab makes with its defaults, in order.
    expect(calls()).toEqual([
      'GET /api/v4/namespaces/northwind',
      'GET /api/v4/user',
      'GET /api/v4/groups/northwind/projects?search=invoice-api',
      'POST /api/v4/projects',
    ]);
    expect(gitlab.requests[3].body).toEqual({
      namespace_id: 100,
      name: 'invoice-api',
      path: 'invoice-api',
      visibility: 'private',
      description: 'Issues invoices',
    });
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('fails clearly when GitLab says the name is taken, and pushes nothing', async () => {
    const first = await run(action(), { name: 'quote-api' }, { workspacePath });
    await writeFile(join(workspacePath, 'README.md'), '# something else\n');
    const again = run(action(), { name: 'quote-api' }, { workspacePath });
    await expect(again).rejects.toThrow(ConflictError);
    await expect(again).rejects.toThrow(
      /^northwind\/quote-api on GitLab \(127\.0\.0\.1:\d+\) already exists \(.*has already been taken.*\); is there already a component named quote-api\? Nothing was pushed\.$/,
    );
    const repo = gitlab.gitdir('northwind', 'quote-api');
    expect(git(repo, 'rev-list', '--all').trim()).toBe(first.commitHash);
  });

  it('asks GitLab nothing in a dry run and outputs the would-be URLs, at the integration’s base URL', async () => {
    const outputs = await run(
      action(),
      { name: 'invoice-api', defaultBranch: 'trunk' },
      { workspacePath, isDryRun: true },
    );
    const web = `${gitlab.baseUrl}/northwind/invoice-api`;
    expect(outputs).toEqual({
      provider: 'gitlab',
      remoteUrl: web,
      repoContentsUrl: `${web}/-/blob/trunk`,
      catalogInfoUrl: `${web}/-/blob/trunk/catalog-info.yaml`,
    });
    expect(gitlab.requests).toEqual([]);
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      const results = await runExample(
        example,
        { 'paved:publish': action() },
        { workspacePath },
      );
      const project = gitlab.projects.find(
        p => p.http_url_to_repo === `${results.publish.remoteUrl}.git`,
      )!;
      const branch = example.includes('trunk') ? 'trunk' : 'main';
      expect(
        git(
          gitlab.gitdir(project.namespace.full_path, project.path),
          'rev-parse',
          branch,
        ).trim(),
      ).toBe(results.publish.commitHash);
    },
  );
});
