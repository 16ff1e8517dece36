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

/** What the workload's folder is to hold, given what it holds now, and how each file fares. */
export type FolderChange = (existing: Map<string, FileEntry>) => Promise<{
  files: Map<string, FileEntry>;
  objects: DeliveredObject[];
}>;

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
 * Replaces one folder of a repository's branch in one commit, rebasing when
 * the branch moves underneath: the folder is recomputed on the new head
 * (other folders come from that head, ours from the change) and the commit
 * tried again, a bounded number of times.
 */
export class FolderCommitter {
  private opened?: Promise<void>;

  constructor(private readonly options: FolderCommitterOptions) {}

  async commit(
    folder: string[],
    message: string,
    signal: AbortSignal | undefined,
    change: FolderChange,
  ): Promise<Outcome> {
    const { repository, maxAttempts, beforeUpdate, logger } = this.options;
    const where = folder.join('/');
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
        const { commit, objects } = await this.build(
          head,
          folder,
          message,
          change,
        );
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

  /** The commit on `head` that gives the folder its new content; none when the folder would not change. */
  private async build(
    head: string | undefined,
    folder: string[],
    message: string,
    change: FolderChange,
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
    const current = await findTree(repository, root, folder);
    const { files, objects } = await change(
      await listFiles(repository, current),
    );
    const next = await writeFiles(repository, files);
    if (next === current) return { objects };
    const tree =
      (await replaceTree(repository, root, folder, next)) ??
      (await emptyTree(repository));
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
