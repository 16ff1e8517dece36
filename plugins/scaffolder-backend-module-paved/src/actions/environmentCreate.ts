import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';
import { OrchestratorClient } from '../OrchestratorClient';
import { assertDnsLabel } from '../validation';

export const examples = [
  {
    description: 'A preview environment for a pull request, living a day',
    example: stringify({
      steps: [
        {
          id: 'environment',
          action: 'paved:environment:create',
          name: 'Create the preview environment',
          input: { name: 'pr-42', template: 'preview', ttl: '24h' },
        },
      ],
    }),
  },
  {
    description:
      'A preview environment owned by a team, with the default lifetime',
    example: stringify({
      steps: [
        {
          id: 'environment',
          action: 'paved:environment:create',
          input: { name: 'checkout-demo', owner: 'group:default/payments' },
        },
      ],
    }),
  },
];

const TTL = /^\d+[mhd]$/;

/**
 * `paved:environment:create`: an ephemeral environment from a platform
 * template (preview by default). The orchestrator enforces the template's
 * maximum lifetime and cost cap; this action only checks the shape of the
 * input before it asks, so a typo fails before anything is created.
 */
export function createEnvironmentCreateAction(options: {
  client: OrchestratorClient;
}) {
  const { client } = options;
  return createTemplateAction({
    id: 'paved:environment:create',
    description:
      'Creates an ephemeral Paved environment from a template (default preview) with a lifetime.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description: 'The environment name, an RFC 1123 label (pr-42)',
          }),
        template: z =>
          z
            .string({
              description: 'The platform environment to copy (default preview)',
            })
            .optional(),
        ttl: z =>
          z
            .string({
              description:
                'How long it lives, e.g. 2h, 24h, 3d (default: the template’s)',
            })
            .optional(),
        owner: z =>
          z
            .string({
              description:
                'Entity ref of the owner (default: the user running the template)',
            })
            .optional(),
      },
      output: {
        name: z => z.string(),
        template: z =>
          z.string({
            description:
              'The platform environment it is made from; paved:plan takes it as environmentTemplate to plan in a dry run',
          }),
        expiresAt: z =>
          z.string({ description: 'ISO 8601; absent in a dry run' }).optional(),
        removeWith: z =>
          z
            .string({
              description:
                'What this step created and how to remove it, for paved:deploy createdBefore; absent in a dry run',
            })
            .optional(),
      },
    },
    async handler(ctx) {
      const name = assertDnsLabel(ctx.input.name, 'name');
      const template = assertDnsLabel(
        ctx.input.template ?? 'preview',
        'template',
      );
      const { ttl } = ctx.input;
      if (ttl !== undefined && !TTL.test(ttl)) {
        throw new InputError(
          `ttl "${ttl}" must be a number followed by m, h or d (24h, 3d)`,
        );
      }
      let owner: string | undefined;
      if (ctx.input.owner !== undefined) {
        try {
          owner = stringifyEntityRef(
            parseEntityRef(ctx.input.owner, { defaultKind: 'group' }),
          );
        } catch (error) {
          throw new InputError(
            `owner "${ctx.input.owner}" is not an entity ref: ${
              (error as Error).message
            }`,
          );
        }
      }

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create environment ${name} from ${template}${
            ttl ? ` for ${ttl}` : ''
          }${owner ? `, owned by ${owner}` : ''}`,
        );
        ctx.output('name', name);
        ctx.output('template', template);
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      const created = await ctx.checkpoint({
        key: `paved-environment-${name}`,
        fn: async () => {
          const environment = await client.createEnvironment(
            { name, template, ttl, owner },
            { credentials },
          );
          return {
            name: environment.name,
            expiresAt: environment.expiresAt ?? null,
          };
        },
      });
      ctx.logger.info(
        `Created environment ${created.name}${
          created.expiresAt ? `, expiring ${created.expiresAt}` : ''
        }`,
      );
      ctx.output('name', created.name);
      ctx.output('template', template);
      if (created.expiresAt) ctx.output('expiresAt', created.expiresAt);
      ctx.output(
        'removeWith',
        `the environment ${created.name} (from ${template}${
          created.expiresAt
            ? `; the orchestrator destroys it, and what was deployed to it, when it expires at ${created.expiresAt}`
            : ''
        }): press Destroy on its row at /environments, or curl -X DELETE -H "Authorization: Bearer $BACKSTAGE_TOKEN" ${await client.environmentUrl(
          created.name,
        )} with a signed-in user's Backstage token (the API takes no service tokens)`,
      );
    },
  });
}
