import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { Environment } from '@paved/plugin-orchestrator-common';
import type {
  DeliveredObject,
  DeliveryRequest,
  DeliveryResult,
  DeliveryTarget,
  RemovalRequest,
} from '@paved/plugin-orchestrator-node';
import {
  DEFAULT_AUTHOR,
  DEFAULT_BRANCH,
  DEFAULT_POLICIES_PATH,
  GitOpsAuth,
  GitOpsRepositoryLocation,
  parseBranch,
  readGitOpsConfig,
} from './config';
import { FolderCommitter, Outcome } from './FolderCommitter';
import { HttpRepository } from './HttpRepository';
import { LocalRepository } from './LocalRepository';
import { GitOpsRepository, Signature } from './repository';
import {
  deliverySummary,
  deployMessage,
  removalSummary,
  removeMessage,
} from './messages';
import { pathSegments, workloadFolder } from './paths';
import { redactUrlCredentials } from './redact';
import { blobId, FILE_MODE, FileEntry, writeBlob } from './trees';

export interface GitOpsDeliveryTargetOptions {
  logger: LoggerService;
  /** Holds the default repository and the caches of remote ones. */
  workingDirectory: string;
  /** The built-in bare repository at `<workingDirectory>/gitops.git` when left out. */
  repository?: GitOpsRepositoryLocation;
  /** `main` when left out. */
  branch?: string;
  /** The commit author; "Paved <paved@localhost>" when left out. */
  author?: Signature;
  /** For HTTP(S) remotes. */
  auth?: GitOpsAuth;
  /** Where a cluster's admission policies go; `policies/{cluster}` when left out. */
  policiesPath?: string;
  /** How often a commit is rebuilt on a branch that moved before it gives up; 3 when left out. */
  maxAttempts?: number;
  /**
   * Runs after each commit is built and before the branch is moved to it.
   * For tests, to move the remote at the worst moment. `attempt` is 0 for a
   * commit built on the head last seen (HTTP remotes, without a fetch), then
   * 1 to maxAttempts for commits built on a freshly fetched head.
   */
  beforeUpdate?: (attempt: number) => Promise<void> | void;
}

const MAX_ATTEMPTS = 3;

// The plan's folder of admission policies, and the kinds in it that are cluster-wide
// (their params are namespaced and stay with the workload).
const POLICIES = 'policies/';
const CLUSTER_SCOPED = new Set([
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
]);

type Artifact = { oid: string; content: string };

/**
 * Delivers plans by committing their artifacts to a GitOps repository, at
 * `<environment gitopsPath>/<workload>/`, where Argo CD or Flux pick them up;
 * the cluster-wide admission policies go to `policies/<cluster>/` (config
 * `orchestrator.gitops.policiesPath`), once per cluster, so no two workloads'
 * folders claim the same object.
 *
 * One commit per deployment. A plan that is already in the repository makes
 * no (empty) commit: every object is reported `unchanged` and the reference
 * is the commit that already holds it.
 */
export class GitOpsDeliveryTarget implements DeliveryTarget {
  readonly name = 'gitops';
  private readonly logger: LoggerService;
  private readonly repository: GitOpsRepository;
  private readonly committer: FolderCommitter;
  private readonly policiesPath: string;

  static fromConfig(
    config: RootConfigService,
    options: { logger: LoggerService; workingDirectory: string },
  ): GitOpsDeliveryTarget {
    return new GitOpsDeliveryTarget({
      ...readGitOpsConfig(config),
      ...options,
    });
  }

  constructor(options: GitOpsDeliveryTargetOptions) {
    const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new InputError(
        `maxAttempts must be a positive integer, not ${maxAttempts}`,
      );
    }
    const author = options.author ?? DEFAULT_AUTHOR;
    this.logger = options.logger;
    this.policiesPath = options.policiesPath ?? DEFAULT_POLICIES_PATH;
    this.repository = openRepository(options, author);
    this.committer = new FolderCommitter({
      repository: this.repository,
      author,
      logger: options.logger,
      maxAttempts,
      beforeUpdate: options.beforeUpdate,
    });
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryResult> {
    const { plan, workload, environment } = request;
    const environmentName = environment.metadata.name;
    if (
      plan.workload !== workload ||
      plan.environment.name !== environmentName
    ) {
      throw new InputError(
        `The plan is for ${plan.workload} in ${plan.environment.name}, not ${workload} in ${environmentName}`,
      );
    }
    const folder = folderOf(environment, workload);
    const shared = this.policiesFolder(environment, folder);
    // Hashed once: a rebase recomputes which files change, not their ids.
    const own = new Map<string, Artifact>();
    const cluster = new Map<string, Artifact>();
    const seen = new Set<string>();
    for (const artifact of plan.artifacts) {
      const path = pathSegments(artifact.path, 'The artifact path').join('/');
      if (seen.has(path)) {
        throw new InputError(`The plan has the artifact "${path}" twice`);
      }
      seen.add(path);
      const entry = {
        content: artifact.content,
        oid: await blobId(artifact.content),
      };
      // Cluster-wide admission policies are the cluster's, written once for every workload.
      if (path.startsWith(POLICIES) && CLUSTER_SCOPED.has(artifact.kind)) {
        cluster.set(path.slice(POLICIES.length), entry);
      } else {
        own.set(path, entry);
      }
    }

    const outcome = await this.committer.commit(
      [
        {
          folder,
          change: async existing =>
            this.place(own, existing, { deleteOthers: true }),
        },
        {
          folder: shared,
          change: async existing =>
            this.place(cluster, existing, {
              deleteOthers: false,
              reportAs: path => [...shared, path].join('/'),
            }),
        },
      ],
      deployMessage(request),
      request.signal,
    );
    return this.result(
      outcome,
      deliverySummary(folder.join('/'), own.size + cluster.size, outcome),
    );
  }

  /** The cluster's policies folder, which must neither hold nor sit in the workload's. */
  private policiesFolder(environment: Environment, folder: string[]): string[] {
    const shared = pathSegments(
      this.policiesPath.replace(/\{cluster\}/g, environment.spec.cluster),
      `The policies folder of cluster ${environment.spec.cluster}`,
    );
    const within = (a: string[], b: string[]) => a.every((s, i) => b[i] === s);
    if (within(shared, folder) || within(folder, shared)) {
      throw new InputError(
        `The workload folder ${folder.join(
          '/',
        )} and the policies folder ${shared.join('/')} of cluster ${
          environment.spec.cluster
        } overlap; change the environment's gitopsPath or orchestrator.gitops.policiesPath`,
      );
    }
    return shared;
  }

  /**
   * The folder's files with the artifacts in place. A workload's folder holds
   * exactly its plan; the cluster's policies folder keeps every workload's
   * policies (a newer plan's version of a policy replaces an older one).
   */
  private async place(
    artifacts: Map<string, Artifact>,
    existing: Map<string, FileEntry>,
    options: { deleteOthers: boolean; reportAs?: (path: string) => string },
  ): Promise<{ files: Map<string, FileEntry>; objects: DeliveredObject[] }> {
    const reportAs = options.reportAs ?? ((path: string) => path);
    const files = new Map<string, FileEntry>(
      options.deleteOthers ? [] : existing,
    );
    const objects: DeliveredObject[] = [];
    for (const [path, { oid, content }] of artifacts) {
      const before = existing.get(path);
      if (before?.oid !== oid) await writeBlob(this.repository, content);
      files.set(path, { oid, mode: FILE_MODE });
      let action: DeliveredObject['action'] = 'created';
      if (before) {
        action =
          before.oid === oid && before.mode === FILE_MODE
            ? 'unchanged'
            : 'updated';
      }
      objects.push({ path: reportAs(path), action });
    }
    if (options.deleteOthers) {
      for (const path of [...existing.keys()].sort()) {
        if (!files.has(path)) objects.push({ path, action: 'deleted' });
      }
    }
    return { files, objects };
  }

  async remove(request: RemovalRequest): Promise<DeliveryResult> {
    const folder = folderOf(request.environment, request.workload);
    // The cluster's policies stay: other workloads are checked against them too.
    const outcome = await this.committer.commit(
      [
        {
          folder,
          change: async existing => ({
            files: new Map(),
            objects: [...existing.keys()]
              .sort()
              .map(path => ({ path, action: 'deleted' as const })),
          }),
        },
      ],
      removeMessage(request),
      undefined,
    );
    return this.result(outcome, removalSummary(folder.join('/'), outcome));
  }

  private result(outcome: Outcome, summary: string): DeliveryResult {
    this.logger.info(`GitOps: ${summary}`, {
      branch: this.repository.branch,
      repository: this.repository.description,
    });
    return {
      target: this.name,
      // Empty only when the branch does not exist and there was nothing to commit.
      reference: outcome.commit ?? '',
      objects: outcome.objects,
      summary,
    };
  }
}

function openRepository(
  options: GitOpsDeliveryTargetOptions,
  author: Signature,
): GitOpsRepository {
  const branch = parseBranch(options.branch ?? DEFAULT_BRANCH);
  const location = options.repository ?? { type: 'default' };
  if (location.type === 'http') {
    // One cache per remote, whatever credentials reach it.
    const remote = redactUrlCredentials(location.url);
    const id = createHash('sha256').update(remote).digest('hex').slice(0, 16);
    return new HttpRepository(
      location.url,
      branch,
      resolve(options.workingDirectory, 'gitops-cache', `${id}.git`),
      options.auth,
    );
  }
  if (location.type === 'local') {
    // Resolved, so every spelling of the path shares one queue.
    return new LocalRepository(resolve(location.path), branch);
  }
  return new LocalRepository(
    resolve(options.workingDirectory, 'gitops.git'),
    branch,
    author,
  );
}

function folderOf(environment: Environment, workload: string): string[] {
  return workloadFolder(
    environment.spec.gitopsPath ?? environment.metadata.name,
    workload,
  );
}
