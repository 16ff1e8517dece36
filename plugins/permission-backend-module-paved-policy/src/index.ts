/**
 * Paved's permission policy, installed into Backstage's permission backend.
 *
 * @packageDocumentation
 */
export { permissionModulePavedPolicy as default } from './module';
export { PavedPermissionPolicy } from './policy';
export { readPermissionRules } from './config';
export type { PermissionRule } from './config';
