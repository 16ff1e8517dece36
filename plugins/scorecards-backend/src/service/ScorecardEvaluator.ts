import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  EntityScorecards,
  ScorecardResult,
} from '@paved/plugin-scorecards-common';
import {
  type CompiledScorecard,
  evaluateScorecards,
  scorecardApplies,
} from '@paved/plugin-scorecards-node';
import { FactStore } from '../database/FactStore';
import {
  EvaluatedEntity,
  Evaluation,
  ResultStore,
} from '../database/ResultStore';
import { forEachConcurrently } from './concurrency';
import { FactCollector } from './FactCollector';

export interface ScorecardEvaluatorOptions {
  scorecards: CompiledScorecard[];
  collector: FactCollector;
  facts: FactStore;
  results: ResultStore;
  now?: () => Date;
}

function relationRef(
  entity: Entity,
  field: 'owner' | 'system',
): string | undefined {
  const value = entity.spec?.[field];
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: field === 'owner' ? 'group' : 'system',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    // The catalog rejects such entities; the overview just has no owner for it.
    return undefined;
  }
}

/** What the overview shows of an entity besides its levels, as full refs its filters compare. */
export function describeEntity(entity: Entity): EvaluatedEntity {
  return {
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind,
    ...(entity.metadata.title && { title: entity.metadata.title }),
    ...(relationRef(entity, 'owner') && {
      owner: relationRef(entity, 'owner'),
    }),
    ...(relationRef(entity, 'system') && {
      system: relationRef(entity, 'system'),
    }),
    etag: entity.metadata.etag ?? '',
  };
}

/**
 * Collects an entity's facts, evaluates the scorecards that apply to it and
 * stores the results. An entity no scorecard applies to is recorded as
 * evaluated, with no results and no facts, so nobody collects for it.
 */
export class ScorecardEvaluator {
  /** The kinds some scorecard can apply to, lowercased; undefined when one applies to every kind. */
  readonly kinds: string[] | undefined;
  private readonly now: () => Date;
  // One evaluation of an entity at a time in this process: a later one starts
  // when the earlier is stored, so neither overwrites newer results.
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly options: ScorecardEvaluatorOptions) {
    this.now = options.now ?? (() => new Date());
    const kinds = options.scorecards.map(s => s.appliesTo.kind);
    this.kinds = kinds.some(k => !k)
      ? undefined
      : [...new Set(kinds.flatMap(k => k!.map(x => x.toLowerCase())))].sort();
  }

  /** Evaluates one entity now and stores the outcome. */
  async evaluate(entity: Entity): Promise<EntityScorecards> {
    const entityRef = stringifyEntityRef(entity);
    const previous = this.inFlight.get(entityRef) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const { evaluation, scorecards } = await this.prepare(entity);
        await this.options.results.save([evaluation]);
        return scorecards;
      });
    this.inFlight.set(entityRef, next);
    try {
      return await next;
    } finally {
      if (this.inFlight.get(entityRef) === next) {
        this.inFlight.delete(entityRef);
      }
    }
  }

  /**
   * Evaluates many entities, collecting for at most `concurrency` at once,
   * and stores their outcomes in one transaction.
   */
  async evaluateMany(entities: Entity[], concurrency: number): Promise<void> {
    const evaluations: Evaluation[] = [];
    await forEachConcurrently(entities, concurrency, async entity => {
      evaluations.push((await this.prepare(entity)).evaluation);
    });
    await this.options.results.save(evaluations);
  }

  /** What is stored of the entity: results and facts. */
  async stored(entityRef: string): Promise<EntityScorecards> {
    const [results, facts] = await Promise.all([
      this.options.results.get(entityRef),
      this.options.collector.stored(entityRef),
    ]);
    return { entityRef, results: this.inScorecardOrder(results), facts };
  }

  /** Forgets entities entirely: results, history, facts. */
  async remove(entityRefs: string[]): Promise<void> {
    if (entityRefs.length === 0) return;
    await this.options.results.remove(entityRefs);
    await this.options.facts.remove(entityRefs);
  }

  private async prepare(
    entity: Entity,
  ): Promise<{ evaluation: Evaluation; scorecards: EntityScorecards }> {
    const described = describeEntity(entity);
    const { entityRef } = described;
    if (!this.options.scorecards.some(s => scorecardApplies(s, entity))) {
      await this.options.facts.remove([entityRef]);
      const evaluatedAt = this.now().toISOString();
      return {
        evaluation: { entity: described, results: [], evaluatedAt },
        scorecards: { entityRef, results: [], facts: [] },
      };
    }
    const facts = await this.options.collector.collect(entity);
    const evaluatedAt = this.now().toISOString();
    const results = evaluateScorecards(
      this.options.scorecards,
      entity,
      facts,
      evaluatedAt,
    );
    return {
      evaluation: { entity: described, results, evaluatedAt },
      scorecards: { entityRef, results: this.inScorecardOrder(results), facts },
    };
  }

  /** Results in the order the platform team's files define the scorecards. */
  private inScorecardOrder(results: ScorecardResult[]): ScorecardResult[] {
    const order = this.options.scorecards.map(s => s.id);
    return [...results].sort(
      (a, b) => order.indexOf(a.scorecard) - order.indexOf(b.scorecard),
    );
  }
}
