import {
  createPlan,
  loadWorkload,
  parseYamlDocument,
  sha256,
  toCanonicalJson,
} from '@paved/plugin-orchestrator-node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_DIR, startOrchestrator } from './__testUtils__/testBackend';
import { PlatformProvider } from './service/PlatformProvider';
import { withWarnings } from './service/RunningImages';

// Day-2 plans made from the catalog give no image: a golden-path service
// (`image: .`) keeps the image it runs instead of rendering as unbuilt.

jest.setTimeout(60_000);

const JANE = 'user:default/jane';
const RUNNING = 'registry.northwind.example/ledger:1.2.3';

/** A golden-path service's score.yaml: its image is the one CI builds. */
const ledgerScore = (extraContainers = '') => `
apiVersion: score.dev/v1b1
metadata:
  name: ledger
  annotations:
    paved.dev/owner: group:default/payments
    paved.dev/cost-center: cc-1042
containers:
  api:
    image: .
    livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
    readinessProbe: { httpGet: { path: /ready, port: 8080 } }
${extraContainers}service:
  ports:
    http: { port: 80, targetPort: 8080 }
`;

/** The component as the catalog read it, with its score.yaml beside it; `write` changes the file. */
function ledgerOnDisk(score = ledgerScore()) {
  const dir = mkdtempSync(join(tmpdir(), 'paved-ledger-'));
  const scoreFile = join(dir, 'score.yaml');
  writeFileSync(scoreFile, score);
  return {
    write: (text: string) => writeFileSync(scoreFile, text),
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'ledger',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${join(
            dir,
            'catalog-info.yaml',
          )}`,
          'paved.dev/score': './score.yaml',
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'group:default/payments',
      },
    },
  };
}

interface PlanBody {
  hash: string;
  warnings: string[];
  verdicts: Array<{ policy: string; action: string; message?: string }>;
  artifacts: Array<{ path: string; kind: string; content: string }>;
}

/** Each container's image in the plan's Deployment of the workload. */
const imagesOf = (plan: PlanBody) => {
  const artifact = plan.artifacts.find(a => a.kind === 'Deployment')!;
  const deployment = parseYamlDocument(artifact.content, artifact.path) as {
    spec: { template: { spec: { containers: Array<Record<string, string>> } } };
  };
  return Object.fromEntries(
    deployment.spec.template.spec.containers.map(c => [c.name, c.image]),
  );
};

const denials = (plan: PlanBody) =>
  plan.verdicts.filter(v => v.action === 'deny').map(v => v.policy);

describe('plans without an image reuse the image the workload runs', () => {
  let backend: Awaited<ReturnType<typeof startOrchestrator>>;
  let ledger: ReturnType<typeof ledgerOnDisk>;
  beforeEach(async () => {
    ledger = ledgerOnDisk();
    backend = await startOrchestrator({ entities: [ledger.entity] });
  });
  afterEach(async () => {
    await backend.stop();
  });

  const plan = async (body: object): Promise<PlanBody> => {
    const response = await backend.as(JANE).post('/plans', body);
    expect(response.status).toBe(201);
    return response.body;
  };
  const fromCatalog = (environment: string, more: object = {}) =>
    plan({ environment, entityRef: 'component:default/ledger', ...more });

  /** The golden path's first deployment: CI's image given explicitly. */
  const deliver = async (environment: string, image: string) => {
    const planned = await fromCatalog(environment, { image });
    const created = await backend
      .as(JANE)
      .post('/deployments', { planHash: planned.hash });
    expect(created.status).toBe(201);
    expect(await backend.settled(JANE, created.body.id)).toMatchObject({
      state: 'delivered',
    });
  };

  it('adds a database to a service delivered to development, keeping its running image', async () => {
    await deliver('development', RUNNING);

    const planned = await fromCatalog('development', {
      resources: { db: { type: 'postgres' } },
    });
    expect(imagesOf(planned)).toEqual({ api: RUNNING });
    expect(denials(planned)).toEqual([]);
    expect(planned.warnings).toContain(
      `containers.api.image is "." and no image was given; reused "${RUNNING}", which revision 1 runs in development`,
    );
    expect(planned.warnings.join('\n')).not.toContain('unbuilt');
    // The plan is stored under the hash it answers with, and can be deployed.
    expect((await backend.as(JANE).get(`/plans/${planned.hash}`)).body).toEqual(
      planned,
    );
    const created = await backend
      .as(JANE)
      .post('/deployments', { planHash: planned.hash });
    expect(created.status).toBe(201);
    expect(await backend.settled(JANE, created.body.id)).toMatchObject({
      state: 'delivered',
      revision: 2,
    });
    expect(
      imagesOf(
        await fromCatalog('development', {
          resources: { db: { type: 'postgres' } },
        }),
      ),
    ).toEqual({ api: RUNNING });
  });

  it('reuses the newest delivered image elsewhere for an environment the workload never reached', async () => {
    await deliver('development', RUNNING);

    const staging = await fromCatalog('staging');
    expect(imagesOf(staging)).toEqual({ api: RUNNING });
    expect(denials(staging)).toEqual([]);
    expect(staging.warnings).toContain(
      `containers.api.image is "." and no image was given; reused "${RUNNING}", which revision 1 runs in development`,
    );

    const newer = 'registry.northwind.example/ledger:1.3.0';
    await deliver('staging', newer);
    const production = await fromCatalog('production');
    expect(imagesOf(production)).toEqual({ api: newer });
    expect(denials(production)).not.toContain('allowed-image-registries');
    // An environment's own revision in effect comes first, though older.
    expect(imagesOf(await fromCatalog('development'))).toEqual({
      api: RUNNING,
    });
  });

  it('never takes a preview environment’s branch build into another environment', async () => {
    const created = await backend
      .as(JANE)
      .post('/environments', { name: 'pr-7', template: 'preview', ttl: '2h' });
    expect(created.status).toBe(201);
    const branchBuild = 'registry.northwind.example/ledger:pr-7';
    await deliver('pr-7', branchBuild);

    // The preview itself keeps its own build...
    expect(imagesOf(await fromCatalog('pr-7'))).toEqual({ api: branchBuild });
    // ...but staging, delivered nowhere among the platform's environments, stays unbuilt.
    const staging = await fromCatalog('staging');
    expect(imagesOf(staging)).toEqual({ api: 'ledger:unbuilt' });
    expect(denials(staging)).toEqual(['allowed-image-registries']);
  });

  it('renders a workload delivered nowhere as unbuilt, and the registry guardrail denies it, as before', async () => {
    const planned = await fromCatalog('development');
    expect(imagesOf(planned)).toEqual({ api: 'ledger:unbuilt' });
    expect(denials(planned)).toEqual(['allowed-image-registries']);
    expect(planned.warnings).toEqual([
      'containers.api.image is "." (the image CI builds) and no built image was given; rendered as "ledger:unbuilt"',
    ]);
    // The same plan as one from the body: nothing was added on the way.
    expect(
      (await plan({ environment: 'development', score: ledgerScore() })).hash,
    ).toBe(planned.hash);
  });

  it('uses the image the request gives over the one running', async () => {
    await deliver('development', RUNNING);
    const image = 'registry.northwind.example/ledger:2.0.0';

    const planned = await fromCatalog('development', { image });
    expect(imagesOf(planned)).toEqual({ api: image });
    expect(planned.warnings.join('\n')).not.toContain('reused');
  });

  it('reuses per container: a "." container that runs nowhere yet stays unbuilt', async () => {
    await deliver('development', RUNNING);
    ledger.write(
      ledgerScore(`  worker:
    image: .
    livenessProbe: { httpGet: { path: /healthz, port: 8081 } }
    readinessProbe: { httpGet: { path: /ready, port: 8081 } }
`),
    );

    const planned = await fromCatalog('development');
    expect(imagesOf(planned)).toEqual({
      api: RUNNING,
      worker: 'ledger:unbuilt',
    });
    expect(denials(planned)).toEqual(['allowed-image-registries']);
  });
});

describe('withWarnings', () => {
  it('hashes a plan as the engine does, so a plan with notes is still addressed by its content', async () => {
    const platform = await PlatformProvider.fromDirectory(PLATFORM_DIR, {
      renderers: [],
      definitions: [],
    });
    const plan = createPlan({
      workload: loadWorkload(ledgerScore(), 'test'),
      environment: platform.environmentFor({
        name: 'development',
        type: 'development',
        template: 'development',
        state: 'active',
        createdAt: new Date(0).toISOString(),
      }),
      platform: platform.platform,
    });
    const { hash, ...unhashed } = plan;
    expect(sha256(toCanonicalJson(unhashed))).toBe(hash);

    const noted = withWarnings(plan, ['a note']);
    expect(noted.warnings).toEqual(['a note', ...plan.warnings]);
    expect(noted.hash).not.toBe(hash);
    const { hash: notedHash, ...notedUnhashed } = noted;
    expect(sha256(toCanonicalJson(notedUnhashed))).toBe(notedHash);
    expect(withWarnings(plan, [])).toBe(plan);
  });
});
