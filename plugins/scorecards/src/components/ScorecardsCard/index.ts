export { ScorecardsCard } from './ScorecardsCard';
