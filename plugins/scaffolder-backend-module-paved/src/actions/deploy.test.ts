import { InputError } from '@backstage/errors';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, runExample, workspaceWith } from '../__testUtils__/context';
import {
  git,
  score,
  startOrchestrator,
  TestOrchestrator,
} from '../__testUtils__/orchestrator';
import { createDeployAction, examples } from './deploy';
import { createPlanAction } from './plan';

jest.setTimeout(60_000);

const expensive = ['db2', 'db3', 'db4']
  .map(n => `  ${n}:\n    type: postgres\n`)
  .join('');

describe('paved:deploy', () => {
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

  /** Plans a workload (each test its own, so none is in flight for another). */
  const plan = async (name: string, environment: string, extra = '') => {
    await writeFile(
      join(workspacePath, 'score.yaml'),
      score(name, { extraResources: extra }),
    );
    const outputs = await run(
      createPlanAction({ client: orchestrator.client }),
      { environment },
      { workspacePath },
    );
    return outputs.planHash as string;
  };
  const deployAction = () =>
    createDeployAction({ client: orchestrator.client, pollIntervalMs: 20 });

  it('deploys to development and waits until delivered; a retried task does not deploy twice', async () => {
    const planHash = await plan('orders', 'development');
    const deploy = jest.spyOn(orchestrator.client, 'deploy');
    const checkpoints = new Map<string, unknown>();
    const first = await run(
      deployAction(),
      { planHash },
      { workspacePath, checkpoints },
    );
    expect(first).toEqual({
      deploymentId: expect.any(String),
      revision: 1,
      state: 'delivered',
      link: '/catalog/default/component/orders/deployments?environment=development',
    });
    const commits = git(orchestrator.gitops, 'rev-list', '--count', 'main');
    expect(
      git(orchestrator.gitops, 'ls-tree', '-r', '--name-only', 'main'),
    ).toContain('development/orders/kubernetes/deployment-orders.yaml');

    const retried = await run(
      deployAction(),
      { planHash },
      { workspacePath, checkpoints },
    );
    expect(retried).toEqual(first);
    expect(deploy).toHaveBeenCalledTimes(1);
    expect(git(orchestrator.gitops, 'rev-list', '--count', 'main')).toBe(
      commits,
    );
  });

  it('succeeds with pending-approval when a guardrail requires approval, without waiting', async () => {
    const planHash = await plan('ledger', 'production', expensive);
    const getDeployment = jest.spyOn(orchestrator.client, 'getDeployment');
    const outputs = await run(deployAction(), { planHash }, { workspacePath });
    expect(outputs).toMatchObject({
      revision: 1,
      state: 'pending-approval',
      link: '/approvals',
    });
    expect(getDeployment).not.toHaveBeenCalled();
  });

  it('returns delivering without waiting when asked not to', async () => {
    const planHash = await plan('catalogue', 'staging');
    const outputs = await run(
      deployAction(),
      { planHash, waitForDelivery: false },
      { workspacePath },
    );
    expect(outputs).toMatchObject({ revision: 1, state: 'delivering' });
  });

  it('names the conflict the orchestrator reports', async () => {
    const pending = await plan('billing', 'production', expensive);
    await run(deployAction(), { planHash: pending }, { workspacePath });
    const other = await plan('billing', 'production');
    await expect(
      run(deployAction(), { planHash: other }, { workspacePath }),
    ).rejects.toThrow(
      /^The orchestrator could not deploy \(409 Conflict\): .*pending-approval/,
    );
  });

  it('refuses what is not a plan hash before asking the orchestrator', async () => {
    const deploy = jest.spyOn(orchestrator.client, 'deploy');
    await expect(
      run(
        deployAction(),
        { planHash: '${{ steps.plan.output.planHash }}' },
        { workspacePath },
      ),
    ).rejects.toThrow(InputError);
    await expect(
      run(
        deployAction(),
        { planHash: 'a'.repeat(64), timeoutSeconds: 0 },
        { workspacePath },
      ),
    ).rejects.toThrow(/timeoutSeconds/);
    expect(deploy).not.toHaveBeenCalled();
  });

  it('deploys nothing in a dry run', async () => {
    const planHash = await plan('shipping', 'development');
    const deploy = jest.spyOn(orchestrator.client, 'deploy');
    const outputs = await run(
      deployAction(),
      { planHash },
      { workspacePath, isDryRun: true },
    );
    expect(outputs).toEqual({ state: 'dry-run' });
    expect(deploy).not.toHaveBeenCalled();
    // The same plan deploys afterwards as revision 1: the dry run made none.
    expect(
      (await orchestrator.client.deploy(planHash, orchestrator.asJane))
        .deployment.revision,
    ).toBe(1);
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      await writeFile(
        join(workspacePath, 'score.yaml'),
        score(`example-${examples.findIndex(e => e.example === example)}`),
      );
      const results = await runExample(
        example,
        {
          'paved:plan': createPlanAction({ client: orchestrator.client }),
          'paved:deploy': deployAction(),
        },
        { workspacePath },
      );
      expect(results.deploy).toMatchObject({
        revision: 1,
        state: expect.stringMatching(/^(delivered|delivering)$/),
      });
    },
  );
});

describe('paved:deploy when delivery fails', () => {
  let orchestrator: TestOrchestrator;
  beforeAll(async () => {
    // A GitOps repository that is not there: every delivery fails.
    orchestrator = await startOrchestrator({
      gitops: { repository: join(tmpdir(), 'paved-missing', 'gitops.git') },
    });
  });
  afterAll(() => orchestrator.stop());

  it('fails the step with the orchestrator’s error', async () => {
    const workspacePath = await workspaceWith({
      'score.yaml': score('orders'),
    });
    const { planHash } = await run(
      createPlanAction({ client: orchestrator.client }),
      { environment: 'development' },
      { workspacePath },
    );
    const logs: string[] = [];
    await expect(
      run(
        createDeployAction({ client: orchestrator.client, pollIntervalMs: 20 }),
        {
          planHash,
          createdBefore: [
            "the repository /srv/paved/orders.git: rm -rf '/srv/paved/orders.git'",
          ],
        },
        { workspacePath, logs },
      ),
    ).rejects.toThrow(
      /^Deployment \S+ \(orders revision 1 to development\) failed: .*gitops\.git/,
    );
    // A late step's failure says exactly what the task left behind and how to remove it.
    expect(logs).toContainEqual(
      "error: The task stops here. Earlier steps created, and nothing removed:\n  - the repository /srv/paved/orders.git: rm -rf '/srv/paved/orders.git'\nRemove them, or fix the error and deploy again with paved:deploy or the portal.",
    );
  });
});
