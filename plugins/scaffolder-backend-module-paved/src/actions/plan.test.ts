import { InputError, NotFoundError } from '@backstage/errors';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, runExample } from '../__testUtils__/context';
import {
  score,
  startOrchestrator,
  TestOrchestrator,
} from '../__testUtils__/orchestrator';
import { createPlanAction, examples } from './plan';

jest.setTimeout(60_000);

describe('paved:plan', () => {
  let orchestrator: TestOrchestrator;
  let workspacePath: string;
  beforeAll(async () => {
    orchestrator = await startOrchestrator();
  });
  afterAll(() => orchestrator.stop());
  afterEach(() => jest.restoreAllMocks());
  beforeEach(async () => {
    workspacePath = await mkdtemp(join(tmpdir(), 'paved-workspace-'));
    await writeFile(join(workspacePath, 'score.yaml'), score('checkout'));
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
    },
  );
});
