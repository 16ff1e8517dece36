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
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { resolve } from 'node:path';
import { largeWorkload, platformFiles, typicalWorkload } from './fixtures';

// The very `yaml` the engine uses (resolved from the engine's package), so the
// floor parses with the same library and version.
const engineRequire = createRequire(
  require.resolve('@paved/plugin-orchestrator-node/package.json'),
);
const yaml: typeof import('yaml') = engineRequire('yaml');
const yamlVersion: string = engineRequire('yaml/package.json').version;

const QUICK = process.argv.includes('--quick');
const ENVIRONMENT = 'production';
const BUILT_IMAGE = 'registry.northwind.example/checkout:3f2a9c1';
const TARGET = { typicalMedianMs: 10, maxRatioToFloor: 5 };

// Time budgets. The machine is shared (other sessions build and test on the
// same two cores), so plan and floor are measured in alternating rounds: any
// interference lands on both alike, and their ratio stays meaningful.
const BUDGET = QUICK
  ? { warmupMs: 300, rounds: 3, sliceMs: 150, stageMs: 300 }
  : { warmupMs: 1000, rounds: 10, sliceMs: 500, stageMs: 1000 };
const MIN_WARMUP_ITERATIONS = 50;
const MIN_ITERATIONS = QUICK ? 30 : 200;
const MAX_SAMPLES = 500_000;

// Results are folded into this so no call can be optimised away.
let sink = 0;

interface Stats {
  iterations: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
  /** Iterations divided by the wall time spent in the sequential measured loops. */
  perSecond: number;
  /**
   * CPU time of this process per iteration (process.cpuUsage, all its threads,
   * which taskset keeps on the same core): the same work without the time the
   * process waited for the core while other processes used it.
   */
  cpu: { medianMs: number; p95Ms: number; meanMs: number };
}

function percentile(sorted: Float64Array, p: number): number {
  // Nearest-rank percentile.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Collects per-iteration timings of one function over any number of time slices. */
class Sampler {
  private samples = new Float64Array(MAX_SAMPLES);
  private cpuSamples = new Float64Array(MAX_SAMPLES);
  private n = 0;
  private wallNs = 0n;
  /** Median of each slice, to see how much the machine drifted between rounds. */
  readonly sliceMedians: number[] = [];

  constructor(private readonly fn: () => number) {}

  get count() {
    return this.n;
  }

  warmUp(ms: number) {
    // Until both the time and the iteration minimum are reached, so V8 has
    // optimised the hot paths before anything is recorded.
    const end = performance.now() + ms;
    for (let i = 0; i < MIN_WARMUP_ITERATIONS || performance.now() < end; i++) {
      sink += this.fn();
    }
  }

  /** Runs the function back to back, timing each call, until the slice is over. */
  slice(ms: number) {
    const first = this.n;
    const deadline = process.hrtime.bigint() + BigInt(Math.round(ms * 1e6));
    const loopStart = process.hrtime.bigint();
    let now = loopStart;
    do {
      const start = now;
      const cpuStart = process.cpuUsage();
      sink += this.fn();
      const cpu = process.cpuUsage(cpuStart);
      now = process.hrtime.bigint();
      this.cpuSamples[this.n] = (cpu.user + cpu.system) / 1e3;
      this.samples[this.n++] = Number(now - start) / 1e6;
    } while (now < deadline && this.n < MAX_SAMPLES);
    this.wallNs += now - loopStart;
    const own = this.samples.slice(first, this.n).sort();
    this.sliceMedians.push(percentile(own, 50));
  }

  stats(): Stats {
    const n = this.n;
    const sorted = this.samples.slice(0, n).sort();
    const cpuSorted = this.cpuSamples.slice(0, n).sort();
    let total = 0;
    for (const s of sorted) total += s;
    let cpuTotal = 0;
    for (const s of cpuSorted) cpuTotal += s;
    return {
      iterations: n,
      medianMs: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
      meanMs: total / n,
      minMs: sorted[0],
      maxMs: sorted[n - 1],
      perSecond: n / (Number(this.wallNs) / 1e9),
      cpu: {
        medianMs: percentile(cpuSorted, 50),
        p95Ms: percentile(cpuSorted, 95),
        meanMs: cpuTotal / n,
      },
    };
  }
}

/** Measures functions in alternating rounds, after warming each up. */
function measureInterleaved(
  fns: Array<() => number>,
  budget: { warmupMs: number; rounds: number; sliceMs: number },
): { stats: Stats[]; sliceMedians: number[][] } {
  const samplers = fns.map(fn => new Sampler(fn));
  for (const s of samplers) s.warmUp(budget.warmupMs);
  for (
    let round = 0;
    round < budget.rounds || samplers.some(s => s.count < MIN_ITERATIONS);
    round++
  ) {
    // No forced gc() between slices: with --expose-gc, a forced collection
    // made the next slice 1.5-2x slower (V8 throws away warmed-up state), and
    // a server never collects on command either. Garbage collection is part
    // of the steady state measured.
    for (const s of samplers) s.slice(budget.sliceMs);
  }
  return {
    stats: samplers.map(s => s.stats()),
    sliceMedians: samplers.map(s => s.sliceMedians),
  };
}

function measure(
  fn: () => number,
  budget: { warmupMs: number; measureMs: number },
): Stats {
  return measureInterleaved([fn], {
    warmupMs: budget.warmupMs,
    rounds: 1,
    sliceMs: budget.measureMs,
  }).stats[0];
}

/** CPU time of the whole machine, from /proc/stat, to tell how busy the rest of it was. */
function machineCpu(): { busy: number; total: number } | undefined {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] =
      fields.map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return undefined;
  }
}

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

/** JSON as the repository's Prettier writes it, so `yarn prettier:check` passes. */
function formatJson(value: unknown): string {
  const json = `${JSON.stringify(value, null, 2)}\n`;
  try {
    const prettier = require('prettier') as {
      format(text: string, options: object): string;
    };
    return prettier.format(json, { parser: 'json' });
  } catch {
    return json;
  }
}

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, {
      cwd: resolve(__dirname, '..'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

function machine() {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const model =
    /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model;
  const mhz = /^cpu MHz\s*:\s*(.+)$/m.exec(cpuinfo)?.[1];
  return {
    cpuModel: model,
    cpuMHz: mhz ? Number(mhz) : undefined,
    cpus: os.cpus().length,
    nproc: Number(process.env.BENCH_NPROC) || os.availableParallelism(),
    // Affinity of this process: 1 when taskset pinned it.
    usableCpus: os.availableParallelism(),
    pinnedTo: process.env.BENCH_PINNED || 'not pinned',
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    yaml: yamlVersion,
  };
}

// ---------------------------------------------------------------------------

const fmt = (ms: number) =>
  ms < 0.1 ? ms.toFixed(4) : ms < 10 ? ms.toFixed(3) : ms.toFixed(2);

function main() {
  const started = Date.now();
  const info = machine();
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
    sink,
  };
  const out = resolve(resultsDir, QUICK ? 'plan.quick.json' : 'plan.json');
  writeFileSync(out, formatJson(result));
  console.log(`\nwrote ${out} (${result.durationSeconds.toFixed(1)} s)`);
}

main();
