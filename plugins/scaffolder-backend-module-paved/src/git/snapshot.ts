import fs from 'node:fs';
import {
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import git, { type TreeEntry } from 'isomorphic-git';
import { ConflictError } from '@backstage/errors';

/** A file to publish, by slash-separated path relative to the source folder. */
export interface SourceFile {
  path: string;
  content: Buffer;
  mode: '100644' | '100755' | '120000';
}

export interface Author {
  name: string;
  email: string;
}

export const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Every file below a folder, without `.git` (a template's own repository
 * metadata is not content). Symlinks are kept as links, as git keeps them:
 * their target is data, never followed.
 */
export async function readSourceFiles(folder: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const visit = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = join(dir, entry.name);
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        await visit(full, `${path}/`);
      } else if (entry.isSymbolicLink()) {
        files.push({
          path,
          content: Buffer.from(await readlink(full)),
          mode: '120000',
        });
      } else if (entry.isFile()) {
        const executable = ((await lstat(full)).mode & 0o111) !== 0;
        files.push({
          path,
          content: await readFile(full),
          mode: executable ? '100755' : '100644',
        });
      }
    }
  };
  await visit(folder, '');
  return files;
}

/** Writes blobs and trees for the files into a repository; returns the root tree. */
export async function writeTree(
  gitdir: string,
  files: SourceFile[],
): Promise<string> {
  const cache = {};
  type Folder = { files: TreeEntry[]; folders: Map<string, Folder> };
  const root: Folder = { files: [], folders: new Map() };
  for (const file of files) {
    const segments = file.path.split('/');
    const name = segments.pop()!;
    let folder = root;
    for (const segment of segments) {
      let next = folder.folders.get(segment);
      if (!next) {
        next = { files: [], folders: new Map() };
        folder.folders.set(segment, next);
      }
      folder = next;
    }
    const oid = await git.writeBlob({ fs, gitdir, blob: file.content });
    folder.files.push({ mode: file.mode, path: name, oid, type: 'blob' });
  }
  const write = async (folder: Folder): Promise<string> => {
    const entries: TreeEntry[] = [...folder.files];
    for (const [name, child] of folder.folders) {
      entries.push({
        mode: '040000',
        path: name,
        oid: await write(child),
        type: 'tree',
      });
    }
    return git.writeTree({ fs, gitdir, tree: entries, cache } as Parameters<
      typeof git.writeTree
    >[0]);
  };
  return write(root);
}

export async function writeInitialCommit(
  gitdir: string,
  files: SourceFile[],
  message: string,
  author: Author,
): Promise<string> {
  const tree = await writeTree(gitdir, files);
  const signature = {
    ...author,
    timestamp: Math.floor(Date.now() / 1000),
    timezoneOffset: 0,
  };
  return git.writeCommit({
    fs,
    gitdir,
    commit: {
      message: message.endsWith('\n') ? message : `${message}\n`,
      tree,
      parent: [],
      author: signature,
      committer: signature,
    },
  });
}

/** Branches and tags: a repository with any has history we must not touch. */
export async function existingRefs(gitdir: string): Promise<string[]> {
  const [branches, tags] = await Promise.all([
    git.listBranches({ fs, gitdir }),
    git.listTags({ fs, gitdir }),
  ]);
  // A ref being written (ours included) shows up as a ".lock" file.
  return [...branches, ...tags].filter(ref => !ref.endsWith('.lock'));
}

/** True when the folder looks like a bare repository (HEAD and objects, no .git). */
export async function isBareRepository(gitdir: string): Promise<boolean> {
  return (
    (await exists(join(gitdir, 'HEAD'))) &&
    (await exists(join(gitdir, 'objects'))) &&
    !(await exists(join(gitdir, '.git')))
  );
}

/** What `git init --bare` writes: isomorphic-git's init adds working-copy settings. */
export async function initBare(gitdir: string, branch: string): Promise<void> {
  for (const folder of [
    'objects/info',
    'objects/pack',
    'refs/heads',
    'refs/tags',
  ]) {
    await mkdir(join(gitdir, folder), { recursive: true });
  }
  await writeFile(
    join(gitdir, 'config'),
    '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n',
  );
  await writeFile(join(gitdir, 'HEAD'), `ref: refs/heads/${branch}\n`);
}

/**
 * Points a branch that must not exist yet at a commit, the way git moves refs:
 * a lock file created exclusively, so a concurrent publish (or a git push)
 * into the same repository makes one of them fail instead of both "winning".
 */
export async function createBranch(
  gitdir: string,
  branch: string,
  commit: string,
): Promise<void> {
  const ref = join(gitdir, 'refs', 'heads', ...branch.split('/'));
  await mkdir(dirname(ref), { recursive: true });
  const lock = `${ref}.lock`;
  let handle;
  try {
    handle = await open(lock, 'wx');
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') {
      throw new ConflictError(`${gitdir} is being written by someone else`);
    }
    throw error;
  }
  try {
    if ((await existingRefs(gitdir)).length > 0) {
      throw new ConflictError(`${gitdir} got commits while publishing`);
    }
    await handle.writeFile(`${commit}\n`);
    await handle.close();
    handle = undefined;
    await rename(lock, ref);
    await writeFile(join(gitdir, 'HEAD'), `ref: refs/heads/${branch}\n`);
  } finally {
    await handle?.close();
    await rm(lock, { force: true });
  }
}

/** Writes the files to a folder, replacing it whole (built aside, then renamed). */
export async function writeCopy(
  folder: string,
  files: SourceFile[],
): Promise<void> {
  const staging = `${folder}.${process.pid}.${Date.now()}.tmp`;
  try {
    for (const file of files) {
      // Links stay in the repository only: the copy is for the catalog to
      // read descriptor files, and a link could lead it outside the root.
      if (file.mode === '120000') continue;
      const target = join(staging, ...file.path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content, {
        mode: file.mode === '100755' ? 0o755 : 0o644,
      });
    }
    await mkdir(staging, { recursive: true });
    await rm(folder, { recursive: true, force: true });
    await mkdir(dirname(folder), { recursive: true });
    await rename(staging, folder);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
