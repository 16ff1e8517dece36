import { FakeKubernetesApiServer } from './__testUtils__/FakeKubernetesApiServer';
import {
  deliveryRequest,
  NAMESPACE,
  planOf,
  targetFor,
  TOKEN,
  workloadObjects,
} from './__testUtils__/fixtures';
import { KubernetesDeliveryError } from './errors';
import { objectKey } from './objects';

// Real HTTP round trips to the in-process API server: a loaded CI machine needs more than jest's default 5 s.
jest.setTimeout(60_000);

const deploymentPath = `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/checkout`;
const configMapPath = `/api/v1/namespaces/${NAMESPACE}/configmaps/checkout-env`;

describe('KubernetesDeliveryTarget under API faults', () => {
  let fake: FakeKubernetesApiServer;

  beforeEach(async () => {
    fake = await FakeKubernetesApiServer.start({ token: TOKEN });
  });
  afterEach(() => fake.close());

  it('waits as long as a 429 says in Retry-After, then succeeds', async () => {
    fake.inject(
      { method: 'PATCH', path: deploymentPath, dryRun: false },
      { status: 429, retryAfterSeconds: 1 },
    );
    await targetFor(fake).deliver(
      deliveryRequest(planOf(workloadObjects()), 1),
    );

    const attempts = fake.requestsMatching({
      method: 'PATCH',
      path: deploymentPath,
      dryRun: false,
    });
    expect(attempts.map(a => a.status)).toEqual([429, 201]);
    expect(attempts[1].time - attempts[0].time).toBeGreaterThanOrEqual(990);
  });

  it('retries 503s with backoff and succeeds on the third attempt', async () => {
    fake.inject({ method: 'PATCH', path: configMapPath }, { status: 503 }, 2);
    const result = await targetFor(fake).deliver(
      deliveryRequest(planOf(workloadObjects()), 1),
    );

    expect(
      fake
        .requestsMatching({ method: 'PATCH', path: configMapPath })
        .map(a => a.status),
    ).toEqual([503, 503, 201]);
    expect(result.objects).toHaveLength(5);
  });

  it('retries a 409 that is not a field conflict (the object changed under the request)', async () => {
    fake.inject(
      { method: 'PATCH', path: configMapPath, dryRun: false },
      { status: 409 },
    );
    await targetFor(fake).deliver(
      deliveryRequest(planOf(workloadObjects()), 1),
    );
    expect(
      fake
        .requestsMatching({
          method: 'PATCH',
          path: configMapPath,
          dryRun: false,
        })
        .map(a => a.status),
    ).toEqual([409, 201]);
  });

  it('gives up after the bounded retries on a persistent 500, reporting what was applied', async () => {
    fake.inject(
      { method: 'PATCH', path: deploymentPath, dryRun: false },
      { status: 500, message: 'etcdserver: leader changed' },
      Infinity,
    );
    const failure = targetFor(fake).deliver(
      deliveryRequest(planOf(workloadObjects()), 1),
    );

    await expect(failure).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /stopped after applying 4 of 5 objects: Namespace checkout-development \(created\), ServiceAccount checkout-development\/checkout \(created\), ConfigMap .*; caused by ServiceUnavailableError: Deployment checkout-development\/checkout on cluster northwind-dev: the API server answered 500 InternalError: etcdserver: leader changed/,
      ),
    });
    expect(
      fake.requestsMatching({
        method: 'PATCH',
        path: deploymentPath,
        dryRun: false,
      }),
    ).toHaveLength(4);
  });

  it('fails a delivery that hangs part way, and converges when it is run again', async () => {
    // Long enough that no answered request times out on a loaded machine; only the hung PATCH does.
    const target = targetFor(fake, { requestTimeoutMs: 2_000 });
    const first = planOf(workloadObjects());
    await target.deliver(deliveryRequest(first, 1));

    // Revision 2 drops the Service and adds a ConfigMap; the API server hangs on the Deployment.
    const objects = [
      ...workloadObjects({
        image: 'registry.northwind.example/checkout:4b5c6d7',
      }).filter(o => o.kind !== 'Service'),
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'checkout-files', namespace: NAMESPACE },
        data: { 'a.yaml': 'x: 1' },
      },
    ];
    const second = planOf(objects);
    fake.inject(
      { method: 'PATCH', path: deploymentPath, dryRun: false },
      { hang: true },
      Infinity,
    );
    const failure = target.deliver(deliveryRequest(second, 2, first));

    await expect(failure).rejects.toThrow(KubernetesDeliveryError);
    await expect(failure).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        `the API server did not answer in time (PATCH ${deploymentPath} got no answer within 2000 ms)`,
      ),
    });
    const error = (await failure.catch(e => e)) as KubernetesDeliveryError;
    expect(error.applied.map(o => o.name)).toEqual([
      NAMESPACE,
      'checkout',
      'checkout-env',
      'checkout-files',
    ]);
    // Part way: the new ConfigMap is there, the old Service not yet pruned, the Deployment not updated.
    expect(fake.objects('ConfigMap').map(o => o.metadata.name)).toContain(
      'checkout-files',
    );
    expect(fake.objects('Service')).toHaveLength(1);
    expect(
      (fake.objects('Deployment')[0].metadata.labels as any)[
        'paved.dev/revision'
      ],
    ).toBe('1');

    fake.clearFaults();
    await target.deliver(deliveryRequest(second, 2, first));
    const live = fake
      .objects()
      .map(o => objectKey(o))
      .sort();
    const planned = objects.map(o => objectKey(o)).sort();
    expect(live).toEqual(planned);
    expect(
      fake
        .objects()
        .every(o => o.metadata.labels?.['paved.dev/revision'] === '2'),
    ).toBe(true);
    expect(
      (fake.objects('Deployment')[0].spec as any).template.spec.containers[0]
        .image,
    ).toBe('registry.northwind.example/checkout:4b5c6d7');
  });

  it('says the token was refused when the API server answers 401', async () => {
    await fake.close();
    fake = await FakeKubernetesApiServer.start({ token: 'another-token' });
    await expect(
      targetFor(fake).deliver(deliveryRequest(planOf(workloadObjects()), 1)),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        'the API server refused the configured serviceAccountToken',
      ),
    });
  });
});
