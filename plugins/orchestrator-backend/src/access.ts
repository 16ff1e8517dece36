import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { orchestratorReadPermission } from '@paved/plugin-orchestrator-common';
import type { Request } from 'express';

/** Who may call the orchestrator's routes, and the audit trail of what they did. */
export function createAccess(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}) {
  const { httpAuth, permissions, auditor } = options;

  const check = async (
    credentials: Parameters<PermissionsService['authorize']>[1]['credentials'],
    required: BasicPermission[],
  ) => {
    const decisions = await permissions.authorize(
      required.map(permission => ({ permission })),
      { credentials },
    );
    // One message for every denial: a 403 says nothing about other teams' deployments.
    if (decisions.some(d => d.result !== AuthorizeResult.ALLOW)) {
      throw new NotAllowedError('You are not allowed to do this');
    }
  };

  return {
    /** The signed-in user asking, after the permission framework says they may. */
    async authorize(req: Request, ...required: BasicPermission[]) {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      await check(credentials, required);
      return credentials;
    },

    /**
     * Reads other plugins make with their own service token (the scorecards
     * read deployments and plans); a service's access restrictions still apply.
     */
    async authorizeRead(req: Request) {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      await check(credentials, [orchestratorReadPermission]);
    },

    /** Runs an action as an audit event: who, what, and whether it worked. */
    async audited<T>(
      req: Request,
      eventId: string,
      meta: JsonObject,
      action: () => Promise<T>,
      resultMeta: (result: T) => JsonObject = () => ({}),
    ): Promise<T> {
      const event = await auditor.createEvent({ eventId, request: req, meta });
      try {
        const result = await action();
        await event.success({ meta: resultMeta(result) });
        return result;
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  };
}
