import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { describeIssues } from '@paved/plugin-orchestrator-common';
import {
  parseYamlDocuments,
  readYamlFiles,
} from '@paved/plugin-orchestrator-node';
import {
  scorecardDocumentSchema,
  type Scorecard,
  type ScorecardDocument,
} from '@paved/plugin-scorecards-common';
import {
  compileChecks,
  type DeclaredSources,
  type ProblemReporter,
} from './compileChecks';
import type { CompiledScorecard } from './types';

export interface ScorecardFile {
  /** Relative to the scorecards directory: it names the file in every error. */
  path: string;
  content: string;
}

/** Every `.yaml`/`.yml` file below `directory`, sorted by path. */
export async function readScorecardFiles(
  directory: string,
): Promise<ScorecardFile[]> {
  const files = await readYamlFiles(directory);
  return files.map(file => ({ path: file.path, content: file.text }));
}

/** What the schema cannot say: duplicate names within a scorecard, empty filters, owner refs that do not parse. */
function checkStructure(document: ScorecardDocument, problem: ProblemReporter) {
  for (const [field, values] of Object.entries(document.spec.appliesTo)) {
    if (values?.length === 0)
      problem(
        `spec.appliesTo.${field}`,
        `lists no value, so the scorecard applies to nothing (leave ${field} out to accept any)`,
      );
  }
  document.spec.appliesTo.owner?.forEach((owner, index) => {
    try {
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
    } catch (error) {
      problem(`spec.appliesTo.owner[${index}]`, (error as Error).message);
    }
  });
  const levels = new Map<string, number>();
  const checks = new Map<string, string>();
  document.spec.levels.forEach((level, l) => {
    const earlierLevel = levels.get(level.name);
    if (earlierLevel !== undefined)
      problem(
        `spec.levels[${l}].name`,
        `level "${level.name}" is already defined at spec.levels[${earlierLevel}]`,
      );
    else levels.set(level.name, l);
    level.checks.forEach((check, c) => {
      const here = `spec.levels[${l}].checks[${c}]`;
      const earlier = checks.get(check.id);
      if (earlier)
        problem(
          `${here}.id`,
          `check "${check.id}" is already defined at ${earlier}`,
        );
      else checks.set(check.id, here);
    });
  });
}

function toCompiled(
  document: ScorecardDocument,
  definedIn: string,
  sources: DeclaredSources,
  problem: ProblemReporter,
): CompiledScorecard {
  const scorecard: Scorecard = {
    id: document.metadata.name,
    title: document.metadata.title,
    ...(document.metadata.description !== undefined && {
      description: document.metadata.description,
    }),
    appliesTo: document.spec.appliesTo,
    levels: document.spec.levels,
  };
  return Object.defineProperty(scorecard, 'program', {
    value: {
      definedIn,
      levels: compileChecks(document, sources, problem),
      sources: sources.map(s => s.id),
    },
    enumerable: false,
  }) as CompiledScorecard;
}

/**
 * Validates and compiles the scorecards of `files` against the facts the
 * sources declare. Every problem in every file is collected, then thrown as
 * one InputError, so the platform team fixes them in one pass.
 */
export function loadScorecards(
  files: ScorecardFile[],
  sources: DeclaredSources,
): CompiledScorecard[] {
  const problems: string[] = [];
  const scorecards: CompiledScorecard[] = [];
  const definedIn = new Map<string, string>();
  for (const file of files) {
    let documents: unknown[];
    try {
      documents = parseYamlDocuments(file.content, file.path);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    const present = documents.filter(d => d !== null && d !== undefined);
    present.forEach((document, index) => {
      const where =
        present.length > 1 ? `${file.path} (document ${index + 1})` : file.path;
      const problem: ProblemReporter = (field, message) =>
        problems.push(`${where}: ${field}: ${message}`);
      const parsed = scorecardDocumentSchema.safeParse(document);
      if (!parsed.success) {
        problems.push(
          ...describeIssues(parsed.error).map(i => `${where}: ${i}`),
        );
        return;
      }
      const id = parsed.data.metadata.name;
      const earlier = definedIn.get(id);
      if (earlier) {
        problems.push(
          `${where}: scorecard "${id}" is already defined in ${earlier}`,
        );
        return;
      }
      definedIn.set(id, where);
      const before = problems.length;
      checkStructure(parsed.data, problem);
      if (problems.length > before) return;
      scorecards.push(toCompiled(parsed.data, where, sources, problem));
    });
  }
  if (problems.length > 0) {
    throw new InputError(`Invalid scorecards:\n  ${problems.join('\n  ')}`);
  }
  return scorecards;
}

/** The scorecard as the API returns it, without its compiled program. */
export function toScorecard(scorecard: Scorecard): Scorecard {
  const { id, title, description, appliesTo, levels } = scorecard;
  return {
    id,
    title,
    ...(description !== undefined && { description }),
    appliesTo,
    levels,
  };
}
