/*
 * The TechDocs backend here is a test double: a real HTTP server on a random
 * port speaking TechDocs' static-docs protocol as the real backend does for
 * the scorecards' service token: `GET /api/techdocs/static/docs/<namespace>/
 * <kind>/<name>/techdocs_metadata.json` answers the file the generator wrote
 * (src/__fixtures__ holds one this repository's TechDocs setup generated for
 * examples/components/checkout-service), 404 when there is no site, and
 * Backstage's JSON error body when something breaks. Running the real TechDocs
 * backend would need mkdocs at test time; the source under test is real.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createTechDocsFactSource } from './TechDocsFactSource';
import { TECHDOCS_FACTS } from './techdocsFacts';

const METADATA = readFileSync(
  join(__dirname, '__fixtures__/checkout-service/techdocs_metadata.json'),
  'utf8',
);
/** The fixture's build_timestamp, 1795825774552 ms. */
const BUILT_AT = '2026-11-28T00:29:34.552Z';
const SITE = '/api/techdocs/static/docs/default/component/checkout-service';
const TOKEN = mockCredentials.service.token({
  onBehalfOf: mockCredentials.service('plugin:scorecards'),
  targetPluginId: 'techdocs',
});

const component = (name: string, docs = true): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: docs ? { 'backstage.io/techdocs-ref': 'dir:.' } : {},
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
});

const backstageError = (name: string, message: string, statusCode: number) =>
  JSON.stringify({
    error: { name, message },
    request: { method: 'GET', url: '/static/docs/...' },
    response: { statusCode },
  });

describe('the techdocs fact source', () => {
  let server: Server;
  let baseUrl: string;
  let requests: string[];
  /** Sites by path below /api/techdocs/static/docs; a function answers itself. */
  let files: Record<string, string | ((res: any) => void)>;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url!);
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(backstageError('AuthenticationError', 'Missing token', 401));
        return;
      }
      const file = files[req.url!];
      if (typeof file === 'function') {
        file(res);
      } else if (file !== undefined) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(file);
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(backstageError('NotFoundError', 'Not found', 404));
      }
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });
  beforeEach(() => {
    requests = [];
    files = { [`${SITE}/techdocs_metadata.json`]: METADATA };
  });

  const source = (options: { legacyPathCasing?: boolean } = {}) =>
    createTechDocsFactSource({
      auth: mockServices.auth({ pluginId: 'scorecards' }),
      discovery: {
        getBaseUrl: async pluginId => `${baseUrl}/${pluginId}`,
        getExternalBaseUrl: async pluginId => `${baseUrl}/${pluginId}`,
      },
      // Three and a half days after the fixture's build.
      now: () => new Date(Date.parse(BUILT_AT) + 3.5 * 24 * 3600 * 1000),
      ...options,
    });

  it('reads a built site: its pages without the 404 page, and when it was built', async () => {
    const facts = await source().collect(component('checkout-service'));
    expect(facts).toEqual({
      present: true,
      built: true,
      // index, api-usage, architecture, on-call and runbook.
      pageCount: 5,
      lastUpdated: BUILT_AT,
      daysSinceUpdate: 3,
    });
    expect(Object.keys(facts).sort()).toEqual(
      Object.keys(TECHDOCS_FACTS).sort(),
    );
    expect(requests).toEqual([`${SITE}/techdocs_metadata.json`]);
  });

  it('asks for the lowercased path TechDocs stores sites under, unless TechDocs keeps the case', async () => {
    const entity = component('Checkout-Service');
    expect(await source().collect(entity)).toMatchObject({ built: true });

    await source({ legacyPathCasing: true }).collect(entity);
    expect(requests).toEqual([
      `${SITE}/techdocs_metadata.json`,
      '/api/techdocs/static/docs/default/Component/Checkout-Service/techdocs_metadata.json',
    ]);
  });

  it('says the docs are present but not built when TechDocs has no site', async () => {
    expect(await source().collect(component('order-service'))).toEqual({
      present: true,
      built: false,
      pageCount: 0,
      lastUpdated: null,
      daysSinceUpdate: null,
    });
    expect(requests).toHaveLength(1);
  });

  it('asks nothing of TechDocs for an entity without docs', async () => {
    expect(
      await source().collect(component('checkout-service', false)),
    ).toEqual({
      present: false,
      built: false,
      pageCount: 0,
      lastUpdated: null,
      daysSinceUpdate: null,
    });
    expect(requests).toEqual([]);
  });

  it('throws with the status and what TechDocs said when it fails', async () => {
    files[`${SITE}/techdocs_metadata.json`] = res => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        backstageError(
          'Error',
          'EACCES: permission denied, open /var/techdocs/default/component/checkout-service/techdocs_metadata.json',
          500,
        ),
      );
    };
    await expect(
      source().collect(component('checkout-service')),
    ).rejects.toThrow(
      'TechDocs, asked for the site of component:default/checkout-service, answered 500 Internal Server Error: EACCES: permission denied',
    );
  });

  it('throws with the text of an answer that is not Backstage JSON, as a proxy sends', async () => {
    files[`${SITE}/techdocs_metadata.json`] = res => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('upstream connect error or disconnect/reset before headers\n');
    };
    await expect(
      source().collect(component('checkout-service')),
    ).rejects.toThrow(
      /answered 502 Bad Gateway: upstream connect error or disconnect\/reset before headers$/,
    );
  });

  it('throws when the metadata is not JSON, rather than calling the docs unbuilt', async () => {
    files[`${SITE}/techdocs_metadata.json`] = res => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Sign in</html>');
    };
    await expect(
      source().collect(component('checkout-service')),
    ).rejects.toThrow('sent a techdocs_metadata.json that is not JSON');
  });

  it('reads a build time in seconds, and cannot count pages a site does not list', async () => {
    files[`${SITE}/techdocs_metadata.json`] = JSON.stringify({
      site_name: 'Checkout service',
      build_timestamp: 1795825774,
    });
    expect(await source().collect(component('checkout-service'))).toEqual({
      present: true,
      built: true,
      pageCount: null,
      lastUpdated: '2026-11-28T00:29:34.000Z',
      daysSinceUpdate: 3,
    });
  });

  it('fails when TechDocs refuses the token, rather than guessing', async () => {
    const anonymous = createTechDocsFactSource({
      auth: mockServices.auth({ pluginId: 'catalog' }),
      discovery: {
        getBaseUrl: async pluginId => `${baseUrl}/${pluginId}`,
        getExternalBaseUrl: async pluginId => `${baseUrl}/${pluginId}`,
      },
    });
    await expect(
      anonymous.collect(component('checkout-service')),
    ).rejects.toThrow('answered 401 Unauthorized: Missing token');
  });
});
