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
});
