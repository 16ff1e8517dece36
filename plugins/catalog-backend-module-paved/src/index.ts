/**
 * Publishes Paved's environments and provisioned resources to the catalog.
 *
 * @packageDocumentation
 */
export { catalogModulePaved as default } from './module';
export { PavedInventoryProvider } from './PavedInventoryProvider';
export { inventoryEntities } from './entities';
export type { Inventory, OwnerInfo } from './entities';
