/**
 * Benchmark of Paved's delivery targets, run by `yarn bench` (or
 * `yarn bench delivery`). Writes bench/results/delivery.json; numbers go in
 * README.md.
 *
 *   gitops: 100 workloads, each the typical workload's plan (16 artifacts),
 *           delivered one after another to the built-in bare repository
 *           (GitOpsDeliveryTarget, isomorphic-git), then each once more with a
 *           new image: deployments per second, and median / p95 per delivery.
 *   kubernetes: server-side apply of 50 objects through KubernetesDeliveryTarget
 *           and the real @kubernetes/client-node against the in-process API
 *           server used by the tests (it speaks the Kubernetes HTTP API).
 *
 * Target (from the issue): a 15-object deployment delivered to GitOps in
 * under 200 ms median.
 */
import {
  createPlan,
  findEnvironment,
  loadPlatform,
  loadWorkload,
  type Plan,
} from '@paved/plugin-orchestrator-node';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitOpsDeliveryTarget } from '../plugins/orchestrator-backend/src/delivery/gitops/GitOpsDeliveryTarget';
import { formatJson, git, machine } from './environment';
import { platformFiles } from './fixtures';
import { QUICK } from './sampling';
import { typicalWorkload } from './workloads';
import { kubernetesApplyBench } from './kubernetesApply';

const WORKLOADS = QUICK ? 20 : 100;
const TARGET_MEDIAN_MS = 200;

const silentLogger = {
  child: () => silentLogger,
  debug() {},
  info() {},
  warn() {},
  error() {},
} as any;

export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[
      Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
    ];
  return {
    n: sorted.length,
    medianMs: at(50),
    p95Ms: at(95),
    maxMs: sorted[sorted.length - 1],
  };
}

async function main() {
  const platform = loadPlatform(platformFiles);
  const environment = findEnvironment(platform, 'production');
  const planFor = (i: number, image: string): Plan =>
    createPlan({
      workload: loadWorkload(
        typicalWorkload().replace('name: checkout', `name: svc-${i}`),
        'typical.score.yaml',
      ),
      environment,
      platform,
      builtImage: image,
      ci: {
        imageRepository: 'registry.northwind.example/checkout',
        language: 'node',
        pavedUrl: 'https://paved.northwind.example',
      },
    });
  const first = Array.from({ length: WORKLOADS }, (_, i) =>
    planFor(i, 'registry.northwind.example/checkout:1'),
  );
  const second = Array.from({ length: WORKLOADS }, (_, i) =>
    planFor(i, 'registry.northwind.example/checkout:2'),
  );
  const artifacts = first[0].artifacts.length;

  const target = new GitOpsDeliveryTarget({
    logger: silentLogger,
    workingDirectory: mkdtempSync(join(tmpdir(), 'paved-bench-gitops-')),
  });
  const rounds: Record<string, number[]> = {
    'first deployment': [],
    'new revision': [],
  };
  const wall: Record<string, number> = {};
  for (const [round, plans] of [
    ['first deployment', first],
    ['new revision', second],
  ] as const) {
    const started = performance.now();
    for (const [i, plan] of plans.entries()) {
      const t = performance.now();
      await target.deliver({
        deploymentId: `bench-${round}-${i}`,
        workload: plan.workload,
        environment,
        revision: round === 'first deployment' ? 1 : 2,
        plan,
        previous: round === 'first deployment' ? undefined : first[i],
        initiator: 'user:default/bench',
      });
      rounds[round].push(performance.now() - t);
    }
    wall[round] = performance.now() - started;
  }
  const gitops = Object.fromEntries(
    Object.entries(rounds).map(([round, samples]) => [
      round,
      {
        ...percentiles(samples),
        deploymentsPerSecond: (WORKLOADS / wall[round]) * 1000,
      },
    ]),
  );
  const kubernetes = await kubernetesApplyBench(QUICK ? 10 : 40);

  console.log(
    `GitOps: ${WORKLOADS} workloads x ${artifacts} artifacts, built-in bare repository`,
  );
  for (const [round, s] of Object.entries(gitops)) {
    console.log(
      `  ${round.padEnd(17)} median ${s.medianMs.toFixed(
        1,
      )} ms  p95 ${s.p95Ms.toFixed(1)} ms  max ${s.maxMs.toFixed(
        1,
      )} ms  ${s.deploymentsPerSecond.toFixed(1)} deployments/s`,
    );
  }
  console.log(
    `Kubernetes: server-side apply of ${
      kubernetes.objects
    } objects (dry-run + apply + prune), ${
      kubernetes.n
    } runs: median ${kubernetes.medianMs.toFixed(
      1,
    )} ms  p95 ${kubernetes.p95Ms.toFixed(1)} ms`,
  );
  const met =
    gitops['new revision'].medianMs < TARGET_MEDIAN_MS &&
    gitops['first deployment'].medianMs < TARGET_MEDIAN_MS;
  console.log(
    `target: a ${artifacts}-artifact deployment to GitOps under ${TARGET_MEDIAN_MS} ms median: ${
      met ? 'met' : 'NOT met'
    }`,
  );

  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(__dirname, 'results', QUICK ? 'delivery.quick.json' : 'delivery.json'),
    formatJson({
      benchmark: 'delivery',
      quick: QUICK,
      commit: git('rev-parse', '--short', 'HEAD'),
      machine: machine('n/a'),
      workloads: WORKLOADS,
      artifactsPerPlan: artifacts,
      gitops,
      kubernetes,
      target: { gitopsMedianMs: TARGET_MEDIAN_MS, met },
    }),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
