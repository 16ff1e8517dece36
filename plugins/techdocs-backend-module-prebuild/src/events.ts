/**
 * Published after a prebuild built or updated an entity's TechDocs site, so
 * whoever reads the site (scorecards' techdocs facts) can read it again now
 * rather than at its next full run. Not published for a site TechDocs found
 * up to date.
 */
export const TECHDOCS_BUILT_TOPIC = 'paved.techdocs.built';

/** The payload of a `TECHDOCS_BUILT_TOPIC` event. */
export interface TechDocsBuiltEventPayload {
  /** The entity whose site was built, as `kind:namespace/name`. */
  entityRef: string;
}
