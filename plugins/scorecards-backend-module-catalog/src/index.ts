/**
 * Scorecard facts from the catalog: owner group, description, system,
 * lifecycle, links, API definitions, on-call and runbook.
 *
 * @packageDocumentation
 */
export { scorecardsModuleCatalog as default } from './module';
export { CATALOG_FACTS, createCatalogFactSource } from './CatalogFactSource';
export type { CatalogFacts } from './CatalogFactSource';
