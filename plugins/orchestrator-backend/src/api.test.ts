import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { join } from 'node:path';
import {
  checkoutScore as score,
  git,
  startOrchestrator,
} from './__testUtils__/testBackend';

// The HTTP API end to end: the real plugin, platform folder and guardrails,
// delivering to a real git repository.

jest.setTimeout(60_000);

const JANE = 'user:default/jane';
const OLIVIA = 'user:default/olivia';
const SAM = 'user:default/sam';

describe('orchestrator API', () => {
  let backend: Awaited<ReturnType<typeof startOrchestrator>>;
  beforeEach(async () => {
    backend = await startOrchestrator();
  });
  afterEach(async () => {
    await backend.stop();
  });

  const plan = async (environment: string, text = score(), user = JANE) => {
    const response = await backend
      .as(user)
      .post('/plans', { environment, score: text });
    expect(response.status).toBe(201);
    return response.body;
  };

  it('plans, deploys to git, and answers the same plan with the same deployment', async () => {
    const planned = await plan('development');
    expect(planned).toMatchObject({
      workload: 'checkout',
      environment: { name: 'development' },
    });
    expect(
      planned.verdicts.filter((v: { action: string }) => v.action === 'deny'),
    ).toEqual([]);
    expect(
      (await backend.as(JANE).get(`/plans/${planned.hash}`)).body.hash,
    ).toBe(planned.hash);

    const created = await backend
      .as(JANE)
      .post('/deployments', { planHash: planned.hash });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      revision: 1,
      state: 'delivering',
      requestedBy: JANE,
      target: 'gitops',
    });
    const delivered = await backend.settled(JANE, created.body.id);
    expect(delivered).toMatchObject({
      state: 'delivered',
      reference: expect.stringMatching(/^[0-9a-f]{40}$/),
    });

    const repo = join(backend.workingDirectory, 'gitops.git');
    expect(git(repo, 'log', '-1', '--format=%B', 'main')).toContain(`Plan: `);
    expect(git(repo, 'log', '-1', '--format=%B', 'main')).toContain(
      planned.hash,
    );
    expect(git(repo, 'log', '-1', '--format=%B', 'main')).toContain(JANE);
    const files = git(repo, 'ls-tree', '-r', '--name-only', 'main')
      .trim()
      .split('\n');
    expect(files).toEqual(
      expect.arrayContaining([
        'development/checkout/kubernetes/deployment-checkout.yaml',
        'development/checkout/resources/postgresqlinstance-checkout-db.yaml',
      ]),
    );

    const again = await backend
      .as(JANE)
      .post('/deployments', { planHash: planned.hash });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
  });

  it('refuses a plan a guardrail denies, and makes no deployment', async () => {
    const denied = await plan(
      'development',
      score().replace(
        'registry.northwind.example/checkout:1.0.0',
        'nginx:latest',
      ),
    );
    expect(denied.verdicts.map((v: { policy: string }) => v.policy)).toContain(
      'disallow-latest-tag',
    );
    const response = await backend
      .as(JANE)
      .post('/deployments', { planHash: denied.hash });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(
      /refused by guardrails: .*disallow-latest-tag/,
    );
    expect(
      (await backend.as(JANE).get('/workloads/checkout/deployments')).body,
    ).toEqual({ items: [], total: 0 });
  });

  it('waits for an approver from the policy’s group; nobody approves their own; one in flight at a time', async () => {
    // Four production databases cost more than the production-cost-approval threshold.
    const expensive = await plan(
      'production',
      score(
        'hello',
        ['db2', 'db3', 'db4']
          .map(n => `  ${n}:\n    type: postgres\n`)
          .join(''),
      ),
    );
    expect(expensive.verdicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'require-approval',
          approvers: 'group:platform',
        }),
      ]),
    );
    const pending = await backend
      .as(JANE)
      .post('/deployments', { planHash: expensive.hash });
    expect(pending.body).toMatchObject({
      state: 'pending-approval',
      approvers: ['group:default/platform'],
    });

    const other = await plan('production', score('bonjour'));
    const conflict = await backend
      .as(JANE)
      .post('/deployments', { planHash: other.hash });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain(
      `revision 1 (${pending.body.id}), pending-approval`,
    );

    expect(
      (await backend.as(OLIVIA).get('/approvals')).body.items.map(
        (d: { id: string }) => d.id,
      ),
    ).toEqual([pending.body.id]);
    expect((await backend.as(JANE).get('/approvals')).body.items).toEqual([]);
    expect(
      (await backend.as(JANE).post(`/deployments/${pending.body.id}/approve`))
        .status,
    ).toBe(403);
    expect(
      (await backend.as(SAM).post(`/deployments/${pending.body.id}/approve`))
        .status,
    ).toBe(403);

    const approved = await backend
      .as(OLIVIA)
      .post(`/deployments/${pending.body.id}/approve`, { comment: 'budgeted' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'delivering',
      approvedBy: OLIVIA,
    });
    expect(await backend.settled(JANE, pending.body.id)).toMatchObject({
      state: 'delivered',
    });
    expect(
      (await backend.as(OLIVIA).post(`/deployments/${pending.body.id}/reject`))
        .status,
    ).toBe(409);
  });

  it('never rolls back to a revision that was not delivered', async () => {
    const expensive = await plan(
      'production',
      score(
        'hello',
        '  db2:\n    type: postgres\n  db3:\n    type: postgres\n  db4:\n    type: postgres\n',
      ),
    );
    const pending = await backend
      .as(JANE)
      .post('/deployments', { planHash: expensive.hash });
    expect(pending.body.state).toBe('pending-approval');
    await backend
      .as(OLIVIA)
      .post(`/deployments/${pending.body.id}/reject`, { comment: 'too big' })
      .expect(200);

    const rollback = await backend
      .as(JANE)
      .post('/workloads/checkout/environments/production/rollback', {
        revision: 1,
      });
    expect(rollback.status).toBe(400);
    expect(rollback.body.error.message).toBe(
      'Revision 1 of checkout in production was never delivered (it is rejected); roll back to a revision that was',
    );
    expect(
      (await backend.as(JANE).get('/workloads/checkout/deployments')).body
        .total,
    ).toBe(1);
  });

  it('keeps history, diffs two revisions, and rolls back as a new revision', async () => {
    const deploy = async (text: string) => {
      const planned = await plan('staging', text);
      const { body } = await backend
        .as(JANE)
        .post('/deployments', { planHash: planned.hash });
      return backend.settled(JANE, body.id);
    };
    const first = await deploy(score('hello'));
    const second = await deploy(score('bonjour'));
    expect([first.revision, second.revision]).toEqual([1, 2]);

    const diff = await backend
      .as(JANE)
      .get('/workloads/checkout/environments/staging/diff?from=1&to=2');
    expect(diff.status).toBe(200);
    expect(
      diff.body.items.map((d: { path: string; change: string }) => [
        d.path,
        d.change,
      ]),
    ).toEqual([['kubernetes/configmap-checkout-env.yaml', 'changed']]);
    expect(diff.body.items[0].patch).toMatch(
      /-\s+api\.GREETING: hello\n\+\s+api\.GREETING: bonjour/,
    );

    const rollback = await backend
      .as(JANE)
      .post('/workloads/checkout/environments/staging/rollback', {
        revision: 1,
      });
    expect(rollback.status).toBe(201);
    expect(rollback.body).toMatchObject({
      revision: 3,
      rollbackOf: 1,
      planHash: first.planHash,
    });
    expect(await backend.settled(JANE, rollback.body.id)).toMatchObject({
      state: 'delivered',
    });

    const history = await backend
      .as(JANE)
      .get('/workloads/checkout/deployments?environment=staging&limit=2');
    expect(history.body.total).toBe(3);
    expect(
      history.body.items.map((d: { revision: number; state: string }) => [
        d.revision,
        d.state,
      ]),
    ).toEqual([
      [3, 'delivered'],
      [2, 'rolled-back'],
    ]);
    // Where it runs: one item per environment, in a fixed number of queries.
    const environments = await backend
      .as(JANE)
      .get('/workloads/checkout/environments');
    expect(environments.status).toBe(200);
    expect(environments.body.items).toEqual([
      expect.objectContaining({
        environment: 'staging',
        revisions: 3,
        latest: expect.objectContaining({ revision: 3, state: 'delivered' }),
        current: expect.objectContaining({ revision: 3, rollbackOf: 1 }),
      }),
    ]);
    expect(
      (await backend.as(JANE).get('/workloads/never-deployed/environments'))
        .body,
    ).toEqual({ items: [] });

    const repo = join(backend.workingDirectory, 'gitops.git');
    expect(
      git(
        repo,
        'show',
        'main:staging/checkout/kubernetes/configmap-checkout-env.yaml',
      ),
    ).toContain('hello');
    const drift = await backend
      .as(JANE)
      .get('/workloads/checkout/environments/staging/drift');
    expect(drift.body).toMatchObject({
      revision: 3,
      target: 'gitops',
      supported: false,
    });

    // Taking the workload out of staging removes its folder and ends its history there.
    const removed = await backend
      .as(JANE)
      .delete('/workloads/checkout/environments/staging');
    expect(removed.status).toBe(200);
    expect(removed.body.reference).toMatch(/^[0-9a-f]{40}$/);
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'main')).not.toContain(
      'staging/checkout/',
    );
    const after = await backend
      .as(JANE)
      .get('/workloads/checkout/deployments?environment=staging');
    expect(after.body.items.map((d: { state: string }) => d.state)).toEqual([
      'destroyed',
      'destroyed',
      'destroyed',
    ]);
    expect(
      (
        await backend
          .as(JANE)
          .delete('/workloads/checkout/environments/staging')
      ).status,
    ).toBe(404);
  });

  it('answers bad input and unknown names with clear errors', async () => {
    const missing = await backend.as(JANE).post('/plans', { score: score() });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/environment/);
    const unknown = await backend
      .as(JANE)
      .post('/plans', { environment: 'qa', score: score() });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(
      /Unknown environment "qa"; active environments: development, preview, production, staging/,
    );
    const invalid = await backend.as(JANE).post('/plans', {
      environment: 'development',
      score: 'apiVersion: score.dev/v1b1\nmetadata: {}\n',
    });
    expect(invalid.status).toBe(400);
    expect(
      (await backend.as(JANE).get(`/plans/${'0'.repeat(64)}`)).status,
    ).toBe(404);
    expect((await backend.as(JANE).get('/deployments/nope')).status).toBe(404);
    const unknownWorkload = await backend
      .as(JANE)
      .get('/workloads/nothing-here/deployments');
    expect(unknownWorkload.status).toBe(404);
    expect(unknownWorkload.body.error.message).toBe(
      'Paved has never planned a workload called "nothing-here"',
    );
    expect(
      (
        await backend
          .as(JANE)
          .get('/workloads/checkout/environments/staging/diff?from=1&to=2')
      ).status,
    ).toBe(404);
  });
});

describe('orchestrator API permissions', () => {
  it('needs the production permission to deploy to production, and says nothing more when refused', async () => {
    const backend = await startOrchestrator({
      permission: (_user, permission) =>
        permission === 'orchestrator.deploy.production'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });
    try {
      const planned = (
        await backend
          .as(JANE)
          .post('/plans', { environment: 'production', score: score() })
      ).body;
      const refused = await backend
        .as(JANE)
        .post('/deployments', { planHash: planned.hash });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe('You are not allowed to do this');
      const dev = (
        await backend
          .as(JANE)
          .post('/plans', { environment: 'development', score: score() })
      ).body;
      expect(
        (await backend.as(JANE).post('/deployments', { planHash: dev.hash }))
          .status,
      ).toBe(201);
    } finally {
      await backend.stop();
    }
  });
});
