import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventParams, eventsServiceRef } from '@backstage/plugin-events-node';
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { TECHDOCS_BUILT_TOPIC } from './events';
import { techdocsModulePrebuild } from './module';
import { parseEventStream, TechDocsPrebuilder } from './TechDocsPrebuilder';

// The real TechDocs backend builds with Debian's mkdocs (scripts/toolchain.sh
// installs it) into a temporary publish directory; only the catalog is a mock.

jest.setTimeout(120_000);

let uidCounter = 0;

function component(name: string, docsDir?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      // TechDocs remembers per uid, process-wide, when it last checked for updates:
      // a fresh uid per backend keeps one test's build from satisfying the next.
      uid: `${name}-${++uidCounter}`,
      annotations: docsDir
        ? {
            'backstage.io/techdocs-ref': 'dir:.',
            'backstage.io/managed-by-location': `file:${resolve(
              __dirname,
              '__fixtures__',
              docsDir,
              'catalog-info.yaml',
            )}`,
          }
        : {},
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:platform' },
  };
}

const entities = () => [
  component('good-service', 'good'),
  component('broken-service', 'broken'),
  component('undocumented-service'),
];

function techdocsConfig(prebuild: object = {}) {
  return mockServices.rootConfig.factory({
    data: {
      techdocs: {
        builder: 'local',
        generator: {
          runIn: 'local',
          mkdocs: { omitTechdocsCorePlugin: true, disableExternalFonts: true },
        },
        publisher: {
          type: 'local',
          local: { publishDirectory: mkdtempSync(join(tmpdir(), 'techdocs-')) },
        },
        prebuild,
      },
    },
  });
}

const readGoodDocs = (server: Parameters<typeof request>[0]) =>
  request(server)
    .get('/api/techdocs/static/docs/default/component/good-service/index.html')
    .set('authorization', mockCredentials.user.header());

/** Publishes into `published`, or fails as `publish` says. */
function eventsMock(publish?: (params: EventParams) => Promise<void>) {
  const published: EventParams[] = [];
  const mock = mockServices.events.mock({
    publish: jest.fn(async (params: EventParams) => {
      published.push(params);
      await publish?.(params);
    }),
  });
  return { published, factory: mock.factory };
}

/** The TechDocs backend, and a prebuilder wired to it as the module wires one. */
async function startPrebuilder(events = eventsMock()) {
  let prebuilder: TechDocsPrebuilder | undefined;
  const logger = mockServices.logger.mock();
  const { server } = await startTestBackend({
    features: [
      techdocsPlugin,
      techdocsConfig(),
      catalogServiceMock.factory({ entities: entities() }),
      events.factory,
      createBackendModule({
        pluginId: 'techdocs',
        moduleId: 'test-prebuilder',
        register(reg) {
          reg.registerInit({
            deps: {
              auth: coreServices.auth,
              discovery: coreServices.discovery,
              catalog: catalogServiceRef,
              events: eventsServiceRef,
            },
            async init(deps) {
              prebuilder = new TechDocsPrebuilder({ ...deps, logger });
            },
          });
        },
      }),
    ],
  });
  return {
    server,
    prebuilder: prebuilder!,
    logger,
    published: events.published,
  };
}

describe('TechDocsPrebuilder', () => {
  it('builds the docs of every documented entity and reports the ones that fail', async () => {
    const { server, prebuilder } = await startPrebuilder();

    expect((await readGoodDocs(server)).status).toBe(404);

    const result = await prebuilder.buildAll();

    expect(result.current).toEqual(['component:default/good-service']);
    expect(result.built).toEqual(['component:default/good-service']);
    expect(result.failed).toEqual([
      {
        entityRef: 'component:default/broken-service',
        message: expect.stringMatching(/Failed to generate docs from .*broken/),
      },
    ]);
    const docs = await readGoodDocs(server);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain(
      "The good service's docs were built before anyone opened them.",
    );
  });

  it('announces the docs it built, and not the ones that failed or were up to date', async () => {
    const { prebuilder, published } = await startPrebuilder();

    await prebuilder.buildAll();
    expect(published).toEqual([
      {
        topic: TECHDOCS_BUILT_TOPIC,
        eventPayload: { entityRef: 'component:default/good-service' },
      },
    ]);
    expect(TECHDOCS_BUILT_TOPIC).toBe('paved.techdocs.built');

    // TechDocs has just checked these docs, so it skips them as up to date.
    const again = await prebuilder.buildAll();
    expect(again.current).toEqual(['component:default/good-service']);
    expect(again.built).toEqual([]);
    expect(published).toHaveLength(1);
  });

  it('still builds, and says so, when the announcement cannot be published', async () => {
    const { server, prebuilder, logger, published } = await startPrebuilder(
      eventsMock(async () => {
        throw new Error('events bus unavailable');
      }),
    );

    const result = await prebuilder.buildAll();

    expect(published).toHaveLength(1);
    expect(result.current).toEqual(['component:default/good-service']);
    expect(result.built).toEqual(['component:default/good-service']);
    expect(result.failed.map(f => f.entityRef)).toEqual([
      'component:default/broken-service',
    ]);
    expect((await readGoodDocs(server)).status).toBe(200);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not publish paved.techdocs.built for component:default/good-service: events bus unavailable',
    );
  });
});

describe('techdocsModulePrebuild', () => {
  it('builds on its schedule when enabled, and announces what it built', async () => {
    const events = eventsMock();
    const { server } = await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsModulePrebuild,
        techdocsConfig({
          enabled: true,
          schedule: { frequency: { minutes: 10 }, timeout: { minutes: 5 } },
        }),
        catalogServiceMock.factory({ entities: entities() }),
        events.factory,
      ],
    });

    // The test backend's scheduler runs every scheduled task once at startup.
    const docs = await readGoodDocs(server);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('built before anyone opened them');
    expect(events.published).toEqual([
      {
        topic: 'paved.techdocs.built',
        eventPayload: { entityRef: 'component:default/good-service' },
      },
    ]);
  });

  it('does nothing unless enabled', async () => {
    const { server } = await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsModulePrebuild,
        techdocsConfig(),
        catalogServiceMock.factory({ entities: entities() }),
      ],
    });
    // Had the module scheduled its task, the scheduler would have run it at startup.
    expect((await readGoodDocs(server)).status).toBe(404);
  });
});

describe('parseEventStream', () => {
  it('reads TechDocs sync events', () => {
    expect(
      parseEventStream(
        'event: log\ndata: "building"\n\nevent: finish\ndata: {"updated":true}\n\n',
      ),
    ).toEqual([
      { type: 'log', data: 'building' },
      { type: 'finish', data: { updated: true } },
    ]);
  });
});
