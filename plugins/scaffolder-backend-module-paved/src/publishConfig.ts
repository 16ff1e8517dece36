import type { RootConfigService } from '@backstage/backend-plugin-api';

export const PUBLISH_PROVIDERS = ['git', 'github', 'gitlab'] as const;
export type PublishProvider = (typeof PUBLISH_PROVIDERS)[number];

const DEFAULT_HOSTS = { github: 'github.com', gitlab: 'gitlab.com' } as const;

/** `paved.publish`, as paved:publish uses it. */
export type PublishConfig =
  | { provider: 'git' }
  | {
      provider: 'github' | 'gitlab';
      /** The template's `owner` input wins; one of the two is required. */
      owner?: string;
      host: string;
    };

/**
 * Reads `paved.publish` once, when the action is made: a wrong provider stops
 * the backend at start rather than failing the first task that publishes.
 */
export function readPublishConfig(config: RootConfigService): PublishConfig {
  const provider = config.getOptionalString('paved.publish.provider') ?? 'git';
  if (!PUBLISH_PROVIDERS.includes(provider as PublishProvider)) {
    throw new Error(
      `paved.publish.provider is "${provider}"; it must be one of ${PUBLISH_PROVIDERS.join(
        ', ',
      )}`,
    );
  }
  if (provider === 'git') return { provider };
  const hosted = provider as 'github' | 'gitlab';
  return {
    provider: hosted,
    owner: config.getOptionalString('paved.publish.owner'),
    host:
      config.getOptionalString('paved.publish.host') ?? DEFAULT_HOSTS[hosted],
  };
}
