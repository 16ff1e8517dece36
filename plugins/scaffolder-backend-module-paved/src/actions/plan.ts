import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { GuardrailVerdict } from '@paved/plugin-orchestrator-common';
import type { Plan } from '@paved/plugin-orchestrator-node';
import { logCreatedBefore } from '../createdBefore';
import { examples } from './plan.examples';
import {
  OnBehalfOf,
  OrchestratorClient,
  PlanRequest,
} from '../OrchestratorClient';
import {
  assertDnsLabel,
  readWorkspaceFile,
  refuseTemplateExpression,
  workspaceChildPath,
} from '../validation';

/** Types are lowercase words like postgres or dns, as paved:resource:add takes them. */
const RESOURCE_TYPE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

type ResourceSpec = { type: string; class?: string };

/** A catalog Component, as the orchestrator looks it up: kind:namespace/name. */
function componentRef(value: string): string {
  refuseTemplateExpression(value, 'entityRef');
  let ref;
  try {
    ref = parseEntityRef(value, { defaultNamespace: 'default' });
  } catch (error) {
    throw new InputError(
      `entityRef "${value}" is not an entity reference like component:default/checkout: ${
        (error as Error).message
      }`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'component') {
    throw new InputError(
      `entityRef "${value}" is a ${ref.kind}, not a component; name the component whose paved.dev/score annotation names its score.yaml`,
    );
  }
  return stringifyEntityRef(ref);
}

/**
 * The resources to add, checked before the orchestrator sees them. A template
 * gives them as a list, since the scaffolder renders an input's values but
 * never its keys: `{ '${{ parameters.name }}': ... }` arrives as written.
 */
function resourcesToAdd(
  input: Record<string, ResourceSpec> | Array<ResourceSpec & { name: string }>,
): Record<string, ResourceSpec> | undefined {
  const entries: Array<[string, ResourceSpec]> = Array.isArray(input)
    ? input.map(({ name, ...spec }) => [name, spec])
    : Object.entries(input);
  if (entries.length === 0) return undefined;
  const resources: Record<string, ResourceSpec> = {};
  for (const [key, spec] of entries) {
    try {
      refuseTemplateExpression(key, 'resource name');
    } catch (error) {
      if (Array.isArray(input)) throw error;
      throw new InputError(
        `${
          (error as Error).message
        }: the scaffolder renders values, not keys, so give resources as a list of { name, type, class }`,
      );
    }
    const name = assertDnsLabel(key, 'resource name');
    if (Object.hasOwn(resources, name)) {
      throw new InputError(`resources has ${name} more than once`);
    }
    if (typeof spec?.type !== 'string') {
      throw new InputError(`resources.${name} needs a type, e.g. postgres`);
    }
    refuseTemplateExpression(spec.type, `resources.${name}.type`);
    if (!RESOURCE_TYPE.test(spec.type)) {
      throw new InputError(
        `resources.${name}.type "${spec.type}" is not a resource type`,
      );
    }
    const resource: ResourceSpec = { type: spec.type };
    if (spec.class !== undefined) {
      refuseTemplateExpression(spec.class, `resources.${name}.class`);
      resource.class = assertDnsLabel(spec.class, `resources.${name}.class`);
    }
    resources[name] = resource;
  }
  return resources;
}

const money = (amounts: Plan['cost']['perMonth']) =>
  amounts.length === 0
    ? 'no cost'
    : `${amounts.map(m => `${m.amount} ${m.currency}`).join(' + ')} a month`;

/** One line for the task log and the template's output page. */
export function summarise(plan: Plan): string {
  const resources = plan.resources ?? [];
  const described =
    resources.length === 0
      ? 'no resources'
      : `${resources.length} resource${
          resources.length === 1 ? '' : 's'
        } (${resources
          .map(r => `${r.name}: ${r.type}/${r.class}`)
          .join(', ')})`;
  return `${plan.workload} for ${plan.environment.name}: ${
    plan.artifacts.length
  } objects, ${described}, ${money(plan.cost?.perMonth ?? [])}`;
}

const describeVerdict = (v: GuardrailVerdict) =>
  `${v.policy} (${v.kind} ${v.name}): ${v.message ?? v.validation}${
    v.fix ? `. Fix: ${v.fix}` : ''
  }`;

async function environmentExists(
  client: OrchestratorClient,
  name: string,
  onBehalfOf: OnBehalfOf,
): Promise<boolean> {
  try {
    return (
      (await client.getEnvironment(name, onBehalfOf)).state !== 'destroyed'
    );
  } catch (error) {
    if (error instanceof ResponseError && error.statusCode === 404)
      return false;
    throw error;
  }
}

/**
 * `paved:plan`: what deploying the workspace's score.yaml (or a catalog
 * component's own, with `entityRef`) to an environment would do, optionally
 * with resources added. Planning changes nothing the orchestrator runs, so it
 * also runs in a dry run: that is how a template shows its cost and
 * guardrails up front.
 */
export function createPlanAction(options: { client: OrchestratorClient }) {
  const { client } = options;
  return createTemplateAction({
    id: 'paved:plan',
    description:
      'Plans a Score workload (the workspace’s score.yaml, or a catalog component’s through its paved.dev/score annotation), optionally with resources added, for a Paved environment: objects, resources, monthly cost and guardrail verdicts. Fails when a guardrail denies the plan.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        environment: z =>
          z.string({ description: 'The environment to plan for' }),
        scorePath: z =>
          z
            .string({
              description:
                'The score file, relative to the workspace (default score.yaml). Not with entityRef',
            })
            .optional(),
        entityRef: z =>
          z
            .string({
              description:
                'A catalog component to plan instead of the workspace, e.g. component:default/checkout: its own score.yaml, through its paved.dev/score annotation. Not with scorePath',
            })
            .optional(),
        resources: z => {
          const type = z.string({ description: 'e.g. postgres, redis, s3' });
          const resourceClass = z
            .string({ description: 'The resource class (default)' })
            .optional();
          return z
            .union(
              [
                z.record(z.string(), z.object({ type, class: resourceClass })),
                z.array(
                  z.object({
                    name: z.string({ description: 'An RFC 1123 label' }),
                    type,
                    class: resourceClass,
                  }),
                ),
              ],
              {
                description:
                  'Resources to add to the workload’s own, by name (an RFC 1123 label): { orders: { type: postgres, class: default } }, or as a list, [{ name: orders, type: postgres, class: default }], which is what a template needs for a name from a parameter (the scaffolder does not render keys). A name the workload already uses is refused',
              },
            )
            .optional();
        },
        image: z =>
          z
            .string({
              description:
                'The image for containers whose image is "." (what CI built)',
            })
            .optional(),
        environmentTemplate: z =>
          z
            .string({
              description:
                'Dry runs only: the platform environment an earlier step would make the environment from (paved:environment:create’s template output). A dry run creates nothing, so the plan is then made for that template: the same type, cluster, policies and prices',
            })
            .optional(),
        createdBefore: z =>
          z
            .array(z.string(), {
              description:
                'What earlier steps of the task created, each with how to remove it (e.g. paved:environment:create removeWith); listed in the log if this step fails',
            })
            .optional(),
      },
      output: {
        planHash: z => z.string({ description: 'Pass this to paved:deploy' }),
        summary: z =>
          z.string({ description: 'One line: objects, resources, cost' }),
        verdicts: z =>
          z.array(z.record(z.string(), z.unknown()), {
            description: 'Guardrail verdicts, strongest first',
          }),
        cost: z =>
          z.array(z.object({ amount: z.number(), currency: z.string() }), {
            description: 'Cost per month, per currency',
          }),
      },
    },
    async handler(ctx) {
      try {
        let environment = assertDnsLabel(ctx.input.environment, 'environment');
        const credentials = await ctx.getInitiatorCredentials();
        if (ctx.isDryRun && ctx.input.environmentTemplate !== undefined) {
          const template = assertDnsLabel(
            ctx.input.environmentTemplate,
            'environmentTemplate',
          );
          if (
            !(await environmentExists(client, environment, { credentials }))
          ) {
            ctx.logger.info(
              `Dry run: environment ${environment} does not exist yet (an earlier step would make it from ${template}); planning for ${template}`,
            );
            environment = template;
          }
        }
        if (
          ctx.input.entityRef !== undefined &&
          ctx.input.scorePath !== undefined
        ) {
          throw new InputError(
            'Give entityRef (a catalog component’s own score.yaml) or scorePath (a score file in the workspace), not both',
          );
        }
        const request: PlanRequest = { environment };
        if (ctx.input.image !== undefined) {
          refuseTemplateExpression(ctx.input.image, 'image');
          request.image = ctx.input.image;
        }
        if (ctx.input.resources !== undefined) {
          request.resources = resourcesToAdd(ctx.input.resources);
        }
        if (ctx.input.entityRef !== undefined) {
          request.entityRef = componentRef(ctx.input.entityRef);
        } else {
          const scorePath = ctx.input.scorePath ?? 'score.yaml';
          const path = workspaceChildPath(
            ctx.workspacePath,
            scorePath,
            'scorePath',
          );
          request.score = await readWorkspaceFile(
            ctx.workspacePath,
            path,
            scorePath,
          );
        }

        const plan = await client.plan(request, { credentials });
        const summary = summarise(plan);
        ctx.logger.info(
          `Planned ${summary} (plan ${plan.hash}${
            request.entityRef ? `, from ${request.entityRef}` : ''
          })`,
        );
        ctx.output('planHash', plan.hash);
        ctx.output('summary', summary);
        ctx.output(
          'verdicts',
          plan.verdicts as unknown as Record<string, unknown>[],
        );
        ctx.output('cost', plan.cost?.perMonth ?? []);

        for (const verdict of plan.verdicts) {
          if (verdict.action === 'warn' || verdict.action === 'audit') {
            ctx.logger.warn(`Guardrail ${describeVerdict(verdict)}`);
          } else if (verdict.action === 'require-approval') {
            ctx.logger.info(
              `Deploying needs approval from ${
                verdict.approvers ?? 'an approver'
              }: ${describeVerdict(verdict)}`,
            );
          }
        }
        const denied = plan.verdicts.filter(v => v.action === 'deny');
        if (denied.length > 0) {
          throw new InputError(
            `Guardrails refuse to deploy ${
              plan.workload
            } to ${environment}:\n- ${denied
              .map(describeVerdict)
              .join('\n- ')}`,
          );
        }
      } catch (error) {
        logCreatedBefore(
          ctx.logger,
          ctx.input.createdBefore,
          'plan and deploy with paved:plan and paved:deploy',
        );
        throw error;
      }
    },
  });
}
