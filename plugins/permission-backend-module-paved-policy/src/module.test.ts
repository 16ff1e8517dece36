import type { ServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { permissionModulePavedPolicy } from './module';

const probePermission = createPermission({
  name: 'paved.test.probe',
  attributes: { action: 'read' },
});

/** The permission backend with Paved's policy and these rules. */
const backendWithRules = (
  rules: Array<{ permission: string; allow: string[] }>,
  ...features: ServiceFactory[]
) =>
  startTestBackend({
    features: [
      permissionPlugin,
      permissionModulePavedPolicy,
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true, paved: { rules } } },
      }),
      ...features,
    ],
  });

describe('permissionModulePavedPolicy', () => {
  it('answers the permission backend for a signed-in user', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModulePavedPolicy,
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
      ],
    });

    const response = await request(server)
      .post('/api/permission/authorize')
      .set('authorization', mockCredentials.user.header())
      .send({
        items: [{ id: 'probe', permission: probePermission }],
      });

    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      { id: 'probe', result: AuthorizeResult.ALLOW },
    ]);
  });

  it('applies the configured rules: group members may, others may not, and a bad rule stops the backend', async () => {
    const approve = createPermission({
      name: 'orchestrator.approve',
      attributes: { action: 'update' },
    });
    const { server } = await backendWithRules(
      [
        {
          permission: 'orchestrator.approve',
          allow: ['group:default/platform'],
        },
      ],
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const { userEntityRef } = credentials.principal as {
            userEntityRef: string;
          };
          return {
            userEntityRef,
            ownershipEntityRefs:
              userEntityRef === 'user:default/alex'
                ? [userEntityRef, 'group:default/platform']
                : [userEntityRef],
          };
        },
      }).factory,
    );
    const ask = async (user: string) =>
      (
        await request(server)
          .post('/api/permission/authorize')
          .set('authorization', mockCredentials.user.header(user))
          .send({
            items: [
              { id: 'approve', permission: approve },
              { id: 'probe', permission: probePermission },
            ],
          })
      ).body.items;

    expect(await ask('user:default/alex')).toEqual([
      { id: 'approve', result: AuthorizeResult.ALLOW },
      { id: 'probe', result: AuthorizeResult.ALLOW },
    ]);
    expect(await ask('user:default/jane')).toEqual([
      { id: 'approve', result: AuthorizeResult.DENY },
      { id: 'probe', result: AuthorizeResult.ALLOW },
    ]);

    await expect(
      backendWithRules([
        { permission: 'orchestrator.approve', allow: ['platform'] },
      ]),
    ).rejects.toThrow(/permission\.paved\.rules\[0\]\.allow\[0\]/);
  });
});
