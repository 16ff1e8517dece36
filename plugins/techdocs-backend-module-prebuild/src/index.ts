/**
 * Builds TechDocs ahead of their first reader.
 *
 * @packageDocumentation
 */
export { techdocsModulePrebuild as default } from './module';
export { TechDocsPrebuilder } from './TechDocsPrebuilder';
export type { PrebuildResult } from './TechDocsPrebuilder';
