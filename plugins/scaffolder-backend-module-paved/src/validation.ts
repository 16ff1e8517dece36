import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { dnsLabel } from '@paved/plugin-orchestrator-common';
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Template expressions the scaffolder did not render (a typo in a template, or
 * a value a user typed to smuggle one in). Rendering happens before an action
 * runs, so one that reaches us is never meant to be evaluated.
 */
const TEMPLATE_EXPRESSION = /\$\{\{|\{\{.*\}\}/s;

export function refuseTemplateExpression(value: string, what: string): void {
  if (TEMPLATE_EXPRESSION.test(value)) {
    throw new InputError(
      `${what} "${value}" contains a template expression that was not rendered`,
    );
  }
}

/** Names that become Kubernetes objects, DNS names and folders: RFC 1123 labels. */
export function assertDnsLabel(value: unknown, what: string): string {
  const result = dnsLabel.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `${what} ${JSON.stringify(value)} ${result.error.issues[0]?.message}`,
    );
  }
  return result.data;
}

const BRANCH = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

/** A branch a new repository is published on: a plain name, no `..`. */
export function assertBranchName(value: string, what: string): string {
  if (!BRANCH.test(value) || value.includes('..')) {
    throw new InputError(`${what} "${value}" is not a branch name`);
  }
  return value;
}

const inside = (base: string, target: string) => {
  const path = relative(base, target);
  return (
    path === '' ||
    (!path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path))
  );
};

/**
 * A path inside the workspace, from a template's input. Refused rather than
 * normalised: `../x` or `/etc/x` in a template is a mistake or an attack, and
 * silently writing somewhere else would hide either.
 */
export function workspaceChildPath(
  workspacePath: string,
  path: string,
  what: string,
): string {
  refuseTemplateExpression(path, what);
  if (
    path.length === 0 ||
    isAbsolute(path) ||
    path.split(/[\\/]/).includes('..')
  ) {
    throw new InputError(
      `${what} "${path}" must be a relative path inside the workspace, without ".."`,
    );
  }
  return resolve(workspacePath, path);
}

/** Also follows symlinks: a link in the workspace must not lead out of it. */
export async function assertRealPathInside(
  base: string,
  target: string,
  what: string,
): Promise<void> {
  const [realBase, realTarget] = await Promise.all([
    realpath(base),
    realpath(target),
  ]);
  if (!inside(realBase, realTarget)) {
    throw new NotAllowedError(`${what} leads outside ${base}`);
  }
}

/** Reads a workspace file the template names; a missing one is a NotFoundError naming it. */
export async function readWorkspaceFile(
  workspacePath: string,
  path: string,
  name: string,
): Promise<string> {
  try {
    await assertRealPathInside(workspacePath, path, 'scorePath');
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      throw new NotFoundError(`${name} is not in the workspace`);
    }
    throw error;
  }
}

export { inside as isInside };
