import type { Entity } from '@backstage/catalog-model';

/** The annotation naming a component's score.yaml (the orchestrator backend reads it). */
export const SCORE_ANNOTATION = 'paved.dev/score';
/** Names the workload when it differs from the entity's name. */
export const WORKLOAD_ANNOTATION = 'paved.dev/workload';

/** The Paved workload a catalog entity is, if any: its paved.dev/workload, or its name when it has a score. */
export function workloadOf(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (annotations[WORKLOAD_ANNOTATION]) return annotations[WORKLOAD_ANNOTATION];
  return annotations[SCORE_ANNOTATION] ? entity.metadata.name : undefined;
}

export const isPavedWorkload = (entity: Entity) =>
  workloadOf(entity) !== undefined;
