import {
  ApiException,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { FakeKubernetesApiServer } from './__testUtils__/FakeKubernetesApiServer';
import { NORTHWIND_CLAIM_TYPES } from './__testUtils__/resourceTypes';

// The fake is checked with the client's stock API, not only with Paved's
// use of it: it must answer what any client of the real API server sends.
function stockClient(fake: FakeKubernetesApiServer, token = 'secret-token') {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromClusterAndUser(
    { name: 'fake', server: fake.url, skipTLSVerify: true },
    { name: 'tester', token },
  );
  return KubernetesObjectApi.makeApiClient(kubeConfig);
}

const configMap = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'settings',
    namespace: 'default',
    labels: { team: 'payments' },
  },
  data,
});

async function statusOf(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    // The stock client hands the Status over as text.
    if (error instanceof ApiException) {
      return { code: error.code, body: JSON.parse(String(error.body)) };
    }
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('FakeKubernetesApiServer', () => {
  let fake: FakeKubernetesApiServer;

  beforeEach(async () => {
    fake = await FakeKubernetesApiServer.start({
      token: 'secret-token',
      customResources: NORTHWIND_CLAIM_TYPES,
    });
  });
  afterEach(() => fake.close());

  const get = async (path: string) => {
    const response = await fetch(`${fake.url}${path}`, {
      headers: { authorization: 'Bearer secret-token' },
    });
    return { status: response.status, body: await response.json() };
  };

  it('answers discovery for built-in kinds and registered custom resources', async () => {
    expect((await get('/api')).body.versions).toEqual(['v1']);
    const core = await get('/api/v1');
    expect(core.body.resources).toContainEqual(
      expect.objectContaining({
        name: 'namespaces',
        kind: 'Namespace',
        namespaced: false,
      }),
    );
    const groups = (await get('/apis')).body.groups.map((g: any) => g.name);
    expect(groups).toEqual(
      expect.arrayContaining([
        'apps',
        'policy',
        'autoscaling',
        'networking.k8s.io',
        'admissionregistration.k8s.io',
        'platform.northwind.example',
      ]),
    );
    const apps = await get('/apis/apps/v1');
    expect(apps.body.resources[0]).toMatchObject({
      name: 'deployments',
      kind: 'Deployment',
      namespaced: true,
    });
    const claims = await get('/apis/platform.northwind.example/v1alpha1');
    expect(claims.body.resources.map((r: any) => r.kind)).toEqual([
      'PostgreSQLInstance',
      'RedisInstance',
      'Bucket',
      'Queue',
    ]);
    expect((await get('/apis/example.com/v1')).status).toBe(404);
  });

  it('refuses requests without the token', async () => {
    const failure = await statusOf(
      stockClient(fake, 'wrong').list('v1', 'ConfigMap', 'default'),
    );
    expect(failure.code).toBe(401);
  });

  it('validates built-in kinds against their schemas: 422 naming the field, nothing stored', async () => {
    const client = stockClient(fake);
    const failure = await statusOf(
      client.patch(
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'default' },
          spec: {
            selector: { matchLabels: { app: 'web' } },
            template: {
              metadata: { labels: { app: 'web' } },
              spec: { containers: [{ image: 'nginx' }] },
            },
          },
        } as any,
        undefined,
        undefined,
        'tester',
        false,
        PatchStrategy.ServerSideApply,
      ),
    );
    expect(failure.code).toBe(422);
    expect(failure.body.reason).toBe('Invalid');
    expect(failure.body.message).toContain('Deployment.apps "web" is invalid');
    expect(failure.body.details.causes).toContainEqual(
      expect.objectContaining({ field: 'spec.template.spec.containers[0]' }),
    );
    expect(fake.objects('Deployment')).toEqual([]);
  });

  it('merges server-side applies by field manager and reports conflicts as the API server does', async () => {
    const client = stockClient(fake);
    const apply = (
      manager: string,
      data: Record<string, string>,
      force = false,
      dryRun?: string,
    ) =>
      client.patch(
        configMap(data),
        undefined,
        dryRun,
        manager,
        force,
        PatchStrategy.ServerSideApply,
      );

    await apply('kubectl', { LOG_LEVEL: 'debug', OWNER: 'ops' });
    // Same value: shared ownership, no conflict.
    await apply('paved', { LOG_LEVEL: 'debug' });
    const conflict = await statusOf(apply('paved', { LOG_LEVEL: 'info' }));
    expect(conflict.code).toBe(409);
    expect(conflict.body.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl" using v1: .data.LOG_LEVEL',
    );
    expect(conflict.body.details.causes).toEqual([
      {
        type: 'FieldManagerConflict',
        message: 'conflict with "kubectl" using v1',
        field: '.data.LOG_LEVEL',
      },
    ]);

    await apply('paved', { LOG_LEVEL: 'trace' }, true, 'All');
    expect(
      fake.get({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'default',
        name: 'settings',
      })?.data,
    ).toEqual({ LOG_LEVEL: 'debug', OWNER: 'ops' });

    await apply('paved', { LOG_LEVEL: 'info' }, true);
    const live = fake.get({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'default',
      name: 'settings',
    })!;
    expect(live.data).toEqual({ LOG_LEVEL: 'info', OWNER: 'ops' });
    const managers = (live.metadata.managedFields as any[]).map(m => [
      m.manager,
      Object.keys(m.fieldsV1['f:data'] ?? {}),
    ]);
    expect(managers).toEqual([
      ['kubectl', ['f:OWNER']],
      ['paved', ['f:LOG_LEVEL']],
    ]);

    // kubectl stops applying OWNER, which nobody else owns: it goes.
    await apply('kubectl', {});
    expect(
      fake.get({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'default',
        name: 'settings',
      })?.data,
    ).toEqual({ LOG_LEVEL: 'info' });
  });

  it('lists by label selector, without apiVersion and kind on the items', async () => {
    fake.seed(configMap({ a: '1' }) as any);
    fake.seed({
      ...configMap({}),
      metadata: {
        name: 'other',
        namespace: 'default',
        labels: { team: 'search' },
      },
    } as any);
    const matching = await get(
      '/api/v1/namespaces/default/configmaps?labelSelector=team%3Dpayments',
    );
    expect(matching.body.items.map((i: any) => i.metadata.name)).toEqual([
      'settings',
    ]);
    expect(matching.body.items[0].kind).toBeUndefined();
    const setBased = await get(
      '/api/v1/configmaps?labelSelector=team%20notin%20(payments),!missing',
    );
    expect(setBased.body.items.map((i: any) => i.metadata.name)).toEqual([
      'other',
    ]);
  });

  it('refuses objects in a namespace that does not exist, dry run included', async () => {
    const client = stockClient(fake);
    const failure = await statusOf(
      client.patch(
        { ...configMap({}), metadata: { name: 'x', namespace: 'nowhere' } },
        undefined,
        'All',
        'tester',
        false,
        PatchStrategy.ServerSideApply,
      ),
    );
    expect(failure.code).toBe(404);
    expect(failure.body.message).toBe('namespaces "nowhere" not found');
  });

  it('injects faults into matching requests only, as many times as asked', async () => {
    fake.inject(
      { method: 'GET', path: '/api/v1/namespaces/default/configmaps' },
      { status: 429, retryAfterSeconds: 3 },
      2,
    );
    const first = await fetch(
      `${fake.url}/api/v1/namespaces/default/configmaps`,
      { headers: { authorization: 'Bearer secret-token' } },
    );
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect((await get('/api/v1/namespaces/default/secrets')).status).toBe(200);
    expect((await get('/api/v1/namespaces/default/configmaps')).status).toBe(
      429,
    );
    expect((await get('/api/v1/namespaces/default/configmaps')).status).toBe(
      200,
    );
  });
});
