import {
  AuthService,
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type FactSource,
  loadScorecards,
  readScorecardFiles,
} from '@paved/plugin-scorecards-node';
import { FactStore } from './database/FactStore';
import { applyDatabaseMigrations } from './database/migrations';
import { ResultStore } from './database/ResultStore';
import { CatalogVisibility } from './service/CatalogVisibility';
import { FactCollector } from './service/FactCollector';
import { ScorecardEvaluator } from './service/ScorecardEvaluator';
import { ScorecardService } from './service/ScorecardService';

export interface ServiceDependencies {
  database: DatabaseService;
  logger: LoggerService;
  catalog: CatalogService;
  auth: AuthService;
  sources: FactSource[];
  /** The platform team's scorecards folder. */
  directory: string;
  /** Entities per catalog page and collected at once in runs (tests page small). */
  runs?: { pageSize?: number; concurrency?: number };
}

/**
 * Stores and services, wired; the plugin and the tests build them the same
 * way. Invalid scorecards throw the loader's InputError, listing every
 * problem: the plugin does not start on them.
 */
export async function createServices(deps: ServiceDependencies) {
  const scorecards = loadScorecards(
    await readScorecardFiles(deps.directory),
    deps.sources,
  );
  const knex = await deps.database.getClient();
  if (!deps.database.migrations?.skip) await applyDatabaseMigrations(knex);

  const facts = new FactStore(knex);
  const results = new ResultStore(knex);
  const collector = new FactCollector({
    sources: deps.sources,
    facts,
    logger: deps.logger,
  });
  const evaluator = new ScorecardEvaluator({
    scorecards,
    collector,
    facts,
    results,
  });
  const service = new ScorecardService({
    scorecards,
    sources: deps.sources,
    evaluator,
    results,
    catalog: deps.catalog,
    auth: deps.auth,
    logger: deps.logger,
    ...deps.runs,
  });
  return {
    scorecards,
    service,
    visibility: new CatalogVisibility(deps.catalog),
  };
}
