import type {
  Environment,
  GuardrailVerdict,
} from '@paved/plugin-orchestrator-common';
import type { KubernetesObject } from '../kubernetes/validate';
import { admissionArtifacts } from './admission';
import { evaluateGuardrails, PlanSummary } from './evaluate';
import type { PolicySet } from './policy';

export interface PlannedObject {
  object: KubernetesObject;
  /** The plan artifact it is written to. */
  artifact: string;
}

export interface PlanGuardrailInput {
  policies: PolicySet;
  environment: Environment;
  objects: PlannedObject[];
  claims: PlannedObject[];
  workflows: Array<{ artifact: string; document: unknown }>;
  summary: PlanSummary;
  plurals: ReadonlyMap<string, string>;
}

const rank = { deny: 0, 'require-approval': 1, warn: 2, audit: 3 };

/**
 * Checks everything a plan creates and returns the verdicts (every failure
 * and evaluation error, strongest first) and the admission policies the
 * cluster will enforce, as artifacts.
 */
export function planGuardrails(input: PlanGuardrailInput) {
  const { policies } = input;
  const artifactOf = new Map<string, string>();
  const key = (kind: string, name: string, namespace?: string) =>
    `${kind}/${namespace ?? ''}/${name}`;
  for (const { object, artifact } of [...input.objects, ...input.claims])
    artifactOf.set(
      key(object.kind, object.metadata.name, object.metadata.namespace),
      artifact,
    );
  for (const { artifact } of input.workflows)
    artifactOf.set(key('Workflow', artifact), artifact);

  const checks = evaluateGuardrails(policies, {
    objects: input.objects.map(o => o.object),
    claims: input.claims.map(o => o.object),
    workflows: input.workflows.map(w => ({
      path: w.artifact,
      document: w.document,
    })),
    plan: input.summary,
    environment: input.environment,
    plurals: input.plurals,
  });
  const byName = new Map(policies.policies.map(p => [p.name, p]));
  const verdicts: GuardrailVerdict[] = [];
  for (const check of checks) {
    if (check.result !== 'fail' && check.result !== 'error') continue;
    const policy = byName.get(check.policy);
    const artifact = artifactOf.get(
      key(check.kind, check.name, check.namespace),
    );
    verdicts.push({
      ...check,
      result: check.result,
      ...(artifact && { artifact }),
      ...(policy?.fix && { fix: policy.fix }),
      ...(check.action === 'require-approval' &&
        policy?.approvers && { approvers: policy.approvers }),
    });
  }
  verdicts.sort(
    (a, b) =>
      rank[a.action] - rank[b.action] ||
      a.policy.localeCompare(b.policy) ||
      a.kind.localeCompare(b.kind) ||
      a.name.localeCompare(b.name) ||
      a.validation.localeCompare(b.validation),
  );
  const namespace = input.objects.find(
    o => o.object.kind === 'Namespace',
  )?.object;
  return {
    verdicts,
    artifacts: admissionArtifacts(policies, namespace),
  };
}
