import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { Inventory, inventoryEntities, OwnerInfo } from './entities';

/**
 * Publishes what Paved runs where: environments, and the resources workloads
 * provisioned in them. A full mutation each run, so destroyed environments
 * and removed resources leave the catalog too.
 */
export class PavedInventoryProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly source: {
      inventory(): Promise<Inventory>;
      owners(entityRefs: string[]): Promise<Map<string, OwnerInfo>>;
    },
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'paved-orchestrator';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  async refresh(): Promise<number> {
    if (!this.connection)
      throw new Error('PavedInventoryProvider is not connected');
    const inventory = await this.source.inventory();
    const refs = [
      ...new Set(
        inventory.running.flatMap(r => (r.entityRef ? [r.entityRef] : [])),
      ),
    ];
    const entities = inventoryEntities(
      inventory,
      await this.source.owners(refs),
    );
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.logger.debug(
      `Published ${entities.length} entities from Paved's inventory`,
    );
    return entities.length;
  }
}
