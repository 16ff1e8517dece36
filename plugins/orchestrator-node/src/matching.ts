import { InputError } from '@backstage/errors';
import {
  EnvironmentType,
  MatchCriterion,
  ResourceDefinition,
} from '@paved/plugin-orchestrator-common';

/** One resource a workload asks for, in the context it is asked in. */
export interface ResourceRequest {
  type: string;
  class: string;
  /** The Score resource's shared `id`, or `<workload>.<resource name>` when it has none. */
  resourceId: string;
  workload: string;
  environment: { name: string; type: EnvironmentType };
}

// A resource id pins a definition more tightly than a workload, a workload more
// than an environment, an environment more than its type. Powers of two make any
// criterion that sets a weightier field beat every one that does not.
const WEIGHTS: Record<keyof MatchCriterion, number> = {
  resourceId: 8,
  workload: 4,
  environment: 2,
  environmentType: 1,
};

function requestValue(
  request: ResourceRequest,
  field: keyof MatchCriterion,
): string {
  switch (field) {
    case 'resourceId':
      return request.resourceId;
    case 'workload':
      return request.workload;
    case 'environment':
      return request.environment.name;
    case 'environmentType':
      return request.environment.type;
    default:
      throw new Error(`unknown criterion field ${field satisfies never}`);
  }
}

/** How specifically a definition matches a request: undefined when it does not match at all. */
export function specificity(
  definition: ResourceDefinition,
  request: ResourceRequest,
): number | undefined {
  const { spec } = definition;
  if (spec.type !== request.type || spec.class !== request.class) {
    return undefined;
  }
  if (spec.criteria.length === 0) {
    return 0;
  }
  let best: number | undefined;
  for (const criterion of spec.criteria) {
    const fields = (Object.keys(WEIGHTS) as Array<keyof MatchCriterion>).filter(
      field => criterion[field] !== undefined,
    );
    if (
      fields.every(field => criterion[field] === requestValue(request, field))
    ) {
      const score = fields.reduce((sum, field) => sum + WEIGHTS[field], 0);
      best = Math.max(best ?? 0, score);
    }
  }
  return best;
}

/**
 * The definition that satisfies a request: the most specific match. No match,
 * or two equally specific ones, is the platform team's error to fix, and the
 * message says which.
 */
export function matchDefinition(
  definitions: ResourceDefinition[],
  request: ResourceRequest,
): ResourceDefinition {
  const scored = definitions
    .map(definition => ({
      definition,
      score: specificity(definition, request),
    }))
    .filter(
      (m): m is { definition: ResourceDefinition; score: number } =>
        m.score !== undefined,
    )
    .sort((a, b) => b.score - a.score);
  const context = `type "${request.type}", class "${request.class}" in environment "${request.environment.name}" (${request.environment.type})`;
  if (scored.length === 0) {
    throw new InputError(
      `No resource definition matches ${context} for resource "${request.resourceId}"`,
    );
  }
  if (scored.length > 1 && scored[0].score === scored[1].score) {
    const [a, b] = [scored[0], scored[1]]
      .map(m => `"${m.definition.metadata.name}"`)
      .sort();
    throw new InputError(
      `Resource definitions ${a} and ${b} match ${context} equally specifically; make one of them more specific`,
    );
  }
  return scored[0].definition;
}
