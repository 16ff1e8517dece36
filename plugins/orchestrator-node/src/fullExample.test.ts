import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createPlan } from './plan';
import {
  findEnvironment,
  loadPlatform,
  readPlatformDirectory,
} from './platform';
import { toStableYaml } from './serialize';
import { inlineFileSources, loadWorkload } from './workload';

// The Score specification's full example (every construct of samples/score-full.yaml,
// with our own values), planned for production. Its resource types are the
// example's own, so the platform here adds definitions for them.

const fixtures = resolve(
  __dirname,
  '../../orchestrator-common/src/__fixtures__',
);
const read = (source: string) =>
  readFileSync(resolve(fixtures, source), 'utf8');
const claim = (
  name: string,
  type: string,
  kind: string,
  extra = '',
) => `apiVersion: paved.dev/v1alpha1
kind: ResourceDefinition
metadata: {name: ${name}}
spec:
  type: ${type}
${extra}  renderer:
    name: crossplane-claim
    config: {apiVersion: platform.northwind.example/v1alpha1, kind: ${kind}, overridableParams: [nested]}
  outputs: {host: '\${claim.name}.\${claim.namespace}.internal'}
  pricePerMonth: {amount: 10, currency: EUR}
`;

async function planFullExample() {
  const repo = await readPlatformDirectory(
    resolve(__dirname, '../../../platform'),
  );
  const platform = loadPlatform([
    {
      path: 'env.yaml',
      text: toStableYaml(findEnvironment(repo, 'production')),
    },
    {
      path: 'db.yaml',
      text: claim(
        'example-db',
        'Postgres-Db',
        'PostgreSQLInstance',
        '  class: standard\n',
      ),
    },
    {
      path: 'queue.yaml',
      text: claim('example-queue', 'Message-Queue', 'Queue'),
    },
    {
      path: 'cache.yaml',
      text: claim('example-cache', 'Redis-Cache', 'RedisInstance'),
    },
  ]);
  const workload = inlineFileSources(
    loadWorkload(read('full-example.yaml'), 'full-example.yaml'),
    read,
  );
  return createPlan({
    workload,
    environment: platform.environments[0],
    platform,
    builtImage: 'registry.local:5000/acme/sidecar:7f00c1',
  });
}

describe('the Score specification’s full example', () => {
  it('plans as in its golden file', async () => {
    const plan = await planFullExample();
    const golden = resolve(
      __dirname,
      '__golden__',
      'full-example.production.plan.yaml',
    );
    const actual = toStableYaml(plan);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  it('mounts files from source, content and binaryContent, and volumes by claim', async () => {
    const plan = await planFullExample();
    const deployment = parse(
      plan.artifacts.find(a => a.kind === 'Deployment')!.content,
    );
    const files = parse(
      plan.artifacts.find(
        a => a.path === 'kubernetes/configmap-orders-service42-files.yaml',
      )!.content,
    );
    expect(Object.values(files.data)).toContain(
      '[orders]\nlisten = orders-service42:8443\n',
    );
    expect(files.binaryData).toEqual({ 'web-frontend1-0': 'AAECAwQ=' });
    const pod = deployment.spec.template.spec;
    expect(pod.volumes).toEqual(
      expect.arrayContaining([
        {
          name: 'web-frontend1-volume-0',
          persistentVolumeClaim: { claimName: 'orders-data' },
        },
        {
          name: 'web-frontend1-volume-1',
          persistentVolumeClaim: { claimName: 'scratch-volume' },
        },
      ]),
    );
    const web = pod.containers.find(
      (c: { name: string }) => c.name === 'web-frontend1',
    );
    expect(web.volumeMounts).toContainEqual({
      name: 'web-frontend1-volume-0',
      mountPath: '/srv/data',
      subPath: 'nested/dir',
      readOnly: false,
    });
    expect(plan.resources.map(r => `${r.name}:${r.definition}`)).toEqual([
      'orders-db1:example-db',
      'queue-two2:example-queue',
      'shared-cache:example-cache',
    ]);
    expect(plan.artifacts.map(a => a.path)).toContain(
      'resources/redisinstance-orders-shared-cache.yaml',
    );
    expect(plan.cost.perMonth).toEqual([{ amount: 30, currency: 'EUR' }]);
    // This platform declares no XRDs, so its claims are planned but reported as unchecked.
    expect(plan.warnings.filter(w => w.includes('no XRD'))).toHaveLength(3);
  });
});

describe('inlineFileSources', () => {
  it('names the file and the reason when a source cannot be read', () => {
    const workload = loadWorkload(
      read('full-example.yaml'),
      'full-example.yaml',
    );
    expect(() =>
      inlineFileSources(workload, () => {
        throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      }),
    ).toThrow(
      'containers.web-frontend1.files["/etc/orders/settings.ini"].source: cannot read "settings.ini" (ENOENT)',
    );
  });
});
