/**
 * Benchmark of the scorecards backend, run by `yarn bench scorecards-refresh`.
 * Writes bench/results/scorecards-refresh.json; numbers go in README.md.
 *
 *   change to result: an entity of a 10,000-entity catalog changes (its
 *           description comes or goes, a new etag), then refreshEntity
 *           fetches it from the catalog, runs 4 fact sources, evaluates the
 *           shipped scorecards (platform/scorecards) and stores results and
 *           history in SQLite in memory, as the local backend does. Median
 *           and p95 over 200 changes, after 20 to warm up.
 *   full run: every entity evaluated once, which fills the database first.
 *
 * The sources answer at once from the entity, so the numbers are the
 * backend's own work: the real ones add their own I/O (the repository source
 * reads files through the URL reader). Detecting a change adds up to one
 * incremental period (30 s) or an event's delivery.
 */
import type {
  AuthService,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  FactDefinition,
  FactValue,
} from '@paved/plugin-scorecards-common';
import type { FactSource } from '@paved/plugin-scorecards-node';
import knexFactory from 'knex';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { createServices } from '../plugins/scorecards-backend/src/createServices';
import { formatJson, git, machine } from './environment';
import { QUICK } from './sampling';

const ENTITIES = 10_000;
const CHANGES = QUICK ? 40 : 200;
const WARMUP = 20;

const silentLogger = {
  child: () => silentLogger,
  debug() {},
  info() {},
  warn() {},
  error() {},
} as any;

const auth = {
  getOwnServiceCredentials: async () => ({
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'service', subject: 'plugin:scorecards' },
  }),
} as unknown as AuthService;

/** A cheap, stable number per entity, so levels vary across the catalog. */
const hash = (text: string) => {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(h);
};

function source(
  id: string,
  facts: Record<string, FactDefinition['type']>,
  collect: (entity: Entity, h: number) => Record<string, FactValue>,
): FactSource {
  return {
    id,
    title: id,
    facts: Object.fromEntries(
      Object.entries(facts).map(([name, type]) => [
        name,
        { type, description: name },
      ]),
    ),
    collect: async entity => collect(entity, hash(entity.metadata.name)),
  };
}

/** The four shipped sources' facts (fixed by the issue), answered from the entity at once. */
const sources: FactSource[] = [
  source(
    'catalog',
    {
      ownerIsGroup: 'boolean',
      hasDescription: 'boolean',
      hasSystem: 'boolean',
      lifecycle: 'string',
      linkCount: 'number',
      apiCount: 'number',
      apiDefinitionsValid: 'boolean',
      hasOnCall: 'boolean',
      hasRunbook: 'boolean',
    },
    (entity, h) => ({
      ownerIsGroup: h % 10 !== 0,
      hasDescription: Boolean(entity.metadata.description),
      hasSystem: h % 3 !== 0,
      lifecycle: (entity.spec?.lifecycle as string) ?? null,
      linkCount: h % 4,
      apiCount: entity.kind === 'API' ? 1 : h % 3,
      apiDefinitionsValid: h % 7 !== 0,
      hasOnCall: h % 2 === 0,
      hasRunbook: h % 5 !== 0,
    }),
  ),
  source(
    'techdocs',
    {
      present: 'boolean',
      built: 'boolean',
      pageCount: 'number',
      lastUpdated: 'datetime',
      daysSinceUpdate: 'number',
    },
    (_, h) => ({
      present: h % 4 !== 0,
      built: h % 4 !== 0 && h % 3 !== 0,
      pageCount: h % 4 === 0 ? 0 : h % 12,
      lastUpdated: '2026-11-01T00:00:00.000Z',
      daysSinceUpdate: h % 200,
    }),
  ),
  source(
    'repository',
    {
      hasReadme: 'boolean',
      hasCodeowners: 'boolean',
      hasCiWorkflow: 'boolean',
      hasTests: 'boolean',
    },
    (_, h) => ({
      hasReadme: h % 9 !== 0,
      hasCodeowners: h % 2 === 1,
      hasCiWorkflow: h % 6 !== 0,
      hasTests: h % 5 !== 1,
    }),
  ),
  source(
    'orchestrator',
    {
      managed: 'boolean',
      deployedToProduction: 'boolean',
      latestDeploymentState: 'string',
      podSecurityRestricted: 'boolean',
      resourceLimitsSet: 'boolean',
      databaseBackups: 'boolean',
      costWithinBudget: 'boolean',
      monthlyCost: 'number',
    },
    (_, h) => ({
      managed: h % 3 !== 2,
      deployedToProduction: h % 3 === 0,
      latestDeploymentState: h % 3 === 0 ? 'delivered' : null,
      podSecurityRestricted: h % 4 !== 3,
      resourceLimitsSet: h % 8 !== 0,
      databaseBackups: h % 11 !== 0,
      costWithinBudget: h % 13 !== 0,
      monthlyCost: h % 900,
    }),
  ),
];

/** 7,000 services, 1,500 websites, 1,000 APIs and 500 groups. */
function catalogEntities(): Entity[] {
  return Array.from({ length: ENTITIES }, (_, i): Entity => {
    const owner = `group:default/team-${i % 50}`;
    if (i < 7000 + 1500) {
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: `component-${i}`,
          namespace: 'default',
          etag: 'e0',
          ...(i % 2 === 0 && { description: 'Does something useful' }),
        },
        spec: {
          type: i < 7000 ? 'service' : 'website',
          lifecycle: 'production',
          owner,
          system: `system:default/system-${i % 120}`,
        },
      };
    }
    if (i < 9500) {
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: { name: `api-${i}`, namespace: 'default', etag: 'e0' },
        spec: { type: 'openapi', lifecycle: 'production', owner },
      };
    }
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${i}`, namespace: 'default', etag: 'e0' },
      spec: { type: 'team', children: [] },
    };
  });
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank, as the other benchmarks.
  const at = (p: number) =>
    sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
  return {
    n: sorted.length,
    medianMs: at(50),
    p95Ms: at(95),
    maxMs: sorted[sorted.length - 1],
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** Wall and CPU time of `fn`: on a busy machine the CPU time is the steadier number. */
async function timedWithCpu<T>(
  fn: () => Promise<T>,
): Promise<[T, number, number]> {
  const cpu = process.cpuUsage();
  const [value, ms] = await timed(fn);
  const used = process.cpuUsage(cpu);
  return [value, ms, (used.user + used.system) / 1000];
}

async function main() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const entities = catalogEntities();
  const mock = catalogServiceMock({ entities });
  // catalogServiceMock finds an entity by ref by scanning all 10,000 (about
  // 20 ms); the real catalog reads it by an indexed column. The headline
  // numbers look entities up in a map instead; the mock's own lookup is
  // measured too.
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  let indexed = true;
  const catalog = new Proxy(mock, {
    get: (target, method: keyof typeof mock) =>
      method === 'getEntityByRef' && indexed
        ? async (ref: string) => byRef.get(ref)
        : (target[method] as Function).bind(target),
  });
  const { service, scorecards } = await createServices({
    database: { getClient: async () => knex } as DatabaseService,
    logger: silentLogger,
    catalog,
    auth,
    sources,
    directory: resolve(__dirname, '..', 'platform', 'scorecards'),
  });

  const [fullRun, fullRunMs] = await timed(() => service.fullRun());
  const counts = {
    results: Number((await knex('scorecards_results').count({ n: '*' }))[0].n),
    historyRows: Number(
      (await knex('scorecards_history').count({ n: '*' }))[0].n,
    ),
    factSets: Number((await knex('scorecards_facts').count({ n: '*' }))[0].n),
  };

  // Services whose description comes and goes, so changes move levels.
  const services = entities.filter(
    e => e.kind === 'Component' && e.spec?.type === 'service',
  );
  let change = 0;
  async function changes(count: number) {
    const samples: number[] = [];
    const cpuSamples: number[] = [];
    let moved = 0;
    for (let i = 0; i < WARMUP + count; i++, change++) {
      const entity = services[(change * 7919) % services.length];
      const ref = stringifyEntityRef(entity);
      const before = (await service.getEntity(ref)).results;
      if (entity.metadata.description) delete entity.metadata.description;
      else entity.metadata.description = 'Now described';
      entity.metadata.etag = `e${change + 1}`;

      const [after, ms, cpuMs] = await timedWithCpu(() =>
        service.refreshEntity(ref),
      );
      if (after?.entityRef !== ref) throw new Error(`${ref} not refreshed`);
      if (i < WARMUP) continue;
      samples.push(ms);
      cpuSamples.push(cpuMs);
      const levels = (r: typeof before) => JSON.stringify(r.map(x => x.level));
      if (levels(before) !== levels(after.results)) moved++;
    }
    const cpu = percentiles(cpuSamples);
    return {
      ...percentiles(samples),
      cpu: { medianMs: cpu.medianMs, p95Ms: cpu.p95Ms },
      warmup: WARMUP,
      movedALevel: moved,
    };
  }
  const refresh = await changes(CHANGES);
  indexed = false;
  const refreshWithMockLookup = await changes(CHANGES);
  await service.stop();
  await knex.destroy();

  const fmt = (v: number) => v.toFixed(2);
  console.log(
    `Scorecards: ${ENTITIES} catalog entities, ${sources.length} sources, ${scorecards.length} scorecards (platform/scorecards), SQLite in memory`,
  );
  console.log(
    `  full run: ${fullRun.evaluated} entities evaluated in ${(
      fullRunMs / 1000
    ).toFixed(1)} s (${((fullRun.evaluated / fullRunMs) * 1000).toFixed(
      0,
    )} entities/s); ${counts.results} results, ${counts.factSets} fact sets`,
  );
  for (const [what, r] of [
    ['entity change to result', refresh],
    ["  with the test catalog's own lookup", refreshWithMockLookup],
  ] as const) {
    console.log(
      `  ${what} (${r.n} changes, ${r.movedALevel} moved a level): median ${fmt(
        r.medianMs,
      )} ms  p95 ${fmt(r.p95Ms)} ms  max ${fmt(r.maxMs)} ms; CPU median ${fmt(
        r.cpu.medianMs,
      )} ms  p95 ${fmt(r.cpu.p95Ms)} ms`,
    );
  }

  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(
      __dirname,
      'results',
      QUICK ? 'scorecards-refresh.quick.json' : 'scorecards-refresh.json',
    ),
    formatJson({
      benchmark: 'scorecards-refresh',
      quick: QUICK,
      commit: git('rev-parse', '--short', 'HEAD'),
      machine: machine('n/a'),
      loadAverage: os.loadavg(),
      catalogEntities: ENTITIES,
      sources: sources.map(s => s.id),
      scorecards: scorecards.map(s => s.id),
      fullRun: { ...fullRun, ms: fullRunMs, ...counts },
      changeToResult: refresh,
      changeToResultWithTestCatalogLookup: refreshWithMockLookup,
    }),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
