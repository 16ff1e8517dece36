import type { RootConfigService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_GUARDRAIL_POLICIES,
  GuardrailPolicies,
} from './guardrailFacts';

export interface OrchestratorFactsConfig {
  policies: GuardrailPolicies;
}

/**
 * `scorecards.sources.orchestrator`: which guardrail policies decide each
 * verdict fact. A list given replaces that fact's default, so a platform team
 * that renames or adds a policy keeps its scorecards meaning the same thing.
 */
export function readOrchestratorFactsConfig(
  config: RootConfigService,
): OrchestratorFactsConfig {
  const section = config.getOptionalConfig(
    'scorecards.sources.orchestrator.policies',
  );
  const policies = { ...DEFAULT_GUARDRAIL_POLICIES };
  const unknown = (section?.keys() ?? []).filter(key => !(key in policies));
  if (unknown.length > 0) {
    throw new Error(
      `scorecards.sources.orchestrator.policies has no fact ${unknown.join(
        ', ',
      )}; the facts decided by policies are ${Object.keys(policies).join(
        ', ',
      )}`,
    );
  }
  for (const fact of Object.keys(policies) as Array<keyof GuardrailPolicies>) {
    const names = section?.getOptionalStringArray(fact);
    if (names) policies[fact] = names;
  }
  return { policies };
}
