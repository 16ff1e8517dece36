#!/usr/bin/env node
// Runs the benchmarks: `yarn bench` runs all, `yarn bench guardrails` one (add `--quick` for a smoke run;
// `yarn bench bundle --no-build` analyses the last app build).
//
// Pins the benchmark to CPU 0 with `taskset -c 0` when taskset exists, and runs bench/plan.bench.ts through the same TypeScript transform the
// Backstage CLI uses, so the engine runs from its sources (main: src/index.ts).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(join(root, 'package.json'));
const transform = require.resolve('@backstage/cli/config/nodeTransform.cjs');

const BENCHMARKS = [
  'plan',
  'guardrails',
  'delivery',
  'bundle',
  'scorecards',
  'scorecards-refresh',
];
// Sizes do not depend on the CPU: the bundle benchmark builds with every core.
const UNPINNED = new Set(['bundle']);
const named = process.argv.slice(2).filter(a => !a.startsWith('-'));
const options = process.argv.slice(2).filter(a => a.startsWith('-'));
const unknown = named.filter(n => !BENCHMARKS.includes(n));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark ${unknown.join(', ')}; have ${BENCHMARKS.join(', ')}`,
  );
  process.exit(2);
}

const pinned =
  process.platform === 'linux' &&
  spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' }).status === 0;

let status = 0;
for (const name of named.length > 0 ? named : BENCHMARKS) {
  const nodeArgs = [
    '--require',
    transform,
    join(here, `${name}.bench.ts`),
    ...options,
  ];
  const [command, args] =
    pinned && !UNPINNED.has(name)
      ? ['taskset', ['-c', '0', process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_ENV: 'production',
      BENCH_NPROC: String(os.availableParallelism()),
      BENCH_PINNED: pinned
        ? 'pinned to cpu 0 (taskset -c 0)'
        : 'not pinned (no taskset)',
    },
  });
  if (result.error) throw result.error;
  status ||= result.status ?? 1;
}
process.exit(status);
