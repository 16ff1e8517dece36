import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';
import { refuseTemplateExpression } from '../validation';

export const examples = [
  {
    description:
      'Refuse a new service’s name the catalog already has, before anything is created',
    example: stringify({
      steps: [
        {
          id: 'available',
          action: 'paved:catalog:available',
          name: 'Check the name is free',
          input: { entityRef: 'component:default/quote-service' },
        },
      ],
    }),
  },
];

/**
 * `paved:catalog:available`: the first step of a template that creates an
 * entity. It fails when the catalog already has one by that reference, so
 * nothing (repository, deployment) is made for a name that is taken. It
 * creates nothing itself, so it also runs in a dry run.
 */
export function createCatalogAvailableAction(options: {
  catalog: CatalogService;
}) {
  const { catalog } = options;
  return createTemplateAction({
    id: 'paved:catalog:available',
    description:
      'Fails when the catalog already has an entity with the given reference: a template checks a new name is free before it creates anything.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z.string({
            description:
              'The entity the template will create, e.g. component:default/quote-service',
          }),
      },
    },
    async handler(ctx) {
      refuseTemplateExpression(ctx.input.entityRef, 'entityRef');
      let ref: string;
      try {
        ref = stringifyEntityRef(
          parseEntityRef(ctx.input.entityRef, { defaultNamespace: 'default' }),
        );
      } catch (e) {
        throw new InputError(
          `entityRef "${ctx.input.entityRef}" is not an entity reference: ${
            (e as Error).message
          }`,
        );
      }
      const existing = await catalog.getEntityByRef(ref, {
        credentials: await ctx.getInitiatorCredentials(),
      });
      if (existing) {
        const owner = (existing.spec as { owner?: string } | undefined)?.owner;
        throw new ConflictError(
          `${ref} already exists in the catalog${
            owner ? ` (owned by ${owner})` : ''
          }; choose another name. Nothing was created.`,
        );
      }
      ctx.logger.info(`${ref} is free`);
    },
  });
}
