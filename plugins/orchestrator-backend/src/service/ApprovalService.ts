import { ConflictError, NotAllowedError } from '@backstage/errors';
import type { Deployment } from '@paved/plugin-orchestrator-common';
import { ApprovalStore } from '../database/ApprovalStore';
import { DeploymentStore } from '../database/DeploymentStore';
import { DeliveryRunner } from './DeliveryRunner';
import { PlanService } from './PlanService';

/** Who is asking: their user entity ref and the groups they belong to. */
export interface Approver {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

const mayDecide = (deployment: Deployment, approver: Approver) =>
  deployment.requestedBy !== approver.userEntityRef &&
  (deployment.approvers ?? []).some(group =>
    approver.ownershipEntityRefs.includes(group),
  );

/** Deployments waiting for an approver from the policy's owning group. */
export class ApprovalService {
  constructor(
    private readonly deployments: DeploymentStore,
    private readonly approvals: ApprovalStore,
    private readonly planService: PlanService,
    private readonly runner: DeliveryRunner,
    private readonly pageSize = 500,
  ) {}

  /** The pending deployments this user may decide on: in an approving group, and not their own. */
  async pending(approver: Approver): Promise<Deployment[]> {
    // Every page: whoever decides must see all that waits for them, however many wait for others.
    const waiting: Deployment[] = [];
    for (let offset = 0; ; offset += this.pageSize) {
      const { items, total } = await this.deployments.list({
        states: ['pending-approval'],
        limit: this.pageSize,
        offset,
      });
      waiting.push(...items);
      if (items.length === 0 || offset + items.length >= total) break;
    }
    return waiting.filter(d => mayDecide(d, approver));
  }

  async decide(
    id: string,
    approver: Approver,
    decision: 'approved' | 'rejected',
    comment?: string,
  ): Promise<Deployment> {
    const deployment = await this.deployments.getOrThrow(id);
    if (deployment.state !== 'pending-approval') {
      throw new ConflictError(
        `Deployment ${id} is ${deployment.state}, not waiting for approval`,
      );
    }
    if (deployment.requestedBy === approver.userEntityRef) {
      throw new NotAllowedError('Nobody approves their own deployment');
    }
    if (!mayDecide(deployment, approver)) {
      throw new NotAllowedError(
        `Only members of ${(deployment.approvers ?? []).join(
          ', ',
        )} may decide on this deployment`,
      );
    }
    const decided = await this.deployments.transition(
      id,
      ['pending-approval'],
      {
        state: decision === 'approved' ? 'delivering' : 'rejected',
        approvedBy: approver.userEntityRef,
      },
    );
    if (!decided) {
      throw new ConflictError(`Deployment ${id} was decided on meanwhile`);
    }
    await this.approvals.record({
      deploymentId: id,
      decision,
      decidedBy: approver.userEntityRef,
      comment,
    });
    if (decided.state === 'delivering') {
      this.runner.start(
        decided,
        await this.planService.environment(decided.environment),
      );
    }
    return decided;
  }

  history(id: string) {
    return this.approvals.listFor(id);
  }
}
