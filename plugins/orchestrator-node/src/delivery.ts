import type {
  DriftedObject,
  DriftReport,
} from '@paved/plugin-orchestrator-common';
import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Environment } from '@paved/plugin-orchestrator-common';
import type { Plan } from './plan';

/** One deployment, as a delivery target receives it. */
export interface DeliveryRequest {
  deploymentId: string;
  /** The workload's name (its folder in the GitOps repository, its label in the cluster). */
  workload: string;
  environment: Environment;
  /** 1 for a workload's first deployment to an environment, then one more each time. */
  revision: number;
  plan: Plan;
  /** The plan last delivered to this environment, so the target can prune what it no longer has. */
  previous?: Plan;
  /** The user entity ref of whoever asked for it. */
  initiator: string;
  signal?: AbortSignal;
}

export interface DeliveredObject {
  /** A plan artifact path (GitOps) or an object (Kubernetes). */
  path?: string;
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  action: 'created' | 'updated' | 'unchanged' | 'deleted';
}

export interface DeliveryResult {
  /** The target's name. */
  target: string;
  /** What identifies the delivery at the target: a commit, a cluster revision. */
  reference: string;
  objects: DeliveredObject[];
  /** One line for people: "committed 15 files to development/checkout (a1b2c3d)". */
  summary: string;
}

/** Taking a workload out of an environment: its artifacts are removed from the target. */
export interface RemovalRequest {
  workload: string;
  environment: Environment;
  /** What was last delivered, when the target needs it to know what to remove. */
  previous?: Plan;
  initiator: string;
  reason: string;
}

export type { DriftedObject, DriftReport };

/**
 * Where plans are delivered. Environments name theirs (`spec.delivery`,
 * "gitops" by default); backend modules add their own through
 * orchestratorDeliveryExtensionPoint.
 */
export interface DeliveryTarget {
  readonly name: string;
  /** Makes the target hold exactly the plan's artifacts for the workload in the environment. */
  deliver(request: DeliveryRequest): Promise<DeliveryResult>;
  remove(request: RemovalRequest): Promise<DeliveryResult>;
  /** Compares what is live with the plan last delivered; a target that cannot tell leaves it out. */
  drift?(request: {
    workload: string;
    environment: Environment;
    plan: Plan;
  }): Promise<DriftReport>;
}

export interface OrchestratorDeliveryExtensionPoint {
  addDeliveryTargets(...targets: DeliveryTarget[]): void;
}

export const orchestratorDeliveryExtensionPoint =
  createExtensionPoint<OrchestratorDeliveryExtensionPoint>({
    id: 'orchestrator.delivery',
  });
