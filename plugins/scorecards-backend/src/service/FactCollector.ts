import { LoggerService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { FactSet, FactValue } from '@paved/plugin-scorecards-common';
import type { FactSource } from '@paved/plugin-scorecards-node';
import { FactStore, FactUpdate } from '../database/FactStore';

export const DEFAULT_SOURCE_TIMEOUT_MS = 30_000;
// Errors are shown in the portal next to every check they made unknown.
const MAX_ERROR_LENGTH = 1000;

export interface FactCollectorOptions {
  sources: FactSource[];
  facts: FactStore;
  logger: LoggerService;
  /** How long one source may take for one entity before its facts go stale. */
  timeoutMs?: number;
  now?: () => Date;
}

function describe(error: unknown): string {
  const message =
    error instanceof Error ? error.message : String(error ?? 'unknown error');
  return message.length > MAX_ERROR_LENGTH
    ? `${message.slice(0, MAX_ERROR_LENGTH)}…`
    : message;
}

/** Only declared facts: checks may read nothing else, and the table keeps nothing else. */
function declaredFacts(
  source: FactSource,
  collected: unknown,
): Record<string, FactValue> {
  if (typeof collected !== 'object' || collected === null) {
    throw new Error(`returned ${JSON.stringify(collected)} instead of facts`);
  }
  const facts: Record<string, FactValue> = {};
  for (const name of Object.keys(source.facts)) {
    const value = (collected as Record<string, FactValue | undefined>)[name];
    if (value !== undefined) facts[name] = value;
  }
  return facts;
}

/**
 * Runs every fact source for an entity and stores what they observed. A
 * source that throws or takes too long keeps its previous facts, marked
 * stale with its error: checks over them become unknown, never fail.
 */
export class FactCollector {
  private readonly sources: FactSource[];
  private readonly sourceIds: Set<string>;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: FactCollectorOptions) {
    this.sources = options.sources;
    this.sourceIds = new Set(options.sources.map(s => s.id));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_SOURCE_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** Collects and stores the entity's facts, one set per source; never throws for a source's failure. */
  async collect(entity: Entity): Promise<FactSet[]> {
    const entityRef = stringifyEntityRef(entity);
    const updates = await Promise.all(
      this.sources.map(source => this.collectOne(source, entity, entityRef)),
    );
    await this.logFailures(entityRef, updates);
    await this.options.facts.record(updates);
    if (updates.every(u => !('error' in u))) {
      return updates.map(u => ({
        source: u.source,
        entityRef,
        facts: (u as { facts: Record<string, FactValue> }).facts,
        observedAt: (u as { observedAt: string }).observedAt,
      }));
    }
    // Failed sources' sets are their previous facts, as stored.
    return this.stored(entityRef);
  }

  /** The entity's stored facts, of the registered sources only, in their order. */
  async stored(entityRef: string): Promise<FactSet[]> {
    const sets = await this.options.facts.get(entityRef);
    const order = this.sources.map(s => s.id);
    return sets
      .filter(set => this.sourceIds.has(set.source))
      .sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));
  }

  /**
   * A warning when a source starts failing for an entity or fails differently;
   * the same failure on every scheduled run (an entity without a repository)
   * is a debug line, not a warning an hour per entity. The message only:
   * errors of HTTP clients carry request headers, tokens included.
   */
  private async logFailures(
    entityRef: string,
    updates: FactUpdate[],
  ): Promise<void> {
    const failures = updates.filter(
      (u): u is Extract<FactUpdate, { error: string }> => 'error' in u,
    );
    if (failures.length === 0) return;
    const previous = new Map(
      (await this.options.facts.get(entityRef)).map(set => [
        set.source,
        set.stale?.error,
      ]),
    );
    for (const { source, error } of failures) {
      const line = `Fact source ${source} failed for ${entityRef}: ${error}`;
      if (previous.get(source) === error) {
        this.options.logger.debug(`${line} (as before)`);
      } else {
        this.options.logger.warn(line);
      }
    }
  }

  private async collectOne(
    source: FactSource,
    entity: Entity,
    entityRef: string,
  ): Promise<FactUpdate> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `timed out after ${
                  this.timeoutMs >= 1000
                    ? `${this.timeoutMs / 1000} s`
                    : `${this.timeoutMs} ms`
                }`,
              ),
            ),
          this.timeoutMs,
        );
      });
      const collected = await Promise.race([source.collect(entity), timeout]);
      return {
        entityRef,
        source: source.id,
        facts: declaredFacts(source, collected),
        observedAt: this.now().toISOString(),
      };
    } catch (error) {
      return {
        entityRef,
        source: source.id,
        error: describe(error),
        failedAt: this.now().toISOString(),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
