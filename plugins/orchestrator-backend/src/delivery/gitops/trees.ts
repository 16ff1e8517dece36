import fs from 'node:fs';
import git, { type TreeEntry } from 'isomorphic-git';
import { ConflictError, InputError } from '@backstage/errors';

/** Where objects are read and written, and isomorphic-git's pack cache for it. */
export interface ObjectStore {
  gitdir: string;
  cache: object;
}

/** A file in a tree: its blob and mode, by path relative to the tree. */
export interface FileEntry {
  oid: string;
  mode: string;
}

const FILE_MODE = '100644';
const TREE_MODE = '040000';

async function readEntries(
  store: ObjectStore,
  oid: string,
): Promise<TreeEntry[]> {
  const { tree } = await git.readTree({
    fs,
    gitdir: store.gitdir,
    cache: store.cache,
    oid,
  });
  return tree;
}

/** The tree at `segments` below `root`, undefined when there is none. */
export async function findTree(
  store: ObjectStore,
  root: string | undefined,
  segments: string[],
): Promise<string | undefined> {
  let current = root;
  for (const segment of segments) {
    if (!current) return undefined;
    const entry = (await readEntries(store, current)).find(
      e => e.path === segment,
    );
    current = entry?.type === 'tree' ? entry.oid : undefined;
  }
  return current;
}

/** Every file below a tree, by slash-separated path. */
export async function listFiles(
  store: ObjectStore,
  tree: string | undefined,
): Promise<Map<string, FileEntry>> {
  const files = new Map<string, FileEntry>();
  const visit = async (oid: string, prefix: string): Promise<void> => {
    const entries = await readEntries(store, oid);
    await Promise.all(
      entries.map(async entry => {
        const path = `${prefix}${entry.path}`;
        if (entry.type === 'tree') {
          await visit(entry.oid, `${path}/`);
        } else {
          files.set(path, { oid: entry.oid, mode: entry.mode });
        }
      }),
    );
  };
  if (tree) await visit(tree, '');
  return files;
}

interface Folder {
  files: Map<string, FileEntry>;
  folders: Map<string, Folder>;
}

/** Writes the trees for a set of files; undefined for no files, since git has no empty folders. */
export async function writeFiles(
  store: ObjectStore,
  files: Map<string, FileEntry>,
): Promise<string | undefined> {
  const root: Folder = { files: new Map(), folders: new Map() };
  for (const [path, entry] of files) {
    const segments = path.split('/');
    const name = segments.pop()!;
    let folder = root;
    for (const segment of segments) {
      if (folder.files.has(segment)) throw pathClash(path);
      let child = folder.folders.get(segment);
      if (!child) {
        child = { files: new Map(), folders: new Map() };
        folder.folders.set(segment, child);
      }
      folder = child;
    }
    if (folder.folders.has(name) || folder.files.has(name)) {
      throw pathClash(path);
    }
    folder.files.set(name, entry);
  }
  if (root.files.size === 0 && root.folders.size === 0) return undefined;
  return writeFolder(store, root);
}

function pathClash(path: string): InputError {
  return new InputError(
    `The plan has "${path}" twice, or both as a file and as a folder`,
  );
}

async function writeFolder(
  store: ObjectStore,
  folder: Folder,
): Promise<string> {
  const subtrees = await Promise.all(
    [...folder.folders].map(
      async ([path, child]): Promise<TreeEntry> => ({
        path,
        mode: TREE_MODE,
        type: 'tree',
        oid: await writeFolder(store, child),
      }),
    ),
  );
  const tree: TreeEntry[] = [
    ...[...folder.files].map(
      ([path, { oid, mode }]): TreeEntry => ({
        path,
        mode,
        oid,
        type: mode === '160000' ? 'commit' : 'blob',
      }),
    ),
    ...subtrees,
  ];
  return git.writeTree({ fs, gitdir: store.gitdir, tree });
}

/**
 * A copy of `root` in which the folder at `segments` is `folder` (or gone,
 * when undefined); folders left empty are dropped. Nothing else changes, so
 * other environments and workloads keep their exact tree ids.
 */
export async function replaceTree(
  store: ObjectStore,
  root: string | undefined,
  segments: string[],
  folder: string | undefined,
): Promise<string | undefined> {
  const [name, ...rest] = segments;
  const entries = root ? await readEntries(store, root) : [];
  const existing = entries.find(e => e.path === name);
  if (existing && existing.type !== 'tree') {
    throw new ConflictError(
      `The GitOps repository has a file "${name}" where the folder for the workload belongs`,
    );
  }
  const replacement = rest.length
    ? await replaceTree(store, existing?.oid, rest, folder)
    : folder;
  if (replacement === existing?.oid) return root;
  const tree = entries.filter(e => e.path !== name);
  if (replacement) {
    tree.push({ path: name, mode: TREE_MODE, type: 'tree', oid: replacement });
  }
  if (tree.length === 0) return undefined;
  return git.writeTree({ fs, gitdir: store.gitdir, tree });
}

/** The blob id a text would have, without writing it. */
export async function blobId(content: string): Promise<string> {
  const { oid } = await git.hashBlob({ object: Buffer.from(content, 'utf8') });
  return oid;
}

export async function writeBlob(
  store: ObjectStore,
  content: string,
): Promise<string> {
  return git.writeBlob({
    fs,
    gitdir: store.gitdir,
    blob: Buffer.from(content, 'utf8'),
  });
}

export { FILE_MODE };

/** The tree every commit needs even when it holds nothing. */
export async function emptyTree(store: ObjectStore): Promise<string> {
  return git.writeTree({ fs, gitdir: store.gitdir, tree: [] });
}
