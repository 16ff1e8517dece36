import type { Environment, Money } from './platform';
import type { GuardrailVerdict } from './verdicts';

/** One file of a plan: a Kubernetes object, a resource claim, a CI workflow or an admission policy. */
export interface PlanArtifact {
  /** Relative to the workload's folder in the GitOps repository. */
  path: string;
  kind: string;
  content: string;
}

/** A resource output: its value, or for a secret only where to find it. */
export type PlannedOutput =
  | { kind: 'text'; value: string }
  | { kind: 'secret'; secretRef: { name: string; key: string } };

/** A resource the workload asked for, as the platform's definition provisions it. */
export interface PlannedResource {
  name: string;
  type: string;
  class: string;
  id: string;
  definition: string;
  /** The workload's other resources whose outputs this one's params use: the resource graph's edges. */
  dependsOn: string[];
  /** Secrets appear as their reference only. */
  outputs: Record<string, PlannedOutput>;
  pricePerMonth?: Money;
}

/** The pure result of planning one workload for one environment. */
export interface Plan {
  apiVersion: 'paved.dev/v1alpha1';
  kind: 'Plan';
  workload: string;
  environment: { name: string; type: Environment['spec']['type'] };
  namespace: string;
  artifacts: PlanArtifact[];
  resources: PlannedResource[];
  cost: {
    perMonth: Money[];
    /**
     * What the whole environment would cost a month with this plan in effect:
     * this plan plus the other workloads running there. Only for environments
     * with a cost cap, whose cap is the environment's, not each workload's.
     */
    environmentPerMonth?: Money[];
  };
  warnings: string[];
  /** Every guardrail failure, strongest action first; a deny means the plan is refused. */
  verdicts: GuardrailVerdict[];
  /** sha256 over everything above: the same inputs give the same hash. */
  hash: string;
}
