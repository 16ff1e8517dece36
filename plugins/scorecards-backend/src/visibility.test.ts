import {
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { startScorecards } from './__testUtils__/backend';
import { fixtureSources } from './__testUtils__/services';
import { component } from './__testUtils__/sources';
import { CatalogVisibility } from './service/CatalogVisibility';

jest.setTimeout(60_000);

const OUTSIDER = 'user:default/outsider';
const checkout = component('checkout', { owner: 'payments' });
const secret = component('secret-project', { owner: 'payments' });

/**
 * The test catalog, answering by-ref lookups the way the real catalog does
 * under a permission policy: an entity the caller may not read comes back as
 * null. Here the outsider may not read secret-project.
 */
function permissionedCatalog(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  const hiddenFrom = (credentials: BackstageCredentials, ref: string) =>
    credentials.principal &&
    (credentials.principal as { userEntityRef?: string }).userEntityRef ===
      OUTSIDER &&
    ref === stringifyEntityRef(secret);
  const lookUp = catalog.getEntitiesByRefs.bind(catalog);
  catalog.getEntitiesByRefs = async (req, options) => {
    const { items } = await lookUp(req, options);
    const { credentials } = options as { credentials: BackstageCredentials };
    return {
      items: items.map((item, index) =>
        hiddenFrom(credentials, req.entityRefs[index]) ? undefined : item,
      ),
    };
  };
  return catalog;
}

describe('scorecards show no more than the catalog would', () => {
  it('CatalogVisibility asks the catalog with the caller’s credentials, in batches', async () => {
    const many = Array.from({ length: 1_200 }, (_, i) =>
      component(`service-${i}`, {}),
    );
    const catalog = permissionedCatalog([...many, secret]);
    const lookups = jest.spyOn(catalog, 'getEntitiesByRefs');
    const visibility = new CatalogVisibility(catalog);
    const refs = [...many, secret].map(e => stringifyEntityRef(e));

    const seen = await visibility.visible(refs, mockCredentials.user(OUTSIDER));
    expect(seen.size).toBe(1_200);
    expect(seen.has('component:default/secret-project')).toBe(false);
    expect(lookups).toHaveBeenCalledTimes(3);
    expect(lookups.mock.calls[0][1]).toEqual({
      credentials: mockCredentials.user(OUTSIDER),
    });
    await expect(
      visibility.assertVisible(
        'component:default/secret-project',
        mockCredentials.user(OUTSIDER),
      ),
    ).rejects.toThrow(
      'The catalog has no entity component:default/secret-project',
    );
    await expect(
      visibility.assertVisible(
        'component:default/secret-project',
        mockCredentials.user('user:default/member'),
      ),
    ).resolves.toBeUndefined();
  });

  it('the API answers 404 for an entity the caller cannot read and leaves it out of the overview', async () => {
    const { catalog, repository } = fixtureSources();
    const backend = await startScorecards({
      sources: [catalog, repository],
      catalog: createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => permissionedCatalog([checkout, secret]),
      }),
    });
    const as = (user: string) => ({
      Authorization: mockCredentials.user.header(user),
    });
    try {
      const server = backend.server;
      // A member evaluates both.
      for (const ref of ['checkout', 'secret-project']) {
        const res = await request(server)
          .get(`/api/scorecards/entity?entityRef=component:default/${ref}`)
          .set(as('user:default/member'));
        expect(res.status).toBe(200);
      }

      const overview = await request(server)
        .get('/api/scorecards/overview')
        .set(as(OUTSIDER));
      expect(
        overview.body.items.map((r: { entityRef: string }) => r.entityRef),
      ).toEqual(['component:default/checkout']);

      for (const path of [
        '/entity?entityRef=component:default/secret-project',
        '/entity/history?entityRef=component:default/secret-project&scorecard=basics',
      ]) {
        const res = await request(server)
          .get(`/api/scorecards${path}`)
          .set(as(OUTSIDER));
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe(
          'The catalog has no entity component:default/secret-project',
        );
      }
      const refresh = await request(server)
        .post('/api/scorecards/entity/refresh')
        .set(as(OUTSIDER))
        .send({ entityRef: 'component:default/secret-project' });
      expect(refresh.status).toBe(404);
    } finally {
      await backend.stop();
    }
  });
});
