import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import type { PermissionRule } from './config';

const names = (rule: PermissionRule, permission: string) =>
  rule.permission === '*' ||
  rule.permission === permission ||
  (rule.permission.endsWith('.*') &&
    permission.startsWith(rule.permission.slice(0, -1)));

/**
 * The portal's permission policy: open by default, closed where a rule says
 * who may. A permission no rule names is allowed, so reading the catalog,
 * creating from templates and deploying to development stay self-service; a
 * permission rules name (approving, deploying to production, deleting from
 * the catalog) is allowed only to the users and groups they list. Membership
 * is the user's ownership refs: themselves and the groups they belong to.
 * Service-to-service calls never reach a policy.
 */
export class PavedPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      rules: PermissionRule[];
      userInfo: UserInfoService;
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const matching = this.options.rules.filter(rule =>
      names(rule, request.permission.name),
    );
    if (matching.length === 0) return { result: AuthorizeResult.ALLOW };
    if (!user) return { result: AuthorizeResult.DENY };
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      user.credentials,
    );
    const member = new Set(
      ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US')),
    );
    const allowed = matching.some(rule =>
      rule.allow.some(ref => member.has(ref.toLocaleLowerCase('en-US'))),
    );
    return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}
