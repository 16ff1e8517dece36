import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CATALOG_FACTS, createCatalogFactSource } from './CatalogFactSource';

const ordersOpenApi = `openapi: 3.0.3
info: { title: Orders API, version: 2.0.0 }
paths:
  /orders:
    get:
      responses:
        '200': { description: Every order }
`;

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

function api(name: string, type: string, definition: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default', description: `The ${name}` },
    spec: {
      type,
      lifecycle: 'production',
      owner: 'group:fulfilment',
      system: 'fulfilment',
      definition,
    },
  };
}

function component(
  name: string,
  spec: Record<string, unknown>,
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...metadata },
    spec: { type: 'service', ...spec },
  };
}

const organisation: Entity[] = [
  group('fulfilment'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'jdoe', namespace: 'default' },
    spec: { memberOf: ['fulfilment'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'fulfilment', namespace: 'default' },
    spec: { owner: 'group:fulfilment' },
  },
  api('orders-api', 'openapi', ordersOpenApi),
  api(
    'order-events',
    'asyncapi',
    'asyncapi: 2.6.0\ninfo: { title: Order events, version: 1.0.0 }\nchannels: {}\n',
  ),
  api('orders-graph', 'graphql', 'type Query { orders: [ID!]! }'),
  api('broken-api', 'openapi', 'openapi: 3.0.3\npaths: {}\n'),
];

const wellKept = component(
  'order-service',
  {
    lifecycle: 'production',
    owner: 'group:default/fulfilment',
    system: 'fulfilment',
    providesApis: ['orders-api', 'api:default/order-events', 'orders-graph'],
  },
  {
    description: 'System of record for orders.',
    annotations: { 'pagerduty.com/service-id': 'PX1234' },
    links: [
      { url: 'https://grafana.example/d/orders', title: 'Dashboard' },
      { url: 'https://wiki.example/orders', title: 'Orders Runbook' },
    ],
  },
);

const bare = component('scratch', { owner: 'user:jdoe' });

function sourceWith(entities: Entity[] = organisation) {
  const catalog = catalogServiceMock({ entities });
  const source = createCatalogFactSource({
    catalog,
    auth: mockServices.auth({ pluginId: 'scorecards' }),
    logger: mockServices.logger.mock(),
  });
  return { source, catalog };
}

describe('the catalog fact source', () => {
  it('declares exactly the facts it collects, each with a type and a description', async () => {
    const { source } = sourceWith();
    expect(source.id).toBe('catalog');
    const facts = await source.collect(wellKept);
    expect(Object.keys(facts).sort()).toEqual(
      Object.keys(CATALOG_FACTS).sort(),
    );
    for (const definition of Object.values(source.facts)) {
      expect(definition.description).not.toBe('');
      expect(['boolean', 'number', 'string']).toContain(definition.type);
    }
  });

  it('finds every fact true of a well-kept component', async () => {
    const { source } = sourceWith();
    await expect(source.collect(wellKept)).resolves.toEqual({
      ownerIsGroup: true,
      hasDescription: true,
      hasSystem: true,
      lifecycle: 'production',
      linkCount: 2,
      apiCount: 3,
      apiDefinitionsValid: true,
      hasOnCall: true,
      hasRunbook: true,
    });
  });

  it('finds every fact false of a bare one, with no APIs counting as valid', async () => {
    const { source } = sourceWith();
    await expect(source.collect(bare)).resolves.toEqual({
      ownerIsGroup: false,
      hasDescription: false,
      hasSystem: false,
      lifecycle: null,
      linkCount: 0,
      apiCount: 0,
      apiDefinitionsValid: true,
      hasOnCall: false,
      hasRunbook: false,
    });
  });

  it('resolves a bare owner name to a group, and requires the group and the system to exist', async () => {
    const { source } = sourceWith();
    const byName = component('a', { owner: 'fulfilment', system: 'ghost' });
    await expect(source.collect(byName)).resolves.toMatchObject({
      ownerIsGroup: true,
      hasSystem: false,
    });
    const gone = component('b', {
      owner: 'group:storefront',
      system: 'fulfilment',
    });
    await expect(source.collect(gone)).resolves.toMatchObject({
      ownerIsGroup: false,
      hasSystem: true,
    });
  });

  it('treats a blank description and an unparseable owner as missing', async () => {
    const { source } = sourceWith();
    const sloppy = component(
      'c',
      { owner: 'group:', lifecycle: ' ' },
      { description: '   ' },
    );
    await expect(source.collect(sloppy)).resolves.toMatchObject({
      ownerIsGroup: false,
      hasDescription: false,
      lifecycle: null,
    });
  });

  it('finds a provided API with an invalid OpenAPI definition', async () => {
    const { source } = sourceWith();
    const entity = component('d', {
      owner: 'fulfilment',
      providesApis: ['orders-api', 'broken-api'],
    });
    await expect(source.collect(entity)).resolves.toMatchObject({
      apiCount: 2,
      apiDefinitionsValid: false,
    });
  });

  it('finds a provided API that is not in the catalog', async () => {
    const { source } = sourceWith();
    const entity = component('e', {
      owner: 'fulfilment',
      providesApis: ['orders-api', 'api:default/shipments-api'],
    });
    await expect(source.collect(entity)).resolves.toMatchObject({
      apiCount: 2,
      apiDefinitionsValid: false,
    });
  });

  it('counts an API entity as one API, judged by its own definition', async () => {
    const { source } = sourceWith();
    await expect(
      source.collect(api('orders-api', 'openapi', ordersOpenApi)),
    ).resolves.toMatchObject({
      apiCount: 1,
      apiDefinitionsValid: true,
      hasSystem: true,
    });
    await expect(
      source.collect(api('events', 'asyncapi', 'asyncapi: [2.6.0')),
    ).resolves.toMatchObject({ apiCount: 1, apiDefinitionsValid: false });
  });

  it('recognises each on-call annotation and each way of naming a runbook', async () => {
    const { source } = sourceWith();
    for (const annotation of [
      'opsgenie.com/component-selector',
      'paved.dev/on-call',
    ]) {
      const entity = component(
        'f',
        {},
        { annotations: { [annotation]: 'orders' } },
      );
      await expect(source.collect(entity)).resolves.toMatchObject({
        hasOnCall: true,
      });
    }
    const byAnnotation = component(
      'g',
      {},
      { annotations: { 'paved.dev/runbook': 'https://wiki.example/rb' } },
    );
    const byLinkType = component(
      'h',
      {},
      { links: [{ url: 'https://wiki.example/x', type: 'runbook' }] },
    );
    const unrelatedLink = component(
      'i',
      {},
      { links: [{ url: 'https://wiki.example/x', title: 'Design notes' }] },
    );
    await expect(source.collect(byAnnotation)).resolves.toMatchObject({
      hasRunbook: true,
    });
    await expect(source.collect(byLinkType)).resolves.toMatchObject({
      hasRunbook: true,
      linkCount: 1,
    });
    await expect(source.collect(unrelatedLink)).resolves.toMatchObject({
      hasRunbook: false,
    });
  });

  it('looks owner, system and APIs up in one request, with its own service credentials', async () => {
    const { source, catalog } = sourceWith();
    const lookUp = jest.spyOn(catalog, 'getEntitiesByRefs');
    await source.collect(wellKept);
    expect(lookUp).toHaveBeenCalledTimes(1);
    expect(lookUp.mock.calls[0][0].entityRefs).toEqual([
      'group:default/fulfilment',
      'system:default/fulfilment',
      'api:default/orders-api',
      'api:default/order-events',
      'api:default/orders-graph',
    ]);
    expect(lookUp.mock.calls[0][1]).toEqual({
      credentials: mockCredentials.service('plugin:scorecards'),
    });
  });

  it('asks the catalog again on every call, so a removed group is noticed', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest
        .fn()
        .mockResolvedValueOnce({ items: [group('fulfilment')] })
        .mockResolvedValueOnce({ items: [undefined] }),
    });
    const source = createCatalogFactSource({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    const entity = component('j', { owner: 'fulfilment' });
    await expect(source.collect(entity)).resolves.toMatchObject({
      ownerIsGroup: true,
    });
    await expect(source.collect(entity)).resolves.toMatchObject({
      ownerIsGroup: false,
    });
  });

  it('throws when the catalog cannot answer, so the facts go stale instead of false', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest
        .fn()
        .mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:7007')),
    });
    const source = createCatalogFactSource({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    await expect(source.collect(wellKept)).rejects.toThrow(
      /component:default\/order-service.*ECONNREFUSED/,
    );
  });
});
