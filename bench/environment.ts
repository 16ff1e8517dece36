/** Facts about the run for the results file: the machine, the commit, and JSON as Prettier writes it. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';

/** JSON as the repository's Prettier writes it, so `yarn prettier:check` passes. */
export function formatJson(value: unknown): string {
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

export function git(...args: string[]): string {
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

export function machine(yamlVersion: string) {
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
