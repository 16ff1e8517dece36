import { InputError, NotFoundError } from '@backstage/errors';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { run, runExample, workspaceWith } from '../__testUtils__/context';
import {
  componentOnDisk,
  score,
  startOrchestrator,
  TestOrchestrator,
} from '../__testUtils__/orchestrator';
import { createPlanAction } from './plan';
import { examples } from './plan.examples';

jest.setTimeout(60_000);

/** The checkout component's own score.yaml: unlike the workspace's, version 2.0.0. */
const CATALOG_IMAGE = 'registry.northwind.example/checkout:2.0.0';

describe('paved:plan', () => {
  let orchestrator: TestOrchestrator;
  let workspacePath: string;
  beforeAll(async () => {
    orchestrator = await startOrchestrator({}, [
      componentOnDisk('checkout', score('checkout', { image: CATALOG_IMAGE })),
      componentOnDisk('legacy'),
    ]);
  });
  afterAll(() => orchestrator.stop());
  afterEach(() => jest.restoreAllMocks());
  beforeEach(async () => {
    workspacePath = await workspaceWith({ 'score.yaml': score('checkout') });
  });

  it('plans the workspace’s score.yaml: hash, summary, cost and verdicts', async () => {
    const action = createPlanAction({ client: orchestrator.client });
    const outputs = await run(
      action,
      { environment: 'development' },
      { workspacePath },
    );
    expect(outputs.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(outputs.summary).toMatch(
      /^checkout for development: \d+ objects, 1 resource \(db: postgres\/default\), 4 USD a month$/,
    );
    expect(outputs.cost).toEqual([{ amount: 4, currency: 'USD' }]);
    expect(outputs.verdicts).toEqual(expect.any(Array));
    expect(outputs.verdicts.filter((v: any) => v.action === 'deny')).toEqual(
      [],
    );
    // The same plan the orchestrator stored, by its hash.
    const stored = await orchestrator.client.getPlan(
      outputs.planHash,
      orchestrator.asJane,
    );
    expect(stored.workload).toBe('checkout');
  });

  it('lists a verdict that requires approval without failing', async () => {
    await writeFile(
      join(workspacePath, 'score.yaml'),
      score('checkout', {
        extraResources: ['db2', 'db3', 'db4']
          .map(n => `  ${n}:\n    type: postgres\n`)
          .join(''),
      }),
    );
    const outputs = await run(
      createPlanAction({ client: orchestrator.client }),
      { environment: 'production' },
      { workspacePath },
    );
    expect(outputs.cost).toEqual([{ amount: 1160, currency: 'USD' }]);
    expect(outputs.verdicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          policy: 'production-cost-approval',
          action: 'require-approval',
        }),
      ]),
    );
  });

  it('fails on a deny verdict with the policy, its message and its fix', async () => {
    await writeFile(
      join(workspacePath, 'score.yaml'),
      score('checkout', { image: 'nginx:latest' }),
    );
    const promise = run(
      createPlanAction({ client: orchestrator.client }),
      { environment: 'development' },
      { workspacePath },
    );
    await expect(promise).rejects.toThrow(InputError);
    await expect(promise).rejects.toThrow(
      /^Guardrails refuse to deploy checkout to development:\n/,
    );
    await expect(promise).rejects.toThrow(
      /\n- disallow-latest-tag \(Deployment checkout\): The latest tag is not allowed: nginx:latest\. Fix: Give every image an immutable version/,
    );
  });

  it('refuses bad input before asking the orchestrator', async () => {
    const plan = jest.spyOn(orchestrator.client, 'plan');
    const action = createPlanAction({ client: orchestrator.client });
    await expect(
      run(action, { environment: 'Production_1' }, { workspacePath }),
    ).rejects.toThrow(/environment "Production_1" must be an RFC 1123 label/);
    await expect(
      run(
        action,
        { environment: 'development', scorePath: '../score.yaml' },
        { workspacePath },
      ),
    ).rejects.toThrow(/must be a relative path inside the workspace/);
    await expect(
      run(
        action,
        { environment: 'development', scorePath: '/etc/passwd' },
        { workspacePath },
      ),
    ).rejects.toThrow(InputError);
    await expect(
      run(
        action,
        { environment: 'development', scorePath: '${{ parameters.path }}' },
        { workspacePath },
      ),
    ).rejects.toThrow(/template expression/);
    await expect(
      run(
        action,
        { environment: 'development', scorePath: 'missing.yaml' },
        { workspacePath },
      ),
    ).rejects.toThrow(NotFoundError);
    expect(plan).not.toHaveBeenCalled();
  });

  it('names what the orchestrator said when it refuses to plan', async () => {
    await expect(
      run(
        createPlanAction({ client: orchestrator.client }),
        { environment: 'nowhere' },
        { workspacePath },
      ),
    ).rejects.toThrow(
      /^The orchestrator could not plan \(404 Not Found\): .*nowhere/,
    );
  });

  it('still plans in a dry run', async () => {
    const outputs = await run(
      createPlanAction({ client: orchestrator.client }),
      { environment: 'staging' },
      { workspacePath, isDryRun: true },
    );
    expect(outputs.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(outputs.cost).toEqual([{ amount: 35, currency: 'USD' }]);
  });

  describe('a catalog component and added resources', () => {
    it('plans the component’s own score.yaml with the added resource, without reading the workspace', async () => {
      const emptyWorkspace = await workspaceWith();
      const outputs = await run(
        createPlanAction({ client: orchestrator.client }),
        {
          environment: 'staging',
          entityRef: 'component:default/checkout',
          resources: { orders: { type: 'postgres', class: 'default' } },
        },
        { workspacePath: emptyWorkspace, isDryRun: true },
      );
      expect(outputs.summary).toMatch(
        /^checkout for staging: \d+ objects, 2 resources \(db: postgres\/default, orders: postgres\/default\), 70 USD a month$/,
      );
      expect(outputs.cost).toEqual([{ amount: 70, currency: 'USD' }]);
      const stored = await orchestrator.client.getPlan(
        outputs.planHash,
        orchestrator.asJane,
      );
      expect(stored.resources).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: 'orders',
            type: 'postgres',
            class: 'default',
          }),
        ]),
      );
      // The component's score.yaml, not the workspace's (which has none).
      expect(JSON.stringify(stored.artifacts)).toContain(CATALOG_IMAGE);
    });

    it('adds resources to the workspace’s score.yaml too', async () => {
      const outputs = await run(
        createPlanAction({ client: orchestrator.client }),
        {
          environment: 'development',
          resources: { cache: { type: 'redis' } },
        },
        { workspacePath },
      );
      expect(outputs.summary).toMatch(
        /^checkout for development: \d+ objects, 2 resources \(.*cache: redis\/default.*\), /,
      );
      const stored = await orchestrator.client.getPlan(
        outputs.planHash,
        orchestrator.asJane,
      );
      expect(JSON.stringify(stored.artifacts)).not.toContain(CATALOG_IMAGE);
    });

    it('refuses entityRef together with scorePath, naming both', async () => {
      const plan = jest.spyOn(orchestrator.client, 'plan');
      const promise = run(
        createPlanAction({ client: orchestrator.client }),
        {
          environment: 'staging',
          entityRef: 'component:default/checkout',
          scorePath: 'score.yaml',
        },
        { workspacePath },
      );
      await expect(promise).rejects.toThrow(InputError);
      await expect(promise).rejects.toThrow(
        /^Give entityRef .* or scorePath .*, not both$/,
      );
      expect(plan).not.toHaveBeenCalled();
    });

    it.each([
      [
        'a kind that is not a component',
        'group:default/payments',
        /^entityRef "group:default\/payments" is a group, not a component/,
      ],
      [
        'a name without a kind',
        'checkout',
        /^entityRef "checkout" is not an entity reference/,
      ],
      [
        'a URL',
        'https://git.example/checkout/score.yaml',
        /is not an entity reference/,
      ],
      [
        'a template expression',
        '${{ parameters.component }}',
        /^entityRef "\$\{\{ parameters\.component \}\}" contains a template expression/,
      ],
    ])(
      'refuses an entityRef with %s before asking the orchestrator',
      async (_, entityRef, message) => {
        const plan = jest.spyOn(orchestrator.client, 'plan');
        const promise = run(
          createPlanAction({ client: orchestrator.client }),
          { environment: 'staging', entityRef },
          { workspacePath },
        );
        await expect(promise).rejects.toThrow(InputError);
        await expect(promise).rejects.toThrow(message);
        expect(plan).not.toHaveBeenCalled();
      },
    );

    it.each([
      [
        'a name that is not a label',
        { 'Orders DB': { type: 'postgres' } },
        /^resource name "Orders DB" must be an RFC 1123 label/,
      ],
      [
        'a templated name the scaffolder left as it was',
        { '${{ parameters.resourceName }}': { type: 'postgres' } },
        /^resource name "\$\{\{ parameters\.resourceName \}\}" contains a template expression that was not rendered: the scaffolder renders values, not keys, so give resources as a list of \{ name, type, class \}$/,
      ],
      [
        'no type',
        { orders: { class: 'default' } },
        /^resources\.orders needs a type/,
      ],
      [
        'a type that is not one',
        { orders: { type: 'Postgres SQL' } },
        /^resources\.orders\.type "Postgres SQL" is not a resource type/,
      ],
      [
        'a class that is not a label',
        { orders: { type: 'postgres', class: 'Big_One' } },
        /^resources\.orders\.class "Big_One" must be an RFC 1123 label/,
      ],
    ])(
      'refuses resources with %s before asking the orchestrator',
      async (_, resources, message) => {
        const plan = jest.spyOn(orchestrator.client, 'plan');
        const promise = run(
          createPlanAction({ client: orchestrator.client }),
          {
            environment: 'staging',
            entityRef: 'component:default/checkout',
            resources,
          },
          { workspacePath },
        );
        await expect(promise).rejects.toThrow(InputError);
        await expect(promise).rejects.toThrow(message);
        expect(plan).not.toHaveBeenCalled();
      },
    );

    it('takes resources as a list too, as a template gives them', async () => {
      const outputs = await run(
        createPlanAction({ client: orchestrator.client }),
        {
          environment: 'staging',
          entityRef: 'component:default/checkout',
          resources: [
            { name: 'orders', type: 'postgres' },
            { name: 'cache', type: 'redis', class: 'default' },
          ],
        },
        { workspacePath, isDryRun: true },
      );
      expect(outputs.summary).toMatch(
        /^checkout for staging: \d+ objects, 3 resources \(.*orders: postgres\/default.*\), /,
      );
      expect(outputs.summary).toContain('cache: redis/default');
      const plan = jest.spyOn(orchestrator.client, 'plan');
      await expect(
        run(
          createPlanAction({ client: orchestrator.client }),
          {
            environment: 'staging',
            entityRef: 'component:default/checkout',
            resources: [
              { name: 'orders', type: 'postgres' },
              { name: 'orders', type: 'redis' },
            ],
          },
          { workspacePath },
        ),
      ).rejects.toThrow(/^resources has orders more than once$/);
      expect(plan).not.toHaveBeenCalled();
    });

    it('refuses a resource the component already has, with the orchestrator’s message', async () => {
      await expect(
        run(
          createPlanAction({ client: orchestrator.client }),
          {
            environment: 'staging',
            entityRef: 'component:default/checkout',
            resources: { db: { type: 'postgres' } },
          },
          { workspacePath },
        ),
      ).rejects.toThrow(
        /^The orchestrator could not plan \(400 Bad Request\): .* already has a resource called "db"; choose another name$/,
      );
    });

    it('names a component without a paved.dev/score annotation', async () => {
      await expect(
        run(
          createPlanAction({ client: orchestrator.client }),
          { environment: 'staging', entityRef: 'component:default/legacy' },
          { workspacePath },
        ),
      ).rejects.toThrow(
        /^The orchestrator could not plan \(400 Bad Request\): component:default\/legacy has no paved\.dev\/score annotation/,
      );
    });
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      await mkdir(join(workspacePath, 'deploy'));
      // The CI-built image replaces ".", as the second example passes one.
      await writeFile(
        join(workspacePath, 'deploy', 'score.yaml'),
        score('checkout', { image: '.' }),
      );
      const results = await runExample(
        example,
        { 'paved:plan': createPlanAction({ client: orchestrator.client }) },
        { workspacePath },
      );
      expect(results.plan.planHash).toMatch(/^[0-9a-f]{64}$/);
      expect(results.plan.summary).toMatch(/^checkout for /);
      // An example that adds resources shows them in the plan.
      const { steps } = parse(example) as {
        steps: Array<{ input: { resources?: Record<string, any> | any[] } }>;
      };
      const added = steps[0].input.resources ?? {};
      for (const [name, spec] of Array.isArray(added)
        ? added.map(r => [r.name, r])
        : Object.entries(added)) {
        expect(results.plan.summary).toContain(
          `${name}: ${spec.type}/${spec.class ?? 'default'}`,
        );
      }
    },
  );
});
