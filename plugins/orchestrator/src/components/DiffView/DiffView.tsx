import type { ArtifactDiff } from '../../api';

/** What changed between two revisions, artifact by artifact, as YAML diffs. */
export function DiffView(_props: { items: ArtifactDiff[] }) {
  return null;
}
