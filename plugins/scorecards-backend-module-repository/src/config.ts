import type { RootConfigService } from '@backstage/backend-plugin-api';
import { findUpwards } from '@paved/plugin-orchestrator-node';
import { dirname, resolve } from 'node:path';

export const LOCAL_ROOTS_KEY = 'scorecards.sources.repository.localRoots';

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
  // The repository Paved runs from: the nearest folder above `cwd` holding `platform/`.
  const platform = findUpwards(cwd, 'platform');
  const root = platform && dirname(platform);
  return root ? [root] : [];
}
