import fs from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import type { GitOpsAuth } from './config';
import type { GitOpsRepository } from './repository';
import { Redactor } from './redact';

const NO_COMMIT = '0000000000000000000000000000000000000000';

interface GitError {
  code?: string;
  message?: string;
  data?: { prettyDetails?: string };
}

/**
 * A remote reached over smart HTTP. Commits are built in a bare cache
 * repository of its own under the working directory, which only ever
 * fetches the branch and pushes to it, so later fetches are incremental.
 */
export class HttpRepository implements GitOpsRepository {
  readonly cache = {};
  readonly description: string;
  private readonly redactor: Redactor;
  private readonly headers: Record<string, string> = {};

  constructor(
    private readonly url: string,
    readonly branch: string,
    readonly gitdir: string,
    auth?: GitOpsAuth,
  ) {
    this.redactor = Redactor.forUrl(url, [auth?.token]);
    this.description = this.redactor.text(url);
    if (auth) {
      // Sent up front: waiting for the 401 would cost a round trip per request.
      const basic = Buffer.from(`${auth.username}:${auth.token}`);
      this.headers.Authorization = `Basic ${basic.toString('base64')}`;
    }
  }

  async open(): Promise<void> {
    if (await stat(join(this.gitdir, 'config')).catch(() => undefined)) return;
    for (const folder of ['objects/info', 'objects/pack', 'refs/heads']) {
      await mkdir(join(this.gitdir, folder), { recursive: true });
    }
    await writeFile(
      join(this.gitdir, 'HEAD'),
      `ref: refs/heads/${this.branch}\n`,
    );
    await writeFile(
      join(this.gitdir, 'config'),
      '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n' +
        // No URL: it may carry credentials, and every call passes it anyway.
        '[remote "origin"]\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n',
    );
  }

  private get remoteOptions() {
    return {
      fs,
      http,
      gitdir: this.gitdir,
      cache: this.cache,
      url: this.url,
      remote: 'origin',
      // isomorphic-git adds to the headers it is given: a copy each time.
      headers: { ...this.headers },
    };
  }

  async head(): Promise<string | undefined> {
    try {
      const { fetchHead } = await git.fetch({
        ...this.remoteOptions,
        // The tracking ref is what we tell the remote we already have.
        ref: `refs/remotes/origin/${this.branch}`,
        remoteRef: `refs/heads/${this.branch}`,
        singleBranch: true,
        tags: false,
      });
      return fetchHead ?? undefined;
    } catch (error) {
      // A remote without the branch (or without any commit) gets it with the first push.
      if ((error as GitError).code === 'NotFoundError') return undefined;
      throw this.failure('fetch', error);
    }
  }

  async lastSeenHead(): Promise<string | undefined> {
    // Moved by every fetch and by every push of ours that lands.
    return git
      .resolveRef({
        fs,
        gitdir: this.gitdir,
        ref: `refs/remotes/origin/${this.branch}`,
      })
      .catch(() => undefined);
  }

  async update(expected: string | undefined, commit: string): Promise<boolean> {
    const ref = `refs/heads/${this.branch}`;
    await git.writeRef({
      fs,
      gitdir: this.gitdir,
      ref,
      value: commit,
      force: true,
    });
    try {
      await git.push({
        ...this.remoteOptions,
        ref,
        remoteRef: ref,
        // The remote tells where the branch is before we send anything: when
        // it moved since the fetch, rebasing beats uploading a doomed pack.
        onPrePush: ({ remoteRef }) => remoteRef.oid === (expected ?? NO_COMMIT),
      });
      return true;
    } catch (error) {
      const { code } = error as GitError;
      if (code === 'UserCanceledError' || code === 'PushRejectedError') {
        return false;
      }
      if (code === 'GitPushError') {
        // The server refused after all: a race in the last milliseconds is
        // worth a rebase; a hook or branch protection is not.
        if ((await this.head()) !== expected) return false;
        throw this.failure('push to', error);
      }
      throw this.failure('push to', error);
    }
  }

  /** An error that names the branch and remote, with every credential taken out. */
  private failure(action: string, error: unknown): Error {
    const { message, data } = error as GitError;
    const detail = data?.prettyDetails ?? message ?? String(error);
    return new Error(
      this.redactor.text(
        `Could not ${action} branch "${this.branch}" of ${this.url}: ${detail}`,
      ),
    );
  }
}
