import type { KubernetesObject } from '../kubernetes/validate';
import type { PlanArtifact } from '../plan';
import { toStableYaml } from '../serialize';
import { POD_CONTROLLERS, PodTemplatePath } from './autogen';
import { selectorMatches } from './match';
import type { CompiledExpressions, CompiledPolicy, PolicySet } from './policy';
import type { MatchResources } from './schema';

const API_VERSION = 'admissionregistration.k8s.io/v1';
const FOLDER = 'policies';

function specFrom(expressions: CompiledExpressions, policy: CompiledPolicy) {
  return {
    failurePolicy: policy.failurePolicy,
    ...(expressions.matchConditions.length > 0 && {
      matchConditions: expressions.matchConditions.map(c => ({
        name: c.name,
        expression: c.program.source,
      })),
    }),
    ...(expressions.variables.length > 0 && {
      variables: expressions.variables.map(v => ({
        name: v.name,
        expression: v.program.source,
      })),
    }),
    validations: expressions.validations.map(v => ({
      expression: v.program.source,
      ...(v.message && { message: v.message }),
      ...(v.messageExpression && {
        messageExpression: v.messageExpression.source,
      }),
      ...(v.reason && { reason: v.reason }),
    })),
  };
}

/**
 * A Kyverno ValidatingPolicy as the ValidatingAdmissionPolicies Kyverno would
 * generate: the policy itself, and its autogen rules for pod controllers
 * (`autogen-<name>`, `autogen-cronjobs-<name>`), each with a binding.
 */
function fromKyverno(policy: CompiledPolicy): KubernetesObject[] {
  const constraints = policy.matchConstraints!;
  const operations = [
    ...new Set(constraints.resourceRules!.flatMap(r => r.operations)),
  ];
  const variants: Array<{
    name: string;
    match: MatchResources;
    expressions: CompiledExpressions;
  }> = [
    { name: policy.name, match: constraints, expressions: policy.expressions },
  ];
  for (const [path, prefix] of [
    ['spec.template', 'autogen'],
    ['spec.jobTemplate.spec.template', 'autogen-cronjobs'],
  ] as Array<[PodTemplatePath, string]>) {
    const controllers = policy.autogenControllers.filter(
      c => POD_CONTROLLERS[c].path === path,
    );
    const expressions = policy.podTemplate(path);
    if (controllers.length === 0 || !expressions) continue;
    const groups = [...new Set(controllers.map(c => POD_CONTROLLERS[c].group))];
    variants.push({
      name: `${prefix}-${policy.name}`,
      match: {
        ...constraints,
        resourceRules: groups.map(group => ({
          apiGroups: [group],
          apiVersions: ['v1'],
          operations,
          resources: controllers.filter(
            c => POD_CONTROLLERS[c].group === group,
          ),
        })),
      },
      expressions,
    });
  }
  const actions = policy.bindings[0].actions.map(
    a =>
      ({ deny: 'Deny', warn: 'Warn', audit: 'Audit' }[a as 'deny'] ?? 'Audit'),
  );
  return variants.flatMap(({ name, match, expressions }) => [
    {
      apiVersion: API_VERSION,
      kind: 'ValidatingAdmissionPolicy',
      metadata: {
        name,
        annotations: {
          'paved.dev/generated-from': `ValidatingPolicy/${policy.name}`,
        },
      },
      spec: { matchConstraints: match, ...specFrom(expressions, policy) },
    },
    {
      apiVersion: API_VERSION,
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name },
      spec: { policyName: name, validationActions: [...new Set(actions)] },
    },
  ]);
}

/**
 * The Kubernetes-object policies that apply to the plan's namespace, as the
 * admission policies, bindings and params the cluster enforces, so the GitOps
 * repository carries the same rules the plan was checked against.
 */
export function admissionArtifacts(
  set: PolicySet,
  namespace: KubernetesObject | undefined,
): PlanArtifact[] {
  const labels = namespace && {
    ...((namespace.metadata.labels as Record<string, string> | undefined) ??
      {}),
    'kubernetes.io/metadata.name': namespace.metadata.name,
  };
  const inNamespace = (match: MatchResources | undefined) =>
    !labels || selectorMatches(match?.namespaceSelector, labels);
  const objects: KubernetesObject[] = [];
  for (const policy of set.policies) {
    if (policy.subject !== 'KubernetesObject') continue;
    if (!inNamespace(policy.matchConstraints)) continue;
    if (policy.format === 'ValidatingPolicy') {
      objects.push(...fromKyverno(policy));
      continue;
    }
    const applying = set.bindingDocuments.filter(
      ({ binding }) =>
        binding.spec.policyName === policy.name &&
        inNamespace(binding.spec.matchResources),
    );
    if (applying.length === 0) continue;
    objects.push(policy.document, ...applying.map(b => b.document));
    for (const { binding } of applying) {
      const ref = binding.spec.paramRef;
      if (!ref || !policy.paramKind) continue;
      const params = set.params.filter(
        p =>
          p.kind === policy.paramKind!.kind &&
          p.apiVersion === policy.paramKind!.apiVersion &&
          (ref.name === undefined || p.metadata.name === ref.name) &&
          (ref.selector === undefined ||
            selectorMatches(
              ref.selector,
              (p.metadata.labels as Record<string, string>) ?? {},
            )),
      );
      // A paramRef without a namespace finds its params in the object's namespace: put them there.
      const paramsNamespace = ref.namespace ?? namespace?.metadata.name;
      objects.push(
        ...params.map(p => ({
          ...p,
          metadata: {
            ...p.metadata,
            namespace: p.metadata.namespace ?? paramsNamespace,
          },
        })),
      );
    }
  }
  const unique = new Map<string, KubernetesObject>();
  for (const object of objects)
    unique.set(`${object.kind.toLowerCase()}-${object.metadata.name}`, object);
  return [...unique.entries()].map(([name, object]) => ({
    path: `${FOLDER}/${name}.yaml`,
    kind: object.kind,
    content: toStableYaml(object),
  }));
}
