/**
 * Benchmark of Paved's scorecards engine (evaluateScorecards in
 * @paved/plugin-scorecards-node), run by `yarn bench scorecards`. Writes
 * bench/results/scorecards.json; numbers go in README.md.
 *
 * A full run: 10,000 entities (4,000 services, 2,000 websites, 4,000 APIs),
 * each evaluated against the scorecards shipped in platform/scorecards plus a
 * synthetic one, 20 checks per entity on average, with facts already
 * collected (some stale, some missing, some null).
 *
 * Target (from the issue): a full evaluation of 10,000 entities x 20 checks
 * in under 10 s.
 */
import {
  evaluateScorecards,
  loadScorecards,
  readScorecardFiles,
} from '@paved/plugin-scorecards-node';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { declaredFactSources } from '../plugins/scorecards-node/src/__fixtures__/factSources';
import { formatJson, git, machine } from './environment';
import { QUICK, sinkValue } from './sampling';
import {
  benchEntities,
  SYNTHETIC_SCORECARD,
  VARIETY,
} from './scorecardsFixtures';

const MIX = QUICK
  ? { services: 400, websites: 200, apis: 400 }
  : { services: 4000, websites: 2000, apis: 4000 };
const RUNS = QUICK ? 2 : 5;
const TARGET_TOTAL_MS = 10_000;

let sink = 0;

function percentile(sorted: Float64Array, p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

async function main() {
  const directory = resolve(__dirname, '..', 'platform', 'scorecards');
  const files = [
    ...(await readScorecardFiles(directory)),
    { path: 'bench-ownership.yaml', content: SYNTHETIC_SCORECARD },
  ];
  const loadStart = process.hrtime.bigint();
  const scorecards = loadScorecards(files, declaredFactSources);
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  const entities = benchEntities(MIX);

  const outcomes = { pass: 0, fail: 0, unknown: 0 };
  const checksByKind: Record<string, number> = {};
  const levels: Record<string, Record<string, number>> = {};
  let evaluations = 0;
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const samples = new Float64Array(entities.length);
    const cpuStart = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (let i = 0; i < entities.length; i++) {
      const { entity, facts } = entities[i];
      const before = process.hrtime.bigint();
      const results = evaluateScorecards(
        scorecards,
        entity,
        facts,
        '2026-11-27T12:00:00.000Z',
      );
      samples[i] = Number(process.hrtime.bigint() - before) / 1e6;
      sink += results.length;
      if (run === 0) {
        let checks = 0;
        for (const result of results) {
          checks += result.checks.length;
          for (const check of result.checks) outcomes[check.outcome]++;
          const byLevel = (levels[result.scorecard] ??= {});
          const level = result.level ?? '(none)';
          byLevel[level] = (byLevel[level] ?? 0) + 1;
        }
        evaluations += checks;
        const kind = `${entity.kind}/${entity.spec?.type}`;
        checksByKind[kind] = checks;
      }
    }
    const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    const sorted = samples.slice().sort();
    let sum = 0;
    for (const s of sorted) sum += s;
    runs.push({
      run: run + 1,
      cold: run === 0,
      totalMs,
      cpuMs: (cpu.user + cpu.system) / 1e3,
      entitiesPerSecond: entities.length / (totalMs / 1e3),
      perEntity: {
        meanMs: sum / sorted.length,
        medianMs: percentile(sorted, 50),
        p95Ms: percentile(sorted, 95),
        p99Ms: percentile(sorted, 99),
        maxMs: sorted[sorted.length - 1],
      },
    });
  }

  const fmt = (ms: number, digits = 3) => ms.toFixed(digits);
  const checksPerEntity = evaluations / entities.length;
  console.log(
    `${scorecards.length} scorecards (${scorecards
      .map(
        s =>
          `${s.id}: ${s.program.levels.reduce(
            (n, l) => n + l.checks.length,
            0,
          )}`,
      )
      .join(', ')} checks) loaded and compiled in ${fmt(loadMs, 1)} ms`,
  );
  console.log(
    `${
      entities.length
    } entities, ${evaluations} check evaluations per run (${fmt(
      checksPerEntity,
      1,
    )} per entity; ${Object.entries(checksByKind)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ')}); outcomes pass ${outcomes.pass}, fail ${
      outcomes.fail
    }, unknown ${outcomes.unknown}`,
  );
  console.log(
    'run   total ms   cpu ms  entities/s  mean ms  median ms  p95 ms  p99 ms  max ms',
  );
  for (const r of runs) {
    console.log(
      `${`${r.run}${r.cold ? ' (cold)' : ''}`.padEnd(10)}${fmt(
        r.totalMs,
        1,
      ).padStart(7)}  ${fmt(r.cpuMs, 1).padStart(7)}  ${fmt(
        r.entitiesPerSecond,
        0,
      ).padStart(10)}  ${fmt(r.perEntity.meanMs).padStart(7)}  ${fmt(
        r.perEntity.medianMs,
      ).padStart(9)}  ${fmt(r.perEntity.p95Ms).padStart(6)}  ${fmt(
        r.perEntity.p99Ms,
      ).padStart(6)}  ${fmt(r.perEntity.maxMs).padStart(6)}`,
    );
  }
  const slowest = Math.max(...runs.map(r => r.totalMs));
  const met = !QUICK && slowest < TARGET_TOTAL_MS;
  console.log(
    `target: 10,000 entities x 20 checks in under ${
      TARGET_TOTAL_MS / 1000
    } s: ${
      QUICK ? 'not judged (--quick)' : met ? 'met' : 'NOT met'
    } (slowest run ${fmt(slowest / 1000, 2)} s)`,
  );

  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(
      __dirname,
      'results',
      QUICK ? 'scorecards.quick.json' : 'scorecards.json',
    ),
    formatJson({
      benchmark: 'scorecards',
      quick: QUICK,
      commit: git('rev-parse', '--short', 'HEAD'),
      machine: machine('n/a'),
      scorecards: scorecards.map(s => ({
        id: s.id,
        checks: s.program.levels.reduce((n, l) => n + l.checks.length, 0),
      })),
      loadMs,
      entities: { ...MIX, total: entities.length },
      variety: VARIETY,
      checksPerEntity: { ...checksByKind, mean: checksPerEntity },
      evaluationsPerRun: evaluations,
      outcomes,
      levels,
      target: { totalMs: TARGET_TOTAL_MS, met, slowestRunMs: slowest },
      runs,
      sink: sink + sinkValue(),
    }),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
