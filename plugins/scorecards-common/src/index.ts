/**
 * Types shared by Paved's scorecards: facts, scorecard definitions, results.
 *
 * @packageDocumentation
 */
export * from './facts';
export * from './scorecards';
export * from './results';
