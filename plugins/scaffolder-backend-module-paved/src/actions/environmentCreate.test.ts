import { InputError } from '@backstage/errors';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, runExample } from '../__testUtils__/context';
import {
  JANE,
  score,
  startOrchestrator,
  TestOrchestrator,
} from '../__testUtils__/orchestrator';
import { createDeployAction } from './deploy';
import { createEnvironmentCreateAction, examples } from './environmentCreate';
import { createPlanAction } from './plan';

jest.setTimeout(60_000);

describe('paved:environment:create', () => {
  let orchestrator: TestOrchestrator;
  let workspacePath: string;
  beforeAll(async () => {
    orchestrator = await startOrchestrator();
  });
  afterAll(() => orchestrator.stop());
  afterEach(() => jest.restoreAllMocks());
  beforeEach(async () => {
    workspacePath = await mkdtemp(join(tmpdir(), 'paved-workspace-'));
  });
  const action = () =>
    createEnvironmentCreateAction({ client: orchestrator.client });

  it('creates a preview environment that plan and deploy then use; a retried task creates it once', async () => {
    const checkpoints = new Map<string, unknown>();
    const before = Date.now();
    const created = await run(
      action(),
      { name: 'pr-7', ttl: '2h' },
      { workspacePath, checkpoints },
    );
    expect(created.name).toBe('pr-7');
    const expires = new Date(created.expiresAt).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 2 * 3600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 2 * 3600_000 + 1000);
    expect(
      await orchestrator.client.getEnvironment('pr-7', orchestrator.asJane),
    ).toMatchObject({ type: 'ephemeral', template: 'preview', owner: JANE });

    // Retried: the checkpoint answers; without it the orchestrator says 409.
    expect(
      await run(action(), { name: 'pr-7' }, { workspacePath, checkpoints }),
    ).toEqual(created);
    await expect(
      run(action(), { name: 'pr-7' }, { workspacePath }),
    ).rejects.toThrow(/^The orchestrator could not create environment \(409/);

    await writeFile(join(workspacePath, 'score.yaml'), score('checkout'));
    const { planHash, cost } = await run(
      createPlanAction({ client: orchestrator.client }),
      { environment: 'pr-7' },
      { workspacePath },
    );
    expect(cost).toEqual([{ amount: 4, currency: 'USD' }]);
    const deployed = await run(
      createDeployAction({ client: orchestrator.client, pollIntervalMs: 20 }),
      { planHash },
      { workspacePath },
    );
    expect(deployed).toMatchObject({ revision: 1, state: 'delivered' });
  });

  it('refuses a name that is not an RFC 1123 label, a bad ttl or owner, before anything runs', async () => {
    const create = jest.spyOn(orchestrator.client, 'createEnvironment');
    for (const input of [
      { name: 'PR_42' },
      { name: '-pr' },
      { name: 'a'.repeat(64) },
      { name: '${{ parameters.name }}' },
      { name: 'pr-1', ttl: 'forever' },
      { name: 'pr-1', template: '../production' },
      { name: 'pr-1', owner: 'group:' },
    ]) {
      await expect(run(action(), input, { workspacePath })).rejects.toThrow(
        InputError,
      );
    }
    expect(create).not.toHaveBeenCalled();
  });

  it('passes on the orchestrator’s refusal of a ttl beyond the template’s maximum', async () => {
    await expect(
      run(action(), { name: 'pr-8', ttl: '30d' }, { workspacePath }),
    ).rejects.toThrow(/^The orchestrator could not create environment \(400/);
  });

  it('only validates in a dry run', async () => {
    const outputs = await run(
      action(),
      { name: 'pr-9', owner: 'payments' },
      { workspacePath, isDryRun: true },
    );
    expect(outputs).toEqual({ name: 'pr-9' });
    await expect(
      orchestrator.client.getEnvironment('pr-9', orchestrator.asJane),
    ).rejects.toThrow(/404/);
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      const results = await runExample(
        example,
        { 'paved:environment:create': action() },
        { workspacePath },
      );
      expect(results.environment.expiresAt).toEqual(expect.any(String));
      expect(
        await orchestrator.client.getEnvironment(
          results.environment.name,
          orchestrator.asJane,
        ),
      ).toMatchObject({ state: 'active' });
    },
  );
});
