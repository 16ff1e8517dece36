import type { FactDefinition } from '@paved/plugin-scorecards-common';

/**
 * The facts the `orchestrator` source provides; the default scorecards read
 * these names. "The latest plan" is the plan of the newest deployment to a
 * production environment, or of the newest deployment anywhere when the
 * workload never went to production.
 */
export const ORCHESTRATOR_FACTS = {
  managed: {
    type: 'boolean',
    description:
      'The entity is a Paved workload: it has a paved.dev/workload annotation, or a paved.dev/score annotation (the workload is then named after the entity).',
  },
  deployedToProduction: {
    type: 'boolean',
    description:
      'A delivered revision of the workload is in effect in an environment of type (or named) production; null when the entity is not a workload.',
  },
  latestDeploymentState: {
    type: 'string',
    description:
      "The state of the workload's newest deployment in any environment: pending-approval, delivering, delivered, failed, rejected, rolled-back or destroyed; null when it was never deployed.",
  },
  podSecurityRestricted: {
    type: 'boolean',
    description:
      'The latest plan has no deny, warn or require-approval verdict from the Pod Security Standards policies (pss-baseline, pss-restricted); null when never deployed.',
  },
  resourceLimitsSet: {
    type: 'boolean',
    description:
      'The latest plan has no deny, warn or require-approval verdict from the resources policy (require-resources: CPU and memory requests, memory limit); null when never deployed.',
  },
  databaseBackups: {
    type: 'boolean',
    description:
      'The latest plan has no deny, warn or require-approval verdict from the backups policy (backup-retention), so its databases keep backups; true without databases, null when never deployed.',
  },
  costWithinBudget: {
    type: 'boolean',
    description:
      'No cost policy fired on the latest plan (monthly-budget, production-cost-approval, ephemeral-cost-cap, cost-currency); null when never deployed.',
  },
  monthlyCost: {
    type: 'number',
    description:
      "The latest plan's estimated cost a month, in its currency; null when never deployed, or when its prices are in more than one currency.",
  },
} satisfies Record<string, FactDefinition>;

export type OrchestratorFactName = keyof typeof ORCHESTRATOR_FACTS;

/** The facts read from the latest plan's guardrail verdicts. */
export type GuardrailFact =
  | 'podSecurityRestricted'
  | 'resourceLimitsSet'
  | 'databaseBackups'
  | 'costWithinBudget';
