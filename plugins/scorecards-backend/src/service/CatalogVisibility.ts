import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';

// How many refs one catalog request asks about.
const BATCH = 500;

/**
 * Results never show more than the catalog would: an entity the caller may
 * not read there is, to the scorecards API, an entity that does not exist.
 * The catalog applies its permission rules to the caller's credentials.
 */
export class CatalogVisibility {
  constructor(private readonly catalog: CatalogService) {}

  /** Which of `refs` the caller can read in the catalog. */
  async visible(
    refs: readonly string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let start = 0; start < refs.length; start += BATCH) {
      const batch = refs.slice(start, start + BATCH);
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: batch, fields: ['kind', 'metadata.name'] },
        { credentials },
      );
      items.forEach((item, index) => {
        if (item) seen.add(batch[index]);
      });
    }
    return seen;
  }

  /** NotFoundError, the same as for an entity nobody has, when the caller cannot read it. */
  async assertVisible(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (!(await this.visible([entityRef], credentials)).has(entityRef)) {
      throw new NotFoundError(`The catalog has no entity ${entityRef}`);
    }
  }

  /** The rows whose entity the caller can read, in their order. */
  async filter<T extends { entityRef: string }>(
    rows: T[],
    credentials: BackstageCredentials,
  ): Promise<T[]> {
    const seen = await this.visible(
      rows.map(row => row.entityRef),
      credentials,
    );
    return rows.filter(row => seen.has(row.entityRef));
  }
}
