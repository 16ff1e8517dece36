import { InputError } from '@backstage/errors';
import { describeIssues } from '@paved/plugin-orchestrator-common';
import type { GuardrailAction } from '@paved/plugin-orchestrator-common';
import { z } from 'zod';
import type { KubernetesObject } from '../kubernetes/validate';
import { readYamlFiles } from '../files';
import type { PlatformFile } from '../platform';
import { parseYamlDocuments } from '../yaml';
import {
  autogenControllers,
  PodTemplatePath,
  selectsOnlyPods,
} from './autogen';
import {
  ADMISSION_VARIABLES,
  compileExpressions,
  GUARDRAIL_VARIABLES,
} from './compileExpressions';
import type { CompiledExpressions, CompiledPolicy, PolicySet } from './policy';
import {
  APPROVERS_ANNOTATION,
  DESCRIPTION_ANNOTATIONS,
  guardrailPolicySchema,
  kyvernoValidatingPolicySchema,
  PLAN_ACTION_ANNOTATION,
  validatingAdmissionPolicyBindingSchema,
  validatingAdmissionPolicySchema,
  ValidatingAdmissionPolicyBinding,
} from './schema';

// Only Kyverno policies autogenerate for pod controllers.
const noPodTemplate = (): undefined => undefined;

const ACTIONS: Record<string, GuardrailAction> = {
  Deny: 'deny',
  Warn: 'warn',
  Audit: 'audit',
  RequireApproval: 'require-approval',
};

const annotationsOf = (doc: {
  metadata: { annotations?: Record<string, string> };
}) => doc.metadata.annotations ?? {};

const describedFix = (annotations: Record<string, string>) =>
  DESCRIPTION_ANNOTATIONS.map(a => annotations[a]).find(Boolean);

/**
 * Loads policy files: ValidatingAdmissionPolicies with their bindings, Kyverno
 * ValidatingPolicies and Paved GuardrailPolicies; any other Kubernetes object
 * is a params object a binding may refer to. Every CEL expression is compiled
 * here, so a broken one fails at load, naming file, policy, field and position.
 */
export function loadPolicies(files: PlatformFile[]): PolicySet {
  const problems: string[] = [];
  const policies: CompiledPolicy[] = [];
  const params: KubernetesObject[] = [];
  const bindings: Array<{
    where: string;
    binding: ValidatingAdmissionPolicyBinding;
    document: KubernetesObject;
  }> = [];
  const seen = new Map<string, string>();

  for (const file of files) {
    let documents: unknown[];
    try {
      documents = parseYamlDocuments(file.text, file.path);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    documents.forEach((document, index) => {
      const where =
        documents.length > 1
          ? `${file.path} (document ${index + 1})`
          : file.path;
      const header = document as {
        kind?: unknown;
        apiVersion?: unknown;
        metadata?: { name?: unknown };
      } | null;
      const parseWith = <T extends z.ZodType>(
        schema: T,
      ): z.infer<T> | undefined => {
        const result = schema.safeParse(document);
        if (!result.success)
          problems.push(
            ...describeIssues(result.error).map(issue => `${where}: ${issue}`),
          );
        return result.success ? result.data : undefined;
      };
      const kind = header?.kind;
      const name =
        typeof header?.metadata?.name === 'string' ? header.metadata.name : '?';
      const problem = (field: string, message: string) =>
        problems.push(
          `${where}: ${String(kind)} "${name}" ${field}: ${message}`,
        );
      const register = (policy: CompiledPolicy) => {
        const key = `${policy.format} "${policy.name}"`;
        const earlier = seen.get(key);
        if (earlier)
          problems.push(`${where}: ${key} is already defined in ${earlier}`);
        else {
          seen.set(key, where);
          policies.push(policy);
        }
      };

      if (kind === 'ValidatingAdmissionPolicy') {
        const vap = parseWith(validatingAdmissionPolicySchema);
        if (!vap) return;
        const annotations = annotationsOf(vap);
        register({
          name: vap.metadata.name,
          path: file.path,
          format: 'ValidatingAdmissionPolicy',
          subject: 'KubernetesObject',
          matchConstraints: vap.spec.matchConstraints,
          failurePolicy: vap.spec.failurePolicy,
          paramKind: vap.spec.paramKind,
          expressions: compileExpressions(
            vap.spec,
            ADMISSION_VARIABLES,
            problem,
          ),
          podTemplate: noPodTemplate,
          autogenControllers: [],
          bindings: [],
          fix: describedFix(annotations),
          approvers: annotations[APPROVERS_ANNOTATION],
          document: document as KubernetesObject,
        });
      } else if (kind === 'ValidatingAdmissionPolicyBinding') {
        const binding = parseWith(validatingAdmissionPolicyBindingSchema);
        if (binding)
          bindings.push({
            where,
            binding,
            document: document as KubernetesObject,
          });
      } else if (
        kind === 'ValidatingPolicy' &&
        String(header?.apiVersion).startsWith('policies.kyverno.io/')
      ) {
        const policy = parseWith(kyvernoValidatingPolicySchema);
        if (!policy) return;
        const annotations = annotationsOf(policy);
        let controllers: string[] = [];
        if (selectsOnlyPods(policy.spec.matchConstraints.resourceRules)) {
          try {
            controllers = autogenControllers(
              policy.spec.autogen?.podControllers?.controllers ??
                annotations[
                  'pod-policies.kyverno.io/autogen-controllers'
                ]?.split(','),
            );
          } catch (error) {
            problem('spec.autogen', (error as Error).message);
          }
        }
        // Kyverno's rewritten expressions are compiled on first use: the originals were checked above.
        const podTemplates = new Map<PodTemplatePath, CompiledExpressions>();
        const podTemplate = (path: PodTemplatePath) => {
          let compiled = podTemplates.get(path);
          if (!compiled) {
            compiled = compileExpressions(
              policy.spec,
              ADMISSION_VARIABLES,
              (field, message) => {
                throw new Error(
                  `${where}: ValidatingPolicy "${name}" ${field} (autogen for ${path}): ${message}`,
                );
              },
              path,
            );
            podTemplates.set(path, compiled);
          }
          return compiled;
        };
        register({
          name: policy.metadata.name,
          path: file.path,
          format: 'ValidatingPolicy',
          subject: 'KubernetesObject',
          matchConstraints: policy.spec.matchConstraints,
          failurePolicy: policy.spec.failurePolicy,
          expressions: compileExpressions(
            policy.spec,
            ADMISSION_VARIABLES,
            problem,
          ),
          podTemplate,
          autogenControllers: controllers,
          bindings: [
            {
              name: policy.metadata.name,
              actions: planActions(
                policy.spec.validationActions.map(a => ACTIONS[a]),
                annotations,
              ),
            },
          ],
          fix: describedFix(annotations),
          approvers: annotations[APPROVERS_ANNOTATION],
          document: document as KubernetesObject,
        });
      } else if (kind === 'GuardrailPolicy') {
        const policy = parseWith(guardrailPolicySchema);
        if (!policy) return;
        const annotations = annotationsOf(policy);
        register({
          name: policy.metadata.name,
          path: file.path,
          format: 'GuardrailPolicy',
          subject: policy.spec.subject,
          matchConstraints: policy.spec.matchConstraints,
          environmentTypes: policy.spec.environmentTypes,
          failurePolicy: policy.spec.failurePolicy,
          expressions: compileExpressions(
            policy.spec,
            GUARDRAIL_VARIABLES,
            problem,
          ),
          podTemplate: noPodTemplate,
          autogenControllers: [],
          bindings: [
            {
              name: policy.metadata.name,
              actions: policy.spec.validationActions.map(a => ACTIONS[a]),
            },
          ],
          fix: describedFix(annotations),
          approvers: annotations[APPROVERS_ANNOTATION],
          document: document as KubernetesObject,
        });
      } else if (
        typeof kind === 'string' &&
        typeof header?.apiVersion === 'string' &&
        name !== '?'
      ) {
        params.push(document as KubernetesObject);
      } else {
        problems.push(
          `${where}: not a policy (ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding, Kyverno ValidatingPolicy, GuardrailPolicy) nor a params object with apiVersion, kind and metadata.name`,
        );
      }
    });
  }

  for (const { where, binding } of bindings) {
    const policy = policies.find(
      p =>
        p.format === 'ValidatingAdmissionPolicy' &&
        p.name === binding.spec.policyName,
    );
    if (!policy) {
      problems.push(
        `${where}: ValidatingAdmissionPolicyBinding "${binding.metadata.name}" binds policy "${binding.spec.policyName}", which no file defines`,
      );
      continue;
    }
    if (binding.spec.paramRef && !policy.paramKind) {
      problems.push(
        `${where}: ValidatingAdmissionPolicyBinding "${binding.metadata.name}" has a paramRef but policy "${policy.name}" declares no paramKind`,
      );
    }
    policy.bindings.push({
      name: binding.metadata.name,
      matchResources: binding.spec.matchResources,
      paramRef: binding.spec.paramRef,
      actions: planActions(
        binding.spec.validationActions.map(a => ACTIONS[a]),
        {
          ...annotationsOf(binding),
          ...annotationsOf(
            policy.document as {
              metadata: { annotations?: Record<string, string> };
            },
          ),
        },
      ),
    });
  }
  for (const policy of policies) {
    if (
      policy.bindings.some(b => b.actions.includes('require-approval')) &&
      !policy.approvers
    ) {
      problems.push(
        `${policy.path}: ${policy.format} "${policy.name}" asks for approval but has no ${APPROVERS_ANNOTATION} annotation naming the approving group`,
      );
    }
  }
  if (problems.length > 0) {
    throw new InputError(
      `Invalid guardrail policies:\n  ${problems.join('\n  ')}`,
    );
  }
  policies.sort((a, b) => a.name.localeCompare(b.name));
  return {
    policies,
    params,
    bindingDocuments: bindings.map(({ binding, document }) => ({
      binding,
      document,
    })),
    warnings: policies
      .filter(p => p.bindings.length === 0)
      .map(
        p =>
          `${p.path}: ValidatingAdmissionPolicy "${p.name}" has no binding, so it is never enforced`,
      ),
  };
}

/** Kubernetes knows Deny, Warn and Audit; at plan time a policy may ask for an approver instead of denying. */
function planActions(
  actions: GuardrailAction[],
  annotations: Record<string, string>,
): GuardrailAction[] {
  return annotations[PLAN_ACTION_ANNOTATION] === 'require-approval'
    ? ['require-approval']
    : actions;
}

/** Reads every YAML file below `dir` and loads the policies. */
export async function readPolicyDirectory(dir: string): Promise<PolicySet> {
  return loadPolicies(await readYamlFiles(dir));
}
