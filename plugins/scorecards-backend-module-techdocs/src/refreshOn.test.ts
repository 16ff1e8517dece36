import { mockServices } from '@backstage/backend-test-utils';
import { TECHDOCS_BUILT_TOPIC } from '@paved/plugin-techdocs-backend-module-prebuild';
import { createTechDocsFactSource } from './TechDocsFactSource';

describe('the techdocs fact source refreshes when docs are built', () => {
  const source = createTechDocsFactSource({
    auth: mockServices.auth({ pluginId: 'scorecards' }),
    discovery: mockServices.discovery(),
  });

  it("listens to the prebuild module's docs-built topic", () => {
    expect(source.refreshOn?.topics).toEqual(['paved.techdocs.built']);
    expect(source.refreshOn?.topics).toEqual([TECHDOCS_BUILT_TOPIC]);
  });

  it('names the entity whose docs were built', async () => {
    expect(
      await source.refreshOn!.entityRefs({
        entityRef: 'component:default/checkout-service',
      }),
    ).toEqual(['component:default/checkout-service']);
  });

  it('rejects an event that names no entity, saying what it got', async () => {
    for (const payload of [
      {},
      { entityRef: 42 },
      { entityRef: '' },
      { entity: 'component:default/checkout-service' },
      null,
      'component:default/checkout-service',
    ]) {
      await expect(source.refreshOn!.entityRefs(payload)).rejects.toThrow(
        `a paved.techdocs.built event names no entity: its payload ${JSON.stringify(
          payload,
        )} has no entityRef string`,
      );
    }
  });
});
