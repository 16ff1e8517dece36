import { createPermission } from '@backstage/plugin-permission-common';

/** Plan and deploy a workload to a non-production environment. */
export const orchestratorDeployPermission = createPermission({
  name: 'orchestrator.deploy',
  attributes: { action: 'create' },
});

/** Deploy (or roll back) to an environment of type production. */
export const orchestratorDeployProductionPermission = createPermission({
  name: 'orchestrator.deploy.production',
  attributes: { action: 'create' },
});

/** Approve or reject a deployment waiting for approval (besides being in the approving group). */
export const orchestratorApprovePermission = createPermission({
  name: 'orchestrator.approve',
  attributes: { action: 'update' },
});

/** Create, extend and destroy ephemeral environments. */
export const orchestratorManageEnvironmentsPermission = createPermission({
  name: 'orchestrator.environments.manage',
  attributes: { action: 'update' },
});

/** Read plans, deployments, environments and approvals. */
export const orchestratorReadPermission = createPermission({
  name: 'orchestrator.read',
  attributes: { action: 'read' },
});

export const orchestratorPermissions = [
  orchestratorDeployPermission,
  orchestratorDeployProductionPermission,
  orchestratorApprovePermission,
  orchestratorManageEnvironmentsPermission,
  orchestratorReadPermission,
];
