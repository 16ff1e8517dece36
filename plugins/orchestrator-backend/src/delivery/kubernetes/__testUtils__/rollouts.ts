import type { StoredObject } from './FakeStore';

/**
 * `auto`: workloads finish rolling out the moment they are written.
 * `manual`: the controller sees the new generation but no pod becomes ready
 * until the test calls completeRollout (or failRollout).
 */
export type RolloutMode = 'auto' | 'manual';

type Status = Record<string, any>;

/** The status a finished rollout of the object's current generation has. */
export function completeStatus(stored: StoredObject): Status {
  const replicas: number = stored.body.spec?.replicas ?? 1;
  const observedGeneration = stored.generation;
  if (stored.type.kind === 'StatefulSet') {
    const revision = `${stored.body.metadata.name}-${observedGeneration}`;
    return {
      observedGeneration,
      replicas,
      readyReplicas: replicas,
      updatedReplicas: replicas,
      currentReplicas: replicas,
      currentRevision: revision,
      updateRevision: revision,
    };
  }
  return {
    observedGeneration,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
  };
}

/** A rollout the controller has started: new generation observed, no new pod ready. */
function startedStatus(stored: StoredObject, previous: Status): Status {
  const replicas: number = stored.body.spec?.replicas ?? 1;
  const observedGeneration = stored.generation;
  if (stored.type.kind === 'StatefulSet') {
    return {
      observedGeneration,
      replicas,
      readyReplicas: previous.readyReplicas ?? 0,
      updatedReplicas: 0,
      currentRevision: previous.currentRevision,
      updateRevision: `${stored.body.metadata.name}-${observedGeneration}`,
    };
  }
  return {
    observedGeneration,
    replicas: Math.max(replicas, previous.replicas ?? 0),
    updatedReplicas: 0,
    readyReplicas: previous.readyReplicas ?? 0,
    availableReplicas: previous.availableReplicas ?? 0,
    conditions: [
      { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' },
    ],
  };
}

/** What the workload controller makes of a new generation; undefined for objects without one. */
export function rolloutStatus(
  stored: StoredObject,
  mode: RolloutMode,
  previous: Status | undefined,
): Status | undefined {
  if (stored.type.group !== 'apps') return undefined;
  if (stored.type.kind !== 'Deployment' && stored.type.kind !== 'StatefulSet')
    return undefined;
  return mode === 'auto'
    ? completeStatus(stored)
    : startedStatus(stored, previous ?? {});
}

/** A Deployment whose progress deadline passed, as the controller reports it. */
export function failedStatus(stored: StoredObject): Status {
  return {
    ...(stored.status ?? {}),
    observedGeneration: stored.generation,
    conditions: [
      {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: `ReplicaSet "${stored.body.metadata.name}-${stored.generation}" has timed out progressing.`,
      },
    ],
  };
}
