import { TestDatabases } from '@backstage/backend-test-utils';
import { ApprovalStore } from '../database/ApprovalStore';
import { DeploymentStore } from '../database/DeploymentStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { ApprovalService } from './ApprovalService';
import type { DeliveryRunner } from './DeliveryRunner';
import type { PlanService } from './PlanService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const PLATFORM = 'group:default/platform';
const ALEX = {
  userEntityRef: 'user:default/alex',
  ownershipEntityRefs: [PLATFORM],
};

describe.each(databases.eachSupportedId())(
  'ApprovalService on %p',
  databaseId => {
    it('lists every deployment waiting for the approver, over as many pages as it takes', async () => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const deployments = new DeploymentStore(knex);
      const waiting = async (workload: string, overrides: object = {}) =>
        deployments.create({
          workload,
          environment: 'production',
          planHash: 'a'.repeat(64),
          state: 'pending-approval',
          requestedBy: 'user:default/jane',
          target: 'gitops',
          approvers: [PLATFORM],
          ...overrides,
        });
      for (const workload of ['w1', 'w2', 'w3', 'w4', 'w5'])
        await waiting(workload);
      await waiting('alex-own', { requestedBy: ALEX.userEntityRef });
      await waiting('for-security', { approvers: ['group:default/security'] });
      await deployments.create({
        workload: 'w6',
        environment: 'production',
        planHash: 'a'.repeat(64),
        state: 'delivering',
        requestedBy: 'user:default/jane',
        target: 'gitops',
      });

      // Neither the plan service nor the runner takes part in listing.
      const approvals = new ApprovalService(
        deployments,
        new ApprovalStore(knex),
        undefined as unknown as PlanService,
        undefined as unknown as DeliveryRunner,
        2,
      );
      const pending = await approvals.pending(ALEX);
      expect(pending.map(d => d.workload).sort()).toEqual([
        'w1',
        'w2',
        'w3',
        'w4',
        'w5',
      ]);
      expect(
        await approvals.pending({ ...ALEX, ownershipEntityRefs: [] }),
      ).toEqual([]);
    });
  },
);
