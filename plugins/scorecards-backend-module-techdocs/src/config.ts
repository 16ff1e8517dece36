import type { RootConfigService } from '@backstage/backend-plugin-api';

export interface TechDocsFactsConfig {
  /** TechDocs keeps the entity's case in storage paths instead of lowercasing them. */
  legacyPathCasing: boolean;
}

/**
 * What the source needs from config: only how TechDocs itself names paths
 * (`techdocs.legacyUseCaseSensitiveTripletPaths`, TechDocs' own setting),
 * so the source asks for the same path the TechDocs reader does.
 */
export function readTechDocsFactsConfig(
  config: RootConfigService,
): TechDocsFactsConfig {
  return {
    legacyPathCasing:
      config.getOptionalBoolean(
        'techdocs.legacyUseCaseSensitiveTripletPaths',
      ) ?? false,
  };
}
