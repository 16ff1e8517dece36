import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// The task deploys through the real orchestrator, not a stand-in for its API.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import orchestratorPlugin from '@paved/plugin-orchestrator-backend';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { startGitHubApi } from './__testUtils__/githubApi';
import { git, PLATFORM_DIR } from './__testUtils__/orchestrator';
import { scaffolderModule } from './module';

jest.setTimeout(180_000);

const TEMPLATE = resolve(
  __dirname,
  '../../../templates/typescript-service/template.yaml',
);

/**
 * The TypeScript service template, unchanged, run for real by the scaffolder
 * with `paved.publish.provider: github`: the repository is created through
 * GitHub's API (the test double in __testUtils__/githubApi.ts), the workspace
 * pushed to it, registered in the catalog from its URL, and deployed.
 */
describe('the typescript-service template with paved.publish.provider github', () => {
  let github: Awaited<ReturnType<typeof startGitHubApi>>;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const orchestratorDirectory = mkdtempSync(join(tmpdir(), 'paved-orch-'));
  const registered: unknown[] = [];

  beforeAll(async () => {
    // As in templates.test.ts: the plan's arrays must be this realm's for the templating.
    jest
      .spyOn(Response.prototype, 'json')
      .mockImplementation(async function json(this: Response) {
        return JSON.parse(await this.text());
      });
    github = await startGitHubApi({
      token: 'ghp_template-run',
      user: 'jane',
      organizations: ['northwind'],
    });
    const template = parse(readFileSync(TEMPLATE, 'utf8'));
    template.metadata.namespace = 'default';
    template.metadata.annotations = {
      'backstage.io/managed-by-location': `file:${TEMPLATE}`,
    };
    const catalog = catalogServiceMock({ entities: [template] });
    // What catalog:register asks of the catalog: the location, then a dry run of it.
    catalog.addLocation = async (location: any) => {
      registered.push(location);
      return {
        location: { id: 'registered', ...location },
        entities: [],
        exists: false,
      };
    };
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        orchestratorPlugin,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            orchestrator: {
              platform: { directory: PLATFORM_DIR },
              workingDirectory: orchestratorDirectory,
            },
            paved: {
              publish: {
                provider: 'github',
                owner: 'northwind',
                host: github.host,
              },
            },
            integrations: {
              github: [
                {
                  host: github.host,
                  apiBaseUrl: github.apiBaseUrl,
                  token: 'ghp_template-run',
                },
              ],
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await github?.stop();
  });

  const api = (path: string, body?: unknown) =>
    fetch(`http://localhost:${backend.server.port()}/api/scaffolder${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Authorization: mockCredentials.user.header(),
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(r => r.json());

  it('publishes to GitHub, registers the component from its URL and deploys it', async () => {
    const { id } = await api('/v2/tasks', {
      templateRef: 'template:default/typescript-service',
      values: {
        name: 'invoice-api',
        description: 'Issues invoices',
        owner: 'group:default/payments',
        costCenter: 'cc-1042',
      },
    });
    let task: { status: string };
    for (;;) {
      task = await api(`/v2/tasks/${id}`);
      if (!['open', 'processing'].includes(task.status)) break;
      await new Promise(r => setTimeout(r, 250));
    }
    const events: Array<{
      type: string;
      body: { message: string; output?: any };
    }> = await api(`/v2/tasks/${id}/events`);
    const log = events.map(e => e.body.message).join('\n');
    const output = events.find(e => e.type === 'completion')?.body.output;
    expect({ status: task.status, log }).toEqual({
      status: 'completed',
      log: expect.any(String),
    });

    const web = `http://${github.host}/northwind/invoice-api`;
    expect(
      github.requests.map(r => `${r.method} ${r.path.replace(/\?.*/, '')}`),
    ).toEqual([
      'GET /api/v3/users/northwind',
      'POST /api/v3/orgs/northwind/repos',
      'PUT /api/v3/repos/northwind/invoice-api/branches/main/protection',
    ]);
    const repo = github.gitdir('northwind', 'invoice-api');
    const files = git(repo, 'ls-tree', '-r', '--name-only', 'main');
    expect(files).toMatch(/^catalog-info\.yaml$/m);
    expect(files).toMatch(/^score\.yaml$/m);
    expect(git(repo, 'log', '--format=%s', 'main').trim()).toBe(
      'Create invoice-api from the Node.js service template',
    );
    expect(registered).toEqual([
      { type: 'url', target: `${web}/blob/main/catalog-info.yaml` },
      {
        type: 'url',
        target: `${web}/blob/main/catalog-info.yaml`,
        dryRun: true,
      },
    ]);
    expect(output.links).toContainEqual({
      title: 'Deployment to development',
      url: '/catalog/default/component/invoice-api/deployments?environment=development',
    });
    expect(
      git(
        join(orchestratorDirectory, 'gitops.git'),
        'ls-tree',
        '-r',
        '--name-only',
        'main',
      ),
    ).toMatch(/^development\/invoice-api\//m);
    expect(log).not.toContain('ghp_template-run');
  });
});
