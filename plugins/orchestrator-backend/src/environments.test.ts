import { join } from 'node:path';
import {
  checkoutScore as score,
  workloadScore,
  git,
  startOrchestrator,
} from './__testUtils__/testBackend';

// Ephemeral environments through the HTTP API: create, extend (beyond the
// maximum only with the platform team's approval), deploy, destroy.

jest.setTimeout(60_000);

const JANE = 'user:default/jane';
const OLIVIA = 'user:default/olivia';
const SAM = 'user:default/sam';

describe('ephemeral environments', () => {
  let backend: Awaited<ReturnType<typeof startOrchestrator>>;
  beforeEach(async () => {
    backend = await startOrchestrator();
  });
  afterEach(async () => {
    await backend.stop();
  });

  const plan = async (environment: string, text = score()) => {
    const response = await backend
      .as(JANE)
      .post('/plans', { environment, score: text });
    expect(response.status).toBe(201);
    return response.body;
  };

  it('creates, extends within the maximum, and destroys an ephemeral environment', async () => {
    const created = await backend
      .as(JANE)
      .post('/environments', { name: 'pr-42', template: 'preview', ttl: '2h' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'pr-42',
      type: 'ephemeral',
      owner: JANE,
      state: 'active',
      costCap: { amount: 50, currency: 'USD' },
    });
    expect(
      (
        await backend
          .as(JANE)
          .post('/environments', { name: 'pr-42', template: 'preview' })
      ).status,
    ).toBe(409);
    expect(
      (
        await backend.as(JANE).post('/environments', {
          name: 'pr-43',
          template: 'preview',
          ttl: '30d',
        })
      ).status,
    ).toBe(400);

    const extended = await backend
      .as(JANE)
      .post('/environments/pr-42/extend', { by: '3d' });
    expect(extended.status).toBe(200);
    // Added to what was left, never counted from now.
    expect(new Date(extended.body.expiresAt).getTime()).toBe(
      new Date(created.body.expiresAt).getTime() + 3 * 86_400_000,
    );
    // Beyond the template's maximum lifetime, the platform team decides, and reads why.
    for (const reason of [undefined, '  ', 'x'.repeat(501)]) {
      const refused = await backend
        .as(JANE)
        .post('/environments/pr-42/extend', { by: '8d', reason });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(
        reason === undefined || reason.trim() === ''
          ? /goes beyond its template's maximum lifetime of 7d and needs approval: give a reason for the approvers$/
          : /^The reason must be at most 500 characters, not 501$/,
      );
    }
    const beyond = await backend.as(JANE).post('/environments/pr-42/extend', {
      by: '8d',
      reason: ' The customer demo moved to next Thursday ',
    });
    expect(beyond.status).toBe(202);
    expect(beyond.body).toMatchObject({
      environment: 'pr-42',
      state: 'pending-approval',
      requestedBy: JANE,
      reason: 'The customer demo moved to next Thursday',
      approvers: ['group:default/platform'],
    });
    expect(
      (
        await backend
          .as(JANE)
          .post('/environments/pr-42/extend', { by: '9d', reason: 'again' })
      ).status,
    ).toBe(409);
    expect(
      (await backend.as(OLIVIA).get('/approvals')).body.extensions.map(
        (e: { id: string; reason: string }) => [e.id, e.reason],
      ),
    ).toEqual([[beyond.body.id, 'The customer demo moved to next Thursday']]);
    expect(
      (await backend.as(JANE).post(`/extensions/${beyond.body.id}/approve`))
        .status,
    ).toBe(403);
    expect(
      (await backend.as(SAM).post(`/extensions/${beyond.body.id}/approve`))
        .status,
    ).toBe(403);
    const approvedExtension = await backend
      .as(OLIVIA)
      .post(`/extensions/${beyond.body.id}/approve`, { comment: 'demo week' });
    expect(approvedExtension.body).toMatchObject({
      state: 'approved',
      decidedBy: OLIVIA,
      comment: 'demo week',
    });
    expect(
      new Date(
        (await backend.as(JANE).get('/environments/pr-42')).body.expiresAt,
      ).getTime(),
    ).toBeGreaterThan(Date.now() + 7.9 * 86_400_000);

    const planned = await plan('pr-42');
    const { body } = await backend
      .as(JANE)
      .post('/deployments', { planHash: planned.hash });
    expect(await backend.settled(JANE, body.id)).toMatchObject({
      state: 'delivered',
    });
    const repo = join(backend.workingDirectory, 'gitops.git');
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'main')).toContain(
      'preview/pr-42/checkout/',
    );

    // A request still waiting when the environment goes is moot: rejected, off the approvers' list.
    const waiting = await backend
      .as(JANE)
      .post('/environments/pr-42/extend', { by: '30d', reason: 'one more' });
    expect(waiting.status).toBe(202);

    const destroyed = await backend.as(JANE).delete('/environments/pr-42');
    expect(destroyed.body).toMatchObject({ state: 'destroyed' });
    expect(
      (await backend.as(OLIVIA).get('/approvals')).body.extensions,
    ).toEqual([]);
    const late = await backend
      .as(OLIVIA)
      .post(`/extensions/${waiting.body.id}/approve`);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(
      `Extension ${waiting.body.id} is rejected, not waiting for approval`,
    );
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'main')).not.toContain(
      'preview/pr-42/',
    );
    expect(
      (await backend.as(JANE).get(`/deployments/${body.id}`)).body.state,
    ).toBe('destroyed');
    expect(backend.notifications).toEqual([
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: JANE },
      }),
    ]);
    expect(
      (
        await backend
          .as(JANE)
          .post('/plans', { environment: 'pr-42', score: score() })
      ).status,
    ).toBe(404);
  });

  it('counts what already runs in an ephemeral environment against its cost cap', async () => {
    // In preview environments each database is the 4 USD in-cluster PostgreSQL; the cap is 50 USD.
    const withDatabases = (name: string, count: number) =>
      workloadScore(
        name,
        'hello',
        Array.from(
          { length: count - 1 },
          (_, i) => `  db${i + 1}:\n    type: postgres\n`,
        ).join(''),
      );
    await backend
      .as(JANE)
      .post('/environments', { name: 'pr-7', template: 'preview' });
    const cart = await plan('pr-7', withDatabases('cart', 7));
    expect(cart.cost).toEqual({
      perMonth: [{ amount: 28, currency: 'USD' }],
      environmentPerMonth: [{ amount: 28, currency: 'USD' }],
    });
    const { body } = await backend
      .as(JANE)
      .post('/deployments', { planHash: cart.hash });
    expect(await backend.settled(JANE, body.id)).toMatchObject({
      state: 'delivered',
    });

    // 24 USD alone, 52 USD with cart already there.
    const orders = await plan('pr-7', withDatabases('orders', 6));
    expect(orders.cost).toEqual({
      perMonth: [{ amount: 24, currency: 'USD' }],
      environmentPerMonth: [{ amount: 52, currency: 'USD' }],
    });
    expect(orders.verdicts).toContainEqual(
      expect.objectContaining({
        policy: 'ephemeral-cost-cap',
        action: 'deny',
        message:
          'The environment would cost 52 USD a month with this plan (24 USD), over the cost cap of pr-7 (50 USD)',
      }),
    );
    const refused = await backend
      .as(JANE)
      .post('/deployments', { planHash: orders.hash });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(
      'over the cost cap of pr-7 (50 USD)',
    );

    // Re-planning cart itself counts cart once: its running revision is what the plan replaces.
    const again = await plan('pr-7', withDatabases('cart', 8));
    expect(again.cost.environmentPerMonth).toEqual([
      { amount: 32, currency: 'USD' },
    ]);
    // A platform environment has no cap, so nothing else is counted there.
    expect(
      (await plan('development', withDatabases('orders', 6))).cost,
    ).toEqual({ perMonth: [{ amount: 24, currency: 'USD' }] });
  });
});
