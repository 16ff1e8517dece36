/**
 * Paved's scorecards in the portal: an entity card with each scorecard's
 * level and next steps, an entity tab with every check, its facts and the
 * level history, and a page with every entity's levels.
 *
 * @packageDocumentation
 */
export { scorecardsPlugin as default } from './plugin';
export { scorecardsApiRef, ScorecardsClient } from './api';
export type { OverviewFilter, ScorecardsApi } from './api';
export { isScoredEntity } from './entities';
