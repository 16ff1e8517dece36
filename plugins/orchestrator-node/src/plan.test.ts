import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createPlan } from './plan';
import {
  findEnvironment,
  loadPlatform,
  Platform,
  readPlatformDirectory,
} from './platform';
import { ResourceRenderer } from './resources';
import { toStableYaml } from './serialize';
import { loadWorkload } from './workload';

// Plans the checkout fixture against the repository's own platform/ folder.
// Golden files: UPDATE_GOLDEN=1 rewrites them; review the diff.

const scoreText = readFileSync(
  resolve(__dirname, 'kubernetes/__fixtures__/checkout.score.yaml'),
  'utf8',
);
const checkout = loadWorkload(scoreText, 'checkout.score.yaml');
let platform: Platform;
beforeAll(async () => {
  platform = await readPlatformDirectory(
    resolve(__dirname, '../../../platform'),
  );
});

const plan = (environment: string, workload = checkout) =>
  createPlan({
    workload,
    environment: findEnvironment(platform, environment),
    platform,
    builtImage: 'registry.northwind.example/checkout:3f2a9c1',
  });

const artifact = (p: ReturnType<typeof plan>, path: string) => {
  const found = p.artifacts.find(a => a.path === path);
  if (!found)
    throw new Error(
      `no artifact ${path}; have ${p.artifacts.map(a => a.path).join(', ')}`,
    );
  return parse(found.content);
};

describe('createPlan', () => {
  it.each(['development', 'staging', 'production', 'preview'])(
    'plans checkout for %s as in its golden file',
    env => {
      const result = plan(env);
      const golden = resolve(
        __dirname,
        '__golden__',
        `checkout.${env}.plan.yaml`,
      );
      const actual = toStableYaml(result);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, actual);
      expect(actual).toBe(readFileSync(golden, 'utf8'));
    },
  );

  it('uses the managed database with backups, encryption and tags in staging', () => {
    const result = plan('staging');
    expect(result.resources).toEqual([
      expect.objectContaining({
        name: 'db',
        type: 'postgres',
        class: 'default',
        id: 'checkout.db',
        definition: 'postgres-staging',
      }),
    ]);
    const claim = artifact(
      result,
      'resources/postgresqlinstance-checkout-db.yaml',
    );
    expect(claim.spec.parameters).toMatchObject({
      storageEncrypted: true,
      backup: { enabled: true, retentionDays: 7 },
      deletionProtection: false,
      tags: {
        owner: 'group:default/payments',
        'cost-center': 'cc-1042',
        environment: 'staging',
        workload: 'checkout',
      },
    });
    expect(claim.spec.compositionSelector).toEqual({
      matchLabels: { tier: 'managed' },
    });
    expect(result.cost.perMonth).toEqual([{ amount: 35, currency: 'USD' }]);
    const deployment = artifact(result, 'kubernetes/deployment-checkout.yaml');
    expect(deployment.spec.template.spec.containers[0].env).toContainEqual({
      name: 'DB_PASSWORD',
      valueFrom: {
        secretKeyRef: { name: 'checkout-db-connection', key: 'password' },
      },
    });
  });

  it('protects the production database from deletion and runs in-cluster for development', () => {
    expect(
      artifact(
        plan('production'),
        'resources/postgresqlinstance-checkout-db.yaml',
      ).spec.parameters,
    ).toMatchObject({
      deletionProtection: true,
      multiAZ: true,
      backup: { retentionDays: 30 },
    });
    const dev = plan('development');
    expect(dev.resources[0].definition).toBe('postgres-development');
    expect(dev.resources[0].outputs.host).toEqual({
      kind: 'text',
      value: 'checkout-db.checkout-development.svc',
    });
    expect(dev.cost.perMonth).toEqual([{ amount: 4, currency: 'USD' }]);
  });

  it('is deterministic: same inputs, same bytes and hash; other inputs, other hash', () => {
    const a = plan('staging');
    const b = plan('staging');
    expect(toStableYaml(b)).toBe(toStableYaml(a));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    const other = createPlan({
      workload: checkout,
      environment: findEnvironment(platform, 'staging'),
      platform,
      builtImage: 'x:2',
    });
    expect(other.hash).not.toBe(a.hash);
  });

  it('counts the workloads already in an environment against its cost cap', () => {
    const preview = findEnvironment(platform, 'preview');
    const alone = createPlan({
      workload: checkout,
      environment: preview,
      platform,
    });
    expect(alone.cost.environmentPerMonth).toBeUndefined();
    const own = alone.cost.perMonth.find(m => m.currency === 'USD')!.amount;
    expect(own).toBeLessThan(50);
    expect(alone.verdicts.map(v => v.policy)).not.toContain(
      'ephemeral-cost-cap',
    );

    const crowded = createPlan({
      workload: checkout,
      environment: preview,
      platform,
      otherWorkloadsCost: [
        { amount: 48.5, currency: 'USD' },
        { amount: 3, currency: 'EUR' },
      ],
    });
    expect(crowded.cost.perMonth).toEqual(alone.cost.perMonth);
    expect(crowded.cost.environmentPerMonth).toEqual([
      { amount: 3, currency: 'EUR' },
      { amount: own + 48.5, currency: 'USD' },
    ]);
    expect(crowded.hash).not.toBe(alone.hash);
    expect(crowded.verdicts).toContainEqual(
      expect.objectContaining({
        policy: 'ephemeral-cost-cap',
        action: 'deny',
        message: `The environment would cost ${
          own + 48.5
        } USD a month with this plan (${own} USD), over the cost cap of preview (50 USD)`,
      }),
    );
  });

  it('includes the CI workflow for the workload’s repository when asked', () => {
    const result = createPlan({
      workload: checkout,
      environment: findEnvironment(platform, 'staging'),
      platform,
      ci: {
        imageRepository: 'registry.northwind.example/checkout',
        language: 'node',
        pavedUrl: 'https://paved.northwind.example',
      },
    });
    const workflow = result.artifacts.find(a => a.kind === 'GitHubWorkflow');
    expect(workflow?.path).toBe('.github/workflows/paved.yaml');
    expect(parse(workflow!.content).jobs.deploy).toBeDefined();
    expect(result.hash).not.toBe(plan('staging').hash);
  });

  it('refuses a resource type no definition provides, naming type, class and environment', () => {
    const workload = loadWorkload(
      `${scoreText}  queue:\n    type: amqp\n`,
      'redis.yaml',
    );
    expect(() => plan('staging', workload)).toThrow(
      'No resource definition matches type "amqp", class "default" in environment "staging" (staging) for resource "checkout.queue"',
    );
  });

  it('refuses params the platform does not let workloads set', () => {
    const workload = loadWorkload(
      scoreText.replace(
        '    type: postgres\n',
        '    type: postgres\n    params:\n      deletionProtection: false\n',
      ),
      'params.yaml',
    );
    expect(() => plan('production', workload)).toThrow(
      'resources.db.params: "deletionProtection" cannot be set for postgres in environment "production"; settable: version, storageGB',
    );
  });

  it('checks claims against the platform’s XRDs, naming the definition and the field', () => {
    const override = (value: string) =>
      loadWorkload(
        scoreText.replace(
          '    type: postgres\n',
          `    type: postgres\n    params:\n      storageGB: ${value}\n`,
        ),
        'xrd.yaml',
      );
    expect(plan('staging', override('50')).warnings).toEqual([]);
    expect(() => plan('staging', override('"lots"'))).toThrow(
      'resource definition "postgres-staging" rendered an invalid PostgreSQLInstance "checkout-db": spec.parameters.storageGB: must be integer',
    );
    expect(() => plan('production', override('1'))).toThrow(
      'resource definition "postgres-production" rendered an invalid PostgreSQLInstance "checkout-db": spec.parameters.storageGB: must be >= 5',
    );
  });

  it('names a renderer that is not installed, and accepts one that a module adds', () => {
    const custom = loadPlatform([
      {
        path: 'env.yaml',
        text: 'apiVersion: paved.dev/v1alpha1\nkind: Environment\nmetadata: {name: staging}\nspec: {type: staging, cluster: c, domain: d}\n',
      },
      {
        path: 'pg.yaml',
        text: 'apiVersion: paved.dev/v1alpha1\nkind: ResourceDefinition\nmetadata: {name: pg}\nspec: {type: postgres, renderer: {name: company-dba}, outputs: {host: db.internal}}\n',
      },
    ]);
    const input = {
      workload: checkout,
      environment: custom.environments[0],
      platform: custom,
    };
    expect(() => createPlan(input)).toThrow(
      'Resource definition "pg" uses renderer "company-dba", which is not installed; installed: crossplane-claim, dns, route, service-port',
    );
    const dba: ResourceRenderer = {
      name: 'company-dba',
      render: () => ({
        objects: [],
        outputs: {
          host: { kind: 'text', value: 'db.internal' },
          port: { kind: 'text', value: '5432' },
          password: { kind: 'secret', secretRef: { name: 'dba', key: 'pw' } },
        },
      }),
    };
    expect(
      createPlan({ ...input, renderers: [dba] }).resources[0].definition,
    ).toBe('pg');
  });
});
