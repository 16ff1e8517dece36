import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  Scorecard,
  ScorecardFilter,
} from '@paved/plugin-scorecards-common';

interface NormalizedFilter {
  kinds?: ReadonlySet<string>;
  types?: ReadonlySet<string>;
  lifecycles?: ReadonlySet<string>;
  owners?: ReadonlySet<string>;
}

// Entity refs are case-insensitive in Backstage, so owners are compared lowercased.
const ownerRef = (ref: string, defaultNamespace: string) =>
  stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: 'group', defaultNamespace }),
  ).toLocaleLowerCase('en-US');

// Filters are read for every entity of a full run: normalised once per scorecard.
const normalized = new WeakMap<ScorecardFilter, NormalizedFilter>();

function normalize(filter: ScorecardFilter): NormalizedFilter {
  let result = normalized.get(filter);
  if (!result) {
    result = {
      kinds:
        filter.kind &&
        new Set(filter.kind.map(k => k.toLocaleLowerCase('en-US'))),
      types: filter.type && new Set(filter.type),
      lifecycles: filter.lifecycle && new Set(filter.lifecycle),
      owners:
        filter.owner && new Set(filter.owner.map(o => ownerRef(o, 'default'))),
    };
    normalized.set(filter, result);
  }
  return result;
}

const specString = (entity: Entity, field: string): string | undefined => {
  const value = entity.spec?.[field];
  return typeof value === 'string' ? value : undefined;
};

function entityOwner(entity: Entity): string | undefined {
  const owner = specString(entity, 'owner');
  if (!owner) return undefined;
  try {
    // As the catalog resolves it: relative to the entity's own namespace.
    return ownerRef(owner, entity.metadata.namespace ?? 'default');
  } catch {
    return undefined;
  }
}

const accepts = (values: ReadonlySet<string> | undefined, value?: string) =>
  !values || (value !== undefined && values.has(value));

/**
 * Whether `scorecard` applies to `entity`: every field its filter gives must
 * match (kind case-insensitively, `spec.type`, `spec.lifecycle`, and
 * `spec.owner` as a full ref with kind `group` by default).
 */
export function scorecardApplies(
  scorecard: Pick<Scorecard, 'appliesTo'>,
  entity: Entity,
): boolean {
  const filter = normalize(scorecard.appliesTo);
  return (
    accepts(filter.kinds, entity.kind.toLocaleLowerCase('en-US')) &&
    accepts(filter.types, specString(entity, 'type')) &&
    accepts(filter.lifecycles, specString(entity, 'lifecycle')) &&
    (!filter.owners || accepts(filter.owners, entityOwner(entity)))
  );
}
