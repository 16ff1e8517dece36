import { InputError } from '@backstage/errors';

/**
 * Splits a repository-relative path into its components, refusing what would
 * escape the workload's folder or that git cannot hold in a tree: absolute
 * paths, `..`, `.git` and empty components.
 */
export function pathSegments(path: string, what: string): string[] {
  const segments = path.split('/').filter(segment => segment !== '.');
  if (path.startsWith('/') || segments.length === 0) {
    throw new InputError(`${what} "${path}" must be a relative path`);
  }
  for (const segment of segments) {
    if (
      !segment ||
      segment === '..' ||
      segment.toLowerCase() === '.git' ||
      // eslint-disable-next-line no-control-regex
      /[\0\\\n\r]/.test(segment)
    ) {
      throw new InputError(
        `${what} "${path}" has an invalid component "${segment}"`,
      );
    }
  }
  return segments;
}

/** The workload's folder: `<gitopsPath>/<workload>`, as components. */
export function workloadFolder(gitopsPath: string, workload: string): string[] {
  const environment = pathSegments(
    gitopsPath.replace(/\/+$/, ''),
    "The environment's gitopsPath",
  );
  const name = pathSegments(workload, 'The workload name');
  if (name.length !== 1) {
    throw new InputError(
      `The workload name "${workload}" must not contain "/"`,
    );
  }
  return [...environment, ...name];
}
