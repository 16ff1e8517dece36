import { FakeKubernetesApiServer } from './__testUtils__/FakeKubernetesApiServer';
import {
  deliveryRequest,
  planOf,
  targetFor,
  TOKEN,
  workloadObjects,
} from './__testUtils__/fixtures';
import { TEST_CERTIFICATE, TEST_PRIVATE_KEY } from './__testUtils__/testTls';

describe('connecting to the API server', () => {
  let fake: FakeKubernetesApiServer;

  beforeEach(async () => {
    fake = await FakeKubernetesApiServer.start({
      token: TOKEN,
      tls: { key: TEST_PRIVATE_KEY, cert: TEST_CERTIFICATE },
    });
  });
  afterEach(() => fake.close());

  it('trusts the API server through caData, over kept-alive connections', async () => {
    const target = targetFor(fake, {
      concurrency: 3,
      cluster: {
        skipTLSVerify: false,
        caData: Buffer.from(TEST_CERTIFICATE).toString('base64'),
      },
    });
    await target.deliver(deliveryRequest(planOf(workloadObjects()), 1));

    expect(fake.url).toMatch(/^https:/);
    expect(fake.objects()).toHaveLength(5);
    // A connection per request would be one per request; a few serve them all.
    expect(fake.requests.length).toBeGreaterThan(20);
    expect(fake.connections).toBeLessThanOrEqual(3);
  });

  it('refuses an API server whose certificate it cannot verify', async () => {
    const target = targetFor(fake, { cluster: { skipTLSVerify: false } });
    await expect(
      target.deliver(deliveryRequest(planOf(workloadObjects()), 1)),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /could not reach the API server: .*self-signed certificate/,
      ),
    });
    expect(fake.requests).toEqual([]);
  });

  it('skips verification only when told to', async () => {
    await targetFor(fake, { cluster: { skipTLSVerify: true } }).deliver(
      deliveryRequest(planOf(workloadObjects()), 1),
    );
    expect(fake.objects()).toHaveLength(5);
  });
});
