import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
  resolvePackagePath,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  orchestratorApprovePermission,
  orchestratorDeployPermission,
  orchestratorDeployProductionPermission,
  orchestratorManageEnvironmentsPermission,
  orchestratorReadPermission,
} from '@paved/plugin-orchestrator-common';
import type { Router } from 'express';
import { readFileSync } from 'node:fs';
import { createAccess } from './access';
import { parse } from 'yaml';
import { ApprovalService } from './service/ApprovalService';
import { DeploymentService } from './service/DeploymentService';
import { EnvironmentService } from './service/EnvironmentService';
import { InventoryService } from './service/InventoryService';
import { PlanService } from './service/PlanService';

// The API's contract, also served at /openapi.json; requests are validated against it.
export const openApiSpec = parse(
  readFileSync(
    resolvePackagePath(
      '@paved/plugin-orchestrator-backend',
      'src/schema/openapi.yaml',
    ),
    'utf8',
  ),
);

export interface RouterOptions {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  plans: PlanService;
  deployments: DeploymentService;
  approvals: ApprovalService;
  environments: EnvironmentService;
  inventory: InventoryService;
}

export async function createRouter(options: RouterOptions) {
  const { httpAuth, userInfo } = options;
  // The spec is read at runtime, so its types give nothing: handlers see plain express requests, already validated.
  const router = createValidatedOpenApiRouter(openApiSpec) as unknown as Router;

  const { authorize, authorizeRead, audited } = createAccess(options);

  const deployPermissions = async (environment: string) => {
    const target = await options.plans.environment(environment);
    return target.spec.type === 'production'
      ? [orchestratorDeployPermission, orchestratorDeployProductionPermission]
      : [orchestratorDeployPermission];
  };

  router.post('/plans', async (req, res) => {
    const credentials = await authorize(req, orchestratorDeployPermission);
    const plan = await options.plans.plan(req.body, credentials);
    res.status(201).json(plan);
  });

  router.get('/plans/:hash', async (req, res) => {
    await authorizeRead(req);
    res.json(await options.plans.get(req.params.hash));
  });

  router.post('/deployments', async (req, res) => {
    const plan = await options.plans.get(req.body.planHash);
    const credentials = await authorize(
      req,
      ...(await deployPermissions(plan.environment.name)),
    );
    const outcome = await audited(
      req,
      'deploy',
      {
        planHash: plan.hash,
        workload: plan.workload,
        environment: plan.environment.name,
      },
      () =>
        options.deployments.deploy(
          plan.hash,
          credentials.principal.userEntityRef,
        ),
      ({ deployment, created }) => ({
        deploymentId: deployment.id,
        revision: deployment.revision,
        state: deployment.state,
        created,
      }),
    );
    res.status(outcome.created ? 201 : 200).json(outcome.deployment);
  });

  router.get('/deployments/:id', async (req, res) => {
    await authorize(req, orchestratorReadPermission);
    res.json(await options.deployments.get(req.params.id));
  });

  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/deployments/:id/${decision}`, async (req, res) => {
      const credentials = await authorize(req, orchestratorApprovePermission);
      const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
      const deployment = await audited(
        req,
        `deployment-${decision}`,
        { deploymentId: req.params.id, comment: req.body?.comment ?? null },
        () =>
          options.approvals.decide(
            req.params.id,
            {
              userEntityRef: credentials.principal.userEntityRef,
              ownershipEntityRefs,
            },
            decision === 'approve' ? 'approved' : 'rejected',
            req.body?.comment,
          ),
      );
      res.json(deployment);
    });
  }

  router.get('/approvals', async (req, res) => {
    const credentials = await authorize(req, orchestratorReadPermission);
    const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
    const approver = {
      userEntityRef: credentials.principal.userEntityRef,
      ownershipEntityRefs,
    };
    res.json({
      items: await options.approvals.pending(approver),
      extensions: await options.environments.pendingExtensions(approver),
    });
  });

  router.get('/workloads/:workload/deployments', async (req, res) => {
    await authorize(req, orchestratorReadPermission);
    const { environment, limit, offset } = req.query;
    res.json(
      await options.deployments.history(req.params.workload, {
        environment: environment as string | undefined,
        limit: limit === undefined ? undefined : Number(limit),
        offset: offset === undefined ? undefined : Number(offset),
      }),
    );
  });

  router.get('/workloads/:workload/environments', async (req, res) => {
    await authorizeRead(req);
    res.json({
      items: await options.deployments.environments(req.params.workload),
    });
  });

  router.get(
    '/workloads/:workload/environments/:environment/diff',
    async (req, res) => {
      await authorize(req, orchestratorReadPermission);
      const items = await options.deployments.diff(
        req.params.workload,
        req.params.environment,
        Number(req.query.from),
        Number(req.query.to),
      );
      res.json({ items });
    },
  );

  router.post(
    '/workloads/:workload/environments/:environment/rollback',
    async (req, res) => {
      const { workload, environment } = req.params;
      const credentials = await authorize(
        req,
        ...(await deployPermissions(environment)),
      );
      const deployment = await audited(
        req,
        'rollback',
        { workload, environment, toRevision: req.body.revision },
        () =>
          options.deployments.rollback(
            workload,
            environment,
            req.body.revision,
            credentials.principal.userEntityRef,
          ),
        d => ({ deploymentId: d.id, revision: d.revision }),
      );
      res.status(201).json(deployment);
    },
  );

  router.delete(
    '/workloads/:workload/environments/:environment',
    async (req, res) => {
      const { workload, environment } = req.params;
      const credentials = await authorize(
        req,
        ...(await deployPermissions(environment)),
      );
      const result = await audited(
        req,
        'workload-remove',
        { workload, environment },
        () =>
          options.deployments.remove(
            workload,
            environment,
            credentials.principal.userEntityRef,
          ),
      );
      res.json({
        target: result.target,
        reference: result.reference,
        summary: result.summary,
      });
    },
  );

  router.get(
    '/workloads/:workload/environments/:environment/drift',
    async (req, res) => {
      await authorize(req, orchestratorReadPermission);
      res.json(
        (await options.deployments.drift(
          req.params.workload,
          req.params.environment,
        )) as any,
      );
    },
  );

  // The catalog's entity provider reads this as a service; users need the read permission.
  router.get('/inventory', async (req, res) => {
    const caller = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (caller.principal.type === 'user')
      await authorize(req, orchestratorReadPermission);
    res.json(await options.inventory.inventory());
  });

  router.get('/environments', async (req, res) => {
    await authorizeRead(req);
    const { owner, type, state } = req.query as Record<
      string,
      string | undefined
    >;
    res.json({
      items: await options.environments.list({ owner, type, state }),
    });
  });

  router.post('/environments', async (req, res) => {
    const credentials = await authorize(
      req,
      orchestratorManageEnvironmentsPermission,
    );
    const environment = await audited(
      req,
      'environment-create',
      { ...req.body },
      () =>
        options.environments.create(
          req.body,
          credentials.principal.userEntityRef,
        ),
    );
    res.status(201).json(environment);
  });

  router.get('/environments/:environment', async (req, res) => {
    await authorize(req, orchestratorReadPermission);
    res.json(await options.environments.get(req.params.environment));
  });

  router.post('/environments/:environment/extend', async (req, res) => {
    const credentials = await authorize(
      req,
      orchestratorManageEnvironmentsPermission,
    );
    const outcome = await audited(
      req,
      'environment-extend',
      { environment: req.params.environment, by: req.body.by },
      () =>
        options.environments.extend(
          req.params.environment,
          req.body.by,
          credentials.principal.userEntityRef,
          typeof req.body.reason === 'string' ? req.body.reason : undefined,
        ),
      o => ({ pendingApproval: Boolean(o.extension) }),
    );
    if (outcome.extension) res.status(202).json(outcome.extension);
    else res.json(outcome.environment);
  });

  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/extensions/:id/${decision}`, async (req, res) => {
      const credentials = await authorize(req, orchestratorApprovePermission);
      const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
      const extension = await audited(
        req,
        `environment-extension-${decision}`,
        { extensionId: req.params.id, comment: req.body?.comment ?? null },
        () =>
          options.environments.decideExtension(
            req.params.id,
            {
              userEntityRef: credentials.principal.userEntityRef,
              ownershipEntityRefs,
            },
            decision === 'approve' ? 'approved' : 'rejected',
            req.body?.comment,
          ),
      );
      res.json(extension);
    });
  }

  router.delete('/environments/:environment', async (req, res) => {
    const credentials = await authorize(
      req,
      orchestratorManageEnvironmentsPermission,
    );
    const environment = await audited(
      req,
      'environment-destroy',
      { environment: req.params.environment },
      () =>
        options.environments.destroy(
          req.params.environment,
          credentials.principal.userEntityRef,
          `destroyed by ${credentials.principal.userEntityRef}`,
        ),
    );
    res.json(environment);
  });

  return router;
}
