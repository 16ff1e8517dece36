import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { EventParams } from '@backstage/plugin-events-node';
import type { Deployment } from '@paved/plugin-orchestrator-common';
import { orchestratorDeliveryExtensionPoint } from '@paved/plugin-orchestrator-node';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEPLOYMENT_EVENT_TOPIC } from '@paved/plugin-orchestrator-common';
import { publishDeploymentEvents } from './service/DeploymentEvents';
import {
  checkoutScore as score,
  PLATFORM_DIR,
  startOrchestrator,
  TestBackendOptions,
} from './__testUtils__/testBackend';

// What other plugins get from the orchestrator: an event on every deployment
// state change, and the reads they make with their own service token.

jest.setTimeout(60_000);

const JANE = 'user:default/jane';
const OLIVIA = 'user:default/olivia';

/** Four production databases cost more than the production-cost-approval threshold. */
const expensive = (greeting: string) =>
  score(
    greeting,
    ['db2', 'db3', 'db4'].map(n => `  ${n}:\n    type: postgres\n`).join(''),
  );

describe('deployment events', () => {
  let published: EventParams[];
  let publish: jest.Mock;
  let backend: Awaited<ReturnType<typeof startOrchestrator>>;

  const start = async (options: TestBackendOptions = {}) => {
    published = [];
    publish = jest.fn(async (params: EventParams) => {
      published.push(params);
    });
    backend = await startOrchestrator({
      ...options,
      extraFeatures: [
        mockServices.events.mock({ publish }).factory,
        ...(options.extraFeatures ?? []),
      ],
    });
  };
  afterEach(async () => {
    await backend?.stop();
  });

  const deploy = async (environment: string, text: string) => {
    const { body: plan } = await backend
      .as(JANE)
      .post('/plans', { environment, score: text });
    const created = await backend
      .as(JANE)
      .post('/deployments', { planHash: plan.hash });
    expect(created.status).toBe(201);
    return created.body as Deployment;
  };
  const states = () =>
    published.map(e => {
      expect(e.topic).toBe(DEPLOYMENT_EVENT_TOPIC);
      const p = e.eventPayload as Record<string, unknown>;
      return `${p.workload} ${p.environment} r${p.revision} ${p.state}`;
    });

  it('announces a deployment when it is created and when it is delivered', async () => {
    await start();
    const deployment = await deploy('development', score());
    await backend.settled(JANE, deployment.id);

    expect(published.map(e => e.eventPayload)).toEqual([
      {
        workload: 'checkout',
        environment: 'development',
        revision: 1,
        state: 'delivering',
      },
      {
        workload: 'checkout',
        environment: 'development',
        revision: 1,
        state: 'delivered',
      },
    ]);
  });

  it('announces waiting for approval, the approval, the rejection and a rollback', async () => {
    await start();
    const first = await deploy('production', expensive('hello'));
    expect(first.state).toBe('pending-approval');
    await backend
      .as(OLIVIA)
      .post(`/deployments/${first.id}/approve`)
      .expect(200);
    await backend.settled(JANE, first.id);

    const second = await deploy('production', expensive('bonjour'));
    await backend
      .as(OLIVIA)
      .post(`/deployments/${second.id}/reject`)
      .expect(200);

    const third = await deploy('production', score('hallo'));
    await backend.settled(JANE, third.id);
    const rollback = await backend
      .as(JANE)
      .post('/workloads/checkout/environments/production/rollback', {
        revision: 1,
      });
    expect(rollback.status).toBe(201);
    await backend.settled(JANE, rollback.body.id);

    expect(states()).toEqual([
      'checkout production r1 pending-approval',
      'checkout production r1 delivering',
      'checkout production r1 delivered',
      'checkout production r2 pending-approval',
      'checkout production r2 rejected',
      'checkout production r3 delivering',
      'checkout production r3 delivered',
      'checkout production r4 delivering',
      'checkout production r4 delivered',
      'checkout production r3 rolled-back',
    ]);
  });

  it('announces a delivery that failed', async () => {
    // An environment delivering to a target that always fails, as a broken
    // cluster or an unreachable repository would.
    const platformDirectory = join(
      mkdtempSync(join(tmpdir(), 'paved-platform-')),
      'platform',
    );
    cpSync(PLATFORM_DIR, platformDirectory, { recursive: true });
    writeFileSync(
      join(platformDirectory, 'environments', 'broken.yaml'),
      `apiVersion: paved.dev/v1alpha1
kind: Environment
metadata:
  name: broken
spec:
  type: development
  cluster: northwind-dev
  domain: broken.northwind.example
  delivery: unreachable
`,
    );
    const unreachable = createBackendModule({
      pluginId: 'orchestrator',
      moduleId: 'unreachable-target',
      register(env) {
        env.registerInit({
          deps: { delivery: orchestratorDeliveryExtensionPoint },
          async init({ delivery }) {
            delivery.addDeliveryTargets({
              name: 'unreachable',
              deliver: async () => {
                throw new Error('connect ECONNREFUSED 10.0.0.1:443');
              },
              remove: async () => {
                throw new Error('connect ECONNREFUSED 10.0.0.1:443');
              },
            });
          },
        });
      },
    });
    await start({ platformDirectory, extraFeatures: [unreachable as never] });

    const deployment = await deploy('broken', score());
    expect(await backend.settled(JANE, deployment.id)).toMatchObject({
      state: 'failed',
    });
    expect(states()).toEqual([
      'checkout broken r1 delivering',
      'checkout broken r1 failed',
    ]);
  });

  it('delivers all the same when the events service fails', async () => {
    await start();
    publish.mockRejectedValue(new Error('events backend unavailable'));

    const deployment = await deploy('development', score());
    expect(await backend.settled(JANE, deployment.id)).toMatchObject({
      state: 'delivered',
    });
    expect(publish).toHaveBeenCalledTimes(2);
  });
});

describe('publishDeploymentEvents', () => {
  const deployment: Deployment = {
    id: 'd-1',
    workload: 'checkout',
    environment: 'staging',
    revision: 7,
    planHash: 'a'.repeat(64),
    state: 'failed',
    requestedBy: JANE,
    target: 'gitops',
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:01:00.000Z',
  };

  it('publishes the workload, environment, revision and state', async () => {
    const events = mockServices.events.mock();
    await publishDeploymentEvents(
      events,
      mockServices.logger.mock(),
    )(deployment);
    expect(events.publish).toHaveBeenCalledWith({
      topic: 'paved.orchestrator.deployment',
      eventPayload: {
        workload: 'checkout',
        environment: 'staging',
        revision: 7,
        state: 'failed',
      },
    });
  });

  it('logs a failure to publish instead of throwing it', async () => {
    const events = mockServices.events.mock({
      publish: jest
        .fn()
        .mockRejectedValue(new Error('Service is shutting down')),
    });
    const logger = mockServices.logger.mock();
    await expect(
      publishDeploymentEvents(events, logger)(deployment),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'checkout revision 7 in staging (failed): Service is shutting down',
      ),
    );
  });
});

describe('reads with a service token', () => {
  let backend: Awaited<ReturnType<typeof startOrchestrator>>;
  beforeEach(async () => {
    backend = await startOrchestrator();
  });
  afterEach(async () => {
    await backend.stop();
  });
  const asService = {
    Authorization: mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:scorecards'),
      targetPluginId: 'orchestrator',
    }),
  };

  it('answers the reads another plugin makes, and nothing else', async () => {
    const { body: plan } = await backend
      .as(JANE)
      .post('/plans', { environment: 'development', score: score() });
    const { body: deployment } = await backend
      .as(JANE)
      .post('/deployments', { planHash: plan.hash });
    await backend.settled(JANE, deployment.id);

    const get = (path: string) =>
      request(backend.server).get(`/api/orchestrator${path}`).set(asService);
    const environments = await get('/workloads/checkout/environments');
    expect(environments.status).toBe(200);
    expect(environments.body.items).toEqual([
      expect.objectContaining({
        environment: 'development',
        current: expect.objectContaining({ planHash: plan.hash }),
      }),
    ]);
    expect((await get(`/plans/${plan.hash}`)).body.hash).toBe(plan.hash);
    expect(
      (await get('/environments')).body.items.map(
        (e: { name: string; type: string }) => `${e.name}:${e.type}`,
      ),
    ).toEqual(
      expect.arrayContaining([
        'development:development',
        'production:production',
      ]),
    );

    // Deploying stays a person's act.
    const write = await request(backend.server)
      .post('/api/orchestrator/plans')
      .set(asService)
      .send({ environment: 'development', score: score() });
    expect(write.status).toBe(403);
    expect((await get(`/deployments/${deployment.id}`)).status).toBe(403);
  });
});
