/**
 * Scorecard facts from TechDocs: docs present, built, page count, last update.
 *
 * @packageDocumentation
 */
export { scorecardsModuleTechdocs as default } from './module';
export { createTechDocsFactSource } from './TechDocsFactSource';
export type { TechDocsFactSourceOptions } from './TechDocsFactSource';
export { TECHDOCS_FACTS } from './techdocsFacts';
