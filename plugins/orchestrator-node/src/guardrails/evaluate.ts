import type {
  Environment,
  GuardrailAction,
  GuardrailCheck,
} from '@paved/plugin-orchestrator-common';
import type { KubernetesObject } from '../kubernetes/validate';
import { POD_CONTROLLERS } from './autogen';
import { toCelInput } from './cel/values';
import {
  groupVersionResource,
  isClusterScoped,
  matchesResources,
  MatchTarget,
  selectorMatches,
} from './match';
import type {
  CompiledExpressions,
  CompiledPolicy,
  PolicyBinding,
  PolicySet,
} from './policy';
import type { MatchResources } from './schema';
import { runExpressions } from './run';

/** What a Plan-subject policy sees as `object` (and every Paved policy as `plan`). */
export interface PlanSummary {
  workload: string;
  environment: { name: string; type: string };
  namespace: string;
  cost: {
    perMonth: Array<{ amount: number; currency: string }>;
    environmentPerMonth?: Array<{ amount: number; currency: string }>;
  };
  resources: Array<Record<string, unknown>>;
}

export interface GuardrailInput {
  /** Kubernetes objects, the Namespace among them: its labels feed namespaceSelector. */
  objects?: KubernetesObject[];
  /** Cloud resource claims (checked by GuardrailPolicies with subject ResourceClaim). */
  claims?: KubernetesObject[];
  workflows?: Array<{ path: string; document: unknown }>;
  plan?: PlanSummary;
  environment?: Environment;
  /** Plurals of custom kinds, keyed `group/Kind`, as discovery would give them (from the platform's XRDs). */
  plurals?: ReadonlyMap<string, string>;
}

const ACTION_ORDER: GuardrailAction[] = [
  'deny',
  'require-approval',
  'warn',
  'audit',
];
/** A binding may both warn and audit; the result carries the strongest. */
const primaryAction = (binding: PolicyBinding) =>
  ACTION_ORDER.find(a => binding.actions.includes(a)) ?? 'audit';

function namespaceOf(
  object: KubernetesObject,
  objects: readonly KubernetesObject[],
) {
  if (object.kind === 'Namespace' && object.apiVersion === 'v1') return object;
  if (isClusterScoped(object)) return undefined;
  const name = object.metadata.namespace ?? 'default';
  return (
    objects.find(o => o.kind === 'Namespace' && o.metadata.name === name) ?? {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    }
  );
}

/** A value computed on first use only. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const labelsOf = (object: KubernetesObject | undefined) =>
  (object?.metadata.labels as Record<string, string> | undefined) ?? {};

/** The expressions that apply, directly or through Kyverno autogen, or undefined when the policy does not match. */
function expressionsFor(
  policy: CompiledPolicy,
  target: MatchTarget,
): CompiledExpressions | undefined {
  if (matchesResources(policy.matchConstraints, target))
    return policy.expressions;
  const controller = POD_CONTROLLERS[target.gvr.resource];
  if (!controller || !policy.autogenControllers.includes(target.gvr.resource))
    return undefined;
  const operations = policy.matchConstraints?.resourceRules?.flatMap(
    r => r.operations,
  ) ?? ['*'];
  const asController: MatchResources = {
    ...policy.matchConstraints,
    resourceRules: [
      {
        apiGroups: [controller.group],
        apiVersions: ['*'],
        resources: [target.gvr.resource],
        operations,
      },
    ],
  };
  return matchesResources(asController, target)
    ? policy.podTemplate(controller.path)
    : undefined;
}

function paramsFor(
  set: PolicySet,
  policy: CompiledPolicy,
  binding: PolicyBinding,
  object: KubernetesObject,
): KubernetesObject[] | 'not-found' | null {
  if (!policy.paramKind || !binding.paramRef) return null;
  const { name, namespace, selector } = binding.paramRef;
  const inNamespace =
    namespace ??
    (isClusterScoped(object) ? undefined : object.metadata.namespace);
  const found = set.params.filter(
    p =>
      p.apiVersion === policy.paramKind!.apiVersion &&
      p.kind === policy.paramKind!.kind &&
      (name === undefined || p.metadata.name === name) &&
      // Params in the policy folder without a namespace serve every namespace.
      (p.metadata.namespace === undefined ||
        p.metadata.namespace === inNamespace) &&
      (selector === undefined || selectorMatches(selector, labelsOf(p))),
  );
  return found.length > 0 ? found : 'not-found';
}

interface Subject {
  kind: string;
  namespace?: string;
  name: string;
}

function checkWithBindings(
  set: PolicySet,
  policy: CompiledPolicy,
  expressions: CompiledExpressions,
  subject: Subject,
  object: KubernetesObject,
  target: MatchTarget | undefined,
  baseBindings: () => Record<string, unknown>,
): GuardrailCheck[] {
  const checks: GuardrailCheck[] = [];
  for (const binding of policy.bindings) {
    if (target && !matchesResources(binding.matchResources, target)) continue;
    const action = primaryAction(binding);
    const params = paramsFor(set, policy, binding, object);
    if (params === 'not-found') {
      if (binding.paramRef?.parameterNotFoundAction !== 'Allow') {
        checks.push({
          policy: policy.name,
          validation: 'paramRef',
          ...subject,
          result: 'fail',
          action,
          message: `no params found for policy binding "${
            binding.name
          }" with paramRef ${JSON.stringify(binding.paramRef)}`,
        });
      }
      continue;
    }
    for (const paramsObject of params ?? [null]) {
      checks.push(
        ...runExpressions(expressions, {
          policy: policy.name,
          failurePolicy: policy.failurePolicy,
          subject,
          action,
          bindings: {
            ...baseBindings(),
            params: paramsObject && toCelInput(paramsObject),
          },
        }),
      );
    }
  }
  return checks;
}

/**
 * Evaluates every policy against what a plan creates (operation CREATE), as
 * the API server would at admission, plus Paved's own subjects. Returns one
 * check per validation per matching object; never throws for a policy's sake.
 */
export function evaluateGuardrails(
  set: PolicySet,
  input: GuardrailInput,
): GuardrailCheck[] {
  const checks: GuardrailCheck[] = [];
  const objects = input.objects ?? [];
  const environment = input.environment ? toCelInput(input.environment) : null;
  const plan = input.plan ? toCelInput(input.plan) : null;
  const kubernetesPolicies = set.policies.filter(
    p => p.subject === 'KubernetesObject',
  );
  const appliesHere = (policy: CompiledPolicy) =>
    !policy.environmentTypes ||
    (input.environment !== undefined &&
      policy.environmentTypes.includes(input.environment.spec.type));

  for (const object of objects) {
    const namespace = namespaceOf(object, objects);
    const gvr = groupVersionResource(object, input.plurals);
    const target: MatchTarget = {
      object,
      gvr,
      operation: 'CREATE',
      namespaceLabels: namespace && {
        ...labelsOf(namespace),
        'kubernetes.io/metadata.name': namespace.metadata.name,
      },
    };
    const subject = {
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
    };
    // Converted for CEL only once a policy matches: most objects meet few policies.
    const bindings = once(() => ({
      object: toCelInput(object),
      oldObject: null,
      namespaceObject:
        namespace && object.kind !== 'Namespace' ? toCelInput(namespace) : null,
      request: toCelInput({
        uid: 'paved-plan',
        kind: { group: gvr.group, version: gvr.version, kind: object.kind },
        resource: gvr,
        requestKind: {
          group: gvr.group,
          version: gvr.version,
          kind: object.kind,
        },
        requestResource: gvr,
        name: object.metadata.name,
        namespace: object.metadata.namespace ?? '',
        operation: 'CREATE',
        userInfo: { username: 'paved', groups: ['system:authenticated'] },
        dryRun: true,
        options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
      }),
    }));
    for (const policy of kubernetesPolicies) {
      const expressions = expressionsFor(policy, target);
      if (expressions)
        checks.push(
          ...checkWithBindings(
            set,
            policy,
            expressions,
            subject,
            object,
            target,
            bindings,
          ),
        );
    }
  }

  const paved = (subjectKind: CompiledPolicy['subject']) =>
    set.policies.filter(p => p.subject === subjectKind && appliesHere(p));
  for (const claim of input.claims ?? []) {
    const gvr = groupVersionResource(claim, input.plurals);
    const target: MatchTarget = {
      object: claim,
      gvr,
      operation: 'CREATE',
      namespaceLabels: undefined,
    };
    const subject = {
      kind: claim.kind,
      namespace: claim.metadata.namespace,
      name: claim.metadata.name,
    };
    const claimBindings = once(() => ({
      object: toCelInput(claim),
      environment,
      plan,
    }));
    for (const policy of paved('ResourceClaim')) {
      if (!matchesResources(policy.matchConstraints, target)) continue;
      checks.push(
        ...checkWithBindings(
          set,
          policy,
          policy.expressions,
          subject,
          claim,
          undefined,
          claimBindings,
        ),
      );
    }
  }
  for (const workflow of input.workflows ?? []) {
    for (const policy of paved('Workflow')) {
      checks.push(
        ...runExpressionsFor(
          policy,
          { kind: 'Workflow', name: workflow.path },
          {
            object: toCelInput(workflow.document),
            environment,
            plan,
          },
        ),
      );
    }
  }
  if (input.plan) {
    for (const policy of paved('Plan')) {
      checks.push(
        ...runExpressionsFor(
          policy,
          { kind: 'Plan', name: input.plan.workload },
          { object: plan, environment, plan },
        ),
      );
    }
  }
  return checks;
}

function runExpressionsFor(
  policy: CompiledPolicy,
  subject: Subject,
  bindings: Record<string, unknown>,
): GuardrailCheck[] {
  return policy.bindings.flatMap(binding =>
    runExpressions(policy.expressions, {
      policy: policy.name,
      failurePolicy: policy.failurePolicy,
      subject,
      action: primaryAction(binding),
      bindings,
    }),
  );
}
