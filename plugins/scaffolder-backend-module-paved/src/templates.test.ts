import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// The dry runs plan against the real orchestrator, not a stand-in for its API.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import orchestratorPlugin from '@paved/plugin-orchestrator-backend';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import {
  componentOnDisk,
  PLATFORM_DIR,
  score,
} from './__testUtils__/orchestrator';
import { scaffolderModule } from './module';

jest.setTimeout(120_000);

const TEMPLATES_DIR = resolve(__dirname, '../../../templates');
const TEMPLATES = [
  'typescript-service',
  'database-for-service',
  'ephemeral-environment',
];

type Template = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; description?: string };
  spec: {
    owner: string;
    parameters: unknown[];
    steps: Array<{ id: string; action: string; input?: unknown }>;
    output?: unknown;
  };
};

const loadTemplate = (name: string): Template =>
  parse(readFileSync(join(TEMPLATES_DIR, name, 'template.yaml'), 'utf8'));

/** Every file under the template's folder, as the template editor uploads them. */
function directoryContents(name: string) {
  const root = join(TEMPLATES_DIR, name);
  const files: Array<{ path: string; base64Content: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else
        files.push({
          path: relative(root, path),
          base64Content: readFileSync(path).toString('base64'),
        });
    }
  };
  walk(root);
  return files;
}

type DryRunResult = {
  log: Array<{ body: { message: string; stepId?: string; status?: string } }>;
  directoryContents: Array<{ path: string; base64Content: string }>;
  output: {
    links?: Array<{ title: string; url?: string; entityRef?: string }>;
    text?: Array<{ title: string; content: string }>;
  };
  steps: Array<{ id: string; action: string }>;
};

const fileOf = (result: DryRunResult, path: string): string => {
  const file = result.directoryContents.find(f => f.path === path);
  if (!file) {
    throw new Error(
      `The dry run made no ${path}; it made ${result.directoryContents
        .map(f => f.path)
        .join(', ')}`,
    );
  }
  return Buffer.from(file.base64Content, 'base64').toString('utf8');
};

/** The log's messages, without the logger's coloured level prefix. */
const messages = (result: DryRunResult) =>
  result.log.map(l =>
    // eslint-disable-next-line no-control-regex
    l.body.message.replace(/^(\u001b\[\d+m)?\w+(\u001b\[\d+m)?: /, ''),
  );

describe('the golden-path templates', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let baseUrl: string;

  beforeAll(async () => {
    // Jest runs this file in its own realm, but fetch is Node's: the arrays in
    // a response's JSON (the plan's verdicts and cost) would carry the other
    // realm's Array.prototype, which the scaffolder's templating refuses. In
    // the backend there is one realm; here, parse the JSON in the test's.
    jest
      .spyOn(Response.prototype, 'json')
      .mockImplementation(async function json(this: Response) {
        return JSON.parse(await this.text());
      });
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        orchestratorPlugin,
        catalogServiceMock.factory({
          entities: [
            // The orders service, as the catalog read it from its repository:
            // its own score.yaml, with no database yet.
            componentOnDisk(
              'orders',
              score('orders')
                .replace(/\n {4}variables:\n.*\n/, '\n')
                .split('\nresources:')[0],
            ),
            // A service whose score.yaml already has a database called db.
            componentOnDisk('checkout', score('checkout')),
            // A service that has not adopted Score.
            componentOnDisk('legacy'),
          ],
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            orchestrator: {
              platform: { directory: PLATFORM_DIR },
              workingDirectory: mkdtempSync(join(tmpdir(), 'paved-orch-')),
            },
            paved: {
              publish: {
                git: { root: mkdtempSync(join(tmpdir(), 'paved-root-')) },
              },
            },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${backend.server.port()}/api`;
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const request = (path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Authorization: mockCredentials.user.header(),
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function dryRun(
    name: string,
    values: Record<string, unknown>,
  ): Promise<DryRunResult> {
    const response = await request('/scaffolder/v2/dry-run', {
      template: loadTemplate(name),
      values,
      secrets: {},
      directoryContents: directoryContents(name),
    });
    const body = await response.json();
    if (response.status !== 200) {
      throw new Error(
        `Dry run of ${name} answered ${response.status}: ${JSON.stringify(
          body,
        )}`,
      );
    }
    return body;
  }

  const stepFailures = (result: DryRunResult) =>
    result.log.filter(l => l.body.status === 'failed');

  describe.each(TEMPLATES)('%s', name => {
    it('is a v1beta3 Template owned by the platform team, using only actions the scaffolder has', async () => {
      const template = loadTemplate(name);
      expect(template).toMatchObject({
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name },
        spec: { owner: 'group:platform' },
      });
      expect(template.spec.steps.length).toBeGreaterThan(0);

      const response = await request('/scaffolder/v2/actions');
      expect(response.status).toBe(200);
      const registered = new Set(
        ((await response.json()) as Array<{ id: string }>).map(a => a.id),
      );
      // Sanity: the list holds both built-ins and this module's actions.
      expect(registered).toContain('fetch:template');
      expect(registered).toContain('paved:plan');
      const unknown = template.spec.steps
        .map(s => s.action)
        .filter(a => !registered.has(a));
      expect(unknown).toEqual([]);
    });

    it('is a target of the paved-templates location', () => {
      const docs = readFileSync(
        join(TEMPLATES_DIR, '..', 'catalog-info.yaml'),
        'utf8',
      )
        .split(/^---$/m)
        .map(d => parse(d));
      const location = docs.find(d => d?.metadata?.name === 'paved-templates');
      expect(location.spec.targets).toContain(
        `./templates/${name}/template.yaml`,
      );
    });
  });

  describe('typescript-service', () => {
    const values = {
      name: 'invoice-api',
      description: 'Issues invoices: "quoted" text survives.',
      owner: 'group:default/payments',
      system: 'system:default/billing',
      costCenter: 'cc-1042',
    };
    let result: DryRunResult;
    beforeAll(async () => {
      result = await dryRun('typescript-service', values);
    });

    it('renders the skeleton with the values', () => {
      expect(stepFailures(result)).toEqual([]);
      const scoreYaml = parse(fileOf(result, 'score.yaml'));
      expect(scoreYaml.metadata).toEqual({
        name: 'invoice-api',
        annotations: {
          'paved.dev/owner': 'group:default/payments',
          'paved.dev/cost-center': 'cc-1042',
        },
      });
      expect(scoreYaml.containers.api).toMatchObject({
        image: '.',
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
        readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
      });
      expect(scoreYaml.service.ports.http).toEqual({
        port: 80,
        targetPort: 8080,
      });

      expect(parse(fileOf(result, 'catalog-info.yaml'))).toEqual({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'invoice-api',
          description: values.description,
          annotations: {
            'paved.dev/score': './score.yaml',
            'backstage.io/techdocs-ref': 'dir:.',
          },
          tags: ['nodejs', 'javascript'],
        },
        spec: {
          type: 'service',
          lifecycle: 'experimental',
          owner: 'group:default/payments',
          system: 'system:default/billing',
        },
      });
      expect(JSON.parse(fileOf(result, 'package.json'))).toMatchObject({
        name: 'invoice-api',
        scripts: { start: 'node src/server.js', test: 'node --test' },
      });
      expect(parse(fileOf(result, 'mkdocs.yml'))).toMatchObject({
        site_name: 'invoice-api',
        plugins: ['search'],
        nav: [{ Overview: 'index.md' }],
      });
      expect(fileOf(result, 'docs/index.md')).toMatch(/^# invoice-api$/m);
      expect(fileOf(result, 'Dockerfile')).toMatch(/^FROM node:24/);
      expect(
        result.directoryContents.filter(f =>
          /\$\{\{/.test(
            Buffer.from(f.base64Content, 'base64').toString('utf8'),
          ),
        ),
      ).toEqual([]);
    });

    it('plans for development, would publish and would deploy', () => {
      expect(result.steps.map(s => s.action)).toEqual([
        'paved:catalog:available',
        'fetch:template',
        'paved:plan',
        'paved:publish',
        'catalog:register',
        'paved:deploy',
      ]);
      const plan = result.output.text?.find(t => t.title === 'Plan')?.content;
      expect(plan).toMatch(
        /^invoice-api for development: \d+ objects, no resources, /,
      );
      expect(plan).toMatch(/invoice-api\.git/);
      // The local git provider's copy is read by a file location: no catalog:register.
      expect(messages(result)).toContain(
        'Skipping step register because its if condition was false',
      );
      expect(messages(result)).toContainEqual(
        expect.stringMatching(
          /^Dry run: would deploy invoice-api to development \(plan [0-9a-f]{64}\)/,
        ),
      );
      expect(result.output.links).toContainEqual(
        expect.objectContaining({ entityRef: 'component:default/invoice-api' }),
      );
      expect(result.output.links).toContainEqual(
        expect.objectContaining({ url: '/docs/default/component/invoice-api' }),
      );
    });

    it('leaves out the system when none is chosen', async () => {
      const { system: _, ...withoutSystem } = values;
      const other = await dryRun('typescript-service', {
        ...withoutSystem,
        name: 'no-system',
      });
      expect(stepFailures(other)).toEqual([]);
      const entity = parse(fileOf(other, 'catalog-info.yaml'));
      expect(entity.metadata.name).toBe('no-system');
      expect(entity.spec).not.toHaveProperty('system');
    });

    it('produces a service whose own tests pass with node --test', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'paved-generated-'));
      for (const file of result.directoryContents) {
        await mkdir(dirname(join(dir, file.path)), { recursive: true });
        await writeFile(
          join(dir, file.path),
          Buffer.from(file.base64Content, 'base64'),
        );
      }
      expect(existsSync(join(dir, 'test/server.test.js'))).toBe(true);
      const run = spawnSync(process.execPath, ['--test'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect({ status: run.status, stderr: run.stderr }).toEqual({
        status: 0,
        stderr: '',
      });
      expect(run.stdout).toMatch(/^\S+ pass 4$/m);
      expect(run.stdout).toMatch(/^\S+ fail 0$/m);
    });

    it('refuses a component name the catalog already has, before anything is created', async () => {
      const response = await request('/scaffolder/v2/dry-run', {
        template: loadTemplate('typescript-service'),
        values: { ...values, name: 'checkout' },
        secrets: {},
        directoryContents: directoryContents('typescript-service'),
      });
      // The first step fails, and the scaffolder answers with its error: no later step ran.
      expect(response.status).toBe(409);
      expect((await response.json()).error.message).toBe(
        'component:default/checkout already exists in the catalog (owned by group:default/payments); choose another name. Nothing was created.',
      );
    });

    it('refuses a name that is not a DNS label before running anything', async () => {
      const response = await request('/scaffolder/v2/dry-run', {
        template: loadTemplate('typescript-service'),
        values: { ...values, name: 'Invoice_API' },
        secrets: {},
        directoryContents: directoryContents('typescript-service'),
      });
      expect(response.status).toBe(400);
    });
  });

  describe('database-for-service', () => {
    const values = {
      component: 'component:default/orders',
      environment: 'staging',
      size: 'default',
      resourceName: 'orders-db',
    };

    it('asks for the component, environment, size class and name, then shows the plan', () => {
      const template = loadTemplate('database-for-service');
      const { parameters } = template.spec as {
        parameters: Array<{ properties: Record<string, any> }>;
      };
      expect(template.metadata.description).toContain(
        'paved.dev/score annotation',
      );
      expect(template.metadata.description).not.toMatch(/\burl\b/i);
      expect(parameters.map(p => Object.keys(p.properties))).toEqual([
        ['component'],
        ['environment', 'size', 'resourceName'],
        ['plan'],
      ]);
      expect(parameters[0].properties.component['ui:field']).toBe(
        'EntityPicker',
      );
      expect(parameters[2].properties.plan).toEqual({
        title: 'The plan',
        type: 'object',
        'ui:field': 'PavedPlan',
        'ui:options': {
          environment: '${{ parameters.environment }}',
          entityRef: '${{ parameters.component }}',
          resources: [
            {
              name: '${{ parameters.resourceName }}',
              type: 'postgres',
              class: '${{ parameters.size }}',
            },
          ],
        },
      });
    });

    it.each([
      ['staging', 35],
      ['production', 290],
    ])(
      'plans the component with the database for %s and would deploy it',
      async (environment, price) => {
        const result = await dryRun('database-for-service', {
          ...values,
          environment,
        });
        expect(stepFailures(result)).toEqual([]);
        expect(result.steps.map(s => s.action)).toEqual([
          'paved:plan',
          'paved:deploy',
        ]);
        const plan = result.output.text?.find(t => t.title === 'Plan')?.content;
        expect(plan).toMatch(
          new RegExp(
            `^orders for ${environment}: \\d+ objects, 1 resource \\(orders-db: postgres/default\\), ${price} USD a month\n`,
          ),
        );
        // The service's repository is not changed: the output says what to commit.
        expect(plan).toContain("did\nnot change the service's repository");
        expect(plan).toMatch(
          /\n`orders-db: \{ type: postgres, class: default \}`\n$/,
        );
        expect(result.directoryContents.map(f => f.path)).not.toContain(
          'score.yaml',
        );
        expect(messages(result)).toContainEqual(
          expect.stringMatching(
            new RegExp(`^Dry run: would deploy orders to ${environment} `),
          ),
        );
        expect(result.output.links).toContainEqual(
          expect.objectContaining({ entityRef: 'component:default/orders' }),
        );
      },
    );

    it('refuses a name the service already uses, with the orchestrator’s message', async () => {
      await expect(
        dryRun('database-for-service', {
          ...values,
          component: 'component:default/checkout',
          resourceName: 'db',
        }),
      ).rejects.toThrow(
        /already has a resource called \\"db\\"; choose another name/,
      );
    });

    it('fails clearly for a component without a paved.dev/score annotation', async () => {
      await expect(
        dryRun('database-for-service', {
          ...values,
          component: 'component:default/legacy',
        }),
      ).rejects.toThrow(
        /component:default\/legacy has no paved\.dev\/score annotation naming its score\.yaml/,
      );
    });
  });

  describe('ephemeral-environment', () => {
    const values = {
      service: 'component:default/orders',
      branch: 'feature/new-checkout',
      name: 'orders-new-checkout',
      ttl: '72h',
    };

    it('validates the environment, plans the service for it and would deploy, in a dry run that creates nothing', async () => {
      const result = await dryRun('ephemeral-environment', values);
      expect(stepFailures(result)).toEqual([]);
      expect(result.steps.map(s => s.action)).toEqual([
        'paved:environment:create',
        'paved:plan',
        'paved:deploy',
      ]);
      expect(
        result.output.text?.find(t => t.title === 'Environment')?.content,
      ).toMatch(
        /^Environment `orders-new-checkout` for branch\n`feature\/new-checkout`/,
      );
      // Nothing exists yet, so the dry run plans for the environment's template.
      expect(messages(result)).toEqual(
        expect.arrayContaining([
          'Dry run: would create environment orders-new-checkout from preview for 72h',
          'Dry run: environment orders-new-checkout does not exist yet (an earlier step would make it from preview); planning for preview',
          expect.stringMatching(
            /^Dry run: would deploy orders to preview \(plan [0-9a-f]{64}\)$/,
          ),
        ]),
      );
      expect(
        result.output.text?.find(t => t.title === 'Plan')?.content,
      ).toMatch(
        /^orders for preview: \d+ objects, no resources, no cost\n\nDeployment: dry-run\.\n$/,
      );
      const environment = await request(
        '/orchestrator/environments/orders-new-checkout',
      );
      expect(environment.status).toBe(404);
    });

    it('hands the plan and deploy steps what the environment step created, for the log should either fail', () => {
      const steps = loadTemplate('ephemeral-environment').spec.steps;
      expect(steps.find(s => s.id === 'plan')?.input).toEqual({
        entityRef: '${{ parameters.service }}',
        environment: '${{ steps.environment.output.name }}',
        environmentTemplate: '${{ steps.environment.output.template }}',
        createdBefore: ['${{ steps.environment.output.removeWith }}'],
      });
      expect(steps.find(s => s.id === 'deploy')?.input).toEqual({
        planHash: '${{ steps.plan.output.planHash }}',
        createdBefore: ['${{ steps.environment.output.removeWith }}'],
      });
    });

    it.each([
      ['a name that is not a DNS label', { name: 'feature/new-checkout' }],
      ['a lifetime the form does not offer', { ttl: '30d' }],
    ])('refuses %s', async (_, override) => {
      const response = await request('/scaffolder/v2/dry-run', {
        template: loadTemplate('ephemeral-environment'),
        values: { ...values, ...override },
        secrets: {},
        directoryContents: [],
      });
      expect(response.status).toBe(400);
    });
  });
});
