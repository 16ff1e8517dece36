import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

export const RULES_KEY = 'permission.paved.rules';

/** One rule: a permission (or a `prefix.*` of them) and the users and groups who may use it. */
export interface PermissionRule {
  permission: string;
  /** Normalized entity refs of users and groups. */
  allow: string[];
}

// Permission names are dotted lowercase words, e.g. `catalog.entity.delete`.
const PERMISSION_PATTERN = /^[a-z0-9-]+(\.[a-z0-9-]+)*(\.\*)?$|^\*$/;

function readAllowed(ref: string, key: string): string {
  let parsed;
  try {
    parsed = parseEntityRef(ref);
  } catch (error) {
    throw new InputError(`${key}: ${(error as Error).message}`);
  }
  const kind = parsed.kind.toLocaleLowerCase('en-US');
  if (kind !== 'user' && kind !== 'group') {
    throw new InputError(
      `${key}: "${ref}" must be a user or group entity ref with its kind, e.g. group:default/platform`,
    );
  }
  return stringifyEntityRef({ ...parsed, kind });
}

/** Reads `permission.paved.rules` once; a rule that cannot mean what its author meant stops the backend. */
export function readPermissionRules(config: Config): PermissionRule[] {
  return (config.getOptionalConfigArray(RULES_KEY) ?? []).map((rule, index) => {
    const key = `${RULES_KEY}[${index}]`;
    const permission = rule.getString('permission');
    if (!PERMISSION_PATTERN.test(permission)) {
      throw new InputError(
        `${key}.permission: "${permission}" is not a permission name or a prefix ending in ".*", e.g. orchestrator.approve or catalog.location.*`,
      );
    }
    const allow = rule.getStringArray('allow');
    return {
      permission,
      allow: allow.map((ref, i) => readAllowed(ref, `${key}.allow[${i}]`)),
    };
  });
}
