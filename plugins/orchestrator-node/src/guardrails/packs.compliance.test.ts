import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createPlan } from '../plan';
import { Platform, readPlatformDirectory } from '../platform';
import { loadWorkload } from '../workload';

// The platform's own resource definitions, planned for the checkout workload
// (the golden tests' fixture) in every environment with every built-in
// resource type, under the shipped policy packs: no deny, no approval needed.

const base = readFileSync(
  resolve(__dirname, '../kubernetes/__fixtures__/checkout.score.yaml'),
  'utf8',
);
// checkout already asks for `db: {type: postgres}`; each type adds one resource.
const RESOURCES: Record<string, string> = {
  postgres: '',
  redis: '  cache:\n    type: redis\n',
  s3: '  files:\n    type: s3\n',
  route: '  web:\n    type: route\n    params:\n      path: /shop\n',
  dns: '  name:\n    type: dns\n',
  volume: '  data:\n    type: volume\n    params:\n      size: 20Gi\n',
};
const ENVIRONMENTS = ['development', 'preview', 'staging', 'production'];

function planFor(platform: Platform, env: string, type: string) {
  const score =
    type === 'volume'
      ? base.replace(
          "    args: ['--port', '8080']\n",
          "    args: ['--port', '8080']\n    volumes:\n      /var/lib/checkout:\n        source: ${resources.data}\n",
        )
      : base;
  const environment = platform.environments.find(e => e.metadata.name === env)!;
  return createPlan({
    workload: loadWorkload(`${score}${RESOURCES[type]}`, 'score.yaml'),
    environment,
    platform,
    builtImage: 'registry.northwind.example/checkout:3f2a9c1',
  });
}

const blocking = (plan: ReturnType<typeof planFor>) =>
  plan.verdicts
    .filter(v => v.action === 'deny' || v.action === 'require-approval')
    .map(v => `${v.policy} ${v.validation} ${v.kind}: ${v.message}`);

let shipped: Platform;
beforeAll(async () => {
  shipped = await readPlatformDirectory(
    resolve(__dirname, '../../../../platform'),
  );
});

describe('the built-in resource definitions under the shipped policies', () => {
  it.each(
    ENVIRONMENTS.flatMap(env =>
      Object.keys(RESOURCES).map(type => [env, type] as const),
    ),
  )('plan for %s with %s with no deny or approval', (env, type) => {
    const plan = planFor(shipped, env, type);
    expect(plan.resources.map(r => r.type)).toContain(type);
    expect(blocking(plan)).toEqual([]);
  });
});
