import type { EnvironmentType, Money } from './platform';

export const deploymentStates = [
  'pending-approval',
  'delivering',
  'delivered',
  'failed',
  'rejected',
  'rolled-back',
  'destroyed',
] as const;
/**
 * pending-approval and delivering are in flight (one per workload and
 * environment); rolled-back marks a revision a rollback replaced; destroyed,
 * one whose environment or workload was removed.
 */
export type DeploymentState = (typeof deploymentStates)[number];

/** A plan delivered (or waiting to be) to an environment, at a revision. */
export interface Deployment {
  id: string;
  workload: string;
  environment: string;
  revision: number;
  planHash: string;
  state: DeploymentState;
  requestedBy: string;
  approvedBy?: string;
  /** For pending-approval: the groups whose members may approve. */
  approvers?: string[];
  /** Set when this revision delivers an earlier revision's plan again. */
  rollbackOf?: number;
  /** The delivery target: gitops, kubernetes or a module's own. */
  target: string;
  /** What the target knows it by: a commit, a cluster revision. */
  reference?: string;
  /** One line on what the delivery did, or why it failed. */
  summary?: string;
  error?: string;
  createdAt: string;
  updatedAt: string;
}

export type EnvironmentState = 'active' | 'destroying' | 'destroyed';

/** An environment as the orchestrator keeps it: the platform's, and the ephemeral ones made from a template. */
export interface EnvironmentRecord {
  name: string;
  type: EnvironmentType;
  /** The platform Environment it is made from (itself for the platform's own). */
  template: string;
  owner?: string;
  state: EnvironmentState;
  costCap?: Money;
  createdBy?: string;
  createdAt: string;
  expiresAt?: string;
  destroyedAt?: string;
}

export interface ApprovalDecision {
  deploymentId: string;
  decision: 'approved' | 'rejected';
  decidedBy: string;
  comment?: string;
  createdAt: string;
}

/** A request to keep an ephemeral environment beyond its template's maximum lifetime. */
export interface EnvironmentExtension {
  id: string;
  environment: string;
  /** The expiry asked for. */
  until: string;
  state: 'pending-approval' | 'approved' | 'rejected';
  requestedBy: string;
  /** Why, in the requester's words, for the approvers (absent on requests from before reasons were asked). */
  reason?: string;
  /** The groups whose members may approve. */
  approvers: string[];
  decidedBy?: string;
  comment?: string;
  createdAt: string;
  decidedAt?: string;
}

/** The events-service topic the orchestrator publishes every deployment state change on. */
export const DEPLOYMENT_EVENT_TOPIC = 'paved.orchestrator.deployment';

/** The payload of a `DEPLOYMENT_EVENT_TOPIC` event. */
export interface DeploymentEventPayload {
  workload: string;
  environment: string;
  revision: number;
  state: DeploymentState;
}
