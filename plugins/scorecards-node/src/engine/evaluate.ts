import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { fromCel } from '@paved/plugin-orchestrator-node';
import type {
  CheckResult,
  FactSet,
  ScorecardResult,
  ThresholdOperator,
} from '@paved/plugin-scorecards-common';
import { type BoundFacts, bindFacts } from './facts';
import { scorecardApplies } from './filter';
import type { CompiledCheck, CompiledScorecard } from './types';

const COMPARE: Record<ThresholdOperator, (a: number, b: number) => boolean> = {
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '==': (a, b) => a === b,
};

/** The facts a check reads that were observed to have no value. */
function factsWithoutValue(check: CompiledCheck, facts: BoundFacts): string[] {
  return check.facts.filter(name => {
    const dot = name.indexOf('.');
    return facts.values.get(name.slice(0, dot))?.[name.slice(dot + 1)] === null;
  });
}

const hasNoValue = (names: string[]) =>
  `${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} no value`;

/** CEL's name for the type of a result, for messages. */
function celTypeName(raw: unknown, json: unknown): string {
  switch (typeof raw) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'string':
      return 'string';
    default:
  }
  if (raw instanceof Uint8Array) return 'bytes';
  if (typeof json === 'number') return 'uint';
  if (Array.isArray(json)) return 'list';
  const message = (json as { $typeName?: unknown }).$typeName;
  return typeof message === 'string'
    ? message.replace(/^google\.protobuf\./, '').toLowerCase()
    : 'map';
}

const isScalar = (value: unknown): value is boolean | number | string =>
  typeof value === 'boolean' ||
  typeof value === 'number' ||
  typeof value === 'string';

function evaluateCheck(check: CompiledCheck, facts: BoundFacts): CheckResult {
  const result: CheckResult = {
    check: check.id,
    level: check.level,
    outcome: 'unknown',
    facts: check.facts as string[],
  };
  const outcome = check.program.evaluate(facts.bindings);
  if (!outcome.ok) {
    const unavailable = check.sources
      .map(source => facts.unavailable.get(source))
      .filter(reason => reason !== undefined);
    if (unavailable.length > 0) {
      result.reason = unavailable.join('; ');
      return result;
    }
    const empty = factsWithoutValue(check, facts);
    result.reason =
      empty.length > 0
        ? `${hasNoValue(empty)} (${outcome.error})`
        : outcome.error;
    return result;
  }
  const raw = outcome.value;
  if (raw === null) {
    const empty = factsWithoutValue(check, facts);
    result.value = null;
    result.reason =
      empty.length > 0 ? hasNoValue(empty) : 'the expression returned null';
    return result;
  }
  const json = typeof raw === 'bigint' ? Number(raw) : fromCel(raw);
  if (isScalar(json)) result.value = json;
  if (check.threshold) {
    if (typeof json !== 'number') {
      result.reason = `the expression returned ${celTypeName(
        raw,
        json,
      )}, not a number to compare with ${check.threshold.operator} ${
        check.threshold.value
      }`;
      return result;
    }
    result.outcome = COMPARE[check.threshold.operator](
      json,
      check.threshold.value,
    )
      ? 'pass'
      : 'fail';
    return result;
  }
  if (typeof raw !== 'boolean') {
    result.reason = `the expression returned ${celTypeName(
      raw,
      json,
    )}, not a bool`;
    return result;
  }
  result.outcome = raw ? 'pass' : 'fail';
  return result;
}

function evaluateScorecard(
  scorecard: CompiledScorecard,
  entityRef: string,
  facts: BoundFacts,
  evaluatedAt: string,
): ScorecardResult {
  const checks: CheckResult[] = [];
  let level: string | null = null;
  let nextLevel: string | null = null;
  for (const { name, checks: levelChecks } of scorecard.program.levels) {
    let passed = true;
    for (const check of levelChecks) {
      const result = evaluateCheck(check, facts);
      if (result.outcome !== 'pass') passed = false;
      checks.push(result);
    }
    // Every check is still evaluated above the first level not reached: the entity tab shows them all.
    if (nextLevel === null) {
      if (passed) level = name;
      else nextLevel = name;
    }
  }
  return {
    entityRef,
    scorecard: scorecard.id,
    level,
    nextLevel,
    checks,
    evaluatedAt,
  };
}

/**
 * Evaluates the scorecards that apply to `entity` over its facts. A check is
 * `unknown`, never `fail`, when a source it reads is stale or missing (unless
 * the expression decides without it), when a fact it needs has no value, or
 * when the expression fails or returns the wrong type. A level is reached when
 * every check of it and of every lower level passes.
 */
export function evaluateScorecards(
  scorecards: CompiledScorecard[],
  entity: Entity,
  facts: FactSet[],
  evaluatedAt: string,
): ScorecardResult[] {
  const applicable = scorecards.filter(s => scorecardApplies(s, entity));
  if (applicable.length === 0) return [];
  const entityRef = stringifyEntityRef(entity);
  const bound = bindFacts(applicable, facts);
  return applicable.map(scorecard =>
    evaluateScorecard(scorecard, entityRef, bound, evaluatedAt),
  );
}
