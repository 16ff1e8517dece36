import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { createPublishGithubAction } from '@backstage/plugin-scaffolder-backend-module-github';
import { createPublishGitlabAction } from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { exists } from '../git/snapshot';
import { PublishConfig, readPublishConfig } from '../publishConfig';
import {
  assertBranchName,
  assertDnsLabel,
  assertRealPathInside,
  refuseTemplateExpression,
  workspaceChildPath,
} from '../validation';
import { examples } from './publish.examples';
import { createPublishGitAction } from './publishGit';

/** What every provider outputs, so a template reads the same names whatever the provider. */
type Published = {
  remoteUrl: string;
  repoContentsUrl: string;
  commitHash?: string;
  catalogInfoUrl?: string;
  removeWith?: string;
};

/**
 * An action this one hands the publishing to (paved:publish:git, or the
 * official publish:github / publish:gitlab); only its handler is called, with
 * this step's context and the input mapped to its own.
 */
type Delegate = { handler(ctx: any): Promise<void> };

const PROVIDER_NAMES = { github: 'GitHub', gitlab: 'GitLab' } as const;
// GitHub: a login. GitLab: a group path, subgroups separated by slashes.
const OWNER = {
  github: /^[A-Za-z0-9](?:[-A-Za-z0-9]*[A-Za-z0-9])?$/,
  gitlab: /^[A-Za-z0-9_.][-A-Za-z0-9_.]*(?:\/[A-Za-z0-9_.][-A-Za-z0-9_.]*)*$/,
};
const HOST = /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:\d{1,5})?$/;

/**
 * Where a github or gitlab repository goes: the owner and host from the input,
 * else from `paved.publish`, checked before anything is asked of the host.
 */
function hostedTarget(
  settings: Extract<PublishConfig, { provider: 'github' | 'gitlab' }>,
  input: { owner?: string; host?: string },
  integrations: ScmIntegrationRegistry,
) {
  const { provider } = settings;
  const owner = input.owner ?? settings.owner;
  if (!owner) {
    throw new InputError(
      `paved.publish.provider is ${provider}, so the repository needs an owner: set paved.publish.owner or give the owner input`,
    );
  }
  refuseTemplateExpression(owner, 'owner');
  if (!OWNER[provider].test(owner)) {
    throw new InputError(
      `owner "${owner}" is not a ${PROVIDER_NAMES[provider]} ${
        provider === 'github' ? 'organisation or user' : 'group path'
      }`,
    );
  }
  const host = input.host ?? settings.host;
  if (!HOST.test(host)) {
    throw new InputError(`host "${host}" is not a host name`);
  }
  const integration = integrations[provider].byHost(host);
  if (!integration) {
    throw new InputError(
      `There is no integrations.${provider} entry for ${host}; add one with its token`,
    );
  }
  // GitLab's may be http or on a path; GitHub's web is the host itself.
  const webBase =
    'baseUrl' in integration.config
      ? integration.config.baseUrl
      : `https://${host}`;
  return { provider, owner, host, webBase };
}

/** Runs a delegate in this step and returns what it output. */
async function runDelegate(
  delegate: Delegate,
  ctx: object,
  input: Record<string, unknown>,
): Promise<Published> {
  const outputs: Record<string, unknown> = {};
  await delegate.handler({
    ...ctx,
    input,
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
  });
  return outputs as Published;
}

/** How to delete a hosted repository from a shell, with the provider's own CLI. */
function deleteCommand(
  provider: 'github' | 'gitlab',
  host: string,
  path: string,
): string {
  return provider === 'github'
    ? `gh repo delete ${host === 'github.com' ? '' : `${host}/`}${path} --yes`
    : `${
        host === 'gitlab.com' ? '' : `GITLAB_HOST=${host} `
      }glab repo delete ${path} --yes`;
}

/**
 * The official actions fail with the host's words (octokit's, gitbeaker's,
 * whose message may be only the status); the step says which repository on
 * which host, and a name that is taken is a conflict, as paved:publish:git has it.
 */
function explain(error: unknown, where: string, name: string): unknown {
  if (!(error instanceof Error) || error.name === 'InputError') return error;
  const description = (error as { cause?: { description?: unknown } }).cause
    ?.description;
  const detail =
    typeof description === 'string' &&
    description &&
    !error.message.includes(description)
      ? `${error.message}: ${description}`
      : error.message;
  if (/already exists|has already been taken/i.test(detail)) {
    return new ConflictError(
      `${where} already exists (${detail}); is there already a component named ${name}? Nothing was pushed.`,
    );
  }
  return new Error(`Publishing ${where} failed: ${detail}`);
}

/**
 * `paved:publish`: publishes the workspace as a new repository with the
 * provider `paved.publish.provider` names, so a template says what to publish
 * and the installation says where: `git` (paved:publish:git, a local bare
 * repository in the embedded setup), `github` or `gitlab` (the official
 * publish:github / publish:gitlab actions, with the integration's token).
 */
export function createPublishAction(options: {
  config: RootConfigService;
  logger: LoggerService;
  integrations: ScmIntegrationRegistry;
}) {
  const { config, logger, integrations } = options;
  const settings = readPublishConfig(config);
  // Only the configured provider's action is made: the others never run here.
  let delegate: Delegate;
  if (settings.provider === 'github') {
    delegate = createPublishGithubAction({
      integrations,
      config,
      githubCredentialsProvider:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    });
  } else if (settings.provider === 'gitlab') {
    delegate = createPublishGitlabAction({ integrations, config });
  } else {
    delegate = createPublishGitAction({ config, logger });
  }
  logger.info(
    `paved:publish publishes with ${settings.provider}${
      settings.provider === 'git' ? '' : ` to ${settings.host}`
    } (paved.publish.provider)`,
  );

  return createTemplateAction({
    id: 'paved:publish',
    description:
      'Publishes the workspace as a new repository with the provider paved.publish.provider names: git (a local bare repository, paved:publish:git), github or gitlab (publish:github, publish:gitlab). The same inputs and outputs for each.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description:
              'The repository name, an RFC 1123 label (checkout-service)',
          }),
        owner: z =>
          z
            .string({
              description:
                'GitHub organisation or user, GitLab group (default paved.publish.owner); not used by the git provider',
            })
            .optional(),
        host: z =>
          z
            .string({
              description:
                'Default paved.publish.host, else github.com or gitlab.com; needs an integrations entry',
            })
            .optional(),
        description: z => z.string().optional(),
        defaultBranch: z =>
          z.string({ description: 'Default main' }).optional(),
        gitCommitMessage: z => z.string().optional(),
        gitAuthorName: z => z.string().optional(),
        gitAuthorEmail: z => z.string().optional(),
        sourcePath: z =>
          z
            .string({
              description:
                'A folder of the workspace to publish instead of all of it',
            })
            .optional(),
      },
      output: {
        provider: z => z.enum(['git', 'github', 'gitlab']),
        remoteUrl: z => z.string(),
        repoContentsUrl: z => z.string(),
        commitHash: z =>
          z.string({ description: 'Absent in a dry run' }).optional(),
        catalogInfoUrl: z =>
          z
            .string({
              description:
                'github and gitlab, when a catalog-info.yaml is published: the URL for catalog:register. Absent for git, whose copies a file location reads',
            })
            .optional(),
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
      const { input } = ctx;
      const name = assertDnsLabel(input.name, 'name');
      const defaultBranch = assertBranchName(
        input.defaultBranch ?? 'main',
        'defaultBranch',
      );
      const common = {
        defaultBranch,
        gitCommitMessage: input.gitCommitMessage,
        gitAuthorName: input.gitAuthorName,
        gitAuthorEmail: input.gitAuthorEmail,
        sourcePath: input.sourcePath,
      };
      const emit = (published: Published) => {
        ctx.output('provider', settings.provider);
        for (const key of [
          'remoteUrl',
          'repoContentsUrl',
          'commitHash',
          'catalogInfoUrl',
          'removeWith',
        ] as const) {
          if (published[key]) ctx.output(key, published[key]!);
        }
      };

      if (settings.provider === 'git') {
        if (input.owner || input.host) {
          ctx.logger.info(
            `paved.publish.provider is git: owner and host are for github and gitlab, and the repository is the local ${name}`,
          );
        }
        // paved:publish:git checkpoints, dry-runs and says how to remove what it made.
        const { remoteUrl, repoContentsUrl, commitHash, removeWith } =
          await runDelegate(delegate, ctx, { repoUrl: name, ...common });
        emit({ remoteUrl, repoContentsUrl, commitHash, removeWith });
        return;
      }

      const { provider, owner, host, webBase } = hostedTarget(
        settings,
        input,
        integrations,
      );
      const source = input.sourcePath
        ? workspaceChildPath(ctx.workspacePath, input.sourcePath, 'sourcePath')
        : ctx.workspacePath;
      if (!(await stat(source).catch(() => undefined))?.isDirectory()) {
        throw new NotFoundError(
          `${input.sourcePath ?? 'The workspace'} is not a folder`,
        );
      }
      await assertRealPathInside(ctx.workspacePath, source, 'sourcePath');
      const hasCatalogInfo = await exists(join(source, 'catalog-info.yaml'));
      const where = `${owner}/${name} on ${PROVIDER_NAMES[provider]} (${host})`;
      const withCatalogInfo = (published: Published): Published =>
        hasCatalogInfo
          ? {
              ...published,
              catalogInfoUrl: `${published.repoContentsUrl}/catalog-info.yaml`,
            }
          : published;

      if (ctx.isDryRun) {
        // The URLs the official actions would output, without asking the host.
        const web = `${webBase}/${owner}/${name}`;
        const would =
          provider === 'github'
            ? {
                remoteUrl: `${web}.git`,
                repoContentsUrl: `${web}/blob/${defaultBranch}`,
              }
            : {
                remoteUrl: web,
                repoContentsUrl: `${web}/-/blob/${defaultBranch}`,
              };
        ctx.logger.info(
          `Dry run: would publish ${source} to ${where} (${defaultBranch})`,
        );
        emit(withCatalogInfo(would));
        return;
      }

      ctx.logger.info(`Publishing ${source} to ${where} (${defaultBranch})`);
      const published = await ctx.checkpoint<Published>({
        key: `paved-publish-${provider}-${host}-${owner}-${name}`,
        fn: async () => {
          const repoUrl = `${host}?owner=${encodeURIComponent(
            owner,
          )}&repo=${encodeURIComponent(name)}`;
          const mapped =
            provider === 'github'
              ? { repoUrl, description: input.description, ...common }
              : {
                  repoUrl,
                  ...common,
                  settings: input.description
                    ? { description: input.description }
                    : {},
                };
          let outputs: Published;
          try {
            outputs = await runDelegate(delegate, ctx, mapped);
          } catch (error) {
            throw explain(error, where, name);
          }
          const { remoteUrl, repoContentsUrl, commitHash } = outputs;
          return { remoteUrl, repoContentsUrl, commitHash };
        },
      });
      const result = withCatalogInfo(published);
      ctx.logger.info(
        `Published ${result.commitHash} to ${result.remoteUrl} (${defaultBranch})`,
      );
      emit({
        ...result,
        removeWith: `the repository ${result.remoteUrl} (commit ${
          result.commitHash
        })${
          result.catalogInfoUrl
            ? `, and the catalog location ${result.catalogInfoUrl} if catalog:register added it (Unregister entity on the component's page)`
            : ''
        }: ${deleteCommand(provider, host, `${owner}/${name}`)}`,
      });
    },
  });
}
