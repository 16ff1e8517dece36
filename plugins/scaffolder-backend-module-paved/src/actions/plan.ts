import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { GuardrailVerdict } from '@paved/plugin-orchestrator-common';
import type { Plan } from '@paved/plugin-orchestrator-node';
import { stringify } from 'yaml';
import { OrchestratorClient } from '../OrchestratorClient';
import {
  assertDnsLabel,
  readWorkspaceFile,
  refuseTemplateExpression,
  workspaceChildPath,
} from '../validation';

export const examples = [
  {
    description: 'Plan the workspace’s score.yaml for development',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'paved:plan',
          name: 'Plan for development',
          input: { environment: 'development' },
        },
      ],
    }),
  },
  {
    description:
      'Plan a score file elsewhere in the workspace with the image CI built',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'paved:plan',
          name: 'Plan for staging',
          input: {
            environment: 'staging',
            scorePath: 'deploy/score.yaml',
            image: 'registry.northwind.example/checkout:1.2.3',
          },
        },
      ],
    }),
  },
];

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

/**
 * `paved:plan`: what deploying the workspace's score.yaml to an environment
 * would do. Planning changes nothing the orchestrator runs, so it also runs in
 * a dry run: that is how a template shows its cost and guardrails up front.
 */
export function createPlanAction(options: { client: OrchestratorClient }) {
  const { client } = options;
  return createTemplateAction({
    id: 'paved:plan',
    description:
      'Plans a Score workload from the workspace for a Paved environment: objects, resources, monthly cost and guardrail verdicts. Fails when a guardrail denies the plan.',
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
                'The score file, relative to the workspace (default score.yaml)',
            })
            .optional(),
        image: z =>
          z
            .string({
              description:
                'The image for containers whose image is "." (what CI built)',
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
      const environment = assertDnsLabel(ctx.input.environment, 'environment');
      const scorePath = ctx.input.scorePath ?? 'score.yaml';
      const path = workspaceChildPath(
        ctx.workspacePath,
        scorePath,
        'scorePath',
      );
      if (ctx.input.image !== undefined) {
        refuseTemplateExpression(ctx.input.image, 'image');
      }
      const score = await readWorkspaceFile(ctx.workspacePath, path, scorePath);

      const plan = await client.plan(
        { environment, score, image: ctx.input.image },
        { credentials: await ctx.getInitiatorCredentials() },
      );
      const summary = summarise(plan);
      ctx.logger.info(`Planned ${summary} (plan ${plan.hash})`);
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
          } to ${environment}:\n- ${denied.map(describeVerdict).join('\n- ')}`,
        );
      }
    },
  });
}
