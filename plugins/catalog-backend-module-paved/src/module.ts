import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { Inventory, OwnerInfo } from './entities';
import { PavedInventoryProvider } from './PavedInventoryProvider';

/** Puts Paved's environments and provisioned resources in the catalog, from the orchestrator's inventory. */
export const catalogModulePaved = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'paved',
  register(reg) {
    reg.registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
      },
      async init({
        catalogProcessing,
        catalog,
        discovery,
        auth,
        scheduler,
        logger,
      }) {
        const provider = new PavedInventoryProvider(
          {
            async inventory() {
              const { token } = await auth.getPluginRequestToken({
                onBehalfOf: await auth.getOwnServiceCredentials(),
                targetPluginId: 'orchestrator',
              });
              const response = await fetch(
                `${await discovery.getBaseUrl('orchestrator')}/inventory`,
                { headers: { Authorization: `Bearer ${token}` } },
              );
              if (!response.ok)
                throw await ResponseError.fromResponse(response);
              return (await response.json()) as Inventory;
            },
            async owners(entityRefs) {
              const credentials = await auth.getOwnServiceCredentials();
              const { items } = await catalog.getEntitiesByRefs(
                {
                  entityRefs,
                  fields: [
                    'kind',
                    'metadata.name',
                    'metadata.namespace',
                    'spec.owner',
                    'spec.system',
                  ],
                },
                { credentials },
              );
              const owners = new Map<string, OwnerInfo>();
              items.forEach((entity, index) => {
                const spec = entity?.spec as
                  | { owner?: string; system?: string }
                  | undefined;
                if (spec?.owner)
                  owners.set(entityRefs[index], {
                    owner: spec.owner,
                    system: spec.system,
                  });
              });
              return owners;
            },
          },
          logger,
        );
        catalogProcessing.addEntityProvider(provider);
        await scheduler.scheduleTask({
          id: 'paved-inventory-provider',
          frequency: { minutes: 1 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 15 },
          fn: async () => {
            await provider.refresh();
          },
        });
      },
    });
  },
});
