import fs from 'node:fs';
import git from 'isomorphic-git';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { DeliveredObject } from '@paved/plugin-orchestrator-node';
import { GitOpsRepository, Signature, signature } from './repository';
import { inQueue } from './queue';
import {
  emptyTree,
  FileEntry,
  findTree,
  listFiles,
  replaceTree,
  writeFiles,
} from './trees';

/** What a folder is to hold, given what it holds now, and how each file fares. */
export type FolderChange = (existing: Map<string, FileEntry>) => Promise<{
  files: Map<string, FileEntry>;
  objects: DeliveredObject[];
}>;

/** One folder of a commit: its path's components and its change. */
export interface FolderUpdate {
  folder: string[];
  change: FolderChange;
}

export interface Outcome {
  /** The new commit, or the branch's head when nothing changed (undefined without a branch). */
  commit: string | undefined;
  changed: boolean;
  objects: DeliveredObject[];
}

export interface FolderCommitterOptions {
  repository: GitOpsRepository;
  author: Signature;
  logger: LoggerService;
  maxAttempts: number;
  beforeUpdate?: (attempt: number) => Promise<void> | void;
}

/**
 * Replaces folders of a repository's branch in one commit (a workload's, and
 * the cluster's shared policies), rebasing when the branch moves underneath:
 * the folders are recomputed on the new head (other folders come from that
 * head, ours from the changes) and the commit tried again, a bounded number
 * of times.
 */
export class FolderCommitter {
  private opened?: Promise<void>;

  constructor(private readonly options: FolderCommitterOptions) {}

  async commit(
    updates: FolderUpdate[],
    message: string,
    signal: AbortSignal | undefined,
  ): Promise<Outcome> {
    const { repository, maxAttempts, beforeUpdate, logger } = this.options;
    const where = updates[0].folder.join('/');
    return inQueue(repository.gitdir, async () => {
      await this.open();
      // Attempt 0 builds on the head last seen, which saves a fetch whenever
      // nobody else wrote since; it does not count against the attempts.
      const guess = await repository.lastSeenHead?.();
      for (
        let attempt = guess === undefined ? 1 : 0;
        attempt <= maxAttempts;
        attempt++
      ) {
        signal?.throwIfAborted();
        const head = attempt === 0 ? guess : await repository.head();
        const { commit, objects } = await this.build(head, updates, message);
        if (!commit) {
          // Only the source of truth can tell that the folder is already right.
          if (attempt > 0) return { commit: head, changed: false, objects };
          continue;
        }
        signal?.throwIfAborted();
        await beforeUpdate?.(attempt);
        if (await repository.update(head, commit)) {
          return { commit, changed: true, objects };
        }
        if (attempt > 0) {
          logger.info(
            `GitOps: branch "${repository.branch}" of ${repository.description} moved while committing to ${where}; rebuilding on its new head (attempt ${attempt} of ${maxAttempts})`,
          );
        }
      }
      throw new ConflictError(
        `Could not commit to ${where}: branch "${repository.branch}" of ${repository.description} moved on each of ${maxAttempts} attempts; try again`,
      );
    });
  }

  /** The commit on `head` that gives the folders their new content; none when no folder would change. */
  private async build(
    head: string | undefined,
    updates: FolderUpdate[],
    message: string,
  ): Promise<{ commit?: string; objects: DeliveredObject[] }> {
    const { repository, author } = this.options;
    const root = head
      ? (
          await git.readCommit({
            fs,
            gitdir: repository.gitdir,
            cache: repository.cache,
            oid: head,
          })
        ).commit.tree
      : undefined;
    let tree = root;
    const objects: DeliveredObject[] = [];
    for (const { folder, change } of updates) {
      const current = await findTree(repository, tree, folder);
      const changed = await change(await listFiles(repository, current));
      objects.push(...changed.objects);
      const next = await writeFiles(repository, changed.files);
      if (next !== current) {
        tree = await replaceTree(repository, tree, folder, next);
      }
    }
    if (tree === root) return { objects };
    tree ??= await emptyTree(repository);
    const commit = await git.writeCommit({
      fs,
      gitdir: repository.gitdir,
      commit: {
        message,
        tree,
        parent: head ? [head] : [],
        author: signature(author),
        committer: signature(author),
      },
    });
    return { commit, objects };
  }

  private open(): Promise<void> {
    // Opened once; a failure (say, a missing repository) is retried by the next delivery.
    this.opened ??= this.options.repository.open().catch(error => {
      this.opened = undefined;
      throw error;
    });
    return this.opened;
  }
}
