import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { LocalFileUrlReader } from './localFiles/LocalFileUrlReader';
import {
  createRepositoryFactSource,
  factShownBy,
  REPOSITORY_FACTS,
} from './RepositoryFactSource';

/** A component the catalog read from `<folder>/catalog-info.yaml`, as from a file location. */
function componentIn(folder: string, name = 'checkout-service'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${folder}/catalog-info.yaml`,
      },
    },
    spec: {
      type: 'service',
      owner: 'group:storefront',
      lifecycle: 'production',
    },
  };
}

describe('factShownBy', () => {
  it.each([
    ['README.md', 'hasReadme'],
    ['readme', 'hasReadme'],
    ['README.en.rst', 'hasReadme'],
    ['docs/README.md', undefined],
    ['CODEOWNERS', 'hasCodeowners'],
    ['.github/CODEOWNERS', 'hasCodeowners'],
    ['docs/CODEOWNERS', 'hasCodeowners'],
    ['src/CODEOWNERS', undefined],
    ['.github/workflows/ci.yml', 'hasCiWorkflow'],
    ['.github/workflows/release.yaml', 'hasCiWorkflow'],
    ['.github/workflows/scripts/build.sh', undefined],
    ['.github/workflows/nested/ci.yml', undefined],
    ['.gitlab-ci.yml', 'hasCiWorkflow'],
    ['ci/.gitlab-ci.yml', undefined],
    ['src/cart.test.ts', 'hasTests'],
    ['web/Cart.spec.jsx', 'hasTests'],
    ['internal/cart_test.go', 'hasTests'],
    ['test/fixtures/cart.json', 'hasTests'],
    ['src/__tests__/cart.ts', 'hasTests'],
    ['tests/conftest.py', 'hasTests'],
    ['src/testing.ts', undefined],
    ['src/contest/cart.ts', undefined],
    ['src/test.ts', undefined],
  ])('%s shows %s', (path, fact) => {
    expect(factShownBy(path)).toBe(fact);
  });
});

describe('the repository fact source', () => {
  const dir = createMockDirectory({
    content: {
      complete: {
        'catalog-info.yaml': 'kind: Component',
        'README.md': '# Checkout',
        '.github': {
          CODEOWNERS: '* @northwind/storefront',
          workflows: { 'ci.yaml': 'on: push' },
        },
        src: {
          'checkout.ts': 'export {};',
          'checkout.test.ts': 'test();',
          'basket.test.ts': 'test();',
          'payment.test.ts': 'test();',
        },
      },
      gitlab: {
        'catalog-info.yaml': 'kind: Component',
        'readme.rst': 'Cart',
        docs: { CODEOWNERS: '* @cart' },
        '.gitlab-ci.yml': 'stages: [test]',
        tests: { 'test_cart.py': 'def test(): pass' },
      },
      bare: {
        'catalog-info.yaml': 'kind: Component',
        src: { 'main.go': 'package main' },
        docs: { 'README.md': '# not at the top' },
        '.github': { workflows: { 'notes.txt': 'no workflow here' } },
        node_modules: { lib: { 'README.md': '', 'lib.test.js': '' } },
      },
    },
  });

  const urlReader = UrlReaders.default({
    config: mockServices.rootConfig({
      data: {
        scorecards: { sources: { repository: { localRoots: [dir.path] } } },
      },
    }),
    logger: mockServices.logger.mock(),
    factories: [LocalFileUrlReader.factory],
  });
  const source = createRepositoryFactSource({ urlReader });

  it('declares the facts it collects, each with a type and a description', async () => {
    expect(source.id).toBe('repository');
    const facts = await source.collect(componentIn(dir.resolve('complete')));
    expect(Object.keys(facts).sort()).toEqual(
      Object.keys(REPOSITORY_FACTS).sort(),
    );
    for (const definition of Object.values(source.facts)) {
      expect(definition).toEqual({
        type: 'boolean',
        description: expect.stringMatching(/\w/),
      });
    }
  });

  it('finds everything in a GitHub-style repository', async () => {
    await expect(
      source.collect(componentIn(dir.resolve('complete'))),
    ).resolves.toEqual({
      hasReadme: true,
      hasCodeowners: true,
      hasCiWorkflow: true,
      hasTests: true,
    });
  });

  it('finds everything in a GitLab-style one', async () => {
    await expect(
      source.collect(componentIn(dir.resolve('gitlab'))),
    ).resolves.toEqual({
      hasReadme: true,
      hasCodeowners: true,
      hasCiWorkflow: true,
      hasTests: true,
    });
  });

  it('finds nothing where nothing counts', async () => {
    await expect(
      source.collect(componentIn(dir.resolve('bare'))),
    ).resolves.toEqual({
      hasReadme: false,
      hasCodeowners: false,
      hasCiWorkflow: false,
      hasTests: false,
    });
  });

  it('reads a written url: source location through the same reader', async () => {
    const entity = componentIn('/nowhere');
    entity.metadata.annotations![
      'backstage.io/source-location'
    ] = `url:file://${dir.resolve('gitlab')}/`;
    await expect(source.collect(entity)).resolves.toMatchObject({
      hasReadme: true,
    });
  });

  it('lets the reader keep one file per fact, however many tests there are', async () => {
    const kept: string[] = [];
    const recording: UrlReaderService = {
      ...urlReader,
      readTree: async (url, options) => {
        const tree = await urlReader.readTree(url, options);
        const files = await tree.files();
        kept.push(...files.map(file => file.path));
        return { ...tree, files: async () => files };
      },
    };
    await createRepositoryFactSource({ urlReader: recording }).collect(
      componentIn(dir.resolve('complete')),
    );
    expect(kept).toHaveLength(4);
    expect(kept.filter(path => factShownBy(path) === 'hasTests')).toHaveLength(
      1,
    );
  });

  it('throws, naming the entity and the URL, when the repository cannot be read', async () => {
    await expect(
      source.collect(componentIn(dir.resolve('deleted'), 'cart-service')),
    ).rejects.toThrow(
      /repository of component:default\/cart-service at file:.*\/deleted\/.*does not exist/,
    );
    const hosted = componentIn('/nowhere');
    hosted.metadata.annotations!['backstage.io/source-location'] =
      'url:https://git.northwind.example/shop/cart/';
    await expect(source.collect(hosted)).rejects.toThrow(
      /git\.northwind\.example.*not allowed/,
    );
  });

  it('throws when the entity has no source location at all', async () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'cart-service', namespace: 'default' },
      spec: { type: 'service' },
    };
    await expect(source.collect(entity)).rejects.toThrow(
      /no backstage\.io\/source-location annotation/,
    );
  });
});
