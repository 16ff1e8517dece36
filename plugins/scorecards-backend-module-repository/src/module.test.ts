import {
  coreServices,
  createBackendPlugin,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  FactSource,
  scorecardsFactSourcesExtensionPoint,
} from '@paved/plugin-scorecards-node';
import { pathToFileURL } from 'node:url';
import scorecardsModuleRepository from './index';

/** Stands in for the scorecards backend: keeps the sources modules add. */
function scorecardsPluginKeeping(sources: FactSource[]) {
  return createBackendPlugin({
    pluginId: 'scorecards',
    register(reg) {
      reg.registerExtensionPoint(scorecardsFactSourcesExtensionPoint, {
        addFactSource: (...added) => sources.push(...added),
      });
      reg.registerInit({ deps: {}, async init() {} });
    },
  });
}

/** Any other plugin, to see what its URL reader can read. */
function otherPluginKeeping(readers: UrlReaderService[]) {
  return createBackendPlugin({
    pluginId: 'catalog',
    register(reg) {
      reg.registerInit({
        deps: { urlReader: coreServices.urlReader },
        async init({ urlReader }) {
          readers.push(urlReader);
        },
      });
    },
  });
}

describe('the repository module', () => {
  const dir = createMockDirectory({
    content: {
      'order-service': {
        'catalog-info.yaml': 'kind: Component',
        'README.md': '# Orders',
        test: { 'orders.test.ts': 'test();' },
      },
    },
  });

  it('adds a repository source that reads local files, and the file reader only for scorecards', async () => {
    const sources: FactSource[] = [];
    const readers: UrlReaderService[] = [];
    const backend = await startTestBackend({
      features: [
        scorecardsPluginKeeping(sources),
        otherPluginKeeping(readers),
        scorecardsModuleRepository,
        mockServices.rootConfig.factory({
          data: {
            scorecards: {
              sources: { repository: { localRoots: [dir.path] } },
            },
          },
        }),
      ],
    });
    try {
      expect(sources.map(source => source.id)).toEqual(['repository']);
      const facts = await sources[0].collect({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'order-service',
          namespace: 'default',
          annotations: {
            'backstage.io/managed-by-location': `file:${dir.resolve(
              'order-service/catalog-info.yaml',
            )}`,
          },
        },
        spec: { type: 'service' },
      });
      expect(facts).toEqual({
        hasReadme: true,
        hasCodeowners: false,
        hasCiWorkflow: false,
        hasTests: true,
      });
      await expect(
        readers[0].readTree(pathToFileURL(dir.resolve('order-service')).href),
      ).rejects.toThrow(/not allowed/);
    } finally {
      await backend.stop();
    }
  });
});
