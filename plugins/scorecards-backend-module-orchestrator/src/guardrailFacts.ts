import type { GuardrailAction, Plan } from '@paved/plugin-orchestrator-common';
import type { GuardrailFact } from './orchestratorFacts';

/** Which guardrail policies, by name, decide each verdict fact. */
export type GuardrailPolicies = Record<GuardrailFact, string[]>;

/** The policies platform/policies ships, by the concern each fact is about. */
export const DEFAULT_GUARDRAIL_POLICIES: GuardrailPolicies = {
  // Restricted includes Baseline: a pod failing Baseline is not Restricted either.
  podSecurityRestricted: ['pss-baseline', 'pss-restricted'],
  resourceLimitsSet: ['require-resources'],
  // Databases and caches; bucket versioning is about objects, not databases.
  databaseBackups: ['backup-retention'],
  costWithinBudget: [
    'monthly-budget',
    'production-cost-approval',
    'ephemeral-cost-cap',
    // Lines in another currency escape the budget's sum: the budget is not known to hold.
    'cost-currency',
  ],
};

/** Audit only records: it asks nothing of anyone, so it does not make a fact false. */
const FIRING: GuardrailAction[] = ['deny', 'warn', 'require-approval'];

export interface PlanFacts extends Record<GuardrailFact, boolean> {
  monthlyCost: number | null;
}

/**
 * What a plan says about the verdict facts. A deny verdict never reaches a
 * deployment (the orchestrator refuses the plan), so with the shipped
 * policies, which mostly deny, a false fact usually comes from a warn or
 * require-approval verdict, or from a platform that relaxed a policy to warn.
 */
export function planFacts(plan: Plan, policies: GuardrailPolicies): PlanFacts {
  const fired = new Set(
    plan.verdicts.filter(v => FIRING.includes(v.action)).map(v => v.policy),
  );
  const clear = (fact: GuardrailFact) =>
    !policies[fact].some(policy => fired.has(policy));
  return {
    podSecurityRestricted: clear('podSecurityRestricted'),
    resourceLimitsSet: clear('resourceLimitsSet'),
    // Without databases no backup policy can fire: vacuously true.
    databaseBackups: clear('databaseBackups'),
    costWithinBudget: clear('costWithinBudget'),
    monthlyCost: monthlyCost(plan),
  };
}

/** One number only when the prices share a currency: adding USD to EUR means nothing. */
function monthlyCost(plan: Plan): number | null {
  const lines = plan.cost?.perMonth ?? [];
  if (lines.length === 0) return 0;
  if (new Set(lines.map(l => l.currency)).size > 1) return null;
  return lines.reduce((sum, line) => sum + line.amount, 0);
}
