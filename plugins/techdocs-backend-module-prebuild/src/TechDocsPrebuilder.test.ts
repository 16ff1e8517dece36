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
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
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

describe('TechDocsPrebuilder', () => {
  it('builds the docs of every documented entity and reports the ones that fail', async () => {
    let prebuilder: TechDocsPrebuilder | undefined;
    const { server } = await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsConfig(),
        catalogServiceMock.factory({ entities: entities() }),
        createBackendModule({
          pluginId: 'techdocs',
          moduleId: 'test-prebuilder',
          register(reg) {
            reg.registerInit({
              deps: {
                auth: coreServices.auth,
                discovery: coreServices.discovery,
                logger: coreServices.logger,
                catalog: catalogServiceRef,
              },
              async init(deps) {
                prebuilder = new TechDocsPrebuilder(deps);
              },
            });
          },
        }),
      ],
    });

    expect((await readGoodDocs(server)).status).toBe(404);

    const result = await prebuilder!.buildAll();

    expect(result.current).toEqual(['component:default/good-service']);
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
});

describe('techdocsModulePrebuild', () => {
  it('builds on its schedule when enabled', async () => {
    const { server } = await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsModulePrebuild,
        techdocsConfig({
          enabled: true,
          schedule: { frequency: { minutes: 10 }, timeout: { minutes: 5 } },
        }),
        catalogServiceMock.factory({ entities: entities() }),
      ],
    });

    // The test backend's scheduler runs every scheduled task once at startup.
    const docs = await readGoodDocs(server);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('built before anyone opened them');
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
