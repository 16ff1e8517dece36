/**
 * Benchmark of Paved's planning engine (@paved/plugin-orchestrator-node).
 *
 * Run it with `yarn bench` (bench/run.mjs pins it to one core and loads the
 * Backstage CLI's TypeScript transform). Prints a table and writes
 * bench/results/plan.json. Numbers belong in bench/README.md, never in tests.
 *
 *   plan  = loadWorkload(score.yaml text) + createPlan + toStableYaml(plan):
 *           the full path one planning request takes, the platform already loaded.
 *   floor = yaml.parse(score.yaml text) + toStableYaml(parsed object):
 *           reading and writing the same document, without planning.
 */
import {
  createPlan,
  findEnvironment,
  loadPlatform,
  loadWorkload,
  toStableYaml,
  type Plan,
  type Platform,
} from '@paved/plugin-orchestrator-node';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { resolve } from 'node:path';
import { platformFiles } from './fixtures';
import { largeWorkload, typicalWorkload } from './workloads';
import {
  QUICK,
  MIN_WARMUP_ITERATIONS,
  MIN_ITERATIONS,
  Stats,
  measureInterleaved,
  measure,
  machineCpu,
  sinkValue,
} from './sampling';
import { formatJson, git, machine } from './environment';

// The very `yaml` the engine uses (resolved from the engine's package), so the
// floor parses with the same library and version.
const engineRequire = createRequire(
  require.resolve('@paved/plugin-orchestrator-node/package.json'),
);
const yaml: typeof import('yaml') = engineRequire('yaml');
const yamlVersion: string = engineRequire('yaml/package.json').version;

const ENVIRONMENT = 'production';
const BUILT_IMAGE = 'registry.northwind.example/checkout:3f2a9c1';
const TARGET = { typicalMedianMs: 10, maxRatioToFloor: 5 };

// Time budgets. The machine is shared (other sessions build and test on the
// same two cores), so plan and floor are measured in alternating rounds: any
// interference lands on both alike, and their ratio stays meaningful.
const BUDGET = QUICK
  ? { warmupMs: 300, rounds: 3, sliceMs: 150, stageMs: 300 }
  : { warmupMs: 1000, rounds: 10, sliceMs: 500, stageMs: 1000 };
// ---------------------------------------------------------------------------
// The paths being measured

function planPath(text: string, source: string, platform: Platform): string {
  const workload = loadWorkload(text, source);
  const plan = createPlan({
    workload,
    environment: findEnvironment(platform, ENVIRONMENT),
    platform,
    builtImage: BUILT_IMAGE,
  });
  return toStableYaml(plan);
}

function floorPath(text: string): string {
  return toStableYaml(yaml.parse(text));
}

// ---------------------------------------------------------------------------

interface WorkloadCase {
  name: 'typical' | 'large';
  source: string;
  text: string;
  expect: { containers: number; resources: number };
}

const platform = loadPlatform(platformFiles);
const cases: WorkloadCase[] = [
  {
    name: 'typical',
    source: 'typical.score.yaml',
    text: typicalWorkload(),
    expect: { containers: 2, resources: 4 },
  },
  {
    name: 'large',
    source: 'large.score.yaml',
    text: largeWorkload(),
    expect: { containers: 10, resources: 20 },
  },
];

const resultsDir = resolve(__dirname, 'results');
mkdirSync(resultsDir, { recursive: true });

/** Plans once, checks the plan is what the benchmark claims to measure, and describes it. */
function check(c: WorkloadCase) {
  const workload = loadWorkload(c.text, c.source);
  const containers = Object.keys(workload.containers).length;
  const resources = Object.keys(workload.resources ?? {}).length;
  if (containers !== c.expect.containers || resources !== c.expect.resources) {
    throw new Error(
      `${c.name}: expected ${c.expect.containers} containers and ${c.expect.resources} resources, got ${containers} and ${resources}`,
    );
  }
  const plan: Plan = createPlan({
    workload,
    environment: findEnvironment(platform, ENVIRONMENT),
    platform,
    builtImage: BUILT_IMAGE,
  });
  if (plan.resources.length !== resources) {
    throw new Error(
      `${c.name}: the plan has ${plan.resources.length} resources`,
    );
  }
  const definitions = [
    ...new Set(plan.resources.map(r => r.definition)),
  ].sort();
  if (definitions.some(d => !d.endsWith('-production'))) {
    throw new Error(
      `${c.name}: non-production definitions matched: ${definitions}`,
    );
  }
  const planYaml = planPath(c.text, c.source, platform);
  // Determinism: the same inputs give the same bytes (and hash) every time.
  if (planPath(c.text, c.source, platform) !== planYaml) {
    throw new Error(`${c.name}: two plans of the same input differ`);
  }
  // Written for inspection: exactly what was planned. (The plan itself is
  // described by its size and hash; `yarn paved plan` renders one.)
  writeFileSync(resolve(resultsDir, c.source), c.text);
  if (plan.warnings.length > 0) {
    throw new Error(
      `${c.source} planned with warnings:\n  ${plan.warnings.join('\n  ')}`,
    );
  }
  return {
    containers,
    resources,
    scoreYamlBytes: Buffer.byteLength(c.text),
    planYamlBytes: Buffer.byteLength(planYaml),
    floorYamlBytes: Buffer.byteLength(floorPath(c.text)),
    artifacts: plan.artifacts.length,
    artifactKinds: [...new Set(plan.artifacts.map(a => a.kind))].sort(),
    definitions,
    warnings: plan.warnings,
    costPerMonth: plan.cost.perMonth,
    hash: plan.hash,
  };
}

// ---------------------------------------------------------------------------

const fmt = (ms: number) =>
  ms < 0.1 ? ms.toFixed(4) : ms < 10 ? ms.toFixed(3) : ms.toFixed(2);

function main() {
  const started = Date.now();
  const info = machine(yamlVersion);
  console.log(
    `Paved plan benchmark — ${info.cpuModel}, ${info.nproc} cpus, Node ${
      info.node
    }, ${info.pinnedTo}${QUICK ? ', QUICK' : ''}`,
  );

  const workloads: Record<string, ReturnType<typeof check>> = {};
  for (const c of cases) workloads[c.name] = check(c);

  const cpuBefore = machineCpu();
  const ownBefore = process.cpuUsage();
  const loadBefore = os.loadavg();

  const measured: Record<
    string,
    {
      plan: Stats;
      floor: Stats;
      /** plan median / floor median within each round: how stable the ratio was. */
      roundRatios: number[];
      stages: Record<string, Stats>;
    }
  > = {};
  for (const c of cases) {
    const {
      stats: [plan, floor],
      sliceMedians: [planSlices, floorSlices],
    } = measureInterleaved(
      [
        () => planPath(c.text, c.source, platform).length,
        () => floorPath(c.text).length,
      ],
      BUDGET,
    );
    const roundRatios = planSlices.map(
      (p, i) => Math.round((p / floorSlices[i]) * 100) / 100,
    );

    // Where the time of a plan goes: each stage alone, on inputs prepared outside the loop.
    const parsed = loadWorkload(c.text, c.source);
    const environment = findEnvironment(platform, ENVIRONMENT);
    const ready = createPlan({
      workload: parsed,
      environment,
      platform,
      builtImage: BUILT_IMAGE,
    });
    const stageBudget = {
      warmupMs: BUDGET.stageMs / 3,
      measureMs: BUDGET.stageMs,
    };
    const stages = {
      'loadWorkload (parse + Score schema)': measure(
        () => Object.keys(loadWorkload(c.text, c.source)).length,
        stageBudget,
      ),
      createPlan: measure(
        () =>
          createPlan({
            workload: parsed,
            environment,
            platform,
            builtImage: BUILT_IMAGE,
          }).artifacts.length,
        stageBudget,
      ),
      'toStableYaml(plan)': measure(
        () => toStableYaml(ready).length,
        stageBudget,
      ),
    };
    measured[c.name] = { plan, floor, roundRatios, stages };
  }

  // How busy the rest of the machine was while this ran (1.0 = one whole cpu).
  const cpuAfter = machineCpu();
  const own = process.cpuUsage(ownBefore);
  const ticks = 100; // USER_HZ
  const otherLoad =
    cpuBefore && cpuAfter
      ? (() => {
          const busy =
            (cpuAfter.busy - cpuBefore.busy) / ticks -
            (own.user + own.system) / 1e6;
          const elapsed =
            (cpuAfter.total - cpuBefore.total) / ticks / info.cpus;
          return Math.round((Math.max(0, busy) / elapsed) * 100) / 100;
        })()
      : undefined;
  const load = {
    loadavgBefore: loadBefore.map(l => Math.round(l * 100) / 100),
    loadavgAfter: os.loadavg().map(l => Math.round(l * 100) / 100),
    otherProcessesCpus: otherLoad,
  };

  const rows: string[][] = [
    [
      'case',
      'iterations',
      'median ms',
      'p95 ms',
      'p99 ms',
      'mean ms',
      'per second',
      'cpu median ms',
      'cpu p95 ms',
    ],
  ];
  for (const c of cases) {
    const m = measured[c.name];
    const row = (label: string, s: Stats) => [
      label,
      String(s.iterations),
      fmt(s.medianMs),
      fmt(s.p95Ms),
      fmt(s.p99Ms),
      fmt(s.meanMs),
      s.perSecond.toFixed(0),
      fmt(s.cpu.medianMs),
      fmt(s.cpu.p95Ms),
    ];
    rows.push(row(`${c.name} plan`, m.plan));
    rows.push(row(`${c.name} floor`, m.floor));
    for (const [stage, s] of Object.entries(m.stages))
      rows.push(row(`  ${c.name}: ${stage}`, s));
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) =>
        i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]),
      )
      .join('  ');
  console.log();
  console.log(line(rows[0]));
  console.log(widths.map(w => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));

  const ratio = (name: string) =>
    measured[name].plan.medianMs / measured[name].floor.medianMs;
  const typicalRatio = ratio('typical');
  const cpuRatio = (name: string) =>
    measured[name].plan.cpu.medianMs / measured[name].floor.cpu.medianMs;
  const target = {
    ...TARGET,
    typicalMedianMs_actual: measured.typical.plan.medianMs,
    ratio_actual: typicalRatio,
    medianMet: measured.typical.plan.medianMs < TARGET.typicalMedianMs,
    ratioMet: typicalRatio <= TARGET.maxRatioToFloor,
    met: false,
  };
  target.met = target.medianMet && target.ratioMet;

  console.log();
  console.log(
    `typical plan median / typical floor median = ${typicalRatio.toFixed(
      2,
    )}x   (large: ${ratio('large').toFixed(2)}x)`,
  );
  console.log(
    `on cpu time: typical ${cpuRatio('typical').toFixed(2)}x, large ${cpuRatio(
      'large',
    ).toFixed(2)}x`,
  );
  for (const c of cases) {
    console.log(
      `  ${c.name} ratio per round: ${measured[c.name].roundRatios.join(' ')}`,
    );
  }
  console.log(
    `machine: load average ${load.loadavgBefore[0]} -> ${
      load.loadavgAfter[0]
    }; other processes used ${load.otherProcessesCpus ?? '?'} of ${
      info.cpus
    } cpus meanwhile`,
  );
  console.log(
    `target: typical median < ${TARGET.typicalMedianMs} ms: ${
      target.medianMet ? 'met' : 'NOT met'
    } (${fmt(measured.typical.plan.medianMs)} ms); within ${
      TARGET.maxRatioToFloor
    }x the floor: ${
      target.ratioMet ? 'met' : 'NOT met'
    } (${typicalRatio.toFixed(2)}x)`,
  );

  const dirty = git(
    'status',
    '--porcelain',
    '--',
    'plugins/orchestrator-node',
    'plugins/orchestrator-common',
  );
  const result = {
    benchmark: 'plan',
    generatedAt: new Date().toISOString(),
    command: 'yarn bench',
    quick: QUICK,
    git: {
      commit: git('rev-parse', 'HEAD'),
      engineChangesNotCommitted:
        dirty && dirty !== 'unknown' ? dirty.split('\n') : [],
    },
    machine: info,
    load,
    environment: ENVIRONMENT,
    budget: {
      ...BUDGET,
      minWarmupIterations: MIN_WARMUP_ITERATIONS,
      minIterations: MIN_ITERATIONS,
    },
    workloads,
    results: measured,
    ratios: {
      typical: typicalRatio,
      large: ratio('large'),
      typicalCpu: cpuRatio('typical'),
      largeCpu: cpuRatio('large'),
    },
    target,
    durationSeconds: (Date.now() - started) / 1000,
    sink: sinkValue(),
  };
  const out = resolve(resultsDir, QUICK ? 'plan.quick.json' : 'plan.json');
  writeFileSync(out, formatJson(result));
  console.log(`\nwrote ${out} (${result.durationSeconds.toFixed(1)} s)`);
}

main();
