import type { Entity } from '@backstage/catalog-model';

/** The kinds the default scorecards apply to, and so the kinds whose pages show them. */
const SCORED_KINDS = ['component', 'api'];

export const isScoredEntity = (entity: Entity) =>
  SCORED_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
