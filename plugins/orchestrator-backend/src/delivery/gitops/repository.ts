import type { ObjectStore } from './trees';

/**
 * The branch of a GitOps repository, as the delivery target sees it: an
 * object store to build commits in, the branch's head at the source of
 * truth, and a compare-and-swap move of that head.
 */
export interface GitOpsRepository extends ObjectStore {
  /** For errors and logs: never carries credentials. */
  readonly description: string;
  readonly branch: string;
  /** Makes sure the object store exists; called before anything else. */
  open(): Promise<void>;
  /** The branch's commit at the source of truth; undefined when the branch does not exist yet. */
  head(): Promise<string | undefined>;
  /** Moves the branch from `expected` to `commit`; false when it is no longer at `expected`. */
  update(expected: string | undefined, commit: string): Promise<boolean>;
  /**
   * Where the branch was when last seen, without asking the source of truth;
   * undefined when not known. Only worth having when `head()` is costly: a
   * commit built on it still lands only if `update` finds the branch there.
   */
  lastSeenHead?(): Promise<string | undefined>;
}

export interface Signature {
  name: string;
  email: string;
}

export function signature(author: Signature) {
  return {
    ...author,
    timestamp: Math.floor(Date.now() / 1000),
    timezoneOffset: 0,
  };
}
