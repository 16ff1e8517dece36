import {
  createServiceFactory,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import type { Entity } from '@backstage/catalog-model';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Knex } from 'knex';
import request from 'supertest';
import { orchestratorPlugin } from '../plugin';

export const PLATFORM_DIR = resolve(__dirname, '../../../../platform');

/** Group memberships the mock user-info service answers with. */
export const MEMBERS: Record<string, string[]> = {
  'user:default/jane': ['group:default/payments'],
  'user:default/olivia': ['group:default/platform'],
  'user:default/sam': ['group:default/storefront'],
};

export interface TestBackendOptions {
  permission?: (
    user: string,
    permission: string,
  ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  entities?: Entity[];
  workingDirectory?: string;
  /** Another platform folder (default: the repository's own). */
  platformDirectory?: string;
  /** More orchestrator config, e.g. Kubernetes clusters. */
  orchestratorConfig?: Record<string, unknown>;
  /** A database to share between backends, to test a restart. */
  knex?: Knex;
  extraFeatures?: Array<ServiceFactory | Promise<{ default: unknown }>>;
}

/**
 * The orchestrator plugin in a test backend: the real platform folder, the
 * real GitOps target (a bare repository in a temporary folder), SQLite, and
 * mocks only for identity, permissions, the catalog and notifications.
 */
export interface TestOrchestrator {
  server: Parameters<typeof request>[0];
  stop(): Promise<void>;
  as(user: string): {
    get(path: string): request.Test;
    post(path: string, body?: object): request.Test;
    delete(path: string): request.Test;
  };
  settled(user: string, id: string): Promise<any>;
  workingDirectory: string;
  notifications: NotificationSendOptions[];
  audits: Array<{
    eventId: string;
    meta?: unknown;
    outcome?: 'success' | 'fail';
  }>;
}

export async function startOrchestrator(
  options: TestBackendOptions = {},
): Promise<TestOrchestrator> {
  const workingDirectory =
    options.workingDirectory ??
    mkdtempSync(join(tmpdir(), 'paved-orchestrator-'));
  const notifications: NotificationSendOptions[] = [];
  const audits: Array<{
    eventId: string;
    meta?: unknown;
    outcome?: 'success' | 'fail';
  }> = [];
  const backend = await startTestBackend({
    features: [
      orchestratorPlugin,
      mockServices.rootConfig.factory({
        data: {
          orchestrator: {
            platform: { directory: options.platformDirectory ?? PLATFORM_DIR },
            workingDirectory,
            ...options.orchestratorConfig,
          },
        },
      }),
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const userEntityRef = (
            credentials.principal as { userEntityRef: string }
          ).userEntityRef;
          return {
            userEntityRef,
            ownershipEntityRefs: [
              userEntityRef,
              ...(MEMBERS[userEntityRef] ?? []),
            ],
          };
        },
      }).factory,
      mockServices.permissions.mock({
        authorize: async (requests, { credentials }) => {
          const user =
            (credentials.principal as { userEntityRef?: string })
              .userEntityRef ?? '';
          return requests.map(r => ({
            result:
              options.permission?.(user, r.permission.name) ??
              AuthorizeResult.ALLOW,
          }));
        },
      }).factory,
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (sent: NotificationSendOptions) => {
            notifications.push(sent);
          },
        }),
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.auditor.mock({
        createEvent: async ({ eventId, meta }) => {
          const record: (typeof audits)[number] = { eventId, meta };
          audits.push(record);
          return {
            success: async () => {
              record.outcome = 'success';
            },
            fail: async () => {
              record.outcome = 'fail';
            },
          };
        },
      }).factory,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      ...((options.extraFeatures ?? []) as never[]),
    ],
  });
  const { server } = backend;
  const as = (user: string) => {
    const auth = { Authorization: mockCredentials.user.header(user) };
    return {
      get: (path: string) =>
        request(server).get(`/api/orchestrator${path}`).set(auth),
      post: (path: string, body?: object) =>
        request(server).post(`/api/orchestrator${path}`).set(auth).send(body),
      delete: (path: string) =>
        request(server).delete(`/api/orchestrator${path}`).set(auth),
    };
  };
  /** Polls a deployment until it leaves the in-flight states. */
  const settled = async (user: string, id: string) => {
    for (let i = 0; i < 200; i++) {
      const { body } = await as(user).get(`/deployments/${id}`);
      if (!['delivering'].includes(body.state)) return body;
      await new Promise(r => setTimeout(r, 25));
    }
    throw new Error(`deployment ${id} still delivering`);
  };
  return {
    server,
    stop: () => backend.stop(),
    as,
    settled,
    workingDirectory,
    notifications,
    audits,
  };
}

/** A workload with a database as score.yaml, compliant with the shipped policies. */
export const workloadScore = (
  name: string,
  greeting = 'hello',
  extraResources = '',
) => `
apiVersion: score.dev/v1b1
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
      DB_PASSWORD: \${resources.db.password}
    livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
    readinessProbe: { httpGet: { path: /ready, port: 8080 } }
service:
  ports:
    http: { port: 80, targetPort: 8080 }
resources:
  db:
    type: postgres
${extraResources}`;

/** The checkout workload as score.yaml. */
export const checkoutScore = (greeting = 'hello', extraResources = '') =>
  workloadScore('checkout', greeting, extraResources);

/** Runs git against a repository, as a person would inspect it. */
export const git = (repo: string, ...args: string[]) =>
  execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
