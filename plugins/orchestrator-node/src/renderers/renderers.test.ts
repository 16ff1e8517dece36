import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createPlan } from '../plan';
import { findEnvironment, Platform, readPlatformDirectory } from '../platform';
import { loadWorkload } from '../workload';

// The built-in renderers, through createPlan and the repository's platform/ definitions.

const base = readFileSync(
  resolve(__dirname, '../kubernetes/__fixtures__/checkout.score.yaml'),
  'utf8',
);
let platform: Platform;
beforeAll(async () => {
  platform = await readPlatformDirectory(
    resolve(__dirname, '../../../../platform'),
  );
});

function planWith(resources: string, env = 'production') {
  const workload = loadWorkload(`${base}${resources}`, 'score.yaml');
  return createPlan({
    workload,
    environment: findEnvironment(platform, env),
    platform,
    builtImage: 'img:1',
  });
}
const outputsOf = (plan: ReturnType<typeof planWith>, name: string) =>
  Object.fromEntries(
    Object.entries(plan.resources.find(r => r.name === name)!.outputs).map(
      ([k, v]) => [
        k,
        v.kind === 'text'
          ? v.value
          : `secret:${v.secretRef.name}/${v.secretRef.key}`,
      ],
    ),
  );

describe('route', () => {
  it('renders an Ingress with cert-manager TLS for the workload’s service', () => {
    const plan = planWith(
      '  web:\n    type: route\n    params:\n      path: /shop\n',
    );
    const ingress = parse(
      plan.artifacts.find(
        a => a.path === 'resources/ingress-checkout-web.yaml',
      )!.content,
    );
    expect(ingress.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt',
    });
    expect(ingress.spec.tls).toEqual([
      {
        hosts: ['checkout.prod.northwind.example'],
        secretName: 'checkout-web-tls',
      },
    ]);
    expect(ingress.spec.rules[0].http.paths[0]).toEqual({
      path: '/shop',
      pathType: 'Prefix',
      backend: { service: { name: 'checkout', port: { number: 80 } } },
    });
    expect(outputsOf(plan, 'web')).toEqual({
      host: 'checkout.prod.northwind.example',
      path: '/shop',
      url: 'https://checkout.prod.northwind.example/shop',
    });
  });

  it('refuses a port the workload does not serve and unknown params', () => {
    expect(() =>
      planWith('  web:\n    type: route\n    params:\n      port: 9999\n'),
    ).toThrow(
      'resources.web: a route needs a service port of the workload; 9999 is not one of 80',
    );
    expect(() =>
      planWith('  web:\n    type: route\n    params:\n      hostname: x\n'),
    ).toThrow(
      'resources.web.params: "hostname" is not a parameter of route; it accepts: host, path, port',
    );
  });
});

describe('dns and service-port', () => {
  it('give host names in the environment without rendering anything', () => {
    const plan = planWith(
      '  name:\n    type: dns\n  payments:\n    type: service-port\n    params:\n      workload: payments\n      port: 8080\n',
      'staging',
    );
    expect(outputsOf(plan, 'name')).toEqual({
      host: 'checkout.staging.northwind.example',
    });
    expect(outputsOf(plan, 'payments')).toEqual({
      hostname: 'payments.payments-staging.svc.cluster.local',
      port: '8080',
      url: 'http://payments.payments-staging.svc.cluster.local:8080',
    });
    expect(
      plan.artifacts
        .filter(a => a.path.startsWith('resources/'))
        .map(a => a.path),
    ).toEqual(['resources/postgresqlinstance-checkout-db.yaml']);
  });

  it('requires the target of a service-port', () => {
    expect(() => planWith('  payments:\n    type: service-port\n')).toThrow(
      'resources.payments.params.workload is required for service-port',
    );
  });
});

describe('redis and s3', () => {
  it('claim managed, encrypted resources with their secrets as references', () => {
    const plan = planWith(
      '  cache:\n    type: redis\n  files:\n    type: s3\n',
    );
    const bucket = parse(
      plan.artifacts.find(
        a => a.path === 'resources/bucket-checkout-files.yaml',
      )!.content,
    );
    expect(bucket.spec.parameters).toMatchObject({
      encryption: 'aws:kms',
      versioning: true,
      blockPublicAccess: true,
    });
    expect(outputsOf(plan, 'files')).toMatchObject({
      bucket: 'checkout-files',
      aws_secret_access_key:
        'secret:checkout-files-connection/aws_secret_access_key',
    });
    const redis = parse(
      plan.artifacts.find(
        a => a.path === 'resources/redisinstance-checkout-cache.yaml',
      )!.content,
    );
    expect(redis.spec.parameters).toMatchObject({
      encryptionAtRest: true,
      encryptionInTransit: true,
    });
    expect(plan.cost.perMonth).toEqual([
      { amount: 290 + 25 + 3, currency: 'USD' },
    ]);
  });

  it('shares a resource by id: two workloads naming the same id get the same claim name', () => {
    const plan = planWith(
      '  cache:\n    type: redis\n    id: team-a.shared-cache\n',
      'staging',
    );
    expect(plan.artifacts.map(a => a.path)).toContain(
      'resources/redisinstance-team-a-shared-cache.yaml',
    );
    expect(plan.resources.find(r => r.name === 'cache')!.id).toBe(
      'team-a.shared-cache',
    );
  });
});

describe('volume', () => {
  it('renders a claim and mounts it where the workload asks', () => {
    const withVolume = base.replace(
      "    args: ['--port', '8080']\n",
      "    args: ['--port', '8080']\n    volumes:\n      /var/lib/checkout:\n        source: ${resources.data}\n",
    );
    const workload = loadWorkload(
      `${withVolume}  data:\n    type: volume\n    params:\n      size: 20Gi\n`,
      'score.yaml',
    );
    const plan = createPlan({
      workload,
      environment: findEnvironment(platform, 'staging'),
      platform,
      builtImage: 'img:1',
    });
    const claim = parse(
      plan.artifacts.find(
        a => a.path === 'resources/persistentvolumeclaim-checkout-data.yaml',
      )!.content,
    );
    expect(claim.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'encrypted-ssd',
      resources: { requests: { storage: '20Gi' } },
    });
    const pod = parse(
      plan.artifacts.find(a => a.kind === 'Deployment')!.content,
    ).spec.template.spec;
    expect(pod.volumes).toContainEqual({
      name: 'api-volume-0',
      persistentVolumeClaim: { claimName: 'checkout-data' },
    });
  });

  it('refuses a volume source that is not a volume resource', () => {
    const withVolume = base.replace(
      "    args: ['--port', '8080']\n",
      "    args: ['--port', '8080']\n    volumes:\n      /var/lib/checkout:\n        source: ${resources.db}\n",
    );
    const workload = loadWorkload(withVolume, 'score.yaml');
    expect(() =>
      createPlan({
        workload,
        environment: findEnvironment(platform, 'staging'),
        platform,
      }),
    ).toThrow(
      'containers.api.volumes["/var/lib/checkout"].source: ${resources.db} is not a volume resource (it has no "source" output)',
    );
  });
});
