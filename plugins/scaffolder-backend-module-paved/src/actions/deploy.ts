import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { Deployment } from '@paved/plugin-orchestrator-common';
import { stringify } from 'yaml';
import { logCreatedBefore } from '../createdBefore';
import { OnBehalfOf, OrchestratorClient } from '../OrchestratorClient';

export const examples = [
  {
    description: 'Plan, then deploy the plan and wait until it is delivered',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'paved:plan',
          input: { environment: 'development' },
        },
        {
          id: 'deploy',
          action: 'paved:deploy',
          name: 'Deploy to development',
          input: { planHash: '${{ steps.plan.output.planHash }}' },
        },
      ],
    }),
  },
  {
    description: 'Deploy without waiting for delivery',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'paved:plan',
          input: { environment: 'staging' },
        },
        {
          id: 'deploy',
          action: 'paved:deploy',
          input: {
            planHash: '${{ steps.plan.output.planHash }}',
            waitForDelivery: false,
          },
        },
      ],
    }),
  },
];

/**
 * Where the portal shows a deployment, relative to the app: the Approvals page
 * while it waits for a decision, else its environment's row on the
 * component's Deployments tab (a workload is named after its component).
 */
export const deploymentLink = (deployment: {
  workload: string;
  environment: string;
  state: string;
}) =>
  deployment.state === 'pending-approval'
    ? '/approvals'
    : `/catalog/default/component/${encodeURIComponent(
        deployment.workload,
      )}/deployments?environment=${encodeURIComponent(deployment.environment)}`;

const DEFAULT_TIMEOUT_SECONDS = 600;
const MAX_TIMEOUT_SECONDS = 3600;

type Deployed = Pick<Deployment, 'id' | 'revision' | 'state'> & {
  workload: string;
  environment: string;
  approvers: string[];
};

export interface DeployActionOptions {
  client: OrchestratorClient;
  /** How often to ask whether a delivery finished. */
  pollIntervalMs?: number;
}

/**
 * `paved:deploy`: deploys a plan paved:plan made, and by default waits until
 * the delivery target has it. A deployment that needs approval is a success:
 * the task cannot wait days for a person, and the portal shows who decides.
 */
export function createDeployAction(options: DeployActionOptions) {
  const { client, pollIntervalMs = 2000 } = options;

  const waitUntilSettled = async (
    id: string,
    onBehalfOf: OnBehalfOf,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Deployment> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const deployment = await client.getDeployment(id, onBehalfOf);
      if (deployment.state !== 'delivering') return deployment;
      const link = deploymentLink(deployment);
      if (signal?.aborted)
        throw new Error(`Stopped waiting for deployment ${id}`);
      if (Date.now() > deadline) {
        throw new Error(
          `Deployment ${id} is still delivering after ${Math.round(
            timeoutMs / 1000,
          )}s; follow it at ${link}`,
        );
      }
      await new Promise(r => setTimeout(r, pollIntervalMs));
    }
  };

  return createTemplateAction({
    id: 'paved:deploy',
    description:
      'Deploys a plan made by paved:plan and waits for its delivery. Succeeds with state pending-approval when a guardrail requires approval.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        planHash: z =>
          z.string({ description: 'The planHash output of paved:plan' }),
        waitForDelivery: z =>
          z
            .boolean({
              description: 'Wait until delivered or failed (default true)',
            })
            .optional(),
        timeoutSeconds: z =>
          z
            .number({
              description: `How long to wait for delivery (default ${DEFAULT_TIMEOUT_SECONDS}, at most ${MAX_TIMEOUT_SECONDS})`,
            })
            .optional(),
        createdBefore: z =>
          z
            .array(z.string(), {
              description:
                'What earlier steps of the task created, each with how to remove it (e.g. paved:publish:git removeWith); listed in the log if this step fails',
            })
            .optional(),
      },
      output: {
        deploymentId: z => z.string(),
        revision: z => z.number(),
        state: z =>
          z.string({
            description:
              'delivered, delivering (not waited for), pending-approval, or dry-run',
          }),
        link: z =>
          z.string({ description: 'The deployment in the portal (a path)' }),
      },
    },
    async handler(ctx) {
      const { planHash, waitForDelivery = true } = ctx.input;
      if (!/^[0-9a-f]{64}$/.test(planHash)) {
        throw new InputError(
          `planHash "${planHash}" is not a plan hash (64 hex digits); pass paved:plan's planHash output`,
        );
      }
      const timeoutSeconds =
        ctx.input.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
      if (!(timeoutSeconds > 0 && timeoutSeconds <= MAX_TIMEOUT_SECONDS)) {
        throw new InputError(
          `timeoutSeconds must be between 1 and ${MAX_TIMEOUT_SECONDS}`,
        );
      }
      const onBehalfOf = { credentials: await ctx.getInitiatorCredentials() };

      if (ctx.isDryRun) {
        // Reading the plan is harmless and shows the plan exists and where it would go.
        const plan = await client.getPlan(planHash, onBehalfOf);
        ctx.logger.info(
          `Dry run: would deploy ${plan.workload} to ${plan.environment.name} (plan ${planHash})`,
        );
        ctx.output('state', 'dry-run');
        return;
      }

      const deploy = async () => {
        // A retried task resumes here with the deployment it already made.
        const deployed = await ctx.checkpoint<Deployed>({
          key: `paved-deploy-${planHash}`,
          fn: async () => {
            const { deployment, created } = await client.deploy(
              planHash,
              onBehalfOf,
            );
            ctx.logger.info(
              `${created ? 'Created' : 'Found'} deployment ${deployment.id}: ${
                deployment.workload
              } revision ${deployment.revision} to ${deployment.environment}, ${
                deployment.state
              }`,
            );
            return {
              id: deployment.id,
              revision: deployment.revision,
              state: deployment.state,
              workload: deployment.workload,
              environment: deployment.environment,
              approvers: deployment.approvers ?? [],
            };
          },
        });
        const link = deploymentLink(deployed);
        ctx.output('deploymentId', deployed.id);
        ctx.output('revision', deployed.revision);
        ctx.output('link', link);

        let state: string = deployed.state;
        if (state === 'pending-approval') {
          ctx.logger.info(
            `Deployment ${deployed.id} waits for approval by a member of ${
              deployed.approvers.join(' or ') || 'the approvers'
            }; they decide at ${link}`,
          );
        } else if (waitForDelivery) {
          const settled = await waitUntilSettled(
            deployed.id,
            onBehalfOf,
            timeoutSeconds * 1000,
            ctx.signal,
          );
          state = settled.state;
          if (state === 'failed' || state === 'rejected') {
            throw new Error(
              `Deployment ${deployed.id} (${deployed.workload} revision ${
                deployed.revision
              } to ${deployed.environment}) ${state}: ${
                settled.error ?? settled.summary ?? 'no reason given'
              }`,
            );
          }
          ctx.logger.info(
            `Deployment ${deployed.id} ${state}${
              settled.summary ? `: ${settled.summary}` : ''
            }`,
          );
        }
        ctx.output('state', state);
      };

      try {
        await deploy();
      } catch (error) {
        logCreatedBefore(
          ctx.logger,
          ctx.input.createdBefore,
          'deploy again with paved:deploy or the portal',
        );
        throw error;
      }
    },
  });
}
