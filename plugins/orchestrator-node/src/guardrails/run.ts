import type {
  GuardrailAction,
  GuardrailCheck,
} from '@paved/plugin-orchestrator-common';
import type { CelValue } from '@bufbuild/cel';
import type { CompiledExpressions } from './policy';

export interface RunContext {
  policy: string;
  failurePolicy: 'Fail' | 'Ignore';
  subject: { kind: string; namespace?: string; name: string };
  action: GuardrailAction;
  /** object, params, request... already converted with toCelInput. */
  bindings: Record<string, unknown>;
}

/**
 * One policy's expressions against one object, with the API server's
 * semantics: a false match condition skips the policy; composited variables
 * are computed once and their errors hit only the validations that read them;
 * an evaluation error fails under failurePolicy Fail and is ignored under Ignore.
 */
export function runExpressions(
  expressions: CompiledExpressions,
  context: RunContext,
): GuardrailCheck[] {
  const { policy, subject, action } = context;
  const result = (
    validation: string,
    outcome: GuardrailCheck['result'],
    message?: string,
  ): GuardrailCheck => ({
    policy,
    validation,
    ...subject,
    result: outcome,
    action,
    ...(message !== undefined && { message }),
  });
  const failed = (validation: string, error: string) =>
    context.failurePolicy === 'Fail'
      ? result(validation, 'error', error)
      : result(
          validation,
          'skip',
          `evaluation error ignored (failurePolicy Ignore): ${error}`,
        );
  const validationIds = expressions.validations.map(
    (_, i) => `validations[${i}]`,
  );

  // A condition's error is kept until all are evaluated: any false one still skips the policy.
  let conditionError: GuardrailCheck | undefined;
  for (const [index, condition] of expressions.matchConditions.entries()) {
    const where = `matchConditions[${index}] (${condition.name})`;
    const outcome = condition.program.evaluate(context.bindings);
    if (outcome.ok && outcome.value === false)
      return validationIds.map(id => result(id, 'skip', `${where} is false`));
    if (!outcome.ok) conditionError ??= failed(where, outcome.error);
    else if (typeof outcome.value !== 'boolean')
      conditionError ??= failed(
        where,
        'a match condition must evaluate to bool',
      );
  }
  if (conditionError) return [conditionError];

  const variables: Record<string, CelValue> = {};
  const variableErrors = new Map<string, string>();
  const bindings = { ...context.bindings, variables };
  for (const variable of expressions.variables) {
    const failedInput = [...variable.program.references].find(r =>
      variableErrors.has(r),
    );
    const outcome = failedInput
      ? { ok: false as const, error: variableErrors.get(failedInput)! }
      : variable.program.evaluate(bindings);
    if (outcome.ok) variables[variable.name] = outcome.value;
    else
      variableErrors.set(
        variable.name,
        `variables.${variable.name}: ${outcome.error}`,
      );
  }

  return expressions.validations.map((validation, index) => {
    const id = validationIds[index];
    const failedInput = [...validation.program.references].find(r =>
      variableErrors.has(r),
    );
    if (failedInput) return failed(id, variableErrors.get(failedInput)!);
    const outcome = validation.program.evaluate(bindings);
    if (!outcome.ok) return failed(id, outcome.error);
    if (typeof outcome.value !== 'boolean')
      return failed(
        id,
        `a validation must evaluate to bool, got ${typeof outcome.value}`,
      );
    if (outcome.value) return result(id, 'pass');
    const custom = validation.messageExpression?.evaluate(bindings);
    // As the API server does: a messageExpression that fails or gives no string falls back to message.
    const message =
      custom?.ok &&
      typeof custom.value === 'string' &&
      custom.value.trim() !== ''
        ? custom.value
        : validation.message ??
          `failed expression: ${validation.program.source}`;
    return result(id, 'fail', message);
  });
}
