/**
 * Builds TechDocs ahead of their first reader.
 *
 * @packageDocumentation
 */
export { techdocsModulePrebuild as default } from './module';
export { TechDocsPrebuilder } from './TechDocsPrebuilder';
export type { PrebuildResult } from './TechDocsPrebuilder';
export { TECHDOCS_BUILT_TOPIC } from './events';
export type { TechDocsBuiltEventPayload } from './events';
