import type {
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadTreeResponseDirOptions,
  UrlReaderServiceReadTreeResponseFile,
} from '@backstage/backend-plugin-api';
import type { ReadTreeResponseFactory } from '@backstage/backend-defaults/urlReader';
import { createReadStream, Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { Readable } from 'node:stream';

/** A file in a local tree: `path` relative to the tree, with `/` separators as readers report them. */
export interface LocalFile {
  path: string;
  absolute: string;
  size: number;
  lastModifiedAt: Date;
}

// Not part of what a hosted reader returns for a repository: git's own
// database, and installed dependencies a checkout may hold (huge, and full of
// other projects' READMEs and tests).
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/** Whether `path` is `root` or below it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return (
    rel === '' ||
    (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
  );
}

/**
 * Every file below `dir`. A symbolic link to a file inside `root` is listed
 * under its own name; links to folders are not followed (they could loop),
 * links leading out of `root` are left out.
 */
export async function listFiles(
  dir: string,
  root: string,
  signal?: AbortSignal,
): Promise<LocalFile[]> {
  const files: LocalFile[] = [];
  async function visit(folder: string, prefix: string) {
    signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      // A folder that cannot be listed is a gap in the tree, not a failed read.
      if ((error as NodeJS.ErrnoException).code === 'EACCES') return;
      throw error;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const absolute = join(folder, entry.name);
      const path = prefix ? posix.join(prefix, entry.name) : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await visit(absolute, path);
        continue;
      }
      const target = entry.isSymbolicLink()
        ? await realpath(absolute).catch(() => undefined)
        : absolute;
      if (!target || !isInside(root, target)) continue;
      const info = await stat(target).catch(() => undefined);
      if (info?.isFile()) {
        files.push({
          path,
          absolute: target,
          size: info.size,
          lastModifiedAt: info.mtime,
        });
      }
    }
  }
  await visit(dir, '');
  return files;
}

/** Opens the file only when first read, so a large tree does not hold every file open at once. */
function lazyStream(path: string): Readable {
  return Readable.from(
    (async function* read() {
      yield* createReadStream(path);
    })(),
  );
}

export class LocalTreeResponse implements UrlReaderServiceReadTreeResponse {
  constructor(
    private readonly entries: LocalFile[],
    readonly etag: string,
    private readonly treeResponseFactory: ReadTreeResponseFactory,
  ) {}

  async files(): Promise<UrlReaderServiceReadTreeResponseFile[]> {
    return this.entries.map(file => ({
      path: file.path,
      content: () => readFile(file.absolute),
      lastModifiedAt: file.lastModifiedAt,
    }));
  }

  async archive(): Promise<NodeJS.ReadableStream> {
    return (await this.copies()).archive();
  }

  async dir(
    options?: UrlReaderServiceReadTreeResponseDirOptions,
  ): Promise<string> {
    return (await this.copies()).dir(options);
  }

  // Backstage's own response writes archives and folders the way every reader does.
  private copies() {
    return this.treeResponseFactory.fromReadableArray(
      this.entries.map(file => ({
        path: file.path,
        data: lazyStream(file.absolute),
        lastModifiedAt: file.lastModifiedAt,
      })),
    );
  }
}
