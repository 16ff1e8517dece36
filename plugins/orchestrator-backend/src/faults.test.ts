import { TestDatabases } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeploymentStore } from './database/DeploymentStore';
import {
  checkoutScore as score,
  startOrchestrator,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const JANE = 'user:default/jane';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('the orchestrator under faults', () => {
  it('lets exactly one of many concurrent deployments of a workload to an environment in', async () => {
    const backend = await startOrchestrator();
    try {
      // Four production databases ask for approval, so the winner stays in flight while the others arrive.
      const expensive = (greeting: string) =>
        score(greeting) +
        ['db2', 'db3', 'db4']
          .map(n => `  ${n}:\n    type: postgres\n`)
          .join('');
      const hashes = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map(async greeting => {
          const { body } = await backend.as(JANE).post('/plans', {
            environment: 'production',
            score: expensive(greeting),
          });
          return body.hash as string;
        }),
      );
      const responses = await Promise.all(
        hashes.map(planHash =>
          backend.as(JANE).post('/deployments', { planHash }),
        ),
      );
      expect(responses.map(r => r.status).sort()).toEqual([
        201, 409, 409, 409, 409,
      ]);
      const winner = responses.find(r => r.status === 201)!.body;
      expect(winner).toMatchObject({ revision: 1, state: 'pending-approval' });
      for (const r of responses.filter(x => x.status === 409)) {
        expect(r.body.error.message).toMatch(
          new RegExp(
            `in flight to production: revision 1 \\(${winner.id}\\)|took the next revision first`,
          ),
        );
      }
    } finally {
      await backend.stop();
    }
  });

  it('resumes a delivery the previous run left under way, so nothing stays delivering', async () => {
    const knex = await databases.init('SQLITE_3');
    const workingDirectory = mkdtempSync(join(tmpdir(), 'paved-restart-'));
    const first = await startOrchestrator({ knex, workingDirectory });
    const { body: plan } = await first
      .as(JANE)
      .post('/plans', { environment: 'staging', score: score('hello') });
    await first.stop();

    // As if the backend died after recording the deployment and before delivering it.
    const interrupted = await new DeploymentStore(knex).create({
      workload: 'checkout',
      environment: 'staging',
      planHash: plan.hash,
      state: 'delivering',
      requestedBy: JANE,
      target: 'gitops',
    });

    const second = await startOrchestrator({ knex, workingDirectory });
    try {
      expect(await second.settled(JANE, interrupted.id)).toMatchObject({
        state: 'delivered',
      });
      const log = execFileSync(
        'git',
        [
          '-C',
          join(workingDirectory, 'gitops.git'),
          'log',
          '--format=%B',
          'main',
        ],
        {
          encoding: 'utf8',
        },
      );
      expect(log).toContain(interrupted.id);
    } finally {
      await second.stop();
    }
  });

  it('audits deployments and approvals, and keeps secrets out of responses, commits and audit records', async () => {
    const backend = await startOrchestrator();
    try {
      const { body: plan } = await backend
        .as(JANE)
        .post('/plans', { environment: 'development', score: score('hello') });
      const { body: deployment } = await backend
        .as(JANE)
        .post('/deployments', { planHash: plan.hash });
      await backend.settled(JANE, deployment.id);
      expect(backend.audits).toEqual([
        expect.objectContaining({ eventId: 'deploy', outcome: 'success' }),
      ]);
      // The password is only ever a reference to the claim's connection secret.
      const text = JSON.stringify([plan, deployment, backend.audits]);
      expect(text).toContain('checkout-db-connection');
      expect(text).not.toMatch(/password: [^$<{]/);
      const repo = join(backend.workingDirectory, 'gitops.git');
      const files = execFileSync(
        'git',
        ['-C', repo, 'grep', '-l', 'secretKeyRef', 'main'],
        { encoding: 'utf8' },
      );
      expect(files).toContain('deployment-checkout.yaml');
    } finally {
      await backend.stop();
    }
  });
});
