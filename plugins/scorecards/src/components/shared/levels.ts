import type {
  CheckResult,
  Scorecard,
  ScorecardCheck,
  ScorecardResult,
} from '@paved/plugin-scorecards-common';

/** The medal colours; a scorecard's own level names take the palette by position. */
const MEDALS: Record<string, string> = {
  bronze: '#a86b32',
  silver: '#7d8389',
  gold: '#b8860b',
};
const PALETTE = ['#1e88e5', '#43a047', '#8e24aa', '#f4511e', '#00897b'];
export const NO_LEVEL_COLOUR = '#bdbdbd';

export function levelColour(name: string | null, index = 0): string {
  if (name === null) return NO_LEVEL_COLOUR;
  return MEDALS[name] ?? PALETTE[index % PALETTE.length];
}

/** A level's title as its scorecard gives it, else its name capitalised. */
export function levelTitle(
  scorecard: Scorecard | undefined,
  name: string,
): string {
  const level = scorecard?.levels.find(l => l.name === name);
  return level?.title ?? name.charAt(0).toUpperCase() + name.slice(1);
}

export interface CheckView {
  id: string;
  title: string;
  description?: string;
  fix?: string;
  threshold?: ScorecardCheck['threshold'];
  result: CheckResult;
}

export interface LevelView {
  name: string;
  title: string;
  reached: boolean;
  checks: CheckView[];
}

/**
 * A result laid out by its scorecard's levels, lowest first. Without the
 * definition (the scorecard was removed since) the result's own checks are
 * grouped by level; a defined check the result lacks (added since) is
 * unknown until the next evaluation.
 */
export function levelViews(
  result: ScorecardResult,
  scorecard: Scorecard | undefined,
): LevelView[] {
  const levels = scorecard
    ? scorecard.levels.map(level => ({
        name: level.name,
        title: levelTitle(scorecard, level.name),
        checks: level.checks.map(
          (check): CheckView => ({
            id: check.id,
            title: check.title,
            description: check.description,
            fix: check.fix,
            threshold: check.threshold,
            result: result.checks.find(
              r => r.check === check.id && r.level === level.name,
            ) ?? {
              check: check.id,
              level: level.name,
              outcome: 'unknown',
              reason: 'Not evaluated yet: re-evaluate to see it.',
              facts: [],
            },
          }),
        ),
      }))
    : groupByLevel(result.checks);
  const reachedIndex =
    result.level === null
      ? -1
      : levels.findIndex(level => level.name === result.level);
  return levels.map((level, index) => ({
    ...level,
    reached: index <= reachedIndex,
  }));
}

function groupByLevel(checks: CheckResult[]) {
  const levels: Array<Omit<LevelView, 'reached'>> = [];
  for (const result of checks) {
    let level = levels.find(l => l.name === result.level);
    if (!level) {
      level = {
        name: result.level,
        title: levelTitle(undefined, result.level),
        checks: [],
      };
      levels.push(level);
    }
    level.checks.push({ id: result.check, title: result.check, result });
  }
  return levels;
}

/** What stands between the entity and its next level: the failing and unknown checks of that level. */
export function nextSteps(
  result: ScorecardResult,
  scorecard: Scorecard | undefined,
): CheckView[] {
  if (result.nextLevel === null) return [];
  const next = levelViews(result, scorecard).find(
    level => level.name === result.nextLevel,
  );
  return next?.checks.filter(check => check.result.outcome !== 'pass') ?? [];
}
