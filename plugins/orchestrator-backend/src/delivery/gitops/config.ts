import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { pathSegments } from './paths';

/**
 * Where the GitOps repository is: the bare repository the backend creates in
 * its working directory, a bare repository on this machine, or an HTTP(S)
 * remote reachable by isomorphic-git's node client.
 */
export type GitOpsRepositoryLocation =
  | { type: 'default' }
  | { type: 'local'; path: string }
  | { type: 'http'; url: string };

export interface GitOpsAuth {
  username: string;
  token: string;
}

export interface GitOpsConfig {
  repository: GitOpsRepositoryLocation;
  /** A branch name, without `refs/heads/`. */
  branch: string;
  /** The commit author; who asked for the deployment goes into the message. */
  author: { name: string; email: string };
  /** Only for HTTP(S) remotes; absent otherwise. */
  auth?: GitOpsAuth;
  /** Where a cluster's admission policies go, with `{cluster}` for its name. */
  policiesPath: string;
}

const KEY = 'orchestrator.gitops';

export const DEFAULT_BRANCH = 'main';
export const DEFAULT_AUTHOR = { name: 'Paved', email: 'paved@localhost' };
export const DEFAULT_USERNAME = 'x-access-token';
export const DEFAULT_POLICIES_PATH = 'policies/{cluster}';

/** Reads `orchestrator.gitops`; every value it cannot use is an InputError naming the key. */
export function readGitOpsConfig(config: RootConfigService): GitOpsConfig {
  // Backstage's own type errors ("wanted string, got number") are clear but
  // not InputErrors; callers treat bad configuration uniformly.
  let gitops: RootConfigService | undefined;
  let repository: string | undefined;
  let branch: string | undefined;
  let authorName: string | undefined;
  let authorEmail: string | undefined;
  let auth: RootConfigService | undefined;
  let policiesPath: string | undefined;
  try {
    gitops = config.getOptionalConfig(KEY);
    repository = gitops?.getOptionalString('repository');
    branch = gitops?.getOptionalString('branch');
    authorName = gitops?.getOptionalString('author.name');
    authorEmail = gitops?.getOptionalString('author.email');
    auth = gitops?.getOptionalConfig('auth');
    policiesPath = gitops?.getOptionalString('policiesPath');
  } catch (error) {
    throw new InputError(
      `Invalid ${KEY} configuration: ${(error as Error).message}`,
    );
  }

  const location = parseRepository(repository);
  const result: GitOpsConfig = {
    repository: location,
    branch: parseBranch(branch ?? DEFAULT_BRANCH),
    author: {
      name: parseIdentity('author.name', authorName ?? DEFAULT_AUTHOR.name),
      email: parseIdentity('author.email', authorEmail ?? DEFAULT_AUTHOR.email),
    },
    policiesPath: parsePoliciesPath(policiesPath ?? DEFAULT_POLICIES_PATH),
  };
  // Auth left in a shared app-config while a local override points at a
  // local repository is harmless, so it is ignored rather than refused.
  if (auth && location.type === 'http') {
    result.auth = parseAuth(auth);
  }
  return result;
}

function parsePoliciesPath(configured: string): string {
  const key = `${KEY}.policiesPath`;
  const path = configured.replace(/\/+$/, '');
  pathSegments(path, key);
  const unknown = /\{(?!cluster\})[^}]*\}/.exec(path);
  if (unknown) {
    throw new InputError(
      `${key} "${path}" has the placeholder ${unknown[0]}; only {cluster} is known`,
    );
  }
  return path;
}

function parseAuth(auth: RootConfigService): GitOpsAuth {
  let username: string | undefined;
  let token: string | undefined;
  try {
    username = auth.getOptionalString('username');
    token = auth.getOptionalString('token');
  } catch (error) {
    // Config's message names the key and type, never the value.
    throw new InputError(
      `Invalid ${KEY}.auth configuration: ${(error as Error).message}`,
    );
  }
  if (!token) {
    throw new InputError(
      `${KEY}.auth.token is required when ${KEY}.auth is set`,
    );
  }
  if (username !== undefined && (!username || /[:\s]/.test(username))) {
    throw new InputError(
      `${KEY}.auth.username must be a non-empty name without spaces or ":"`,
    );
  }
  return { username: username ?? DEFAULT_USERNAME, token };
}

function parseRepository(value: string | undefined): GitOpsRepositoryLocation {
  if (value === undefined) return { type: 'default' };
  const repository = value.trim();
  if (!repository) {
    throw new InputError(
      `${KEY}.repository must not be empty; leave it out for the built-in repository`,
    );
  }
  if (/^https?:\/\//i.test(repository)) {
    // The message leaves the value out: it may carry credentials.
    if (!URL.canParse(repository)) {
      throw new InputError(`${KEY}.repository is not a valid URL`);
    }
    return { type: 'http', url: repository };
  }
  if (/^file:\/\//i.test(repository)) {
    try {
      return { type: 'local', path: fileURLToPath(repository) };
    } catch {
      throw new InputError(
        `${KEY}.repository "${repository}" is not a valid file URL`,
      );
    }
  }
  // isomorphic-git speaks smart HTTP only: say so instead of failing at the first deployment.
  if (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(repository) ||
    /^[^/]+@[^/]+:/.test(repository)
  ) {
    throw new InputError(
      `${KEY}.repository must be an http(s) URL, a file:// URL or a path; SSH and other transports are not supported`,
    );
  }
  return { type: 'local', path: resolvePath(repository) };
}

/** The subset of git-check-ref-format(1) a branch name must pass. */
export function parseBranch(value: string): string {
  const branch = value.startsWith('refs/heads/')
    ? value.slice('refs/heads/'.length)
    : value;
  const problem = branchProblem(branch);
  if (problem) {
    throw new InputError(
      `${KEY}.branch "${value}" is not a valid branch name: ${problem}`,
    );
  }
  return branch;
}

function branchProblem(branch: string): string | undefined {
  if (!branch) return 'it is empty';
  if (branch === '@' || branch.includes('@{')) return 'it contains "@{"';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(branch)) {
    return 'it contains a space, a control character or one of ~ ^ : ? * [ \\';
  }
  if (branch.includes('..')) return 'it contains ".."';
  if (branch.startsWith('-')) return 'it starts with "-"';
  if (branch.endsWith('.')) return 'it ends with "."';
  for (const part of branch.split('/')) {
    if (!part) return 'it has an empty path component';
    if (part.startsWith('.')) return 'a component starts with "."';
    if (part.endsWith('.lock')) return 'a component ends with ".lock"';
  }
  return undefined;
}

function parseIdentity(key: string, value: string): string {
  // Git writes these into the commit header between fixed delimiters.
  if (!value.trim() || /[<>\n\r\0]/.test(value)) {
    throw new InputError(
      `${KEY}.${key} must be non-empty and contain no "<", ">" or line breaks`,
    );
  }
  return value.trim();
}
