import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { FactSource } from '@paved/plugin-scorecards-node';
import type { Knex } from 'knex';
import { resolve } from 'node:path';
import { createServices } from '../createServices';
import { testFactSource } from './sources';

export const FIXTURES = resolve(__dirname, '../__fixtures__');

/**
 * The test catalog (catalogServiceMock) behind a handle whose entities a
 * test can replace, as the catalog changes under a running backend.
 */
export function changingCatalog(entities: Entity[]) {
  let current = catalogServiceMock({ entities });
  const catalog = new Proxy({} as CatalogService, {
    get:
      (_, method: keyof CatalogService) =>
      (...args: unknown[]) =>
        (current[method] as (...a: unknown[]) => unknown)(...args),
  });
  return {
    catalog,
    set(next: Entity[]) {
      current = catalogServiceMock({ entities: next });
    },
  };
}

/** The two sources the fixtures' scorecards read, answering from the entity. */
export function fixtureSources() {
  return {
    catalog: testFactSource(
      'catalog',
      { hasDescription: 'boolean', linkCount: 'number' },
      async entity => ({
        hasDescription: Boolean(entity.metadata.description),
        linkCount: entity.metadata.links?.length ?? 0,
      }),
    ),
    repository: testFactSource(
      'repository',
      { hasReadme: 'boolean' },
      async entity => ({
        hasReadme: entity.metadata.annotations?.['test/readme'] !== 'false',
      }),
    ),
  };
}

/** The plugin's services over a real database and the test catalog, as the plugin builds them. */
export async function testServices(options: {
  knex: Knex;
  catalog: CatalogService;
  sources: FactSource[];
  directory?: string;
  pageSize?: number;
}) {
  const logger = mockServices.logger.mock();
  const built = await createServices({
    database: { getClient: async () => options.knex },
    logger,
    catalog: options.catalog,
    auth: mockServices.auth(),
    sources: options.sources,
    directory: options.directory ?? resolve(FIXTURES, 'scorecards'),
    runs: { pageSize: options.pageSize },
  });
  return { ...built, logger };
}
