import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  existingRefs,
  exists,
  isBareRepository,
  readSourceFiles,
  writeCopy,
} from '../git/snapshot';
import {
  publishHttp,
  publishLocal,
  publishRoot,
  resolveTarget,
} from '../git/publish';
import { examples } from './publishGit.examples';
import {
  assertBranchName,
  assertRealPathInside,
  workspaceChildPath,
} from '../validation';

type Published = {
  remoteUrl: string;
  repoContentsUrl: string;
  commitHash: string;
  catalogInfoPath?: string;
};

/**
 * `paved:publish:git`: the workspace as the first commit of a new repository,
 * on a git server over http(s) or, in the embedded setup, as a bare repository
 * under `paved.publish.git.root`. Never into a repository with history: a
 * name that exists is a component that exists.
 */
export function createPublishGitAction(options: {
  config: RootConfigService;
  logger: LoggerService;
}) {
  const root = publishRoot(options.config);
  options.logger.info(
    `paved:publish:git creates local repositories under ${root}`,
  );

  return createTemplateAction({
    id: 'paved:publish:git',
    description:
      'Publishes the workspace as the first commit of a new git repository (http(s), or a local bare repository under paved.publish.git.root).',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string({
            description:
              'An http(s) git URL, or a name (checkout-service) for a local bare repository under the publish root, or the file:// URL or path of one there',
          }),
        defaultBranch: z =>
          z.string({ description: 'Default main' }).optional(),
        gitCommitMessage: z =>
          z.string({ description: 'Default "Initial commit"' }).optional(),
        gitAuthorName: z => z.string().optional(),
        gitAuthorEmail: z => z.string().optional(),
        sourcePath: z =>
          z
            .string({
              description:
                'A folder of the workspace to publish instead of all of it',
            })
            .optional(),
        token: z =>
          z
            .string({
              description:
                'For http(s): a token (${{ secrets.x }}); never logged',
            })
            .optional(),
      },
      output: {
        remoteUrl: z => z.string(),
        repoContentsUrl: z => z.string(),
        commitHash: z => z.string().optional(),
        catalogInfoPath: z =>
          z
            .string({
              description:
                'Local repositories: the path of the published catalog-info.yaml, for a file location',
            })
            .optional(),
        removeWith: z =>
          z.string({
            description:
              'What this step created and how to remove it, for a later step to report if the task fails (see paved:deploy createdBefore)',
          }),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const branch = assertBranchName(
        input.defaultBranch ?? 'main',
        'defaultBranch',
      );
      const target = resolveTarget(input.repoUrl, root);
      const source = input.sourcePath
        ? workspaceChildPath(ctx.workspacePath, input.sourcePath, 'sourcePath')
        : ctx.workspacePath;
      if (!(await stat(source).catch(() => undefined))?.isDirectory()) {
        throw new NotFoundError(
          `${input.sourcePath ?? 'The workspace'} is not a folder`,
        );
      }
      await assertRealPathInside(ctx.workspacePath, source, 'sourcePath');
      // Messages and names are written literally: nothing here is rendered again.
      const message = input.gitCommitMessage ?? 'Initial commit';
      const author = {
        name: input.gitAuthorName ?? 'Paved Scaffolder',
        email: input.gitAuthorEmail ?? 'scaffolder@paved.local',
      };
      const checkout =
        target.kind === 'local'
          ? join(root, 'checkouts', target.name)
          : undefined;
      const would: Published =
        target.kind === 'http'
          ? {
              remoteUrl: target.url,
              // The layout GitHub and Gitea browse a branch at.
              repoContentsUrl: `${target.url.replace(
                /\.git$/,
                '',
              )}/blob/${branch}/`,
              commitHash: '',
            }
          : {
              remoteUrl: pathToFileURL(target.gitdir).href,
              repoContentsUrl: `${pathToFileURL(checkout!).href}/`,
              commitHash: '',
            };

      if (ctx.isDryRun) {
        if (
          target.kind === 'local' &&
          (await isBareRepository(target.gitdir))
        ) {
          const refs = await existingRefs(target.gitdir);
          if (refs.length > 0) {
            throw new ConflictError(`${target.gitdir} already has commits`);
          }
        }
        ctx.logger.info(
          `Dry run: would publish ${source} to ${would.remoteUrl} (${branch})`,
        );
        ctx.output('remoteUrl', would.remoteUrl);
        ctx.output('repoContentsUrl', would.repoContentsUrl);
        return;
      }

      const published = await ctx.checkpoint<Published>({
        key: `paved-publish-git-${input.repoUrl}`,
        fn: async () => {
          const files = await readSourceFiles(source);
          if (target.kind === 'http') {
            const commit = await publishHttp(
              target.url,
              input.token,
              branch,
              files,
              message,
              author,
            );
            return { ...would, commitHash: commit };
          }
          const commit = await publishLocal(
            root,
            target,
            branch,
            files,
            message,
            author,
          );
          // A copy the catalog can read with a file location (see the README).
          await writeCopy(checkout!, files);
          const catalogInfo = join(checkout!, 'catalog-info.yaml');
          return {
            ...would,
            commitHash: commit,
            ...((await exists(catalogInfo))
              ? { catalogInfoPath: catalogInfo }
              : {}),
          };
        },
      });
      ctx.logger.info(
        `Published ${published.commitHash} to ${published.remoteUrl} (${branch})`,
      );
      ctx.output('remoteUrl', published.remoteUrl);
      ctx.output('repoContentsUrl', published.repoContentsUrl);
      ctx.output('commitHash', published.commitHash);
      if (published.catalogInfoPath)
        ctx.output('catalogInfoPath', published.catalogInfoPath);
      ctx.output(
        'removeWith',
        target.kind === 'local'
          ? `the repository ${target.gitdir} and its copy ${checkout} (the catalog drops the component once the copy is gone): rm -rf '${target.gitdir}' '${checkout}'`
          : `the repository ${published.remoteUrl} (commit ${published.commitHash}): delete it on its host, then unregister its catalog entity if one was registered`,
      );
    },
  });
}
