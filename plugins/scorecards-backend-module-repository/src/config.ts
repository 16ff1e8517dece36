import type { RootConfigService } from '@backstage/backend-plugin-api';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const LOCAL_ROOTS_KEY = 'scorecards.sources.repository.localRoots';

/** The repository Paved runs from: the nearest folder above `start` holding `platform/`. */
function findRepositoryRoot(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (
      statSync(join(dir, 'platform'), { throwIfNoEntry: false })?.isDirectory()
    ) {
      return dir;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The folders `file:` source locations may point into. By default the
 * repository Paved runs from, where the demo organisation and the golden
 * paths' local checkouts live; `[]` turns local reading off.
 */
export function readLocalRoots(
  config: RootConfigService,
  cwd = process.cwd(),
): string[] {
  const configured = config.getOptionalStringArray(LOCAL_ROOTS_KEY);
  if (configured) return configured.map(root => resolve(cwd, root));
  const root = findRepositoryRoot(cwd);
  return root ? [root] : [];
}
