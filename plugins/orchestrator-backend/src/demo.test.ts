import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { readOrchestratorConfig } from './config';
import { DemoData } from './service/DemoData';
import {
  git,
  PLATFORM_DIR,
  startOrchestrator,
} from './__testUtils__/testBackend';

// The local portal's demo data (orchestrator.demo.enabled), made at start
// through the real plugin from the demo organisation's own catalog files and
// score.yaml, delivered to a real git repository.

jest.setTimeout(120_000);

const MEI = 'user:default/mei-chen';
const DAVID = 'user:default/david-mensah';
const OLIVIA = 'user:default/olivia';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** examples/components/<name>/catalog-info.yaml, as the catalog serves it: with the file it was read from. */
function exampleComponent(name: string): Entity {
  const file = resolve(
    __dirname,
    `../../../examples/components/${name}/catalog-info.yaml`,
  );
  const entity = parse(readFileSync(file, 'utf8')) as Entity;
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    [ANNOTATION_LOCATION]: `file:${file}`,
  };
  return entity;
}

/** The plugin's log lines, to know when the demo data is done. */
function capturedLogs() {
  const lines: Array<{ level: string; message: string }> = [];
  const logger: LoggerService = {
    error: message => void lines.push({ level: 'error', message }),
    warn: message => void lines.push({ level: 'warn', message }),
    info: message => void lines.push({ level: 'info', message }),
    debug: () => {},
    child: () => logger,
  };
  const factory = createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => logger,
  });
  /** Waits for a "Demo data:" line matching `pattern`; fails at once on a demo error. */
  const demoLine = async (pattern: RegExp) => {
    for (let i = 0; i < 2400; i++) {
      const demo = lines.filter(l => l.message.startsWith('Demo data:'));
      const failed = demo.find(l => l.level === 'error');
      if (failed) throw new Error(failed.message);
      const found = demo.find(l => pattern.test(l.message));
      if (found) return found.message;
      await new Promise(r => setTimeout(r, 25));
    }
    throw new Error(`no demo log line matching ${pattern}`);
  };
  return { lines, factory, demoLine };
}

const startWithDemo = async (knex: Knex, workingDirectory: string) => {
  const logs = capturedLogs();
  const backend = await startOrchestrator({
    knex,
    workingDirectory,
    orchestratorConfig: { demo: { enabled: true } },
    entities: [
      exampleComponent('checkout-service'),
      exampleComponent('payments-gateway'),
    ],
    extraFeatures: [logs.factory],
  });
  return { backend, logs };
};

describe('the demo data', () => {
  it('deploys, waits for approval and makes an ephemeral environment once, through the orchestrator', async () => {
    const knex = await databases.init('SQLITE_3');
    const workingDirectory = mkdtempSync(join(tmpdir(), 'paved-demo-'));
    const first = await startWithDemo(knex, workingDirectory);
    const { backend } = first;
    const gitopsLog = () =>
      git(join(workingDirectory, 'gitops.git'), 'log', '--format=%H', 'main');
    let commits = '';
    try {
      await first.logs.demoLine(/^Demo data: ephemeral environment/);
      const as = backend.as(OLIVIA);

      const history = async (workload: string, environment: string) =>
        (
          await as.get(
            `/workloads/${workload}/deployments?environment=${environment}`,
          )
        ).body.items.map((d: any) => [d.revision, d.requestedBy, d.state]);
      expect(await history('checkout-service', 'development')).toEqual([
        [2, DAVID, 'delivered'],
        [1, MEI, 'delivered'],
      ]);
      expect(await history('checkout-service', 'staging')).toEqual([
        [1, MEI, 'delivered'],
      ]);
      // The two development revisions differ by the image CI built.
      const diff = await as.get(
        '/workloads/checkout-service/environments/development/diff?from=1&to=2',
      );
      expect(diff.body.items).toEqual([
        expect.objectContaining({
          path: 'kubernetes/deployment-checkout-service.yaml',
          change: 'changed',
          patch: expect.stringMatching(
            /-.*checkout-service:2\.3\.0\n\+.*checkout-service:2\.4\.0/,
          ),
        }),
      ]);

      // payments-gateway waits for the platform team: olivia may decide, mei (who asked) may not.
      const approvals = (await as.get('/approvals')).body.items;
      expect(approvals).toEqual([
        expect.objectContaining({
          workload: 'payments-gateway',
          environment: 'production',
          revision: 1,
          state: 'pending-approval',
          requestedBy: MEI,
          approvers: ['group:default/platform'],
        }),
      ]);
      expect((await backend.as(MEI).get('/approvals')).body.items).toEqual([]);
      const plan = (await as.get(`/plans/${approvals[0].planHash}`)).body;
      expect(plan.verdicts.map((v: any) => [v.policy, v.action])).toEqual([
        ['production-cost-approval', 'require-approval'],
      ]);

      const environment = (await as.get('/environments/pr-142-checkout')).body;
      expect(environment).toMatchObject({
        type: 'ephemeral',
        template: 'preview',
        state: 'active',
        owner: 'group:default/payments',
        createdBy: DAVID,
      });
      const lifetime =
        Date.parse(environment.expiresAt) - Date.parse(environment.createdAt);
      expect(Math.abs(lifetime - 86_400_000)).toBeLessThan(60_000);
      expect(await history('checkout-service', 'pr-142-checkout')).toEqual([
        [1, DAVID, 'delivered'],
      ]);

      const files = git(
        join(workingDirectory, 'gitops.git'),
        'ls-tree',
        '-r',
        '--name-only',
        'main',
      );
      for (const folder of [
        'development/checkout-service/',
        'staging/checkout-service/',
        'preview/pr-142-checkout/checkout-service/',
      ]) {
        expect(files).toContain(folder);
      }
      expect(files).not.toContain('payments-gateway/');
      commits = gitopsLog();
    } finally {
      await backend.stop();
    }

    // Started again on the same database and repository: nothing more is made.
    const second = await startWithDemo(knex, workingDirectory);
    try {
      await second.logs.demoLine(/already has deployments/);
      const as = second.backend.as(OLIVIA);
      const total = async (workload: string) =>
        (await as.get(`/workloads/${workload}/deployments`)).body.total;
      expect(await total('checkout-service')).toBe(4);
      expect(await total('payments-gateway')).toBe(1);
      // Ephemeral environments made from a template (the preview template itself is listed too).
      expect(
        (await as.get('/environments?type=ephemeral')).body.items
          .filter((e: any) => e.name !== e.template)
          .map((e: any) => e.name),
      ).toEqual(['pr-142-checkout']);
      expect(gitopsLog()).toBe(commits);
    } finally {
      await second.backend.stop();
    }
  });

  it('is off unless configured, and logs rather than throws when the catalog never has the components', async () => {
    expect(
      readOrchestratorConfig(
        mockServices.rootConfig({
          data: { orchestrator: { platform: { directory: PLATFORM_DIR } } },
        }),
      ).demo,
    ).toBe(false);

    const logger = mockServices.logger.mock();
    const plan = jest.fn();
    const demo = new DemoData({
      logger,
      auth: mockServices.auth(),
      catalog: { getEntityByRef: async () => undefined } as any,
      plans: { plan } as any,
      deployments: { environments: async () => [] } as any,
      environments: {} as any,
      catalogPollMs: 10,
      catalogTimeoutMs: 50,
    });
    await expect(demo.start()).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /catalog still has no component:default\/checkout-service or component:default\/payments-gateway with a paved.dev\/score annotation/,
      ),
    );
    expect(plan).not.toHaveBeenCalled();
  });
});
