import fs from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';
import { ConflictError, InputError } from '@backstage/errors';
import { GitOpsRepository, Signature, signature } from './repository';
import { emptyTree } from './trees';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

const LOCK_WAIT_MS = 2000;
const LOCK_POLL_MS = 20;

/**
 * A bare repository on this machine, written in place: objects go straight
 * into it and the branch moves the way git itself moves refs (a `.lock` file
 * created exclusively, checked, renamed over the ref), so git processes and
 * other backends sharing the repository never lose an update.
 */
export class LocalRepository implements GitOpsRepository {
  readonly cache = {};

  constructor(
    readonly gitdir: string,
    readonly branch: string,
    /** When set, a missing repository is created with an initial empty commit by this author. */
    private readonly create?: Signature,
  ) {}

  get description(): string {
    return this.gitdir;
  }

  async open(): Promise<void> {
    if (await exists(join(this.gitdir, '.git'))) {
      // Moving the checked-out branch of a working copy would leave its files stale.
      throw new InputError(
        `The GitOps repository ${this.gitdir} is a working copy; use a bare repository (git init --bare)`,
      );
    }
    if (
      (await exists(join(this.gitdir, 'HEAD'))) &&
      (await exists(join(this.gitdir, 'objects')))
    ) {
      return;
    }
    if (!this.create) {
      throw new InputError(
        `The GitOps repository ${this.gitdir} does not exist or is not a bare git repository`,
      );
    }
    await this.initialise(this.create);
  }

  private async initialise(author: Signature): Promise<void> {
    // Built aside and renamed into place, so a crash never leaves half a repository.
    const staging = `${this.gitdir}.${process.pid}.${Date.now()}.tmp`;
    try {
      for (const folder of ['objects/info', 'objects/pack', 'refs/tags']) {
        await mkdir(join(staging, folder), { recursive: true });
      }
      await mkdir(dirname(this.refPath(staging)), { recursive: true });
      // What `git init --bare` writes; isomorphic-git's own init adds
      // settings (ignorecase, no symlinks) meant for working copies.
      await writeFile(
        join(staging, 'config'),
        '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n',
      );
      await writeFile(
        join(staging, 'HEAD'),
        `ref: refs/heads/${this.branch}\n`,
      );
      const store = { gitdir: staging, cache: {} };
      const commit = await git.writeCommit({
        fs,
        gitdir: staging,
        commit: {
          message: 'Initialise the GitOps repository\n',
          tree: await emptyTree(store),
          parent: [],
          author: signature(author),
          committer: signature(author),
        },
      });
      await writeFile(this.refPath(staging), `${commit}\n`);
      await rename(staging, this.gitdir);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      // Another backend process created it first: theirs is as good as ours.
      if (await exists(join(this.gitdir, 'HEAD'))) return;
      throw error;
    }
  }

  private refPath(gitdir = this.gitdir): string {
    return join(gitdir, 'refs', 'heads', ...this.branch.split('/'));
  }

  async head(): Promise<string | undefined> {
    try {
      return await git.resolveRef({
        fs,
        gitdir: this.gitdir,
        ref: `refs/heads/${this.branch}`,
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'NotFoundError') {
        return undefined;
      }
      throw error;
    }
  }

  async update(expected: string | undefined, commit: string): Promise<boolean> {
    const ref = this.refPath();
    const lock = `${ref}.lock`;
    await mkdir(dirname(ref), { recursive: true });
    const handle = await this.acquire(lock);
    let locked = true;
    try {
      if ((await this.head()) !== expected) return false;
      await handle.writeFile(`${commit}\n`);
      await handle.close();
      await rename(lock, ref);
      locked = false;
      return true;
    } finally {
      if (locked) {
        await handle.close().catch(() => undefined);
        await rm(lock, { force: true });
      }
    }
  }

  private async acquire(lock: string) {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        return await open(lock, 'wx');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // git holds such locks for milliseconds; one older than the wait is left by a crash.
        if (Date.now() > deadline) {
          throw new ConflictError(
            `The branch "${this.branch}" of ${this.gitdir} is locked by ${lock}; if no git process is running, delete that file`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, LOCK_POLL_MS));
      }
    }
  }
}
