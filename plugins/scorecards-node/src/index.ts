/**
 * Paved's scorecards engine and the fact-source extension point: load the
 * platform team's scorecards, evaluate them over facts, and let backend
 * modules add sources of facts.
 *
 * @packageDocumentation
 */
export { scorecardsFactSourcesExtensionPoint } from './sources';
export type {
  FactSource,
  ScorecardsFactSourcesExtensionPoint,
} from './sources';
export { loadScorecards, readScorecardFiles, toScorecard } from './engine/load';
export type { ScorecardFile } from './engine/load';
export type { DeclaredSources } from './engine/compileChecks';
export { scorecardApplies } from './engine/filter';
export { evaluateScorecards } from './engine/evaluate';
export type {
  CompiledCheck,
  CompiledLevel,
  CompiledScorecard,
  ScorecardProgram,
} from './engine/types';
export { answerError } from './answerError';
