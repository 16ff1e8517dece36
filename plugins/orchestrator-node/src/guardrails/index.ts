export { loadPolicies, readPolicyDirectory } from './load';
export { evaluateGuardrails } from './evaluate';
export type { GuardrailInput, PlanSummary } from './evaluate';
export type { CompiledPolicy, PolicySet } from './policy';
export { DEFAULT_COST_LIMIT } from './cel/compile';
