import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createPlan } from './plan';
import { findEnvironment, readPlatformDirectory } from './platform';
import { orderResources } from './resourceGraph';
import { loadWorkload } from './workload';

const base = readFileSync(
  resolve(__dirname, 'kubernetes/__fixtures__/checkout.score.yaml'),
  'utf8',
);

describe('orderResources', () => {
  it('puts a resource after those its params refer to, ties by name', () => {
    expect(
      orderResources({
        web: { type: 'route', params: { host: '${resources.name.host}' } },
        name: { type: 'dns' },
        api: { type: 'dns', params: { note: 'costs $${resources.web.url}' } },
      }),
    ).toEqual(['api', 'name', 'web']);
  });

  it('names a cycle between resources', () => {
    expect(() =>
      orderResources({
        a: { type: 'dns', params: { x: '${resources.b.host}' } },
        b: { type: 'dns', params: { y: ['${resources.c.host}'] } },
        c: { type: 'dns', params: { z: { deep: '${resources.a.host}' } } },
      }),
    ).toThrow(
      'Resources refer to each other in a cycle: resources.a -> resources.b -> resources.c -> resources.a',
    );
  });

  it('names a reference to an undeclared resource', () => {
    expect(() =>
      orderResources({
        a: { type: 'dns', params: { x: '${resources.nope.host}' } },
      }),
    ).toThrow(
      'resources.a.params refers to resource "nope", which the workload does not declare',
    );
  });
});

describe('resource params in a plan', () => {
  it('are expanded with the outputs of the resources they refer to', async () => {
    const platform = await readPlatformDirectory(
      resolve(__dirname, '../../../platform'),
    );
    const workload = loadWorkload(
      `${base}  web:\n    type: route\n    params:\n      host: \${resources.name.host}\n  name:\n    type: dns\n    params:\n      subdomain: shop-\${metadata.name}\n`,
      'score.yaml',
    );
    const plan = createPlan({
      workload,
      environment: findEnvironment(platform, 'staging'),
      platform,
    });
    const ingress = parse(
      plan.artifacts.find(
        a => a.path === 'resources/ingress-checkout-web.yaml',
      )!.content,
    );
    expect(ingress.spec.rules[0].host).toBe(
      'shop-checkout.staging.northwind.example',
    );
    expect(
      plan.resources.map(r => `${r.name} <- ${r.dependsOn.join(',')}`),
    ).toEqual(['db <- ', 'name <- ', 'web <- name']);
  });

  it('refuse a secret passed as a parameter', async () => {
    const platform = await readPlatformDirectory(
      resolve(__dirname, '../../../platform'),
    );
    const workload = loadWorkload(
      `${base}  name:\n    type: dns\n    params:\n      subdomain: \${resources.db.password}\n`,
      'score.yaml',
    );
    expect(() =>
      createPlan({
        workload,
        environment: findEnvironment(platform, 'staging'),
        platform,
      }),
    ).toThrow(
      'resources.name.params.subdomain: a secret cannot be passed to a resource as a parameter',
    );
  });
});
