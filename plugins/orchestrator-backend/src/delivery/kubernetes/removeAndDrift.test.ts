import { FakeKubernetesApiServer } from './__testUtils__/FakeKubernetesApiServer';
import {
  deliveryRequest,
  environment,
  NAMESPACE,
  planOf,
  targetFor,
  TOKEN,
  workloadObjects,
} from './__testUtils__/fixtures';
import { NORTHWIND_CLAIM_TYPES } from './__testUtils__/resourceTypes';

// Real HTTP round trips to the in-process API server: a loaded CI machine needs more than jest's default 5 s.
jest.setTimeout(60_000);

const guardrail = {
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicy',
  metadata: { name: 'require-probes' },
  spec: {
    failurePolicy: 'Fail',
    matchConstraints: {
      resourceRules: [
        {
          apiGroups: ['apps'],
          apiVersions: ['v1'],
          operations: ['CREATE'],
          resources: ['deployments'],
        },
      ],
    },
    validations: [{ expression: 'true' }],
  },
};
const claim = {
  apiVersion: 'platform.northwind.example/v1alpha1',
  kind: 'PostgreSQLInstance',
  metadata: { name: 'checkout-db', namespace: NAMESPACE },
  spec: { parameters: { storageGB: 5 } },
};
const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'checkout-api-key', namespace: NAMESPACE },
  stringData: { key: 'sk-live-4242-very-secret' },
};

describe('KubernetesDeliveryTarget.remove', () => {
  let fake: FakeKubernetesApiServer;

  beforeEach(async () => {
    fake = await FakeKubernetesApiServer.start({
      token: TOKEN,
      customResources: NORTHWIND_CLAIM_TYPES,
    });
  });
  afterEach(() => fake.close());

  it("deletes the workload's objects, Namespace last, and leaves shared guardrails and others' objects", async () => {
    const target = targetFor(fake);
    const plan = planOf([...workloadObjects(), claim], { shared: [guardrail] });
    await target.deliver(deliveryRequest(plan, 1));
    fake.seed({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'unrelated', namespace: 'default' },
      data: {},
    });
    fake.requests.length = 0;

    const result = await target.remove({
      workload: 'checkout',
      environment,
      previous: plan,
      initiator: 'user:default/alice',
      reason: 'decommissioned',
    });

    const deletes = fake.requests
      .filter(r => r.method === 'DELETE')
      .map(r => r.path);
    expect(deletes).toHaveLength(6);
    expect(deletes[deletes.length - 1]).toBe(`/api/v1/namespaces/${NAMESPACE}`);
    // What uses others first (workloads, Services, claims), then what they use, Namespace last.
    expect(deletes.slice(0, 3).sort()).toEqual([
      `/api/v1/namespaces/${NAMESPACE}/services/checkout`,
      `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/checkout`,
      `/apis/platform.northwind.example/v1alpha1/namespaces/${NAMESPACE}/postgresqlinstances/checkout-db`,
    ]);
    expect(deletes.slice(3, 5).sort()).toEqual([
      `/api/v1/namespaces/${NAMESPACE}/configmaps/checkout-env`,
      `/api/v1/namespaces/${NAMESPACE}/serviceaccounts/checkout`,
    ]);
    expect(result.objects.every(o => o.action === 'deleted')).toBe(true);
    expect(result.summary).toBe(
      'deleted 6 objects of checkout from cluster northwind-dev (decommissioned)',
    );
    expect(
      fake
        .objects()
        .map(o => `${o.kind}/${o.metadata.name}`)
        .sort(),
    ).toEqual([
      'ConfigMap/unrelated',
      'ValidatingAdmissionPolicy/require-probes',
    ]);
  });

  it('finds the objects by their labels when the last plan is not at hand', async () => {
    const target = targetFor(fake);
    await target.deliver(deliveryRequest(planOf(workloadObjects()), 1));
    const result = await target.remove({
      workload: 'checkout',
      environment,
      initiator: 'user:default/alice',
      reason: 'cleanup',
    });
    expect(result.objects).toHaveLength(5);
    expect(fake.objects()).toEqual([]);
  });
});

describe('KubernetesDeliveryTarget.drift', () => {
  let fake: FakeKubernetesApiServer;

  beforeEach(async () => {
    fake = await FakeKubernetesApiServer.start({
      token: TOKEN,
      customResources: NORTHWIND_CLAIM_TYPES,
    });
  });
  afterEach(() => fake.close());

  const request = (plan = planOf([...workloadObjects(), claim, secret])) => ({
    workload: 'checkout',
    environment,
    plan,
  });

  it('is in sync right after a delivery, whatever the server and others added', async () => {
    const target = targetFor(fake);
    await target.deliver(deliveryRequest(request().plan, 1));
    // Others' annotations and labels, and a quantity in another spelling, are not drift.
    fake.edit(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: NAMESPACE,
        name: 'checkout',
      },
      d => {
        d.metadata.annotations = { 'deployment.kubernetes.io/revision': '3' };
        d.spec.template.spec.containers[0].resources.requests.cpu = '0.25';
        d.spec.template.spec.containers[0].terminationMessagePath =
          '/dev/termination-log';
      },
    );

    const report = await target.drift(request());
    expect(report.drifted).toBe(false);
    expect(report.objects).toHaveLength(7);
    expect(report.objects.every(o => o.state === 'in-sync')).toBe(true);
  });

  it('reports edited fields by path and deleted objects as missing', async () => {
    const target = targetFor(fake);
    await target.deliver(deliveryRequest(request().plan, 1));
    fake.edit(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: NAMESPACE,
        name: 'checkout',
      },
      d => {
        d.spec.replicas = 5;
        d.spec.template.spec.containers[0].image =
          'docker.io/evil/checkout:latest';
      },
    );
    fake.remove({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: NAMESPACE,
      name: 'checkout-env',
    });
    fake.edit(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        namespace: NAMESPACE,
        name: 'checkout-api-key',
      },
      s => {
        s.data.key = Buffer.from('sk-live-9999-stolen-value').toString(
          'base64',
        );
      },
    );

    const report = await target.drift(request());
    expect(report.drifted).toBe(true);
    const state = Object.fromEntries(
      report.objects.map(o => [`${o.kind}/${o.name}`, [o.state, o.fields]]),
    );
    expect(state).toEqual({
      [`Namespace/${NAMESPACE}`]: ['in-sync', undefined],
      'ServiceAccount/checkout': ['in-sync', undefined],
      'ConfigMap/checkout-env': ['missing', undefined],
      'Service/checkout': ['in-sync', undefined],
      'Deployment/checkout': [
        'modified',
        ['spec.replicas', 'spec.template.spec.containers[name="api"].image'],
      ],
      'PostgreSQLInstance/checkout-db': ['in-sync', undefined],
      'Secret/checkout-api-key': ['modified', ['data.key']],
    });
    const text = JSON.stringify(report);
    expect(text).not.toContain('sk-live');
    expect(text).not.toContain(
      Buffer.from('sk-live-9999-stolen-value').toString('base64'),
    );
  });

  it('never returns Secret data from a delivery', async () => {
    const result = await targetFor(fake).deliver(
      deliveryRequest(request().plan, 1),
    );
    const text = JSON.stringify(result);
    expect(text).toContain('checkout-api-key');
    expect(text).not.toContain('sk-live');
    expect(text).not.toContain(
      Buffer.from(secret.stringData.key).toString('base64'),
    );
  });
});
