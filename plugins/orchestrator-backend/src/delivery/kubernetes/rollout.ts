import type { ClusterClient } from './ClusterClient';
import { describe, KubeObject } from './objects';

export interface RolloutState {
  done: boolean;
  /** Set when the controller gave up: waiting longer will not help. */
  failed?: boolean;
  /** For people: "1 of 3 updated replicas available". */
  message: string;
}

interface WorkloadStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  conditions?: Array<{
    type?: string;
    status?: string;
    reason?: string;
    message?: string;
  }>;
}

interface WorkloadSpec {
  replicas?: number;
  updateStrategy?: { type?: string };
}

export function hasRollout(object: KubeObject): boolean {
  return (
    object.apiVersion === 'apps/v1' &&
    (object.kind === 'Deployment' || object.kind === 'StatefulSet')
  );
}

/** kubectl rollout status's reading of a Deployment or StatefulSet. */
export function rolloutState(live: KubeObject): RolloutState {
  const status = (live.status ?? {}) as WorkloadStatus;
  const spec = (live.spec ?? {}) as WorkloadSpec;
  const generation = (live.metadata.generation as number | undefined) ?? 0;
  if (live.kind === 'StatefulSet' && spec.updateStrategy?.type === 'OnDelete') {
    return { done: true, message: 'updates on delete only' };
  }
  if ((status.observedGeneration ?? -1) < generation) {
    return {
      done: false,
      message: `waiting for the controller to observe generation ${generation}`,
    };
  }
  const replicas = spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  if (live.kind === 'Deployment') {
    const progressing = status.conditions?.find(c => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      return {
        done: false,
        failed: true,
        message: `exceeded its progress deadline${
          progressing.message ? `: ${progressing.message}` : ''
        }`,
      };
    }
    if (updated < replicas) {
      return {
        done: false,
        message: `${updated} of ${replicas} replicas updated`,
      };
    }
    if ((status.replicas ?? 0) > updated) {
      return {
        done: false,
        message: `${
          (status.replicas ?? 0) - updated
        } old replicas pending termination`,
      };
    }
    const available = status.availableReplicas ?? 0;
    if (available < updated) {
      return {
        done: false,
        message: `${available} of ${updated} updated replicas available`,
      };
    }
    return { done: true, message: `${available} replicas available` };
  }
  const ready = status.readyReplicas ?? 0;
  if (ready < replicas) {
    return { done: false, message: `${ready} of ${replicas} pods ready` };
  }
  if (
    status.updateRevision &&
    status.updateRevision !== status.currentRevision
  ) {
    return {
      done: false,
      message: `${updated} of ${replicas} pods at revision ${status.updateRevision}`,
    };
  }
  return { done: true, message: `${ready} pods ready` };
}

export interface RolloutOutcome {
  completed: KubeObject[];
  /** Still rolling out when time ran out. */
  pending: Array<{ object: KubeObject; message: string }>;
  failed: Array<{ object: KubeObject; message: string }>;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Polls until every workload has rolled out, one has failed, or the time is
 * up. Polling rather than watching: a few GETs every couple of seconds is
 * nothing to an API server, and it survives proxies that cut long requests.
 */
export async function waitForRollouts(
  client: ClusterClient,
  objects: KubeObject[],
  options: { timeoutMs: number; pollIntervalMs: number; signal?: AbortSignal },
): Promise<RolloutOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  const completed: KubeObject[] = [];
  const failed: RolloutOutcome['failed'] = [];
  let pending = objects.map(object => ({ object, message: 'not yet read' }));
  for (;;) {
    options.signal?.throwIfAborted();
    const states = await Promise.all(
      pending.map(async ({ object }) => {
        const live = await client.get(object, options.signal);
        const state: RolloutState = live
          ? rolloutState(live)
          : {
              done: false,
              failed: true,
              message: 'was deleted while rolling out',
            };
        return { object, state };
      }),
    );
    pending = [];
    for (const { object, state } of states) {
      if (state.done) completed.push(object);
      else if (state.failed) failed.push({ object, message: state.message });
      else pending.push({ object, message: state.message });
    }
    const remaining = deadline - Date.now();
    if (pending.length === 0 || failed.length > 0 || remaining <= 0) {
      return { completed, pending, failed };
    }
    await sleep(Math.min(options.pollIntervalMs, remaining));
  }
}

export function describeRollouts(
  entries: Array<{ object: KubeObject; message: string }>,
): string {
  return entries
    .map(({ object, message }) => `${describe(object)} (${message})`)
    .join(', ');
}
