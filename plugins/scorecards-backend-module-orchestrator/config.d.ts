export interface Config {
  scorecards?: {
    sources?: {
      orchestrator?: {
        /**
         * Which guardrail policies, by metadata.name, decide each verdict
         * fact: the fact is false when the latest plan has a deny, warn or
         * require-approval verdict from one of them. A list given replaces
         * that fact's default (the policies platform/policies ships).
         */
        policies?: {
          podSecurityRestricted?: string[];
          resourceLimitsSet?: string[];
          databaseBackups?: string[];
          costWithinBudget?: string[];
        };
      };
    };
  };
}
