import type {
  DeliveredObject,
  DeliveryRequest,
  RemovalRequest,
} from '@paved/plugin-orchestrator-node';

// The words the GitOps target writes: commit messages for the repository's
// history, summaries for people reading a deployment.

/** Keeps a value from adding lines (or trailers) to a commit message. */
function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function deployMessage(request: DeliveryRequest): string {
  const { workload, environment, revision, plan } = request;
  return (
    `Deploy ${oneLine(workload)} to ${oneLine(
      environment.metadata.name,
    )}: revision ${revision}\n\n` +
    `Plan: ${oneLine(plan.hash)}\n` +
    `Deployment: ${oneLine(request.deploymentId)}\n` +
    `Requested-by: ${oneLine(request.initiator)}\n`
  );
}

export function removeMessage(request: RemovalRequest): string {
  const { workload, environment, reason, initiator } = request;
  return (
    `Remove ${oneLine(workload)} from ${oneLine(
      environment.metadata.name,
    )}: ${oneLine(reason)}\n\n` + `Requested-by: ${oneLine(initiator)}\n`
  );
}

function short(commit: string | undefined): string {
  return commit ? commit.slice(0, 7) : 'no commit';
}

/** "2 created, 1 deleted": what changed, in the order it was reported. */
function countActions(objects: DeliveredObject[]): string {
  const counts = new Map<string, number>();
  for (const { action } of objects) {
    if (action !== 'unchanged') {
      counts.set(action, (counts.get(action) ?? 0) + 1);
    }
  }
  return [...counts].map(([action, n]) => `${n} ${action}`).join(', ');
}

export function deliverySummary(
  where: string,
  files: number,
  outcome: { commit?: string; changed: boolean; objects: DeliveredObject[] },
): string {
  if (!outcome.changed) {
    return `${where} already holds this plan (${short(
      outcome.commit,
    )}); nothing to commit`;
  }
  const counts = countActions(outcome.objects);
  return `committed ${files} files to ${where} (${short(outcome.commit)})${
    counts ? `: ${counts}` : ''
  }`;
}

export function removalSummary(
  where: string,
  outcome: { commit?: string; changed: boolean; objects: DeliveredObject[] },
): string {
  return outcome.changed
    ? `removed ${outcome.objects.length} files from ${where} (${short(
        outcome.commit,
      )})`
    : `${where} was not in the repository; nothing to remove`;
}
