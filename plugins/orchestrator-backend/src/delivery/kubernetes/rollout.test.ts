import { FakeKubernetesApiServer } from './__testUtils__/FakeKubernetesApiServer';
import {
  deliveryRequest,
  NAMESPACE,
  planOf,
  targetFor,
  TOKEN,
  waitFor,
  workloadObjects,
} from './__testUtils__/fixtures';
import { rolloutState } from './rollout';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: NAMESPACE,
  name: 'checkout',
};

describe('rollout waiting', () => {
  let fake: FakeKubernetesApiServer;

  beforeEach(async () => {
    fake = await FakeKubernetesApiServer.start({
      token: TOKEN,
      rollouts: 'manual',
    });
  });
  afterEach(() => fake.close());

  it('waits until the controller reports the rollout complete', async () => {
    let settled = false;
    const delivery = targetFor(fake)
      .deliver(deliveryRequest(planOf(workloadObjects()), 1))
      .finally(() => {
        settled = true;
      });
    await waitFor(() => fake.get(deployment));
    // Several polls see the rollout in progress.
    await waitFor(() =>
      fake.requestsMatching({
        method: 'GET',
        path: `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/checkout`,
      }).length >= 3
        ? true
        : undefined,
    );
    expect(settled).toBe(false);

    fake.completeRollout(deployment);
    const result = await delivery;
    expect(result.summary).toContain('rolled out 1');
  });

  it('fails naming the workload that did not roll out in time, with everything applied', async () => {
    const failure = targetFor(fake, { rolloutTimeoutMs: 200 }).deliver(
      deliveryRequest(planOf(workloadObjects()), 1),
    );
    await expect(failure).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        `not rolled out within 200ms: Deployment ${NAMESPACE}/checkout (0 of 2 replicas updated)`,
      ),
      applied: expect.arrayContaining([
        expect.objectContaining({
          kind: 'Deployment',
          name: 'checkout',
          action: 'created',
        }),
      ]),
    });
  });

  it('fails at once when the controller gives up, without waiting for the timeout', async () => {
    // The controller's reason, not the 10-minute timeout's message, proves it did not wait.
    const failure = targetFor(fake, { rolloutTimeoutMs: 600_000 }).deliver(
      deliveryRequest(planOf(workloadObjects()), 1),
    );
    await waitFor(() => fake.get(deployment));
    fake.failRollout(deployment);
    await expect(failure).rejects.toThrow(
      /rollout failed: Deployment checkout-development\/checkout \(exceeded its progress deadline: ReplicaSet "checkout-1" has timed out progressing\.\)/,
    );
  });

  it('has nothing to wait for when only labels change (no new generation)', async () => {
    const target = targetFor(fake);
    const plan = planOf(workloadObjects());
    const first = target.deliver(deliveryRequest(plan, 1));
    await waitFor(() => fake.get(deployment));
    fake.completeRollout(deployment);
    await first;

    const generation = fake.get(deployment)!.metadata.generation;
    await target.deliver(deliveryRequest(plan, 2, plan));
    expect(fake.get(deployment)!.metadata.generation).toBe(generation);
    expect(fake.get(deployment)!.metadata.labels?.['paved.dev/revision']).toBe(
      '2',
    );
  });
});

describe('rolloutState', () => {
  const statefulSet = (status: Record<string, unknown>, generation = 2) => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'x', generation },
    spec: { replicas: 3 },
    status,
  });

  it('reads StatefulSets as kubectl rollout status does', () => {
    expect(rolloutState(statefulSet({ observedGeneration: 1 }))).toEqual({
      done: false,
      message: 'waiting for the controller to observe generation 2',
    });
    expect(
      rolloutState(statefulSet({ observedGeneration: 2, readyReplicas: 2 })),
    ).toMatchObject({ done: false, message: '2 of 3 pods ready' });
    expect(
      rolloutState(
        statefulSet({
          observedGeneration: 2,
          readyReplicas: 3,
          updatedReplicas: 1,
          currentRevision: 'db-1',
          updateRevision: 'db-2',
        }),
      ),
    ).toMatchObject({ done: false, message: '1 of 3 pods at revision db-2' });
    expect(
      rolloutState(
        statefulSet({
          observedGeneration: 2,
          readyReplicas: 3,
          currentRevision: 'db-2',
          updateRevision: 'db-2',
        }),
      ),
    ).toMatchObject({ done: true });
  });
});
