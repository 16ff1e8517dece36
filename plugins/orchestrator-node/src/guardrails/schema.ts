import { z } from 'zod';

// The admissionregistration.k8s.io/v1 shapes Paved reads; unknown fields are kept, as the API server would.
const strings = z.array(z.string());

const labelSelectorSchema = z.looseObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z.object({
        key: z.string(),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: strings.optional(),
      }),
    )
    .optional(),
});
export type LabelSelector = z.infer<typeof labelSelectorSchema>;

const resourceRuleSchema = z.looseObject({
  apiGroups: strings.default(['*']),
  apiVersions: strings.default(['*']),
  resources: strings.min(1),
  operations: z
    .array(z.enum(['CREATE', 'UPDATE', 'DELETE', 'CONNECT', '*']))
    .default(['*']),
  resourceNames: strings.optional(),
  scope: z.enum(['*', 'Cluster', 'Namespaced']).optional(),
});
export type ResourceRule = z.infer<typeof resourceRuleSchema>;

export const matchResourcesSchema = z.looseObject({
  namespaceSelector: labelSelectorSchema.optional(),
  objectSelector: labelSelectorSchema.optional(),
  resourceRules: z.array(resourceRuleSchema).optional(),
  excludeResourceRules: z.array(resourceRuleSchema).optional(),
  matchPolicy: z.enum(['Exact', 'Equivalent']).optional(),
});
export type MatchResources = z.infer<typeof matchResourcesSchema>;

const namedExpression = z.object({
  name: z.string().min(1),
  expression: z.string().min(1),
});

const validationSchema = z.looseObject({
  expression: z.string().min(1),
  message: z.string().optional(),
  messageExpression: z.string().optional(),
  reason: z.string().optional(),
});

const metadataSchema = z.looseObject({
  name: z.string().min(1),
  annotations: z.record(z.string(), z.string()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
});

const celPolicySpec = {
  matchConditions: z.array(namedExpression).default([]),
  variables: z.array(namedExpression).default([]),
  validations: z.array(validationSchema).min(1),
  failurePolicy: z.enum(['Fail', 'Ignore']).default('Fail'),
  auditAnnotations: z.array(z.unknown()).optional(),
};

const paramKindSchema = z.object({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
});

export const validatingAdmissionPolicySchema = z.object({
  apiVersion: z.literal('admissionregistration.k8s.io/v1'),
  kind: z.literal('ValidatingAdmissionPolicy'),
  metadata: metadataSchema,
  spec: z.looseObject({
    ...celPolicySpec,
    paramKind: paramKindSchema.optional(),
    matchConstraints: matchResourcesSchema.extend({
      resourceRules: z.array(resourceRuleSchema).min(1),
    }),
  }),
});
export type ValidatingAdmissionPolicy = z.infer<
  typeof validatingAdmissionPolicySchema
>;

const validationActions = z.array(z.enum(['Deny', 'Warn', 'Audit'])).min(1);

export const paramRefSchema = z.object({
  name: z.string().optional(),
  namespace: z.string().optional(),
  selector: labelSelectorSchema.optional(),
  parameterNotFoundAction: z.enum(['Allow', 'Deny']).default('Deny'),
});
export type ParamRef = z.infer<typeof paramRefSchema>;

export const validatingAdmissionPolicyBindingSchema = z.object({
  apiVersion: z.literal('admissionregistration.k8s.io/v1'),
  kind: z.literal('ValidatingAdmissionPolicyBinding'),
  metadata: metadataSchema,
  spec: z.looseObject({
    policyName: z.string().min(1),
    paramRef: paramRefSchema.optional(),
    matchResources: matchResourcesSchema.optional(),
    validationActions,
  }),
});
export type ValidatingAdmissionPolicyBinding = z.infer<
  typeof validatingAdmissionPolicyBindingSchema
>;

export const kyvernoValidatingPolicySchema = z.object({
  apiVersion: z.enum([
    'policies.kyverno.io/v1alpha1',
    'policies.kyverno.io/v1beta1',
    'policies.kyverno.io/v1',
  ]),
  kind: z.literal('ValidatingPolicy'),
  metadata: metadataSchema,
  spec: z.looseObject({
    ...celPolicySpec,
    matchConstraints: matchResourcesSchema.extend({
      resourceRules: z.array(resourceRuleSchema).min(1),
    }),
    validationActions: validationActions.default(['Deny']),
    autogen: z
      .looseObject({
        podControllers: z
          .looseObject({ controllers: strings.optional() })
          .optional(),
      })
      .optional(),
  }),
});
export type KyvernoValidatingPolicy = z.infer<
  typeof kyvernoValidatingPolicySchema
>;

export const GUARDRAIL_SUBJECTS = [
  'ResourceClaim',
  'Workflow',
  'Plan',
] as const;
export type GuardrailSubject = (typeof GUARDRAIL_SUBJECTS)[number];

/** Paved's own kind, for what is not a Kubernetes object, in the same CEL model. */
export const guardrailPolicySchema = z.object({
  apiVersion: z.literal('paved.dev/v1alpha1'),
  kind: z.literal('GuardrailPolicy'),
  metadata: metadataSchema,
  spec: z.strictObject({
    ...celPolicySpec,
    subject: z.enum(GUARDRAIL_SUBJECTS),
    /** For ResourceClaim: which claims, by API group and plural, as in a ValidatingAdmissionPolicy. */
    matchConstraints: matchResourcesSchema.optional(),
    /** Environment types the policy applies to; all when left out. */
    environmentTypes: strings.min(1).optional(),
    validationActions: z
      .array(z.enum(['Deny', 'Warn', 'Audit', 'RequireApproval']))
      .min(1),
  }),
});
export type GuardrailPolicy = z.infer<typeof guardrailPolicySchema>;

/** The annotation naming the group whose members approve a require-approval verdict. */
export const APPROVERS_ANNOTATION = 'paved.dev/approvers';
/** On a Kubernetes-format policy: at plan time, a failure asks for approval instead of failing. */
export const PLAN_ACTION_ANNOTATION = 'paved.dev/plan-action';
/** How to fix a failure, shown with every verdict. */
export const DESCRIPTION_ANNOTATIONS = [
  'paved.dev/description',
  'policies.kyverno.io/description',
];
