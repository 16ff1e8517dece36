import { rewriteForPodTemplate, PodTemplatePath } from './autogen';
import { CelCompileError, compileCel } from './cel/compile';
import type { CompiledExpressions } from './policy';

// What the API server declares for admission policies; `authorizer` compiles but is never bound at plan time.
export const ADMISSION_VARIABLES = new Set([
  'object',
  'oldObject',
  'request',
  'params',
  'namespaceObject',
  'variables',
  'authorizer',
]);
export const GUARDRAIL_VARIABLES = new Set([
  'object',
  'environment',
  'plan',
  'variables',
]);

interface ExpressionSpec {
  matchConditions: Array<{ name: string; expression: string }>;
  variables: Array<{ name: string; expression: string }>;
  validations: Array<{
    expression: string;
    message?: string;
    messageExpression?: string;
    reason?: string;
  }>;
}

/** Compiles every expression of a policy; each problem names where it is. */
export function compileExpressions(
  spec: ExpressionSpec,
  declared: ReadonlySet<string>,
  problem: (where: string, message: string) => void,
  podTemplate?: PodTemplatePath,
): CompiledExpressions {
  const composited = new Set(spec.variables.map(v => v.name));
  const compile = (where: string, source: string) => {
    try {
      const text = podTemplate
        ? rewriteForPodTemplate(source, podTemplate)
        : source;
      return compileCel(text, { variables: declared, composited });
    } catch (error) {
      if (!(error instanceof CelCompileError)) throw error;
      problem(where, error.message);
      return undefined;
    }
  };
  const named = (list: ExpressionSpec['variables'], field: string) =>
    list.flatMap(({ name, expression }, index) => {
      const program = compile(
        `${field}[${index}] (${name}).expression`,
        expression,
      );
      return program ? [{ name, program }] : [];
    });
  return {
    matchConditions: named(spec.matchConditions, 'matchConditions'),
    variables: named(spec.variables, 'variables'),
    validations: spec.validations.flatMap((validation, index) => {
      const program = compile(
        `validations[${index}].expression`,
        validation.expression,
      );
      const messageExpression = validation.messageExpression
        ? compile(
            `validations[${index}].messageExpression`,
            validation.messageExpression,
          )
        : undefined;
      return program
        ? [
            {
              program,
              messageExpression,
              message: validation.message,
              reason: validation.reason,
            },
          ]
        : [];
    }),
  };
}
