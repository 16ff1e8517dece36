/** The types a fact can have; `datetime` is an ISO 8601 string. */
export type FactType = 'boolean' | 'number' | 'string' | 'datetime' | 'list';

/** A fact's value: `null` when the source observed that there is none (no last update, no owner). */
export type FactValue = boolean | number | string | string[] | null;

/** A fact a source declares: checks may only read declared facts. */
export interface FactDefinition {
  type: FactType;
  description: string;
}

/** What one source knows about one entity, and when it learned it. */
export interface FactSet {
  /** The source's id, the name checks use for it: `catalog`, `techdocs`, ... */
  source: string;
  entityRef: string;
  facts: Record<string, FactValue>;
  /** When the facts were observed (ISO 8601). */
  observedAt: string;
  /**
   * Set when the source's last attempt failed: `facts` are the last ones it
   * did observe (possibly none), and checks reading them are `unknown`.
   */
  stale?: { error: string; since: string };
}

/** A fact source as the API describes it to the portal. */
export interface FactSourceInfo {
  id: string;
  title: string;
  facts: Record<string, FactDefinition>;
}
