import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The tests run the real orchestrator, not a stand-in for its API.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import orchestratorPlugin from '@paved/plugin-orchestrator-backend';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OrchestratorClient } from '../OrchestratorClient';

/**
 * The notification service the orchestrator sends with, by its id as
 * @backstage/plugin-notifications-node declares it: the backend matches
 * services by id, and this package does not depend on that one.
 */
const notificationServiceRef = createServiceRef<{
  send(notification: unknown): Promise<void>;
}>({ id: 'notifications.service', scope: 'plugin' });

export const PLATFORM_DIR = resolve(__dirname, '../../../../platform');
export const JANE = 'user:default/jane';

/**
 * The real orchestrator plugin in a test backend: the repository's platform
 * folder and guardrails, SQLite, GitOps delivery into a bare repository in a
 * temporary folder. Only the catalog, the scheduler and notifications are
 * mocks: there is no notifications backend here, so what the orchestrator
 * sends when an environment is destroyed is kept in `notifications`.
 *
 * The client reaches it over HTTP as the scaffolder would: with a token the
 * scaffolder's auth service issues on behalf of the task's initiator.
 */
export async function startOrchestrator(
  orchestratorConfig: Record<string, unknown> = {},
  /** What the catalog holds, e.g. components whose score.yaml the orchestrator reads. */
  entities: Entity[] = [],
) {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'paved-scaffolder-'));
  const notifications: unknown[] = [];
  const backend = await startTestBackend({
    features: [
      createServiceFactory({
        service: notificationServiceRef,
        deps: {},
        factory: () => ({
          send: async (notification: unknown) => {
            notifications.push(notification);
          },
        }),
      }),
      orchestratorPlugin,
      mockServices.rootConfig.factory({
        data: {
          orchestrator: {
            platform: { directory: PLATFORM_DIR },
            workingDirectory,
            ...orchestratorConfig,
          },
        },
      }),
      catalogServiceMock.factory({ entities }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}/api`;
  const client = new OrchestratorClient({
    auth: mockServices.auth({ pluginId: 'scaffolder' }),
    discovery: {
      getBaseUrl: async (pluginId: string) => `${baseUrl}/${pluginId}`,
      getExternalBaseUrl: async (pluginId: string) => `${baseUrl}/${pluginId}`,
    },
  });
  const asJane = { credentials: mockCredentials.user(JANE) };
  return {
    client,
    asJane,
    /** The backend's `/api`. */
    baseUrl,
    workingDirectory,
    gitops: join(workingDirectory, 'gitops.git'),
    notifications,
    stop: () => backend.stop(),
  };
}

export type TestOrchestrator = Awaited<ReturnType<typeof startOrchestrator>>;

/** A score.yaml the shipped policies accept, named as the test needs. */
export const score = (
  name = 'checkout',
  {
    image = 'registry.northwind.example/checkout:1.0.0',
    extraResources = '',
  } = {},
) => `# The ${name} service, as its team wrote it.
apiVersion: score.dev/v1b1
metadata:
  name: ${name}
  annotations:
    paved.dev/owner: group:default/payments
    paved.dev/cost-center: cc-1042
containers:
  api:
    image: ${image}
    variables:
      DB_HOST: \${resources.db.host}
    livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
    readinessProbe: { httpGet: { path: /ready, port: 8080 } }
service:
  ports:
    http: { port: 80, targetPort: 8080 }
resources:
  # The orders database.
  db:
    type: postgres
${extraResources}`;

/** Runs git against a repository, as a person would inspect it. */
export const git = (repo: string, ...args: string[]) =>
  execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });

/**
 * A component as the catalog read it from a file, with its score.yaml beside
 * it when it has one (and then its paved.dev/score annotation naming it).
 */
export function componentOnDisk(name: string, scoreText?: string): Entity {
  const dir = mkdtempSync(join(tmpdir(), 'paved-entity-'));
  mkdirSync(join(dir, name));
  if (scoreText !== undefined) {
    writeFileSync(join(dir, name, 'score.yaml'), scoreText);
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${join(
          dir,
          name,
          'catalog-info.yaml',
        )}`,
        ...(scoreText !== undefined
          ? { 'paved.dev/score': './score.yaml' }
          : {}),
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
    },
  };
}
