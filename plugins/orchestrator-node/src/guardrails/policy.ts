import type { GuardrailAction } from '@paved/plugin-orchestrator-common';
import type { CompiledCel } from './cel/compile';
import type { PodTemplatePath } from './autogen';
import type {
  GuardrailSubject,
  MatchResources,
  ParamRef,
  ValidatingAdmissionPolicyBinding,
} from './schema';
import type { KubernetesObject } from '../kubernetes/validate';

/** Every expression of a policy, compiled for one shape of object. */
export interface CompiledExpressions {
  matchConditions: Array<{ name: string; program: CompiledCel }>;
  variables: Array<{ name: string; program: CompiledCel }>;
  validations: Array<{
    program: CompiledCel;
    message?: string;
    messageExpression?: CompiledCel;
    reason?: string;
  }>;
}

export interface PolicyBinding {
  name: string;
  matchResources?: MatchResources;
  paramRef?: ParamRef;
  actions: GuardrailAction[];
}

/** A policy in any of the three formats, loaded, checked and compiled once. */
export interface CompiledPolicy {
  name: string;
  /** The file it came from. */
  path: string;
  format: 'ValidatingAdmissionPolicy' | 'ValidatingPolicy' | 'GuardrailPolicy';
  /** Kubernetes objects, or one of Paved's own subjects. */
  subject: 'KubernetesObject' | GuardrailSubject;
  matchConstraints?: MatchResources;
  environmentTypes?: string[];
  failurePolicy: 'Fail' | 'Ignore';
  paramKind?: { apiVersion: string; kind: string };
  expressions: CompiledExpressions;
  /** Kyverno autogen: the same expressions rewritten into each pod template path. */
  podTemplate(path: PodTemplatePath): CompiledExpressions | undefined;
  /** Plurals of the pod controllers autogen extends a Pod policy to. */
  autogenControllers: string[];
  bindings: PolicyBinding[];
  fix?: string;
  approvers?: string;
  /** The document as written, for the admission policies a plan carries. */
  document: KubernetesObject;
}

/** Policies compiled once, with the objects their paramRefs may name. */
export interface PolicySet {
  policies: CompiledPolicy[];
  params: KubernetesObject[];
  /** The ValidatingAdmissionPolicyBindings, read and as written (for the admission policies a plan carries). */
  bindingDocuments: Array<{
    binding: ValidatingAdmissionPolicyBinding;
    document: KubernetesObject;
  }>;
  /** Policies nothing binds: loaded, like the API server, but never enforced. */
  warnings: string[];
}
