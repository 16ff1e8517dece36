import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

/** Every `.yaml`/`.yml` file below `dir`, in a stable order, with its path relative to `dir`. */
export async function readYamlFiles(
  dir: string,
): Promise<Array<{ path: string; text: string }>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter(entry => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map(entry => join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(
    paths.map(async path => ({
      path: relative(dir, path),
      text: await readFile(path, 'utf8'),
    })),
  );
}

/**
 * The nearest `relativePath` from `start` upwards, or undefined: how a backend
 * started anywhere inside the repository finds the platform team's folders.
 */
export function findUpwards(
  start: string,
  relativePath: string,
): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, relativePath);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
