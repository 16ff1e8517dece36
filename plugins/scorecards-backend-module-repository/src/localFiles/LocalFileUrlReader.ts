import type {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchOptions,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import {
  ReadTreeResponseFactory,
  ReadUrlResponseFactory,
  ReaderFactory,
} from '@backstage/backend-defaults/urlReader';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, matchesGlob, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LOCAL_ROOTS_KEY, readLocalRoots } from '../config';
import { isInside, listFiles, LocalFile, LocalTreeResponse } from './LocalTree';

const GLOB_CHARACTERS = /[*?[\]{}]/;

function etagOf(files: LocalFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(
      `${file.path}\0${file.size}\0${file.lastModifiedAt.getTime()}\n`,
    );
  }
  return hash.digest('hex');
}

function pathOf(url: string): string {
  try {
    return fileURLToPath(new URL(url));
  } catch (error) {
    throw new InputError(`${url} is not a local file URL: ${error}`);
  }
}

/**
 * Reads `file:` URLs, which none of Backstage's readers do, so that entities
 * the catalog read from local files (the demo organisation, the golden paths'
 * local checkouts) have repositories to look at. Only below the configured
 * roots, and a symbolic link counts where it points, not where it is.
 */
export class LocalFileUrlReader implements UrlReaderService {
  static factory: ReaderFactory = ({ config, treeResponseFactory }) => [
    {
      predicate: url => url.protocol === 'file:',
      reader: new LocalFileUrlReader(
        readLocalRoots(config),
        treeResponseFactory,
      ),
    },
  ];

  constructor(
    private readonly roots: string[],
    private readonly treeResponseFactory: ReadTreeResponseFactory,
  ) {}

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const { path } = await this.resolve(url);
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(`${url} is a folder, not a file`);
    const etag = `${info.size}-${info.mtimeMs}`;
    if (
      options?.etag === etag ||
      (options?.lastModifiedAfter && info.mtime <= options.lastModifiedAfter)
    ) {
      throw new NotModifiedError();
    }
    return ReadUrlResponseFactory.fromReadable(createReadStream(path), {
      etag,
      lastModifiedAt: info.mtime,
    });
  }

  async readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<UrlReaderServiceReadTreeResponse> {
    const { path, root } = await this.resolve(url);
    if (!(await stat(path)).isDirectory()) {
      throw new InputError(`${url} is a file, not a folder`);
    }
    const files = (await listFiles(path, root, options?.signal)).filter(
      file =>
        !options?.filter || options.filter(file.path, { size: file.size }),
    );
    const etag = etagOf(files);
    if (options?.etag === etag) throw new NotModifiedError();
    return new LocalTreeResponse(files, etag, this.treeResponseFactory);
  }

  async search(
    url: string,
    options?: UrlReaderServiceSearchOptions,
  ): Promise<UrlReaderServiceSearchResponse> {
    const pattern = pathOf(url);
    const segments = pattern.split(sep);
    const firstGlob = segments.findIndex(s => GLOB_CHARACTERS.test(s));
    const base =
      firstGlob < 0 ? pattern : segments.slice(0, firstGlob).join(sep) || sep;
    let files: LocalFile[];
    try {
      const { path, root } = await this.resolve(pathToFileURL(base).href);
      const info = await stat(path);
      files = info.isDirectory()
        ? (await listFiles(path, root, options?.signal)).filter(file =>
            matchesGlob(join(base, file.path), pattern),
          )
        : [
            {
              path: '',
              absolute: path,
              size: info.size,
              lastModifiedAt: info.mtime,
            },
          ];
    } catch (error) {
      // Like the hosted readers: a search that matches nothing finds nothing.
      if (error instanceof NotFoundError) return { files: [], etag: '' };
      throw error;
    }
    const etag = etagOf(files);
    if (options?.etag === etag) throw new NotModifiedError();
    return {
      etag,
      files: files.map(file => ({
        url: pathToFileURL(join(base, file.path)).href,
        content: () => readFile(file.absolute),
        lastModifiedAt: file.lastModifiedAt,
      })),
    };
  }

  toString() {
    return `file{roots=${this.roots.join(',')}}`;
  }

  /**
   * The real path `url` names and the root it lies in. A path outside every
   * root is refused before the disk is asked anything about it, so the
   * answer never says whether it exists.
   */
  private async resolve(url: string): Promise<{ path: string; root: string }> {
    const path = pathOf(url);
    const roots = await Promise.all(
      this.roots.map(async root => ({
        root,
        real: await realpath(root).catch(() => undefined),
      })),
    );
    const refused = () =>
      new NotAllowedError(
        this.roots.length === 0
          ? `Cannot read ${url}: reading local files is off (${LOCAL_ROOTS_KEY} is empty)`
          : `Cannot read ${url}: it is outside ${LOCAL_ROOTS_KEY} (${this.roots.join(
              ', ',
            )})`,
      );
    if (
      !roots.some(
        r => isInside(r.root, path) || (r.real && isInside(r.real, path)),
      )
    ) {
      throw refused();
    }
    let real: string;
    try {
      real = await realpath(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`${url} does not exist`);
      }
      throw error;
    }
    const home = roots.find(r => r.real && isInside(r.real, real));
    if (!home?.real) throw refused();
    return { path: real, root: home.real };
  }
}
