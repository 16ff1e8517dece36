import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventParams, EventsService } from '@backstage/plugin-events-node';
import type {
  EntityScorecards,
  FactSourceInfo,
  LevelHistoryPoint,
  OverviewRow,
  Scorecard,
} from '@paved/plugin-scorecards-common';
import {
  type CompiledScorecard,
  type FactSource,
  toScorecard,
} from '@paved/plugin-scorecards-node';
import { OverviewFilter, ResultStore } from '../database/ResultStore';
import { toFactSourceInfo } from './FactSourceRegistry';
import { normalizeEntityRef } from './refs';
import { ScorecardEvaluator } from './ScorecardEvaluator';

export interface ScorecardServiceOptions {
  scorecards: CompiledScorecard[];
  sources: FactSource[];
  evaluator: ScorecardEvaluator;
  results: ResultStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** Entities per catalog request in runs. */
  pageSize?: number;
  /** Entities collected at once in runs. */
  concurrency?: number;
}

export interface RunSummary {
  evaluated: number;
  removed: number;
}

// Just what the incremental run compares: the ref's parts and the etag.
const REF_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.etag',
];

/**
 * Scorecards over the catalog: answers the API, keeps results current when
 * entities change (incremental run, fact sources' events) and re-evaluates
 * everything on a schedule (full run).
 */
export class ScorecardService {
  private readonly pageSize: number;
  private readonly concurrency: number;
  private readonly ids: Set<string>;
  // Runs in this process take turns: an incremental run that starts during a
  // full run would otherwise evaluate the same new entities a second time.
  private runs: Promise<unknown> = Promise.resolve();
  /** Refreshes events asked for, one after another, off the publisher's path. */
  private eventRefreshes: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(private readonly options: ScorecardServiceOptions) {
    this.pageSize = options.pageSize ?? 500;
    this.concurrency = options.concurrency ?? 8;
    this.ids = new Set(options.scorecards.map(s => s.id));
  }

  listScorecards(): { items: Scorecard[]; sources: FactSourceInfo[] } {
    return {
      items: this.options.scorecards.map(toScorecard),
      sources: this.options.sources.map(toFactSourceInfo),
    };
  }

  /** The stored results and facts; an entity never evaluated is evaluated now, if the catalog has it. */
  async getEntity(entityRef: string): Promise<EntityScorecards> {
    const ref = normalizeEntityRef(entityRef, 'entityRef');
    if (await this.options.results.isEvaluated(ref)) {
      return this.options.evaluator.stored(ref);
    }
    return this.refresh(ref);
  }

  /** Collects and evaluates the entity now; NotFoundError when the catalog does not have it. */
  async refresh(entityRef: string): Promise<EntityScorecards> {
    const ref = normalizeEntityRef(entityRef, 'entityRef');
    const refreshed = await this.refreshEntity(ref);
    if (!refreshed) {
      throw new NotFoundError(`The catalog has no entity ${ref}`);
    }
    return refreshed;
  }

  /**
   * Fetches the entity from the catalog, collects its facts and evaluates
   * it. An entity the catalog no longer has is forgotten: undefined.
   */
  async refreshEntity(
    entityRef: string,
  ): Promise<EntityScorecards | undefined> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      await this.options.evaluator.remove([entityRef]);
      return undefined;
    }
    return this.options.evaluator.evaluate(entity);
  }

  async history(
    entityRef: string,
    scorecard: string,
    limit: number,
  ): Promise<LevelHistoryPoint[]> {
    const ref = normalizeEntityRef(entityRef, 'entityRef');
    this.assertScorecard(scorecard);
    return this.options.results.history(ref, scorecard, limit);
  }

  async overview(filter: OverviewFilter): Promise<OverviewRow[]> {
    if (filter.scorecard !== undefined) this.assertScorecard(filter.scorecard);
    return this.options.results.overview({
      ...filter,
      owner: filter.owner?.map(o => normalizeEntityRef(o, 'owner', 'group')),
      system: filter.system?.map(s =>
        normalizeEntityRef(s, 'system', 'system'),
      ),
    });
  }

  /** Evaluates every entity of a kind some scorecard applies to, and forgets entities the catalog lost. */
  fullRun(): Promise<RunSummary> {
    return this.exclusive(async () => {
      const known = await this.options.results.etags();
      const seen = new Set<string>();
      for await (const page of this.catalogPages()) {
        if (this.stopping) return { evaluated: seen.size, removed: 0 };
        await this.options.evaluator.evaluateMany(page, this.concurrency);
        for (const entity of page) seen.add(stringifyEntityRef(entity));
      }
      const gone = [...known.keys()].filter(ref => !seen.has(ref));
      await this.options.evaluator.remove(gone);
      return { evaluated: seen.size, removed: gone.length };
    });
  }

  /** Evaluates only entities whose catalog etag changed (or that are new), and forgets those the catalog lost. */
  incrementalRun(): Promise<RunSummary> {
    return this.exclusive(async () => {
      const known = await this.options.results.etags();
      const seen = new Set<string>();
      const changed: string[] = [];
      for await (const page of this.catalogPages(REF_FIELDS)) {
        for (const entity of page) {
          const ref = stringifyEntityRef(entity);
          seen.add(ref);
          if (known.get(ref) !== (entity.metadata.etag ?? '')) {
            changed.push(ref);
          }
        }
      }
      const gone = [...known.keys()].filter(ref => !seen.has(ref));
      const credentials = await this.options.auth.getOwnServiceCredentials();
      for (let i = 0; i < changed.length; i += this.pageSize) {
        if (this.stopping) return { evaluated: i, removed: 0 };
        const refs = changed.slice(i, i + this.pageSize);
        const { items } = await this.options.catalog.getEntitiesByRefs(
          { entityRefs: refs },
          { credentials },
        );
        // Deleted between the listing and now.
        refs.forEach((ref, index) => !items[index] && gone.push(ref));
        await this.options.evaluator.evaluateMany(
          items.filter((e): e is Entity => e !== undefined),
          this.concurrency,
        );
      }
      await this.options.evaluator.remove(gone);
      return { evaluated: changed.length, removed: gone.length };
    });
  }

  /** Re-evaluates the entities each source says an event concerns. */
  async subscribe(events: EventsService): Promise<void> {
    for (const source of this.options.sources) {
      const refreshOn = source.refreshOn;
      if (!refreshOn) continue;
      await events.subscribe({
        id: `scorecards-${source.id}`,
        topics: refreshOn.topics,
        // The publisher (a deployment changing state) does not wait for the facts to be collected.
        onEvent: async event => {
          this.eventRefreshes = this.eventRefreshes.then(() =>
            this.refreshForEvent(source.id, refreshOn, event),
          );
        },
      });
    }
  }

  /** Resolves once every refresh events asked for so far is done. */
  async eventsSettled(): Promise<void> {
    await this.eventRefreshes;
  }

  private async refreshForEvent(
    sourceId: string,
    refreshOn: NonNullable<FactSource['refreshOn']>,
    event: EventParams,
  ): Promise<void> {
    let refs: string[];
    try {
      refs = await refreshOn.entityRefs(event.eventPayload);
    } catch (error) {
      this.options.logger.warn(
        `Fact source ${sourceId} could not tell which entities the ${
          event.topic
        } event concerns: ${(error as Error).message}`,
      );
      return;
    }
    for (const ref of new Set(refs)) {
      if (this.stopping) return;
      try {
        await this.refreshEntity(
          normalizeEntityRef(ref, `${sourceId} event entity ref`),
        );
      } catch (error) {
        this.options.logger.warn(
          `Could not re-evaluate ${ref} after a ${event.topic} event: ${
            (error as Error).message
          }`,
        );
      }
    }
  }

  /** Lets a run under way stop after its current page, and waits for it: no writes after shutdown. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([this.runs.catch(() => undefined), this.eventRefreshes]);
  }

  private assertScorecard(id: string) {
    if (!this.ids.has(id)) {
      throw new InputError(
        `scorecard: there is no scorecard "${id}"; there are ${
          [...this.ids].map(i => `"${i}"`).join(', ') || 'none'
        }`,
      );
    }
  }

  /** The catalog's entities of the kinds some scorecard applies to, a page at a time. */
  private async *catalogPages(fields?: string[]): AsyncGenerator<Entity[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const kinds = this.options.evaluator.kinds;
    if (kinds?.length === 0) return; // no scorecards at all
    let response = await this.options.catalog.queryEntities(
      {
        ...(kinds && { filter: { kind: kinds } }),
        ...(fields && { fields }),
        limit: this.pageSize,
      },
      { credentials },
    );
    yield response.items;
    while (response.pageInfo.nextCursor) {
      response = await this.options.catalog.queryEntities(
        {
          cursor: response.pageInfo.nextCursor,
          ...(fields && { fields }),
          limit: this.pageSize,
        },
        { credentials },
      );
      yield response.items;
    }
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = this.runs.catch(() => undefined).then(run);
    this.runs = next;
    return next;
  }
}
