/**
 * Benchmark of Paved's guardrails (evaluateGuardrails in
 * @paved/plugin-orchestrator-node), run by `yarn bench` after the plan
 * benchmark. Writes bench/results/guardrails.json; numbers go in README.md.
 *
 *   policies: the shipped packs (platform/policies), cloned under new names
 *             until there are 50, compiled once by loadPolicies.
 *   typical:  every object, claim and the CI workflow of the typical
 *             workload's production plan (~15 subjects), plus the plan itself.
 *   1,000:    the typical plan's Kubernetes objects repeated across
 *             namespaces until there are 1,000.
 */
import {
  createPlan,
  evaluateGuardrails,
  findEnvironment,
  loadPlatform,
  loadPolicies,
  loadWorkload,
  parseYamlDocument,
  POLICIES_FOLDER,
  type KubernetesObject,
  type PlatformFile,
} from '@paved/plugin-orchestrator-node';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { formatJson, git, machine } from './environment';
import { platformFiles } from './fixtures';
import { measure, QUICK, sinkValue, Stats } from './sampling';
import { typicalWorkload } from './workloads';

const POLICY_COUNT = 50;
const MANY_OBJECTS = 1000;
const TARGET_TYPICAL_MEDIAN_MS = 5;
const BUDGET = QUICK
  ? { warmupMs: 300, measureMs: 600 }
  : { warmupMs: 1000, measureMs: 3000 };

const root = resolve(__dirname, '..');
const policyDir = join(root, 'platform', 'policies');

function shippedPolicyFiles(): PlatformFile[] {
  return readdirSync(policyDir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile() && /\.ya?ml$/.test(e.name))
    .map(e => join(e.parentPath, e.name))
    .sort()
    .map(path => ({
      path: `${POLICIES_FOLDER}${relative(policyDir, path)}`,
      text: readFileSync(path, 'utf8'),
    }));
}

/** The shipped packs, plus renamed copies of their policies until there are POLICY_COUNT. */
function fiftyPolicies(shipped: PlatformFile[]) {
  const count = loadPolicies(shipped).policies.length;
  const files = [...shipped];
  for (let copy = 1; count * copy < POLICY_COUNT; copy++) {
    for (const file of shipped) {
      // Policy, binding and params names all get the suffix, so each copy binds its own policy.
      files.push({
        path: file.path.replace(/\.ya?ml$/, `-copy${copy}.yaml`),
        text: file.text.replace(
          /^( {2}(?:name|policyName): )(\S+)$/gm,
          `$1$2-copy${copy}`,
        ),
      });
    }
  }
  const all = loadPolicies(files);
  all.policies.splice(POLICY_COUNT);
  return all;
}

function main() {
  const shipped = shippedPolicyFiles();
  const platform = loadPlatform([...platformFiles, ...shipped]);
  const environment = findEnvironment(platform, 'production');
  const started = process.hrtime.bigint();
  const policies = fiftyPolicies(shipped);
  const compileMs = Number(process.hrtime.bigint() - started) / 1e6;

  const plan = createPlan({
    workload: loadWorkload(typicalWorkload(), 'typical.score.yaml'),
    environment,
    platform,
    builtImage: 'registry.northwind.example/checkout:3f2a9c1',
    ci: {
      imageRepository: 'registry.northwind.example/checkout',
      language: 'node',
      pavedUrl: 'https://paved.northwind.example',
    },
  });
  const parsed = plan.artifacts
    .filter(a => !a.path.startsWith('policies/'))
    .map(a => ({
      path: a.path,
      document: parseYamlDocument(a.content, a.path),
    }));
  const objects = parsed
    .filter(a => a.path.startsWith('kubernetes/'))
    .map(a => a.document as KubernetesObject);
  const claims = parsed
    .filter(a => a.path.startsWith('resources/'))
    .map(a => a.document as KubernetesObject);
  const workflows = parsed.filter(a => a.path.startsWith('.github/'));
  const summary = {
    workload: plan.workload,
    environment: plan.environment,
    namespace: plan.namespace,
    cost: plan.cost,
    resources: plan.resources.map(r => ({ ...r })),
  };
  const typicalInput = {
    objects,
    claims,
    workflows,
    plan: summary,
    environment,
  };
  const many: KubernetesObject[] = [];
  for (let i = 0; many.length < MANY_OBJECTS; i++) {
    for (const o of objects) {
      if (many.length === MANY_OBJECTS) break;
      const namespace = `${plan.namespace}-${i}`;
      many.push({
        ...o,
        metadata: {
          ...o.metadata,
          ...(o.kind === 'Namespace' ? { name: namespace } : { namespace }),
        },
      });
    }
  }

  const typicalChecks = evaluateGuardrails(policies, typicalInput);
  const manyChecks = evaluateGuardrails(policies, {
    objects: many,
    environment,
  });
  const results: Record<string, Stats> = {
    typical: measure(
      () => evaluateGuardrails(policies, typicalInput).length,
      BUDGET,
    ),
    '1,000 objects': measure(
      () => evaluateGuardrails(policies, { objects: many, environment }).length,
      { warmupMs: BUDGET.warmupMs, measureMs: BUDGET.measureMs * 2 },
    ),
  };

  const fmt = (ms: number) => ms.toFixed(3);
  console.log(
    `${policies.policies.length} policies compiled in ${compileMs.toFixed(
      1,
    )} ms (once, cached by loadPolicies)`,
  );
  console.log(
    'case            subjects  checks  iterations  median ms  p95 ms  cpu median ms',
  );
  for (const [name, s] of Object.entries(results)) {
    const subjects =
      name === 'typical'
        ? objects.length + claims.length + workflows.length + 1
        : many.length;
    const checks =
      name === 'typical' ? typicalChecks.length : manyChecks.length;
    console.log(
      `${name.padEnd(15)} ${String(subjects).padStart(8)}  ${String(
        checks,
      ).padStart(6)}  ${String(s.iterations).padStart(10)}  ${fmt(
        s.medianMs,
      ).padStart(9)}  ${fmt(s.p95Ms).padStart(6)}  ${fmt(
        s.cpu.medianMs,
      ).padStart(13)}`,
    );
  }
  const met = results.typical.medianMs < TARGET_TYPICAL_MEDIAN_MS;
  console.log(
    `target: typical plan's checks under ${TARGET_TYPICAL_MEDIAN_MS} ms: ${
      met ? 'met' : 'NOT met'
    } (${fmt(results.typical.medianMs)} ms)`,
  );

  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(
      __dirname,
      'results',
      QUICK ? 'guardrails.quick.json' : 'guardrails.json',
    ),
    formatJson({
      benchmark: 'guardrails',
      quick: QUICK,
      commit: git('rev-parse', '--short', 'HEAD'),
      machine: machine('n/a'),
      policies: policies.policies.length,
      compileMs,
      subjects: {
        typical: objects.length + claims.length + workflows.length + 1,
        many: many.length,
      },
      checks: { typical: typicalChecks.length, many: manyChecks.length },
      target: { typicalMedianMs: TARGET_TYPICAL_MEDIAN_MS, met },
      results,
      sink: sinkValue(),
    }),
  );
}

main();
