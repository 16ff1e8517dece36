/**
 * What the orchestrator frontend plugin adds to the portal's bundle, run by
 * `yarn bench bundle` (add `--no-build` to analyse the existing
 * packages/app/dist). Writes bench/results/bundle.json; numbers go in README.md.
 *
 * Builds the app for production, then attributes every byte of every emitted
 * chunk to the source file it came from through the chunk's source map (the
 * method of source-map-explorer: each mapping owns the generated text up to
 * the next mapping). The initial bundle is what index.html loads; every other
 * chunk is loaded on demand.
 *
 * Target (from the issue): the plugin's views load lazily, not in the initial bundle.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map';
import { formatJson, machine } from './environment';

const root = join(__dirname, '..');
const app = join(root, 'packages/app');
const dist = join(app, 'dist');
const PLUGIN = /plugins\/orchestrator\/src\//;
const COMMON = /plugins\/orchestrator-common\/src\//;

interface ChunkReport {
  file: string;
  initial: boolean;
  bytes: number;
  gzipBytes: number;
  /** Bytes from plugins/orchestrator/src. */
  pluginBytes: number;
  /** Bytes from plugins/orchestrator-common/src. */
  commonBytes: number;
  pluginFiles: string[];
}

function build() {
  const started = Date.now();
  const result = spawnSync('yarn', ['backstage-cli', 'package', 'build'], {
    cwd: app,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('the app build failed');
  return Date.now() - started;
}

/** Bytes of generated code per original source, from a chunk's source map. */
function bytesBySource(code: string, map: string): Map<string, number> {
  const lines = code.split('\n');
  const spans = new Map<number, Array<{ column: number; source: string }>>();
  new SourceMapConsumer(JSON.parse(map)).eachMapping(m => {
    const list = spans.get(m.generatedLine) ?? [];
    list.push({ column: m.generatedColumn, source: m.source ?? '(none)' });
    spans.set(m.generatedLine, list);
  });
  const totals = new Map<string, number>();
  for (const [line, list] of spans) {
    list.sort((a, b) => a.column - b.column);
    const length = lines[line - 1]?.length ?? 0;
    list.forEach(({ column, source }, i) => {
      const end = i + 1 < list.length ? list[i + 1].column : length;
      totals.set(source, (totals.get(source) ?? 0) + Math.max(0, end - column));
    });
  }
  return totals;
}

function analyse(): ChunkReport[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = new Set(
    [...html.matchAll(/<script[^>]*src="\/static\/([^"]+)"/g)].map(m => m[1]),
  );
  const staticDir = join(dist, 'static');
  return readdirSync(staticDir)
    .filter(f => f.endsWith('.js'))
    .map(file => {
      const code = readFileSync(join(staticDir, file), 'utf8');
      const mapFile = join(staticDir, `${file}.map`);
      const sources = existsSync(mapFile)
        ? bytesBySource(code, readFileSync(mapFile, 'utf8'))
        : new Map<string, number>();
      let pluginBytes = 0;
      let commonBytes = 0;
      const pluginFiles: string[] = [];
      for (const [source, bytes] of sources) {
        if (PLUGIN.test(source)) {
          pluginBytes += bytes;
          pluginFiles.push(source.replace(/^.*plugins\//, 'plugins/'));
        } else if (COMMON.test(source)) commonBytes += bytes;
      }
      return {
        file,
        initial: initial.has(file),
        bytes: Buffer.byteLength(code),
        gzipBytes: gzipSync(code).length,
        pluginBytes,
        commonBytes,
        pluginFiles: pluginFiles.sort(),
      };
    });
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function main() {
  const buildMs = process.argv.includes('--no-build') ? undefined : build();
  const chunks = analyse();
  const initial = chunks.filter(c => c.initial);
  const lazyWithPlugin = chunks.filter(c => !c.initial && c.pluginBytes > 0);
  const sum = (list: ChunkReport[], key: keyof ChunkReport) =>
    list.reduce((n, c) => n + (c[key] as number), 0);
  const result = {
    machine: machine('n/a'),
    buildMs,
    initialBundle: {
      chunks: initial.length,
      bytes: sum(initial, 'bytes'),
      gzipBytes: sum(initial, 'gzipBytes'),
      pluginBytes: sum(initial, 'pluginBytes'),
      commonBytes: sum(initial, 'commonBytes'),
      pluginFiles: [...new Set(initial.flatMap(c => c.pluginFiles))].sort(),
    },
    lazy: {
      chunks: lazyWithPlugin.length,
      bytes: sum(lazyWithPlugin, 'bytes'),
      gzipBytes: sum(lazyWithPlugin, 'gzipBytes'),
      pluginBytes: sum(lazyWithPlugin, 'pluginBytes'),
      commonBytes: sum(lazyWithPlugin, 'commonBytes'),
      files: lazyWithPlugin.map(c => ({
        file: c.file,
        bytes: c.bytes,
        pluginBytes: c.pluginBytes,
        pluginFiles: c.pluginFiles,
      })),
    },
  };
  writeFileSync(join(__dirname, 'results/bundle.json'), formatJson(result));
  const { initialBundle: i, lazy: l } = result;
  console.log(
    [
      `initial bundle: ${i.chunks} chunks, ${kib(i.bytes)} (${kib(
        i.gzipBytes,
      )} gzip)`,
      `  of which the orchestrator plugin: ${kib(
        i.pluginBytes,
      )}, orchestrator-common: ${kib(i.commonBytes)}`,
      `  plugin files in it: ${i.pluginFiles.join(', ') || 'none'}`,
      `loaded on demand: ${l.chunks} chunks with plugin code, ${kib(
        l.bytes,
      )} (${kib(l.gzipBytes)} gzip)`,
      `  of which the orchestrator plugin: ${kib(
        l.pluginBytes,
      )}, orchestrator-common: ${kib(l.commonBytes)}`,
      buildMs ? `build: ${(buildMs / 1000).toFixed(0)} s` : 'build: skipped',
    ].join('\n'),
  );
}

main();
