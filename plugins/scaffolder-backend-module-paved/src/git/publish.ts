import type { RootConfigService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import fs from 'node:fs';
import { mkdtemp, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import {
  Author,
  createBranch,
  existingRefs,
  exists,
  initBare,
  isBareRepository,
  SourceFile,
  writeInitialCommit,
} from './snapshot';
import { isInside, refuseTemplateExpression } from '../validation';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Where the repository is: on a git server, or a bare repository under the root. */
export type Target =
  | { kind: 'http'; url: string }
  | { kind: 'local'; name: string; gitdir: string; create: boolean };

export function publishRoot(config: RootConfigService): string {
  return resolve(
    config.getOptionalString('paved.publish.git.root') ??
      join(process.cwd(), '.paved', 'repositories'),
  );
}

export function resolveTarget(repoUrl: string, root: string): Target {
  refuseTemplateExpression(repoUrl, 'repoUrl');
  if (/^https?:\/\//.test(repoUrl)) {
    const url = new URL(repoUrl);
    if (url.username || url.password) {
      // They would end up in logs and outputs; the token input is for secrets.
      throw new InputError('repoUrl must not contain credentials; use token');
    }
    return { kind: 'http', url: url.href };
  }
  if (NAME.test(repoUrl) && repoUrl.length <= 63) {
    return {
      kind: 'local',
      name: repoUrl,
      gitdir: join(root, `${repoUrl}.git`),
      create: true,
    };
  }
  let path: string;
  if (repoUrl.startsWith('file://')) path = resolve(fileURLToPath(repoUrl));
  else if (isAbsolute(repoUrl)) path = resolve(repoUrl);
  else {
    throw new InputError(
      `repoUrl "${repoUrl}" must be an http(s) URL, a file:// URL or path of a bare repository, or a repository name (checkout-service)`,
    );
  }
  if (!isInside(root, path) || path === root) {
    throw new NotAllowedError(
      `repoUrl ${repoUrl} is outside the publish root ${root} (paved.publish.git.root)`,
    );
  }
  const name = path
    .replace(/\/+$/, '')
    .split('/')
    .pop()!
    .replace(/\.git$/, '');
  return { kind: 'local', name, gitdir: path, create: false };
}

/** Writes the first commit straight into a bare repository under the root. */
export async function publishLocal(
  root: string,
  target: Extract<Target, { kind: 'local' }>,
  branch: string,
  files: SourceFile[],
  message: string,
  author: Author,
): Promise<string> {
  if (await exists(target.gitdir)) {
    // A link under the root must not lead the write elsewhere.
    if (!isInside(await realpath(root), await realpath(target.gitdir))) {
      throw new NotAllowedError(`${target.gitdir} leads outside ${root}`);
    }
    if (!(await isBareRepository(target.gitdir))) {
      throw new InputError(`${target.gitdir} is not a bare git repository`);
    }
    const refs = await existingRefs(target.gitdir);
    if (refs.length > 0) {
      throw new ConflictError(
        `${target.gitdir} already has commits (${refs.join(
          ', ',
        )}); is there already a component named ${target.name}?`,
      );
    }
    const commit = await writeInitialCommit(
      target.gitdir,
      files,
      message,
      author,
    );
    await createBranch(target.gitdir, branch, commit);
    return commit;
  }
  if (!target.create) {
    throw new NotFoundError(`There is no repository at ${target.gitdir}`);
  }
  // Built aside and renamed into place: a crash never leaves half a repository.
  const staging = `${target.gitdir}.${process.pid}.${Date.now()}.tmp`;
  try {
    await initBare(staging, branch);
    const commit = await writeInitialCommit(staging, files, message, author);
    await writeFile(
      join(staging, 'refs', 'heads', ...branch.split('/')),
      `${commit}\n`,
    );
    await rename(staging, target.gitdir);
    return commit;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') {
      throw new ConflictError(
        `${target.gitdir} was created by someone else meanwhile`,
      );
    }
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Pushes the first commit to a git server. isomorphic-git pushes from a
 * repository, so the commit is built in a temporary one first.
 */
export async function publishHttp(
  url: string,
  token: string | undefined,
  branch: string,
  files: SourceFile[],
  message: string,
  author: Author,
): Promise<string> {
  const onAuth = token
    ? () => ({ username: 'x-access-token', password: token })
    : undefined;
  const refs = await git.listServerRefs({ http, url, onAuth, prefix: 'refs/' });
  if (refs.length > 0) {
    throw new ConflictError(`${url} already has commits`);
  }
  const gitdir = await mkdtemp(join(tmpdir(), 'paved-publish-'));
  try {
    await initBare(gitdir, branch);
    const commit = await writeInitialCommit(gitdir, files, message, author);
    await git.writeRef({
      fs,
      gitdir,
      ref: `refs/heads/${branch}`,
      value: commit,
    });
    const pushed = await git.push({
      fs,
      http,
      gitdir,
      url,
      ref: branch,
      remoteRef: branch,
      onAuth,
    });
    if (!pushed.ok) {
      throw new Error(`Pushing to ${url} failed: ${pushed.error}`);
    }
    return commit;
  } finally {
    await rm(gitdir, { recursive: true, force: true });
  }
}
