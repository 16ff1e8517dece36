import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  FactDefinition,
  FactValue,
} from '@paved/plugin-scorecards-common';

/**
 * Where facts come from. One backend module registers one source; its `id`
 * is the name checks use (`catalog.hasDescription`), its `facts` what they
 * may read.
 */
export interface FactSource {
  /** Lowercase letters and digits, starting with a letter: the CEL variable checks read. */
  id: string;
  title: string;
  /**
   * The facts checks may read, as `<id>.<fact>`: `loadScorecards` rejects a
   * check that reads any other, and one whose expression is a single fact of
   * the wrong type (a boolean check on a number fact, a threshold on a
   * non-number).
   */
  facts: Record<string, FactDefinition>;
  /**
   * The entity's facts, every declared one (null where there is none). A
   * throw marks this source's facts for the entity stale with the error: the
   * last observed facts are kept and checks over them are `unknown`.
   */
  collect(entity: Entity): Promise<Record<string, FactValue>>;
  /**
   * Events after which some entities' facts from this source are out of date:
   * the backend subscribes to these topics and collects and evaluates the
   * entities `entityRefs` returns for an event.
   */
  refreshOn?: {
    topics: string[];
    entityRefs(eventPayload: unknown): Promise<string[]>;
  };
}

/** How modules add fact sources to the scorecards backend. */
export interface ScorecardsFactSourcesExtensionPoint {
  addFactSource(...sources: FactSource[]): void;
}

export const scorecardsFactSourcesExtensionPoint =
  createExtensionPoint<ScorecardsFactSourcesExtensionPoint>({
    id: 'scorecards.fact-sources',
  });
