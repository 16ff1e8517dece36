export { backendMessage, isNotFound } from './backendMessage';
export { formatDate, formatFactValue, shortRef } from './format';
export {
  levelColour,
  levelTitle,
  levelViews,
  nextSteps,
  NO_LEVEL_COLOUR,
} from './levels';
export type { CheckView, LevelView } from './levels';
export { LevelBadge } from './LevelBadge';
export { OutcomeLabel } from './OutcomeLabel';
export { useEntityScorecards } from './useEntityScorecards';
export type { EntityScorecardsData } from './useEntityScorecards';
