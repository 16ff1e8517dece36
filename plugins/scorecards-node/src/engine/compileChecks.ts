import {
  CelCompileError,
  compileCel,
  type CompiledCel,
} from '@paved/plugin-orchestrator-node';
import type {
  FactDefinition,
  ScorecardCheck,
  ScorecardDocument,
} from '@paved/plugin-scorecards-common';
import type { FactSource } from '../sources';
import type { CompiledCheck, CompiledLevel } from './types';

export type DeclaredSources = Array<Pick<FactSource, 'id' | 'facts'>>;

/** `problem(field, message)`: field is a path in the document, e.g. `spec.levels[0].checks[2] (has-readme).expression`. */
export type ProblemReporter = (field: string, message: string) => void;

// An expression that is nothing but one fact: its type is the fact's type, so a mismatch is certain.
const BARE_SELECTION = /^\(*\s*[A-Za-z_]\w*\s*\.\s*[A-Za-z_]\w*\s*\)*$/;

const article = (type: string) => (/^[aeiou]/.test(type) ? 'an' : 'a');

/**
 * The facts an expression reads, each declared by its source, and for a bare
 * fact the type the check needs: problems go to `problem`, the facts are returned.
 */
function checkFacts(
  check: ScorecardCheck,
  program: CompiledCel,
  facts: ReadonlyMap<string, Record<string, FactDefinition>>,
  problem: (message: string, field?: string) => void,
): string[] {
  const read: string[] = [];
  for (const selection of program.selections) {
    const [source, fact] = selection.split('.', 2);
    const declared = facts.get(source)!;
    if (!Object.hasOwn(declared, fact)) {
      const names = Object.keys(declared);
      problem(
        `${selection} is not a fact of ${source} (${
          names.length > 0 ? `it has ${names.join(', ')}` : 'it has none'
        })`,
      );
      continue;
    }
    read.push(selection);
  }
  if (read.length === 1 && BARE_SELECTION.test(check.expression)) {
    const [source, fact] = read[0].split('.');
    const type = facts.get(source)![fact].type;
    if (check.threshold && type !== 'number') {
      problem(
        `${read[0]} is ${article(
          type,
        )} ${type} fact; a threshold compares a number`,
        'threshold',
      );
    } else if (!check.threshold && type !== 'boolean') {
      problem(
        `${read[0]} is ${article(
          type,
        )} ${type} fact; a check without a threshold must be boolean${
          type === 'number' ? ' (add a threshold to compare it)' : ''
        }`,
      );
    }
  }
  return read.sort();
}

/** Compiles every check of a valid document against the declared sources. */
export function compileChecks(
  document: ScorecardDocument,
  sources: DeclaredSources,
  problem: ProblemReporter,
): CompiledLevel[] {
  const variables = new Set(sources.map(s => s.id));
  const facts = new Map(sources.map(s => [s.id, s.facts]));
  return document.spec.levels.map((level, l) => ({
    name: level.name,
    checks: level.checks.flatMap((check, c): CompiledCheck[] => {
      const where = `spec.levels[${l}].checks[${c}] (${check.id})`;
      let program: CompiledCel;
      try {
        program = compileCel(check.expression, { variables });
      } catch (error) {
        if (!(error instanceof CelCompileError)) throw error;
        problem(`${where}.expression`, error.message);
        return [];
      }
      let valid = true;
      const read = checkFacts(check, program, facts, (message, field) => {
        valid = false;
        problem(`${where}.${field ?? 'expression'}`, message);
      });
      if (!valid) return [];
      return [
        {
          id: check.id,
          level: level.name,
          threshold: check.threshold,
          program,
          facts: Object.freeze(read),
          sources: [...new Set(read.map(f => f.split('.')[0]))],
        },
      ];
    }),
  }));
}
