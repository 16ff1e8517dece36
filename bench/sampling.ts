/**
 * The sampling machinery of the benchmarks: warm-up, alternating rounds,
 * per-iteration wall and CPU time, percentiles.
 */
import { readFileSync } from 'node:fs';

export const QUICK = process.argv.includes('--quick');

export const MIN_WARMUP_ITERATIONS = 50;
export const MIN_ITERATIONS = QUICK ? 30 : 200;
const MAX_SAMPLES = 500_000;

// Results are folded into this so no call can be optimised away.
let sink = 0;

/** What the measured calls returned, folded: reported so no call is optimised away. */
export const sinkValue = () => sink;

export interface Stats {
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
export function measureInterleaved(
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

export function measure(
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
export function machineCpu(): { busy: number; total: number } | undefined {
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
