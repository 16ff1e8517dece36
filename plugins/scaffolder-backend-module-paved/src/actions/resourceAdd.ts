import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { loadWorkload } from '@paved/plugin-orchestrator-node';
import { writeFile } from 'node:fs/promises';
import { isMap, parseDocument, stringify } from 'yaml';
import {
  assertDnsLabel,
  readWorkspaceFile,
  refuseTemplateExpression,
  workspaceChildPath,
} from '../validation';

export const examples = [
  {
    description: 'Give the workload a PostgreSQL database',
    example: stringify({
      steps: [
        {
          id: 'database',
          action: 'paved:resource:add',
          name: 'Add a database',
          input: { name: 'orders-db', type: 'postgres' },
        },
      ],
    }),
  },
  {
    description:
      'A Redis cache with parameters, in a score file in a subfolder',
    example: stringify({
      steps: [
        {
          id: 'cache',
          action: 'paved:resource:add',
          input: {
            scorePath: 'deploy/score.yaml',
            name: 'cache',
            type: 'redis',
            class: 'default',
            params: { version: '7' },
          },
        },
      ],
    }),
  },
];

/** Types are lowercase words like postgres or dns; anything else is a typo. */
const RESOURCE_TYPE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

const refuseExpressionsIn = (value: unknown, where: string): void => {
  if (typeof value === 'string') refuseTemplateExpression(value, where);
  else if (Array.isArray(value))
    value.forEach((v, i) => refuseExpressionsIn(v, `${where}[${i}]`));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      refuseExpressionsIn(v, `${where}.${k}`);
};

/**
 * `paved:resource:add`: adds a resource to the workspace's score.yaml. It edits
 * the YAML document rather than re-serialising data, so the developer's
 * comments and key order survive; the result must still be a valid workload.
 */
export function createResourceAddAction() {
  return createTemplateAction({
    id: 'paved:resource:add',
    description:
      'Adds resources.<name> to the workspace’s score.yaml, keeping its comments and order.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        scorePath: z =>
          z
            .string({
              description:
                'The score file, relative to the workspace (default score.yaml)',
            })
            .optional(),
        name: z =>
          z.string({ description: 'The resource name, an RFC 1123 label' }),
        type: z =>
          z.string({
            description:
              'The resource type: postgres, redis, s3, route, dns, volume',
          }),
        class: z =>
          z
            .string({ description: 'The resource class (default "default")' })
            .optional(),
        params: z =>
          z
            .record(z.string(), z.unknown(), {
              description: 'Parameters for the resource definition',
            })
            .optional(),
      },
      output: {
        resource: z =>
          z.object({
            name: z.string(),
            type: z.string(),
            class: z.string(),
            params: z.record(z.string(), z.unknown()).optional(),
          }),
      },
    },
    async handler(ctx) {
      const name = assertDnsLabel(ctx.input.name, 'name');
      const { type, params } = ctx.input;
      const resourceClass = ctx.input.class ?? 'default';
      if (!RESOURCE_TYPE.test(type)) {
        throw new InputError(`type "${type}" is not a resource type`);
      }
      assertDnsLabel(resourceClass, 'class');
      if (params !== undefined) refuseExpressionsIn(params, 'params');
      const scorePath = ctx.input.scorePath ?? 'score.yaml';
      const path = workspaceChildPath(
        ctx.workspacePath,
        scorePath,
        'scorePath',
      );

      const text = await readWorkspaceFile(ctx.workspacePath, path, scorePath);
      const document = parseDocument(text);
      if (document.errors.length > 0) {
        throw new InputError(
          `${scorePath} is not valid YAML: ${document.errors[0].message}`,
        );
      }

      const existing = document.getIn(['resources', name], true);
      if (existing !== undefined) {
        const existingType = document.getIn(['resources', name, 'type']);
        if (existingType !== type) {
          throw new ConflictError(
            `${scorePath} already has a resource ${name} of type ${String(
              existingType,
            )}; choose another name for the ${type}`,
          );
        }
      }
      if (!isMap(document.get('resources', true))) {
        document.set('resources', document.createNode({}));
      }
      // The default class is left implicit, as a developer would write it.
      const resource: Record<string, unknown> = { type };
      if (resourceClass !== 'default') resource.class = resourceClass;
      if (params !== undefined) resource.params = params;
      if (existing === undefined) {
        document.setIn(['resources', name], document.createNode(resource));
      } else {
        // Same name and type: a re-run or a change of class or params. Only
        // those keys change, so comments inside the entry stay too.
        if (resourceClass !== 'default') {
          document.setIn(['resources', name, 'class'], resourceClass);
        } else {
          document.deleteIn(['resources', name, 'class']);
        }
        if (params !== undefined) {
          document.setIn(
            ['resources', name, 'params'],
            document.createNode(params),
          );
        }
      }
      const updated = document.toString();
      // Refuse to write a file the orchestrator would reject.
      loadWorkload(updated, scorePath);
      await writeFile(path, updated);

      ctx.logger.info(
        `${
          existing === undefined ? 'Added' : 'Updated'
        } resource ${name} (${type}/${resourceClass}) in ${scorePath}`,
      );
      ctx.output('resource', {
        name,
        type,
        class: resourceClass,
        ...(params !== undefined ? { params } : {}),
      });
    },
  });
}
