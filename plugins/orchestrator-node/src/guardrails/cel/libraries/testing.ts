import { celEnv, isCelError, parse, plan, type CelValue } from '@bufbuild/cel';
import { kubernetesCelLibraries } from './index';

const libraries = kubernetesCelLibraries();
const env = celEnv({ funcs: libraries.funcs, registry: libraries.registry });

/** Evaluates a CEL expression with the Kubernetes libraries; a CEL error is thrown. */
export function evaluate(expression: string): CelValue {
  const result = plan(env, parse(expression))({});
  if (isCelError(result)) throw result;
  return result;
}
