export { scorecardsApiRef } from './ScorecardsApi';
export type { OverviewFilter, ScorecardsApi } from './ScorecardsApi';
export { ScorecardsClient } from './ScorecardsClient';
