import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * The portal's single permission policy.
 *
 * For now it allows every request: the only user locally is the guest, and no
 * Paved permission exists yet. It lives in its own module so that the rules for
 * deploying to production and approving deployments replace this class without
 * touching the backend's wiring.
 */
export class PavedPermissionPolicy implements PermissionPolicy {
  async handle(
    _request: PolicyQuery,
    _user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return { result: AuthorizeResult.ALLOW };
  }
}
