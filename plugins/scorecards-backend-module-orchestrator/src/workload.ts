import type { Entity } from '@backstage/catalog-model';

/** Names the workload when it differs from the entity's name. */
export const WORKLOAD_ANNOTATION = 'paved.dev/workload';
/** Names the component's score.yaml: the entity is then the workload of its name. */
export const SCORE_ANNOTATION = 'paved.dev/score';

/** The Paved workload an entity is, as the orchestrator's portal pages decide it. */
export function workloadOf(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (annotations[WORKLOAD_ANNOTATION]) return annotations[WORKLOAD_ANNOTATION];
  return annotations[SCORE_ANNOTATION] ? entity.metadata.name : undefined;
}
