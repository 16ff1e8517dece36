import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, runExample, workspaceWith } from '../__testUtils__/context';
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
    workspacePath = await workspaceWith();
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
    expect(created).toEqual({
      name: 'pr-7',
      template: 'preview',
      expiresAt: expect.any(String),
      removeWith: `the environment pr-7 (from preview; the orchestrator destroys it, and what was deployed to it, when it expires at ${created.expiresAt}): press Destroy on its row at /environments, or curl -X DELETE -H "Authorization: Bearer $BACKSTAGE_TOKEN" ${orchestrator.baseUrl}/orchestrator/environments/pr-7 with a signed-in user's Backstage token (the API takes no service tokens)`,
    });
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
    expect(outputs).toEqual({ name: 'pr-9', template: 'preview' });
    await expect(
      orchestrator.client.getEnvironment('pr-9', orchestrator.asJane),
    ).rejects.toThrow(/404/);
  });

  it('lets paved:plan plan, in a dry run, the environment it would have made as its template', async () => {
    const logs: string[] = [];
    const would = await run(
      action(),
      { name: 'pr-12' },
      { workspacePath, isDryRun: true },
    );
    await writeFile(join(workspacePath, 'score.yaml'), score('checkout'));
    const plan = createPlanAction({ client: orchestrator.client });
    const input = {
      environment: would.name,
      environmentTemplate: would.template,
    };
    const planned = await run(plan, input, {
      workspacePath,
      isDryRun: true,
      logs,
    });
    expect(planned.summary).toMatch(/^checkout for preview: /);
    expect(logs).toContain(
      'info: Dry run: environment pr-12 does not exist yet (an earlier step would make it from preview); planning for preview',
    );
    // When the task runs, the environment is the one the first step made.
    await expect(run(plan, input, { workspacePath })).rejects.toThrow(
      /Unknown environment "pr-12"/,
    );
    await run(action(), { name: 'pr-12' }, { workspacePath });
    expect(
      (await run(plan, input, { workspacePath, isDryRun: true })).summary,
    ).toMatch(/^checkout for pr-12: /);
  });

  it('says how to remove what it created, and that request removes exactly that', async () => {
    const { removeWith } = await run(
      action(),
      { name: 'pr-10' },
      { workspacePath },
    );
    const url = removeWith.match(/curl -X DELETE .* (\S+) with a signed-in/)[1];
    const response = await fetch(url, {
      method: 'DELETE',
      headers: { Authorization: mockCredentials.user.header(JANE) },
    });
    expect(response.status).toBe(200);
    expect(
      await orchestrator.client.getEnvironment('pr-10', orchestrator.asJane),
    ).toMatchObject({ state: 'destroyed' });
    expect(orchestrator.notifications).toHaveLength(1);
    expect(
      await orchestrator.client.getEnvironment('pr-7', orchestrator.asJane),
    ).toMatchObject({ state: 'active' });
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

describe('paved:environment:create, when a later step fails', () => {
  let orchestrator: TestOrchestrator;
  beforeAll(async () => {
    // A GitOps repository that is not there: every delivery fails.
    orchestrator = await startOrchestrator({
      gitops: { repository: join(tmpdir(), 'paved-missing', 'gitops.git') },
    });
  });
  afterAll(() => orchestrator.stop());

  const removeAdvice = (removeWith: string, retry: string) =>
    `error: The task stops here. Earlier steps created, and nothing removed:\n  - ${removeWith}\nRemove them, or fix the error and ${retry}.`;

  it('a plan that fails: the task log says the environment exists and how to remove it', async () => {
    const workspacePath = await workspaceWith();
    const { client } = orchestrator;
    const environment = await run(
      createEnvironmentCreateAction({ client }),
      { name: 'pr-13' },
      { workspacePath },
    );
    const logs: string[] = [];
    // A service that has no score.yaml in the workspace.
    await expect(
      run(
        createPlanAction({ client }),
        {
          environment: environment.name,
          createdBefore: [environment.removeWith],
        },
        { workspacePath, logs },
      ),
    ).rejects.toThrow('score.yaml is not in the workspace');
    expect(logs).toContainEqual(
      removeAdvice(
        environment.removeWith,
        'plan and deploy with paved:plan and paved:deploy',
      ),
    );
  });

  it('a deployment that fails: the task log says the environment exists and how to remove it', async () => {
    const workspacePath = await workspaceWith();
    const { client } = orchestrator;
    const environment = await run(
      createEnvironmentCreateAction({ client }),
      { name: 'pr-11', ttl: '4h' },
      { workspacePath },
    );
    await writeFile(join(workspacePath, 'score.yaml'), score('orders'));
    const { planHash } = await run(
      createPlanAction({ client }),
      { environment: environment.name },
      { workspacePath },
    );
    const logs: string[] = [];
    await expect(
      run(
        createDeployAction({ client, pollIntervalMs: 20 }),
        { planHash, createdBefore: [environment.removeWith] },
        { workspacePath, logs },
      ),
    ).rejects.toThrow(
      /^Deployment \S+ \(orders revision 1 to pr-11\) failed: /,
    );
    expect(logs).toContainEqual(
      removeAdvice(
        environment.removeWith,
        'deploy again with paved:deploy or the portal',
      ),
    );
    expect(environment.removeWith).toMatch(
      /^the environment pr-11 \(from preview; .* when it expires at \S+\): press Destroy on its row at \/environments, or curl -X DELETE /,
    );
  });
});
