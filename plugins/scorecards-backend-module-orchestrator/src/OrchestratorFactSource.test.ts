import type { DiscoveryService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrchestratorFactSource } from './OrchestratorFactSource';
import { ORCHESTRATOR_FACTS } from './orchestratorFacts';
import {
  expensiveScore,
  PLATFORM_DIR,
  score,
  startOrchestrator,
} from './__testUtils__/orchestrator';

// The source against the real orchestrator backend over HTTP: Jane deploys
// through its API, the source reads it with the scorecards' service token.

jest.setTimeout(60_000);

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
});
/** A component whose score.yaml the orchestrator reads: its workload has its name. */
const withScore = (name: string) =>
  entity(name, { 'paved.dev/score': './score.yaml' });

const sourceFor = (discovery: DiscoveryService) =>
  createOrchestratorFactSource({
    auth: mockServices.auth({ pluginId: 'scorecards' }),
    discovery,
    catalog: catalogServiceMock(),
  });

const ALL_CLEAR = {
  podSecurityRestricted: true,
  resourceLimitsSet: true,
  databaseBackups: true,
  costWithinBudget: true,
};

describe('the orchestrator fact source', () => {
  let orchestrator: Awaited<ReturnType<typeof startOrchestrator>>;
  let source: ReturnType<typeof createOrchestratorFactSource>;
  beforeAll(async () => {
    orchestrator = await startOrchestrator();
    source = sourceFor(orchestrator.discovery);
  });
  afterAll(async () => {
    await orchestrator.stop();
  });

  it('says an entity without a workload is not managed, and asks nothing', async () => {
    const discovery = {
      getBaseUrl: jest.fn(),
      getExternalBaseUrl: jest.fn(),
    };
    expect(
      await sourceFor(discovery).collect(
        entity('docs-site', { 'backstage.io/techdocs-ref': 'dir:.' }),
      ),
    ).toEqual({
      managed: false,
      deployedToProduction: null,
      latestDeploymentState: null,
      podSecurityRestricted: null,
      resourceLimitsSet: null,
      databaseBackups: null,
      costWithinBudget: null,
      monthlyCost: null,
    });
    expect(discovery.getBaseUrl).not.toHaveBeenCalled();
  });

  it('knows a workload that was never deployed', async () => {
    expect(await source.collect(withScore('inventory'))).toEqual({
      managed: true,
      deployedToProduction: false,
      latestDeploymentState: null,
      podSecurityRestricted: null,
      resourceLimitsSet: null,
      databaseBackups: null,
      costWithinBudget: null,
      monthlyCost: null,
    });
  });

  it('reads a workload deployed to development only, named by its annotation', async () => {
    await orchestrator.deploy('development', score('cart'));
    const facts = await source.collect(
      entity('cart-service', { 'paved.dev/workload': 'cart' }),
    );
    expect(facts).toEqual({
      managed: true,
      deployedToProduction: false,
      latestDeploymentState: 'delivered',
      ...ALL_CLEAR,
      // In-cluster PostgreSQL for development.
      monthlyCost: 4,
    });
    expect(Object.keys(facts).sort()).toEqual(
      Object.keys(ORCHESTRATOR_FACTS).sort(),
    );
  });

  it('judges the production plan even when a development deployment is newer', async () => {
    const production = await orchestrator.deploy(
      'production',
      score('billing'),
    );
    expect(production.state).toBe('delivered');
    await orchestrator.deploy('development', score('billing'));

    expect(await source.collect(withScore('billing'))).toEqual({
      managed: true,
      deployedToProduction: true,
      latestDeploymentState: 'delivered',
      ...ALL_CLEAR,
      // Managed PostgreSQL for production, not development's 4.
      monthlyCost: 290,
    });
  });

  it('reports a production plan waiting for cost approval, and the newest state anywhere', async () => {
    const pending = await orchestrator.deploy(
      'production',
      expensiveScore('ledger'),
    );
    expect(pending.state).toBe('pending-approval');
    await orchestrator.deploy('development', score('ledger'));

    expect(await source.collect(withScore('ledger'))).toEqual({
      managed: true,
      // Nothing delivered to production yet.
      deployedToProduction: false,
      // The development deployment came last.
      latestDeploymentState: 'delivered',
      ...ALL_CLEAR,
      // production-cost-approval asked for an approver.
      costWithinBudget: false,
      monthlyCost: 1160,
    });
  });

  it('throws with what the orchestrator said when it refuses the question', async () => {
    await expect(
      source.collect(entity('legacy', { 'paved.dev/workload': 'Not_A_Name' })),
    ).rejects.toThrow(
      /^The orchestrator, asked for \/workloads\/Not_A_Name\/environments, answered 400 Bad Request: /,
    );
  });
});

describe('the orchestrator fact source, when the orchestrator fails', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('keeps going without a plan the orchestrator lost, and throws when it answers 500', async () => {
    const knex = await databases.init('SQLITE_3');
    const orchestrator = await startOrchestrator({ knex });
    try {
      const source = sourceFor(orchestrator.discovery);
      await orchestrator.deploy('development', score('cart'));

      await knex('orchestrator_plans').delete();
      expect(await source.collect(withScore('cart'))).toEqual({
        managed: true,
        deployedToProduction: false,
        latestDeploymentState: 'delivered',
        podSecurityRestricted: null,
        resourceLimitsSet: null,
        databaseBackups: null,
        costWithinBudget: null,
        monthlyCost: null,
      });

      await knex.schema.dropTable('orchestrator_deployments');
      await expect(source.collect(withScore('cart'))).rejects.toThrow(
        /^The orchestrator, asked for \/workloads\/cart\/environments, answered 500 Internal Server Error: .*orchestrator_deployments/,
      );
    } finally {
      await orchestrator.stop();
    }
  });

  it('throws when the orchestrator cannot be reached', async () => {
    // A port that was just free, so nothing listens on it.
    const port = await new Promise<number>(resolve => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const source = sourceFor({
      getBaseUrl: async pluginId => `http://127.0.0.1:${port}/api/${pluginId}`,
      getExternalBaseUrl: async pluginId =>
        `http://127.0.0.1:${port}/api/${pluginId}`,
    });
    await expect(source.collect(withScore('cart'))).rejects.toThrow();
  });
});

describe('the orchestrator fact source, with backups relaxed to a warning', () => {
  it('says the databases of a staging plan without backups have none', async () => {
    // A platform whose backup policy warns instead of denying, and whose
    // staging PostgreSQL keeps no backups: the plan deploys, with a verdict.
    const platformDirectory = join(
      mkdtempSync(join(tmpdir(), 'paved-platform-')),
      'platform',
    );
    cpSync(PLATFORM_DIR, platformDirectory, { recursive: true });
    const edit = (file: string, from: string, to: string) => {
      const path = join(platformDirectory, file);
      const text = readFileSync(path, 'utf8');
      expect(text).toContain(from);
      writeFileSync(path, text.replace(from, to));
    };
    edit(
      'policies/data-protection/backups.yaml',
      '  validationActions: [Deny]',
      '  validationActions: [Warn]',
    );
    edit(
      'resource-definitions/postgres.yaml',
      'backup:\n          enabled: true\n          retentionDays: 7',
      'backup:\n          enabled: false\n          retentionDays: 7',
    );
    const orchestrator = await startOrchestrator({ platformDirectory });
    try {
      const deployment = await orchestrator.deploy('staging', score('cart'));
      expect(deployment.state).toBe('delivered');
      expect(
        await sourceFor(orchestrator.discovery).collect(withScore('cart')),
      ).toEqual({
        managed: true,
        deployedToProduction: false,
        latestDeploymentState: 'delivered',
        ...ALL_CLEAR,
        databaseBackups: false,
        monthlyCost: 35,
      });
    } finally {
      await orchestrator.stop();
    }
  });
});
