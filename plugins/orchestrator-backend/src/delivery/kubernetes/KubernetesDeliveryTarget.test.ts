import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plan } from '@paved/plugin-orchestrator-node';
import { parse } from 'yaml';
import { FakeKubernetesApiServer } from './__testUtils__/FakeKubernetesApiServer';
import {
  CLUSTER,
  deliveryRequest,
  environment,
  NAMESPACE,
  planOf,
  targetFor,
  TOKEN,
  workloadObjects,
  writes,
} from './__testUtils__/fixtures';
import { NORTHWIND_CLAIM_TYPES } from './__testUtils__/resourceTypes';
import { KubernetesDeliveryError } from './errors';

// Real HTTP round trips to the in-process API server: a loaded CI machine needs more than jest's default 5 s.
jest.setTimeout(60_000);

const ref = (kind: string, name: string, apiVersion = 'v1') => ({
  apiVersion,
  kind,
  name,
  namespace: kind === 'Namespace' ? undefined : NAMESPACE,
});

describe('KubernetesDeliveryTarget.deliver', () => {
  let fake: FakeKubernetesApiServer;

  beforeEach(async () => {
    fake = await FakeKubernetesApiServer.start({
      token: TOKEN,
      customResources: NORTHWIND_CLAIM_TYPES,
    });
  });
  afterEach(() => fake.close());

  it('applies every object with server-side apply as "paved", labelled with the revision', async () => {
    const target = targetFor(fake);
    const result = await target.deliver(
      deliveryRequest(planOf(workloadObjects()), 1),
    );

    expect(result.target).toBe('kubernetes');
    expect(result.reference).toBe(`${CLUSTER}/${NAMESPACE}@1`);
    expect(result.objects.map(o => `${o.kind}/${o.name}:${o.action}`)).toEqual([
      `Namespace/${NAMESPACE}:created`,
      'ServiceAccount/checkout:created',
      'ConfigMap/checkout-env:created',
      'Service/checkout:created',
      'Deployment/checkout:created',
    ]);
    expect(result.summary).toBe(
      `applied 5 objects to cluster ${CLUSTER} (5 created), pruned 0, rolled out 1`,
    );
    for (const object of fake.objects()) {
      expect(object.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'paved',
        'app.kubernetes.io/name': 'checkout',
        'paved.dev/environment': 'development',
        'paved.dev/revision': '1',
      });
      expect(
        (object.metadata.managedFields as any[]).map(m => [
          m.manager,
          m.operation,
        ]),
      ).toEqual([['paved', 'Apply']]);
    }
    // The CI workflow is not for the cluster.
    expect(fake.objects()).toHaveLength(5);
    // Every object was dry-run before anything was written.
    const patches = fake.requests.filter(r => r.method === 'PATCH');
    const firstWrite = patches.findIndex(r => r.query.dryRun !== 'All');
    expect(patches.slice(0, firstWrite).map(r => r.path)).toEqual([
      `/api/v1/namespaces/${NAMESPACE}`,
    ]);
    // The namespace is new, so the objects in it were checked against their schemas instead.
    expect(patches.filter(r => r.query.dryRun === 'All')).toHaveLength(1);
    expect(
      patches.every(
        r =>
          r.contentType === 'application/apply-patch+yaml' &&
          r.query.fieldManager === 'paved' &&
          r.query.force === 'false',
      ),
    ).toBe(true);
  });

  it('dry-runs objects in existing namespaces on the server, and reports unchanged objects on a re-run', async () => {
    const target = targetFor(fake);
    const plan = planOf(workloadObjects());
    await target.deliver(deliveryRequest(plan, 1));
    fake.requests.length = 0;
    const again = await target.deliver(deliveryRequest(plan, 1));
    expect(again.objects.every(o => o.action === 'unchanged')).toBe(true);
    expect(
      fake.requests.filter(
        r => r.method === 'PATCH' && r.query.dryRun === 'All',
      ),
    ).toHaveLength(5);
  });

  it('prunes what the previous revision had and this one does not', async () => {
    const target = targetFor(fake);
    const first = planOf(workloadObjects());
    await target.deliver(deliveryRequest(first, 1));
    // Someone else's object in the namespace, without Paved's labels: not Paved's to prune.
    fake.seed({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'ops-notes', namespace: NAMESPACE },
      data: { a: 'b' },
    });

    const second = planOf(workloadObjects().filter(o => o.kind !== 'Service'));
    const result = await target.deliver(deliveryRequest(second, 2, first));

    expect(result.objects.filter(o => o.action === 'deleted')).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        namespace: NAMESPACE,
        name: 'checkout',
        action: 'deleted',
      },
    ]);
    expect(fake.get(ref('Service', 'checkout'))).toBeUndefined();
    expect(fake.get(ref('ConfigMap', 'ops-notes'))).toBeDefined();
    expect(
      fake
        .objects()
        .filter(o => o.metadata.labels?.['paved.dev/revision'] === '2'),
    ).toHaveLength(4);
    expect(result.summary).toContain('pruned 1');
  });

  it('applies nothing when the server refuses an object in the dry run', async () => {
    const target = targetFor(fake);
    const plan = planOf(workloadObjects());
    await target.deliver(deliveryRequest(plan, 1));
    const before = fake.objects();
    fake.requests.length = 0;

    const broken = workloadObjects({ logLevel: 'debug' });
    (broken[4].spec as any).replicas = 'two';
    const failure = target.deliver(deliveryRequest(planOf(broken), 2, plan));

    await expect(failure).rejects.toThrow(KubernetesDeliveryError);
    await expect(failure).rejects.toMatchObject({
      name: 'InputError',
      applied: [],
      message: expect.stringContaining(
        `Deployment ${NAMESPACE}/checkout on cluster ${CLUSTER} was refused: Deployment.apps "checkout" is invalid: spec.replicas`,
      ),
    });
    expect(writes(fake)).toEqual([]);
    expect(fake.objects()).toEqual(before);
  });

  it('checks objects in a namespace it is about to create against their schemas, and applies nothing if one fails', async () => {
    const target = targetFor(fake);
    const broken = workloadObjects();
    (broken[4].spec as any).template.spec.containers[0].ports = [
      { containerPort: 'http' },
    ];

    await expect(
      target.deliver(deliveryRequest(planOf(broken), 1)),
    ).rejects.toThrow(
      /Deployment checkout-development\/checkout is invalid: spec\.template\.spec\.containers\[0\]\.ports\[0\]\.containerPort: must be integer/,
    );
    expect(writes(fake)).toEqual([]);
    expect(fake.objects()).toEqual([]);
  });

  it('fails on a field another manager owns, naming the manager and the field, and applies nothing', async () => {
    await targetFor(fake).deliver(
      deliveryRequest(planOf(workloadObjects()), 1),
    );
    // An operator ran kubectl apply --server-side with another log level.
    fake.seed(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'checkout-env', namespace: NAMESPACE },
        data: { LOG_LEVEL: 'debug' },
      },
      'kubectl',
    );
    fake.requests.length = 0;

    const failure = targetFor(fake).deliver(
      deliveryRequest(planOf(workloadObjects()), 2),
    );
    await expect(failure).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /ConfigMap checkout-development\/checkout-env on cluster northwind-dev: field \.data\.LOG_LEVEL is managed by "kubectl"/,
      ),
    });
    expect(writes(fake)).toEqual([]);
    expect(fake.requests.every(r => r.query.force !== 'true')).toBe(true);
    expect(fake.get(ref('ConfigMap', 'checkout-env'))?.data).toEqual({
      LOG_LEVEL: 'debug',
      GREETING: 'hello',
    });
  });

  it('takes the field over when forceConflicts is set', async () => {
    await targetFor(fake).deliver(
      deliveryRequest(planOf(workloadObjects()), 1),
    );
    fake.seed(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'checkout-env', namespace: NAMESPACE },
        data: { LOG_LEVEL: 'debug' },
      },
      'kubectl',
    );

    await targetFor(fake, { forceConflicts: true }).deliver(
      deliveryRequest(planOf(workloadObjects()), 2),
    );

    const live = fake.get(ref('ConfigMap', 'checkout-env'))!;
    expect(live.data).toEqual({ LOG_LEVEL: 'info', GREETING: 'hello' });
    const kubectl = (live.metadata.managedFields as any[]).find(
      m => m.manager === 'kubectl',
    );
    expect(kubectl?.fieldsV1['f:data']).toBeUndefined();
  });

  it('refuses a plan with kinds the cluster does not serve, before applying anything', async () => {
    const claim = {
      apiVersion: 'storage.example.com/v1',
      kind: 'Volume',
      metadata: { name: 'data', namespace: NAMESPACE },
      spec: {},
    };
    await expect(
      targetFor(fake).deliver(
        deliveryRequest(planOf([...workloadObjects(), claim]), 1),
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'does not serve Volume of storage.example.com/v1 (kubernetes/volume-data.yaml)',
      ),
    });
    expect(writes(fake)).toEqual([]);
  });

  it('refuses an environment whose cluster is not configured', async () => {
    const request = deliveryRequest(planOf(workloadObjects()), 1);
    request.environment = {
      ...environment,
      spec: { ...environment.spec, cluster: 'elsewhere' },
    };
    await expect(targetFor(fake).deliver(request)).rejects.toThrow(
      'Environment "development" is on cluster "elsewhere", which orchestrator.kubernetes.clusters does not configure (configured: northwind-dev)',
    );
  });

  it("delivers a real plan: the workload's objects, its claim, and the shared guardrails left unlabelled", async () => {
    const golden: Plan = parse(
      readFileSync(
        resolve(
          __dirname,
          '../../../../orchestrator-node/src/__golden__/checkout.development.plan.yaml',
        ),
        'utf8',
      ),
    );
    fake.seed(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'paved-system' },
      },
      'platform-bootstrap',
    );
    const target = targetFor(fake);
    const result = await target.deliver(deliveryRequest(golden, 1));

    const clusterArtifacts = golden.artifacts.filter(
      a => !a.path.startsWith('.github/'),
    );
    expect(result.objects).toHaveLength(clusterArtifacts.length);
    expect(
      fake.get({
        apiVersion: 'platform.northwind.example/v1alpha1',
        kind: 'PostgreSQLInstance',
        namespace: NAMESPACE,
        name: 'checkout-db',
      })?.metadata.labels,
    ).toMatchObject({ 'paved.dev/revision': '1', workload: 'checkout' });
    const policy = fake.get({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      name: 'allowed-image-registries',
    })!;
    expect(policy.metadata.labels).toBeUndefined();

    // The next revision prunes nothing: shared guardrails are not the workload's.
    const next = await target.deliver(deliveryRequest(golden, 2, golden));
    expect(next.objects.filter(o => o.action === 'deleted')).toEqual([]);
    expect(fake.objects('ValidatingAdmissionPolicy').length).toBeGreaterThan(5);
  });
});
