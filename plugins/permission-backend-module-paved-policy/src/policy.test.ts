import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PavedPermissionPolicy } from './policy';

const permission = (name: string) =>
  createPermission({ name, attributes: { action: 'update' } });

const JANE = 'user:default/jane';
const ALEX = 'user:default/alex';
const MEMBERSHIP: Record<string, string[]> = {
  [JANE]: [JANE, 'group:default/payments'],
  [ALEX]: [ALEX, 'group:default/platform'],
};

const policy = new PavedPermissionPolicy({
  rules: [
    { permission: 'orchestrator.approve', allow: ['group:default/platform'] },
    {
      permission: 'orchestrator.deploy.production',
      allow: ['group:default/platform'],
    },
    {
      permission: 'orchestrator.deploy.production',
      allow: ['group:default/Payments'],
    },
    { permission: 'catalog.location.*', allow: [JANE] },
  ],
  userInfo: mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const userEntityRef = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: MEMBERSHIP[userEntityRef] ?? [userEntityRef],
      };
    },
  }),
});

const decide = async (name: string, user?: string) =>
  (
    await policy.handle(
      { permission: permission(name) },
      user
        ? {
            credentials: mockCredentials.user(user),
            info: { userEntityRef: user, ownershipEntityRefs: [] },
          }
        : undefined,
    )
  ).result;

describe('PavedPermissionPolicy', () => {
  it('allows what no rule names to every user', async () => {
    expect(await decide('orchestrator.deploy', JANE)).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide('catalog.entity.read', 'user:default/guest')).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('allows a named permission only to the listed users and members of the listed groups', async () => {
    expect(await decide('orchestrator.approve', ALEX)).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide('orchestrator.approve', JANE)).toBe(
      AuthorizeResult.DENY,
    );
    expect(await decide('orchestrator.approve', 'user:default/guest')).toBe(
      AuthorizeResult.DENY,
    );
    // Membership comes from the user info service, not from the deprecated `info` the query carries.
    expect(await decide('orchestrator.approve')).toBe(AuthorizeResult.DENY);
  });

  it('allows whoever any rule for the permission lists, with refs compared case-insensitively', async () => {
    expect(await decide('orchestrator.deploy.production', ALEX)).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide('orchestrator.deploy.production', JANE)).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(
      await decide('orchestrator.deploy.production', 'user:default/guest'),
    ).toBe(AuthorizeResult.DENY);
  });

  it('applies a prefix rule to every permission under it, and only those', async () => {
    expect(await decide('catalog.location.create', JANE)).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide('catalog.location.delete', ALEX)).toBe(
      AuthorizeResult.DENY,
    );
    expect(await decide('catalog.locations', ALEX)).toBe(AuthorizeResult.ALLOW);
  });
});
