import {
  CelEnv,
  celEnv,
  celFunc,
  CelResult,
  CelScalar,
  CelValue,
  isCelError,
  isCelList,
  isCelMap,
  parse,
  plan,
} from '@bufbuild/cel';
import { kubernetesCelLibraries } from './libraries';

/**
 * The API server's per-expression runtime cost limit is in abstract units; we
 * count comprehension iterations (charged when a loop starts, one per element
 * of its range), the only way a CEL expression's work grows faster than its
 * input. A million iterations is far beyond any sane policy
 * and still stops in well under a second.
 */
export const DEFAULT_COST_LIMIT = 1_000_000;

type Expr = ReturnType<typeof parse>['expr'];

const BUDGET_FUNCTION = '__paved_budget__';

/** Thrown at load time: names the expression and where in it the problem is. */
export class CelCompileError extends Error {}

export type CelOutcome =
  | { ok: true; value: CelValue }
  | { ok: false; error: string; costExceeded?: boolean };

export interface CompiledCel {
  source: string;
  /** The policy variables (`variables.<name>`) the expression reads. */
  references: ReadonlySet<string>;
  /**
   * The fields selected on declared top-level variables, as `<variable>.<field>`
   * (`catalog.hasDescription`): what a scorecard check reads of each fact source.
   */
  selections: ReadonlySet<string>;
  /** Evaluates with bindings already converted by toCelInput; never throws. */
  evaluate(bindings: Record<string, unknown>): CelOutcome;
}

interface Budget {
  remaining: number;
}

// Evaluation is synchronous, so one budget per environment, reset before each run, is safe.
interface MeteredEnv {
  env: CelEnv;
  budget: Budget;
  limit: number;
}

const environments = new Map<number, MeteredEnv>();

function meteredEnv(limit: number): MeteredEnv {
  let metered = environments.get(limit);
  if (!metered) {
    const budget: Budget = { remaining: limit };
    const libraries = kubernetesCelLibraries();
    const env = celEnv({
      registry: libraries.registry,
      funcs: [
        ...libraries.funcs,
        // Wraps every comprehension's range: each iteration costs one; once the budget is spent, loops get nothing to iterate.
        celFunc(BUDGET_FUNCTION, [CelScalar.DYN], CelScalar.DYN, range => {
          budget.remaining -=
            isCelList(range) || isCelMap(range) ? range.size : 1;
          return budget.remaining < 0 ? [] : range;
        }),
      ],
    });
    metered = { env, budget, limit };
    environments.set(limit, metered);
  }
  return metered;
}

// Operators the planner handles itself rather than through the function table.
const PLANNER_OPERATORS = new Set([
  '_[_]',
  '_[?_]',
  '_?._',
  '_?_:_',
  '_&&_',
  '_||_',
  '@not_strictly_false',
  '__not_strictly_false__',
]);

function qualifiedName(expr: Expr | undefined): string | undefined {
  const kind = expr?.exprKind;
  if (kind?.case === 'identExpr') return kind.value.name;
  if (kind?.case === 'selectExpr' && !kind.value.testOnly) {
    const operand = qualifiedName(kind.value.operand);
    return operand && `${operand}.${kind.value.field}`;
  }
  return undefined;
}

interface CheckContext {
  env: CelEnv;
  variables: ReadonlySet<string>;
  /** Names `variables.<name>` may use: the policy's own variables. */
  composited: ReadonlySet<string> | undefined;
  references: Set<string>;
  selections: Set<string>;
  problems: Array<{ id: bigint; message: string }>;
}

/**
 * What the API server's type checker would reject at policy creation that we
 * can know without schemas: undeclared variables, unknown `variables.<name>`
 * and unknown functions. Also wraps loop conditions with the cost meter.
 */
function checkAndMeter(
  expr: Expr,
  context: CheckContext,
  scope: ReadonlySet<string>,
): void {
  const kind = expr.exprKind;
  const walk = (child: Expr | undefined, inner = scope) => {
    if (child) checkAndMeter(child, context, inner);
  };
  switch (kind.case) {
    case 'identExpr':
      if (
        !scope.has(kind.value.name) &&
        !context.variables.has(kind.value.name)
      )
        context.problems.push({
          id: expr.id,
          message: `undeclared reference to "${kind.value.name}"`,
        });
      return;
    case 'selectExpr': {
      const operand = kind.value.operand;
      if (
        operand?.exprKind.case === 'identExpr' &&
        !scope.has(operand.exprKind.value.name) &&
        context.variables.has(operand.exprKind.value.name)
      ) {
        context.selections.add(
          `${operand.exprKind.value.name}.${kind.value.field}`,
        );
      }
      if (
        operand?.exprKind.case === 'identExpr' &&
        operand.exprKind.value.name === 'variables' &&
        !scope.has('variables')
      ) {
        context.references.add(kind.value.field);
        if (context.composited && !context.composited.has(kind.value.field))
          context.problems.push({
            id: expr.id,
            message: `undefined variable "variables.${kind.value.field}"`,
          });
      }
      walk(operand);
      return;
    }
    case 'callExpr': {
      const call = kind.value;
      const qualified = qualifiedName(call.target);
      if (
        qualified &&
        context.env.funcs.find(`${qualified}.${call.function}`)
      ) {
        call.args.forEach(arg => walk(arg));
        return;
      }
      if (
        !PLANNER_OPERATORS.has(call.function) &&
        !context.env.funcs.find(call.function)
      ) {
        context.problems.push({
          id: expr.id,
          message: `undeclared function "${call.function}"`,
        });
      }
      walk(call.target);
      call.args.forEach(arg => walk(arg));
      return;
    }
    case 'listExpr':
      kind.value.elements.forEach(element => walk(element));
      return;
    case 'structExpr':
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === 'mapKey') walk(entry.keyKind.value);
        walk(entry.value);
      }
      return;
    case 'comprehensionExpr': {
      const c = kind.value;
      walk(c.iterRange);
      walk(c.accuInit);
      const inner = new Set([...scope, c.accuVar, c.iterVar, c.iterVar2]);
      walk(c.loopCondition, inner);
      walk(c.loopStep, inner);
      walk(c.result, new Set([...scope, c.accuVar]));
      if (c.iterRange) {
        c.iterRange = {
          ...c.iterRange,
          exprKind: {
            case: 'callExpr',
            value: {
              $typeName: 'cel.expr.Expr.Call',
              function: BUDGET_FUNCTION,
              args: [c.iterRange],
            },
          },
        };
      }
      return;
    }
    default:
      return;
  }
}

/** Line and column (1-based) of an expression node, from the parser's offsets. */
function position(
  source: string,
  positions: Record<string, number> | undefined,
  id: bigint,
): string {
  const offset = positions?.[id.toString()];
  if (offset === undefined) return '';
  const before = [...source].slice(0, offset).join('');
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${line}:${column}: `;
}

export interface CompileOptions {
  /** Top-level names the expression may use (object, request, params, ...). */
  variables: ReadonlySet<string>;
  /** The policy's `variables` names; when given, `variables.x` must be one of them. */
  composited?: ReadonlySet<string>;
  costLimit?: number;
}

/**
 * Parses, checks and plans a CEL expression once. Problems are thrown as a
 * CelCompileError naming the position ("line:column: message").
 */
export function compileCel(
  source: string,
  options: CompileOptions,
): CompiledCel {
  const metered = meteredEnv(options.costLimit ?? DEFAULT_COST_LIMIT);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (error) {
    throw new CelCompileError(
      (error as Error).message.replace(/^<input>:/, ''),
    );
  }
  const problems: CheckContext['problems'] = [];
  const references = new Set<string>();
  const selections = new Set<string>();
  checkAndMeter(
    parsed.expr,
    {
      env: metered.env,
      variables: options.variables,
      composited: options.composited,
      references,
      selections,
      problems,
    },
    new Set(),
  );
  if (problems.length > 0) {
    const positions = parsed.sourceInfo?.positions as
      | Record<string, number>
      | undefined;
    throw new CelCompileError(
      problems
        .map(p => `${position(source, positions, p.id)}${p.message}`)
        .join('; '),
    );
  }
  const program = plan(metered.env, parsed);
  return {
    source,
    references,
    selections,
    evaluate(bindings) {
      metered.budget.remaining = metered.limit;
      let result: CelResult;
      try {
        result = program(bindings as Parameters<typeof program>[0]);
      } catch (error) {
        result = error as CelValue;
      }
      if (metered.budget.remaining < 0) {
        return {
          ok: false,
          costExceeded: true,
          error: `operation cancelled: actual cost limit exceeded (more than ${metered.limit} iterations)`,
        };
      }
      if (isCelError(result) || result instanceof Error) {
        return { ok: false, error: (result as Error).message };
      }
      return { ok: true, value: result as CelValue };
    },
  };
}
