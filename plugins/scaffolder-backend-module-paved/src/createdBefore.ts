import type { LoggerService } from '@backstage/backend-plugin-api';

/**
 * For a step that failed: logs what earlier steps of the task created, each
 * with how to remove it (their `removeWith` outputs, passed as the step's
 * `createdBefore`). The scaffolder has no undo: the task log is where a person
 * learns what is left.
 */
export function logCreatedBefore(
  logger: Pick<LoggerService, 'error'>,
  createdBefore: string[] | undefined,
  /** How to carry on once the error is fixed, e.g. "deploy again with paved:deploy or the portal". */
  retry: string,
): void {
  // A skipped step's output renders as nothing.
  const created = (createdBefore ?? []).filter(Boolean);
  if (created.length === 0) return;
  logger.error(
    `The task stops here. Earlier steps created, and nothing removed:\n${created
      .map(c => `  - ${c}`)
      .join('\n')}\nRemove them, or fix the error and ${retry}.`,
  );
}
