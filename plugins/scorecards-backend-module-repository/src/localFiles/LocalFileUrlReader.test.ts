import { UrlReaderService } from '@backstage/backend-plugin-api';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { NotModifiedError } from '@backstage/errors';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { LocalFileUrlReader } from './LocalFileUrlReader';

const url = (path: string) => pathToFileURL(path).href;

function readerFor(localRoots: string[]): UrlReaderService {
  return UrlReaders.default({
    config: mockServices.rootConfig({
      data: { scorecards: { sources: { repository: { localRoots } } } },
    }),
    logger: mockServices.logger.mock(),
    factories: [LocalFileUrlReader.factory],
  });
}

describe('LocalFileUrlReader, through the URL reader stack', () => {
  const dir = createMockDirectory({
    content: {
      'outside-secret.txt': 'not for reading',
      outside: { 'notes.md': '# elsewhere' },
      root: {
        shop: {
          'README.md': '# Shop',
          src: { 'index.ts': 'export {};', 'index.test.ts': 'test();' },
          '.git': { HEAD: 'ref: refs/heads/main' },
          node_modules: { lib: { 'README.md': '# a dependency' } },
          'secret-link.txt': ctx => ctx.symlink('../../outside-secret.txt'),
          'readme-link.md': ctx => ctx.symlink('README.md'),
          'docs-link': ctx => ctx.symlink('../../outside'),
        },
      },
    },
  });
  const root = dir.resolve('root');
  const reader = readerFor([root]);

  it('without it, Backstage reads no file: URL at all', async () => {
    const plain = UrlReaders.default({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    });
    await expect(plain.readTree(url(dir.resolve('root/shop')))).rejects.toThrow(
      /not allowed/,
    );
  });

  it("lists a folder's files with /-separated relative paths, leaving out .git, node_modules and links out of the root", async () => {
    const tree = await reader.readTree(url(dir.resolve('root/shop')));
    const files = await tree.files();
    expect(files.map(file => file.path).sort()).toEqual([
      'README.md',
      'readme-link.md',
      'src/index.test.ts',
      'src/index.ts',
    ]);
    const readme = files.find(file => file.path === 'readme-link.md')!;
    expect((await readme.content()).toString()).toBe('# Shop');
    expect(tree.etag).toMatch(/^[0-9a-f]{64}$/);
  });

  it('applies the filter and answers an unchanged tree with NotModified', async () => {
    const shop = url(dir.resolve('root/shop'));
    const tree = await reader.readTree(shop, {
      filter: path => path.startsWith('src/'),
    });
    expect((await tree.files()).map(file => file.path).sort()).toEqual([
      'src/index.test.ts',
      'src/index.ts',
    ]);
    await expect(
      reader.readTree(shop, {
        etag: tree.etag,
        filter: path => path.startsWith('src/'),
      }),
    ).rejects.toThrow(NotModifiedError);
  });

  it('extracts a tree into a folder of its own', async () => {
    const tree = await reader.readTree(url(dir.resolve('root/shop/src')));
    const target = dir.resolve('copy');
    await tree.dir({ targetDir: target });
    await expect(
      readFile(dir.resolve('copy/index.test.ts'), 'utf8'),
    ).resolves.toBe('test();');
  });

  it('reads a single file, and answers NotModified for its etag', async () => {
    const readme = url(dir.resolve('root/shop/README.md'));
    const response = await reader.readUrl(readme);
    expect((await response.buffer()).toString()).toBe('# Shop');
    await expect(
      reader.readUrl(readme, { etag: response.etag }),
    ).rejects.toThrow(NotModifiedError);
  });

  it('searches with a glob', async () => {
    const found = await reader.search(
      `${url(dir.resolve('root/shop'))}/**/*.ts`,
    );
    expect(found.files.map(file => file.url).sort()).toEqual([
      url(dir.resolve('root/shop/src/index.test.ts')),
      url(dir.resolve('root/shop/src/index.ts')),
    ]);
    const none = await reader.search(
      `${url(dir.resolve('root/missing'))}/*.md`,
    );
    expect(none.files).toEqual([]);
  });

  it('refuses paths outside the roots the same way whether they exist or not', async () => {
    await expect(
      reader.readUrl(url(dir.resolve('outside-secret.txt'))),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /outside scorecards\.sources\.repository\.localRoots/,
      ),
    });
    await expect(
      reader.readUrl(url(dir.resolve('no-such-file.txt'))),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(
      reader.readTree(url(dir.resolve('root/shop/../../outside'))),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('refuses a path inside a root that a link leads out of', async () => {
    await expect(
      reader.readTree(url(dir.resolve('root/shop/docs-link'))),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(
      reader.readUrl(url(dir.resolve('root/shop/secret-link.txt'))),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('says when a path inside a root does not exist', async () => {
    await expect(
      reader.readTree(url(dir.resolve('root/gone'))),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(/root\/gone does not exist/),
    });
  });

  it('reads nothing when no roots are configured', async () => {
    await expect(
      readerFor([]).readTree(url(dir.resolve('root/shop'))),
    ).rejects.toThrow(/reading local files is off/);
  });
});
