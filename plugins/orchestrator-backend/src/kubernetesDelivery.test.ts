import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeKubernetesApiServer } from './delivery/kubernetes/__testUtils__/FakeKubernetesApiServer';
import { PLATFORM_DIR, startOrchestrator } from './__testUtils__/testBackend';

// An environment that delivers straight to a cluster, through the HTTP API:
// the real client and target, against the in-process API server (a test
// double speaking the Kubernetes HTTP API, since no API server can run here).

jest.setTimeout(60_000);

const JANE = 'user:default/jane';
const TOKEN = 'cluster-token-for-tests';
const score = (image: string) => `
apiVersion: score.dev/v1b1
metadata:
  name: cart
  annotations: { paved.dev/owner: group:default/payments, paved.dev/cost-center: cc-7 }
containers:
  web:
    image: ${image}
    livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
    readinessProbe: { httpGet: { path: /ready, port: 8080 } }
service:
  ports:
    http: { port: 80, targetPort: 8080 }
`;

describe('delivery to Kubernetes through the orchestrator', () => {
  it('applies, reports drift when someone edits the cluster, and rolls back', async () => {
    const fake = await FakeKubernetesApiServer.start({ token: TOKEN });
    fake.seed(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'paved-system' },
      },
      'platform-bootstrap',
    );
    const platformDirectory = join(
      mkdtempSync(join(tmpdir(), 'paved-platform-')),
      'platform',
    );
    cpSync(PLATFORM_DIR, platformDirectory, { recursive: true });
    writeFileSync(
      join(platformDirectory, 'environments', 'direct.yaml'),
      `apiVersion: paved.dev/v1alpha1
kind: Environment
metadata:
  name: direct
spec:
  type: development
  cluster: test-cluster
  domain: direct.northwind.example
  delivery: kubernetes
`,
    );
    const backend = await startOrchestrator({
      platformDirectory,
      orchestratorConfig: {
        kubernetes: {
          clusters: [
            {
              name: 'test-cluster',
              url: fake.url,
              serviceAccountToken: TOKEN,
              skipTLSVerify: true,
            },
          ],
        },
      },
    });
    try {
      const deploy = async (image: string) => {
        const { body: plan } = await backend
          .as(JANE)
          .post('/plans', { environment: 'direct', score: score(image) });
        const { body } = await backend
          .as(JANE)
          .post('/deployments', { planHash: plan.hash });
        return backend.settled(JANE, body.id);
      };
      const first = await deploy('registry.northwind.example/cart:1.0.0');
      expect(first).toMatchObject({ state: 'delivered', target: 'kubernetes' });
      const live = () =>
        fake.get({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: 'cart-direct',
          name: 'cart',
        }) as any;
      expect(live().spec.template.spec.containers[0].image).toBe(
        'registry.northwind.example/cart:1.0.0',
      );
      expect(live().metadata.labels['paved.dev/revision']).toBe('1');

      const second = await deploy('registry.northwind.example/cart:2.0.0');
      expect(second).toMatchObject({ state: 'delivered', revision: 2 });
      expect(live().spec.template.spec.containers[0].image).toBe(
        'registry.northwind.example/cart:2.0.0',
      );

      const clean = await backend
        .as(JANE)
        .get('/workloads/cart/environments/direct/drift');
      expect(clean.body).toMatchObject({
        supported: true,
        drifted: false,
        revision: 2,
      });
      // Someone edits the cluster by hand.
      fake.seed(
        {
          ...live(),
          spec: {
            ...live().spec,
            template: {
              ...live().spec.template,
              spec: {
                ...live().spec.template.spec,
                containers: [
                  {
                    ...live().spec.template.spec.containers[0],
                    image: 'nginx:1.27',
                  },
                ],
              },
            },
          },
        },
        'kubectl',
      );
      const drifted = await backend
        .as(JANE)
        .get('/workloads/cart/environments/direct/drift');
      expect(drifted.body.drifted).toBe(true);
      expect(drifted.body.objects).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'Deployment',
            name: 'cart',
            state: 'modified',
            fields: expect.arrayContaining([expect.stringContaining('image')]),
          }),
        ]),
      );

      const { body: rollback } = await backend
        .as(JANE)
        .post('/workloads/cart/environments/direct/rollback', { revision: 1 });
      const rolledBack = await backend.settled(JANE, rollback.id);
      // kubectl now owns the image: Paved reports the conflict rather than forcing it.
      expect(rolledBack.state).toBe('failed');
      expect(rolledBack.error).toContain('kubectl');
    } finally {
      await backend.stop();
      await fake.close();
    }
  });
});
