/**
 * Scorecard facts from Paved's orchestrator: deployed to production, latest
 * deployment state, guardrail verdicts of the latest plan.
 *
 * @packageDocumentation
 */
export { scorecardsModuleOrchestrator as default } from './module';
export { createOrchestratorFactSource } from './OrchestratorFactSource';
export type { OrchestratorFactSourceOptions } from './OrchestratorFactSource';
export { DEFAULT_GUARDRAIL_POLICIES } from './guardrailFacts';
export type { GuardrailPolicies } from './guardrailFacts';
export { ORCHESTRATOR_FACTS } from './orchestratorFacts';
