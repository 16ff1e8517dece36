import type { PlanArtifact } from '@paved/plugin-orchestrator-common';

export type ArtifactGroupId =
  | 'kubernetes'
  | 'cloud'
  | 'ci'
  | 'policies'
  | 'other';

export interface ArtifactGroup {
  id: ArtifactGroupId;
  label: string;
  artifacts: PlanArtifact[];
}

const LABELS: Record<ArtifactGroupId, string> = {
  kubernetes: 'Kubernetes objects',
  cloud: 'Cloud resources',
  ci: 'CI files',
  policies: 'Admission policies',
  other: 'Other',
};

/** The planner's folders (orchestrator-node): objects, claims, guardrails, and the workflow at the repository's own path. */
const FOLDERS: Record<string, ArtifactGroupId> = {
  kubernetes: 'kubernetes',
  resources: 'cloud',
  policies: 'policies',
  '.github': 'ci',
  ci: 'ci',
};

// For artifacts outside the known folders (older plans, other renderers) the kind still tells what they are.
const KINDS: Record<string, ArtifactGroupId> = {
  GitHubWorkflow: 'ci',
  Workflow: 'ci',
  ValidatingAdmissionPolicy: 'policies',
  ValidatingAdmissionPolicyBinding: 'policies',
};

export function groupOf(artifact: Pick<PlanArtifact, 'path' | 'kind'>) {
  const top = artifact.path.includes('/') ? artifact.path.split('/')[0] : '';
  return FOLDERS[top] ?? KINDS[artifact.kind] ?? 'other';
}

/** The plan's artifacts by group, in a fixed group order and plan order within; empty groups are left out. */
export function groupArtifacts(artifacts: PlanArtifact[]): ArtifactGroup[] {
  return (Object.keys(LABELS) as ArtifactGroupId[])
    .map(id => ({
      id,
      label: LABELS[id],
      artifacts: artifacts.filter(artifact => groupOf(artifact) === id),
    }))
    .filter(group => group.artifacts.length > 0);
}

export function fileName(path: string) {
  return path.slice(path.lastIndexOf('/') + 1);
}
