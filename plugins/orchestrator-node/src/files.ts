import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

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
