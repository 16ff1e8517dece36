import SwaggerParser from '@apidevtools/swagger-parser';
import { parse } from 'yaml';

/** Why an API definition is not usable, or undefined when it is. */
export type DefinitionProblem = string | undefined;

function parseYaml(text: string): { value?: unknown; problem?: string } {
  try {
    return { value: parse(text) };
  } catch (error) {
    return { problem: `not valid YAML or JSON: ${(error as Error).message}` };
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function openApiProblem(text: string): Promise<DefinitionProblem> {
  const { value, problem } = parseYaml(text);
  if (problem) return problem;
  if (!isMapping(value)) return 'not an OpenAPI document';
  try {
    // Given a string, swagger-parser would treat it as a path or URL to read;
    // given the parsed object and no external resolution, it reads nothing.
    await SwaggerParser.validate(value as any, {
      resolve: { external: false },
    });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function asyncApiProblem(text: string): DefinitionProblem {
  const { value, problem } = parseYaml(text);
  if (problem) return problem;
  if (!isMapping(value) || typeof value.asyncapi !== 'string') {
    return 'not an AsyncAPI document: no asyncapi version field';
  }
  return undefined;
}

/**
 * Whether an API entity's `spec.definition` is present and usable for its
 * `spec.type`: OpenAPI is validated against its specification, AsyncAPI must
 * be a YAML document declaring its version, other types only non-empty (no
 * parser for them is shipped here).
 */
export async function apiDefinitionProblem(
  type: unknown,
  definition: unknown,
): Promise<DefinitionProblem> {
  if (typeof definition !== 'string' || definition.trim() === '') {
    return 'no definition';
  }
  switch (type) {
    case 'openapi':
      return openApiProblem(definition);
    case 'asyncapi':
      return asyncApiProblem(definition);
    default:
      return undefined;
  }
}
