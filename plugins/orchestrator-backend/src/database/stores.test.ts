import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import type { Plan } from '@paved/plugin-orchestrator-node';
import { ApprovalStore } from './ApprovalStore';
import { DeploymentStore, NewDeployment } from './DeploymentStore';
import { EnvironmentStore } from './EnvironmentStore';
import { ExtensionStore } from './ExtensionStore';
import { applyDatabaseMigrations } from './migrations';
import { PlanStore } from './PlanStore';
import { WorkloadStore } from './WorkloadStore';

jest.setTimeout(60_000);

// Real PostgreSQL 15 and SQLite: scripts/test points TestDatabases at the machine's PostgreSQL.
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function stores(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  return {
    knex,
    deployments: new DeploymentStore(knex),
    environments: new EnvironmentStore(knex),
    plans: new PlanStore(knex),
    workloads: new WorkloadStore(knex),
    approvals: new ApprovalStore(knex),
    extensions: new ExtensionStore(knex),
  };
}

const deployment = (overrides: Partial<NewDeployment> = {}): NewDeployment => ({
  workload: 'checkout',
  environment: 'development',
  planHash: 'a'.repeat(64),
  state: 'delivering',
  requestedBy: 'user:default/jane',
  target: 'gitops',
  ...overrides,
});

describe.each(databases.eachSupportedId())('stores on %p', databaseId => {
  it('numbers revisions per workload and environment, and keeps one in flight', async () => {
    const { deployments } = await stores(databaseId);
    const first = await deployments.create(deployment());
    expect(first).toMatchObject({ revision: 1, state: 'delivering' });
    await expect(deployments.create(deployment())).rejects.toThrow(
      new ConflictError(
        `checkout already has a deployment in flight to development: revision 1 (${first.id}), delivering`,
      ),
    );
    // Other environments are independent.
    expect(
      await deployments.create(deployment({ environment: 'staging' })),
    ).toMatchObject({ revision: 1 });

    await deployments.transition(first.id, ['delivering'], {
      state: 'delivered',
      reference: 'abc123',
      result: { summary: 'committed 3 files' },
    });
    const second = await deployments.create(
      deployment({ planHash: 'b'.repeat(64) }),
    );
    expect(second.revision).toBe(2);
    expect(await deployments.get(first.id)).toMatchObject({
      state: 'delivered',
      reference: 'abc123',
      summary: 'committed 3 files',
    });
  });

  it('lets exactly one of many concurrent deployments in', async () => {
    const { deployments } = await stores(databaseId);
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        deployments.create(deployment({ planHash: String(i).repeat(64) })),
      ),
    );
    const won = attempts.filter(a => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of attempts.filter(a => a.status === 'rejected')) {
      expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(
        ConflictError,
      );
    }
  });

  it('moves a deployment only from the expected state', async () => {
    const { deployments } = await stores(databaseId);
    const pending = await deployments.create(
      deployment({
        state: 'pending-approval',
        approvers: ['group:default/platform'],
      }),
    );
    expect(pending.approvers).toEqual(['group:default/platform']);
    const approved = await deployments.transition(
      pending.id,
      ['pending-approval'],
      {
        state: 'delivering',
        approvedBy: 'user:default/ops',
      },
    );
    expect(approved).toMatchObject({
      state: 'delivering',
      approvedBy: 'user:default/ops',
    });
    expect(
      await deployments.transition(pending.id, ['pending-approval'], {
        state: 'rejected',
      }),
    ).toBeUndefined();
  });

  it('pages history newest first, and finds the latest delivered revision', async () => {
    const { deployments } = await stores(databaseId);
    for (let i = 0; i < 5; i++) {
      const d = await deployments.create(
        deployment({ planHash: String(i).repeat(64) }),
      );
      await deployments.transition(d.id, ['delivering'], {
        state: i === 4 ? 'failed' : 'delivered',
      });
    }
    const page = await deployments.list({
      workload: 'checkout',
      limit: 2,
      offset: 1,
    });
    expect(page.total).toBe(5);
    expect(page.items.map(d => d.revision)).toEqual([4, 3]);
    expect(
      (await deployments.latest('checkout', 'development', ['delivered']))
        ?.revision,
    ).toBe(4);
    expect(
      (await deployments.getByRevision('checkout', 'development', 2))?.planHash,
    ).toBe('1'.repeat(64));
  });

  it('tells per environment the latest revision, the one in effect and how many there are', async () => {
    const { deployments } = await stores(databaseId);
    /** Records a revision and moves it to `state`, as a delivery would. */
    const revision = async (
      overrides: Partial<NewDeployment>,
      state: 'delivered' | 'failed' | 'pending-approval',
    ) => {
      if (state === 'pending-approval') {
        return deployments.create(
          deployment({
            ...overrides,
            state,
            approvers: ['group:default/platform'],
          }),
        );
      }
      const created = await deployments.create(deployment(overrides));
      return (await deployments.transition(created.id, ['delivering'], {
        state,
      }))!;
    };
    const dev = { environment: 'development' };
    await revision({ ...dev, planHash: '1'.repeat(64) }, 'delivered');
    const replaced = await revision(
      { ...dev, planHash: '2'.repeat(64) },
      'delivered',
    );
    // Revision 3 rolls back to revision 1, so revision 2 is rolled back.
    await revision(
      { ...dev, planHash: '1'.repeat(64), rollbackOf: 1 },
      'delivered',
    );
    await deployments.transition(replaced.id, ['delivered'], {
      state: 'rolled-back',
    });
    await revision({ ...dev, planHash: '4'.repeat(64) }, 'pending-approval');
    const staging = { environment: 'staging' };
    await revision({ ...staging, planHash: '5'.repeat(64) }, 'delivered');
    await revision({ ...staging, planHash: '6'.repeat(64) }, 'failed');
    // Another workload's revisions count for it alone.
    for (let i = 0; i < 6; i++) {
      await revision(
        { workload: 'payments', environment: 'development' },
        'delivered',
      );
    }

    const where = await deployments.environments('checkout');
    expect(
      where.map(e => ({
        environment: e.environment,
        revisions: e.revisions,
        latest: [e.latest.revision, e.latest.state],
        current: e.current && [
          e.current.revision,
          e.current.state,
          e.current.rollbackOf,
        ],
      })),
    ).toEqual([
      {
        environment: 'development',
        revisions: 4,
        latest: [4, 'pending-approval'],
        current: [3, 'delivered', 1],
      },
      {
        environment: 'staging',
        revisions: 2,
        latest: [2, 'failed'],
        current: [1, 'delivered', undefined],
      },
    ]);
    expect(where[0].latest).toMatchObject({
      workload: 'checkout',
      planHash: '4'.repeat(64),
      approvers: ['group:default/platform'],
    });
    expect(where[1].current?.planHash).toBe('5'.repeat(64));
    expect(
      (await deployments.environments('payments')).map(e => [
        e.environment,
        e.revisions,
        e.latest.revision,
        e.current?.revision,
      ]),
    ).toEqual([['development', 6, 6, 6]]);
    expect(await deployments.environments('never-deployed')).toEqual([]);
  });

  it('tells what runs in an environment: each workload’s newest delivered revision', async () => {
    const { deployments } = await stores(databaseId);
    const deliver = async (
      overrides: Partial<NewDeployment>,
      state: 'delivered' | 'failed' | 'destroyed' = 'delivered',
    ) => {
      const created = await deployments.create(deployment(overrides));
      await deployments.transition(created.id, ['delivering'], {
        state: state === 'destroyed' ? 'delivered' : state,
      });
      if (state === 'destroyed') {
        await deployments.transition(created.id, ['delivered'], { state });
      }
      return created;
    };
    const preview = { environment: 'pr-7' };
    await deliver({ ...preview, planHash: '1'.repeat(64) });
    const second = await deliver({ ...preview, planHash: '2'.repeat(64) });
    await deliver({ ...preview, planHash: '3'.repeat(64) }, 'failed');
    const cart = await deliver({ ...preview, workload: 'cart' });
    await deliver({ ...preview, workload: 'orders' }, 'destroyed');
    await deliver({ environment: 'pr-8', workload: 'search' });

    expect(
      (await deployments.inEffect('pr-7')).map(d => [d.workload, d.id]),
    ).toEqual([
      ['cart', cart.id],
      ['checkout', second.id],
    ]);
    expect(await deployments.inEffect('pr-9')).toEqual([]);
  });

  it('stores plans once by hash', async () => {
    const { plans } = await stores(databaseId);
    const plan = {
      hash: 'c'.repeat(64),
      workload: 'checkout',
      environment: { name: 'development', type: 'development' },
      artifacts: [],
    } as unknown as Plan;
    await plans.save(plan, 'user:default/jane');
    await plans.save(plan, 'user:default/other');
    expect(await plans.get(plan.hash)).toEqual(plan);
    expect(await plans.get('d'.repeat(64))).toBeUndefined();
  });

  it('keeps environments with their lifetime and finds the expired ones', async () => {
    const { environments } = await stores(databaseId);
    await environments.registerPlatform([
      {
        apiVersion: 'paved.dev/v1alpha1',
        kind: 'Environment',
        metadata: { name: 'development' },
        spec: { type: 'development', cluster: 'dev', domain: 'dev.example' },
      },
    ]);
    const past = new Date(Date.now() - 60_000);
    await environments.create({
      name: 'pr-42',
      type: 'ephemeral',
      template: 'preview',
      owner: 'group:default/payments',
      createdBy: 'user:default/jane',
      expiresAt: past,
      costCap: { amount: 50, currency: 'USD' },
    });
    await expect(
      environments.create({
        name: 'pr-42',
        type: 'ephemeral',
        template: 'preview',
        owner: 'x',
        createdBy: 'y',
        expiresAt: past,
      }),
    ).rejects.toThrow('Environment "pr-42" already exists');
    expect(
      (await environments.listExpired(new Date())).map(e => e.name),
    ).toEqual(['pr-42']);
    expect(await environments.get('pr-42')).toMatchObject({
      type: 'ephemeral',
      owner: 'group:default/payments',
      costCap: { amount: 50, currency: 'USD' },
      expiresAt: past.toISOString(),
    });
    expect(
      await environments.transition('pr-42', ['active'], 'destroying'),
    ).toBe(true);
    expect(
      await environments.transition('pr-42', ['active'], 'destroying'),
    ).toBe(false);
    expect(
      (await environments.list({ type: 'development' })).map(e => e.name),
    ).toEqual(['development']);
  });

  it('records workloads and approval decisions', async () => {
    const { workloads, approvals, deployments } = await stores(databaseId);
    await workloads.upsert({
      name: 'checkout',
      entityRef: 'component:default/checkout',
      scoreLocation: 'url:https://example/score.yaml',
    });
    await workloads.upsert({ name: 'checkout' });
    expect(await workloads.get('checkout')).toEqual({
      name: 'checkout',
      entityRef: 'component:default/checkout',
      scoreLocation: 'url:https://example/score.yaml',
    });
    const d = await deployments.create(
      deployment({ state: 'pending-approval' }),
    );
    await approvals.record({
      deploymentId: d.id,
      decision: 'rejected',
      decidedBy: 'user:default/ops',
      comment: 'too big',
    });
    expect(await approvals.listFor(d.id)).toEqual([
      expect.objectContaining({
        decision: 'rejected',
        decidedBy: 'user:default/ops',
        comment: 'too big',
      }),
    ]);
  });

  it('keeps one pending extension per environment, decided once', async () => {
    const { environments, extensions } = await stores(databaseId);
    await environments.create({
      name: 'pr-9',
      type: 'ephemeral',
      template: 'preview',
      owner: 'group:default/payments',
      createdBy: 'user:default/jane',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const until = new Date(Date.now() + 10 * 86_400_000);
    const request = await extensions.create({
      environment: 'pr-9',
      until,
      requestedBy: 'user:default/jane',
      reason: 'the customer demo moved',
      approvers: ['group:default/platform'],
    });
    expect(request).toMatchObject({
      state: 'pending-approval',
      until: until.toISOString(),
      reason: 'the customer demo moved',
    });
    expect(await extensions.get(request.id)).toEqual(request);
    await expect(
      extensions.create({
        environment: 'pr-9',
        until,
        requestedBy: 'user:default/jane',
        reason: 'again',
        approvers: [],
      }),
    ).rejects.toThrow('already has an extension waiting for approval');
    expect((await extensions.listPending()).map(e => e.id)).toEqual([
      request.id,
    ]);
    expect(
      await extensions.decide(request.id, {
        state: 'approved',
        decidedBy: 'user:default/olivia',
      }),
    ).toMatchObject({ state: 'approved', decidedBy: 'user:default/olivia' });
    expect(
      await extensions.decide(request.id, {
        state: 'rejected',
        decidedBy: 'user:default/sam',
      }),
    ).toBeUndefined();
    expect(await extensions.listPending()).toEqual([]);

    // Destroying the environment rejects what still waits, and nothing already decided.
    const moot = await extensions.create({
      environment: 'pr-9',
      until,
      requestedBy: 'user:default/jane',
      reason: 'later',
      approvers: [],
    });
    await extensions.rejectPending('pr-9', 'paved', 'destroyed');
    expect(await extensions.get(moot.id)).toMatchObject({
      state: 'rejected',
      decidedBy: 'paved',
      comment: 'destroyed',
    });
    expect(await extensions.get(request.id)).toMatchObject({
      state: 'approved',
    });
  });
});
