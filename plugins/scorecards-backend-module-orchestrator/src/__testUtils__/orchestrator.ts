import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { DiscoveryService } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Deployment } from '@paved/plugin-orchestrator-common';
// The tests run the real orchestrator, not a stand-in for its API.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import orchestratorPlugin from '@paved/plugin-orchestrator-backend';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PLATFORM_DIR = resolve(__dirname, '../../../../platform');
const JANE = 'user:default/jane';

type Knex = Awaited<ReturnType<TestDatabases['init']>>;

/**
 * The real orchestrator plugin in a test backend: a platform folder (the
 * repository's own by default), its guardrails, SQLite, GitOps delivery into
 * a bare repository in a temporary folder. Jane plans and deploys through its
 * HTTP API; the fact source reads it over HTTP with the scorecards' token.
 */
export async function startOrchestrator(
  options: { platformDirectory?: string; knex?: Knex } = {},
) {
  const backend = await startTestBackend({
    features: [
      orchestratorPlugin,
      mockServices.rootConfig.factory({
        data: {
          orchestrator: {
            platform: { directory: options.platformDirectory ?? PLATFORM_DIR },
            workingDirectory: mkdtempSync(join(tmpdir(), 'paved-scorecards-')),
          },
        },
      }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}/api`;
  const discovery: DiscoveryService = {
    getBaseUrl: async pluginId => `${baseUrl}/${pluginId}`,
    getExternalBaseUrl: async pluginId => `${baseUrl}/${pluginId}`,
  };

  const asJane = async (method: string, path: string, body?: object) => {
    const response = await fetch(`${baseUrl}/orchestrator${path}`, {
      method,
      headers: {
        authorization: mockCredentials.user.header(JANE),
        ...(body && { 'content-type': 'application/json' }),
      },
      body: body && JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) {
      throw new Error(
        `${method} ${path}: ${response.status} ${json.error?.message}`,
      );
    }
    return json;
  };

  /** Plans the score for the environment and deploys it, waiting while it delivers. */
  const deploy = async (
    environment: string,
    score: string,
  ): Promise<Deployment> => {
    const plan = await asJane('POST', '/plans', { environment, score });
    let deployment: Deployment = await asJane('POST', '/deployments', {
      planHash: plan.hash,
    });
    for (let i = 0; deployment.state === 'delivering' && i < 400; i++) {
      await new Promise(r => setTimeout(r, 25));
      deployment = await asJane('GET', `/deployments/${deployment.id}`);
    }
    return deployment;
  };

  return { discovery, deploy, stop: () => backend.stop() };
}

/** A score.yaml the shipped policies accept; `extraResources` are more lines under `resources:`. */
export const score = (name: string, greeting = 'hello', extraResources = '') =>
  `apiVersion: score.dev/v1b1
metadata:
  name: ${name}
  annotations:
    paved.dev/owner: group:default/payments
    paved.dev/cost-center: cc-1042
containers:
  api:
    image: registry.northwind.example/${name}:1.0.0
    variables:
      GREETING: ${greeting}
      DB_HOST: \${resources.db.host}
    livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
    readinessProbe: { httpGet: { path: /ready, port: 8080 } }
service:
  ports:
    http: { port: 80, targetPort: 8080 }
resources:
  db:
    type: postgres
${extraResources}`;

/** Four production databases cost more than production-cost-approval lets through. */
export const expensiveScore = (name: string, greeting = 'hello') =>
  score(
    name,
    greeting,
    ['db2', 'db3', 'db4'].map(n => `  ${n}:\n    type: postgres\n`).join(''),
  );
