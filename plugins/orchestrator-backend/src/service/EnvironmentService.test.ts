import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../createServices';
import { GitOpsDeliveryTarget } from '../delivery/gitops/GitOpsDeliveryTarget';
import { PLATFORM_DIR } from '../__testUtils__/testBackend';
import { durationMs } from './EnvironmentService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'ephemeral environments on %p',
  databaseId => {
    it('are destroyed once expired: artifacts removed, deployments and environment marked, owner told', async () => {
      const knex = await databases.init(databaseId);
      const workingDirectory = mkdtempSync(join(tmpdir(), 'paved-expiry-'));
      const logger = mockServices.logger.mock();
      const told: string[] = [];
      const services = await createServices({
        logger,
        database: mockServices.database({ knex }),
        urlReader: mockServices.urlReader.mock(),
        catalog: catalogServiceMock(),
        notifications: {
          send: async ({ recipients }) => {
            told.push(
              recipients.type === 'entity'
                ? String(recipients.entityRef)
                : 'broadcast',
            );
          },
        },
        settings: { platformDirectory: PLATFORM_DIR },
        extensions: { renderers: [], definitions: [] },
        targets: [new GitOpsDeliveryTarget({ logger, workingDirectory })],
      });
      const jane = 'user:default/jane';
      await services.environments.create(
        { name: 'pr-7', template: 'preview', ttl: '1h' },
        jane,
      );
      await services.environments.create(
        { name: 'pr-8', template: 'preview', ttl: '2d' },
        jane,
      );
      const plan = await services.plans.plan(
        {
          environment: 'pr-7',
          score: `apiVersion: score.dev/v1b1
metadata:
  name: cart
  annotations: { paved.dev/owner: group:default/payments, paved.dev/cost-center: cc-1 }
containers:
  web:
    image: registry.northwind.example/cart:1.0.0
    livenessProbe: { httpGet: { path: /, port: 8080 } }
    readinessProbe: { httpGet: { path: /, port: 8080 } }
`,
        },
        mockCredentials.user(jane),
      );
      const { deployment } = await services.deployments.deploy(plan.hash, jane);
      await services.runner.settled();
      const repo = join(workingDirectory, 'gitops.git');
      const files = () =>
        execFileSync(
          'git',
          ['-C', repo, 'ls-tree', '-r', '--name-only', 'main'],
          { encoding: 'utf8' },
        );
      expect(files()).toContain(
        'preview/pr-7/cart/kubernetes/deployment-cart.yaml',
      );

      expect(
        await services.environments.destroyExpired(
          new Date(Date.now() + durationMs('30m')),
        ),
      ).toEqual([]);
      expect(
        await services.environments.destroyExpired(
          new Date(Date.now() + durationMs('90m')),
        ),
      ).toEqual(['pr-7']);
      expect(files()).not.toContain('preview/pr-7/');
      expect(await services.environments.get('pr-7')).toMatchObject({
        state: 'destroyed',
      });
      expect(await services.environments.get('pr-8')).toMatchObject({
        state: 'active',
      });
      expect((await services.deployments.get(deployment.id)).state).toBe(
        'destroyed',
      );
      expect(told).toEqual([jane]);
      // Running it again finds nothing more to do.
      expect(
        await services.environments.destroyExpired(
          new Date(Date.now() + durationMs('90m')),
        ),
      ).toEqual([]);
    });
  },
);
