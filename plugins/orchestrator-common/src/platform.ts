import { z } from 'zod';

/** An RFC 1123 label: what Kubernetes accepts as a namespace or object name. */
export const dnsLabel = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be an RFC 1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit',
  );

export const environmentTypes = [
  'development',
  'staging',
  'production',
  'ephemeral',
] as const;
export const environmentTypeSchema = z.enum(environmentTypes);
export type EnvironmentType = z.infer<typeof environmentTypeSchema>;

/** A duration written the way platform teams write them in YAML: `30m`, `24h`, `7d`. */
export const durationSchema = z
  .string()
  .regex(/^\d+[mhd]$/, 'must be a number followed by m, h or d, e.g. "24h"');

export const moneySchema = z.strictObject({
  amount: z.number().nonnegative(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"'),
});
export type Money = z.infer<typeof moneySchema>;

const paved = <K extends string>(kind: K) => ({
  apiVersion: z.literal('paved.dev/v1alpha1'),
  kind: z.literal(kind),
  metadata: z.strictObject({
    name: dnsLabel,
    description: z.string().optional(),
  }),
});

/** A named deployment target of a type, mapped to a cluster namespace and a GitOps path. */
export const environmentSchema = z
  .strictObject({
    ...paved('Environment'),
    spec: z.strictObject({
      type: environmentTypeSchema,
      cluster: z.string().min(1),
      namespace: dnsLabel.optional(),
      domain: z.string().min(1),
      gitopsPath: z.string().min(1).optional(),
      /** The delivery target deployments to this environment go to: "gitops" (the default), "kubernetes" or a module's own. */
      delivery: z.string().min(1).optional(),
      /** Ephemeral environments only: how long one lives unless extended, and the most it may be extended to. */
      ttl: z
        .strictObject({ default: durationSchema, maximum: durationSchema })
        .optional(),
      /** Ephemeral environments only: the monthly cost the environment's plans may not exceed. */
      costCap: moneySchema.optional(),
    }),
  })
  .superRefine((env, ctx) => {
    const ephemeral = env.spec.type === 'ephemeral';
    for (const key of ['ttl', 'costCap'] as const) {
      if (ephemeral && !env.spec[key]) {
        ctx.addIssue({
          code: 'custom',
          path: ['spec', key],
          message: 'is required for an ephemeral environment',
        });
      }
      if (!ephemeral && env.spec[key]) {
        ctx.addIssue({
          code: 'custom',
          path: ['spec', key],
          message: 'applies to ephemeral environments only',
        });
      }
    }
  });
export type Environment = z.infer<typeof environmentSchema>;

/**
 * When a resource definition applies. Every field set must equal the request's;
 * a criterion with more (and weightier) fields set is more specific.
 */
export const matchCriterionSchema = z.strictObject({
  environmentType: environmentTypeSchema.optional(),
  environment: dnsLabel.optional(),
  workload: dnsLabel.optional(),
  resourceId: z.string().min(1).optional(),
});
export type MatchCriterion = z.infer<typeof matchCriterionSchema>;

/** A resource output: a plain value, or a reference to a secret that is never rendered as a literal. */
export const resourceOutputSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.strictObject({
    secretRef: z.strictObject({
      name: z.string().min(1),
      key: z.string().min(1),
    }),
  }),
]);
export type ResourceOutput = z.infer<typeof resourceOutputSchema>;

/** How the platform satisfies a resource request (`type: postgres, class: default`) in a given context. */
export const resourceDefinitionSchema = z.strictObject({
  ...paved('ResourceDefinition'),
  spec: z.strictObject({
    type: z.string().min(1),
    class: z.string().min(1).default('default'),
    /** Empty or absent: matches every context, least specifically. */
    criteria: z.array(matchCriterionSchema).default([]),
    outputs: z.record(z.string(), resourceOutputSchema).default({}),
    /** The renderer that turns a matched request into artifacts, and its settings. */
    renderer: z.strictObject({
      name: z.string().min(1),
      config: z.record(z.string(), z.unknown()).default({}),
    }),
    pricePerMonth: moneySchema.optional(),
  }),
});
export type ResourceDefinition = z.infer<typeof resourceDefinitionSchema>;

/**
 * A Crossplane CompositeResourceDefinition, as the platform's cluster has it.
 * Paved reads only what it needs to check the claims it renders: the group,
 * the claim kind and plural and each version's OpenAPI schema.
 */
export const compositeResourceDefinitionSchema = z.object({
  apiVersion: z.literal('apiextensions.crossplane.io/v1'),
  kind: z.literal('CompositeResourceDefinition'),
  metadata: z.object({ name: z.string().min(1) }),
  spec: z.object({
    group: z.string().min(1),
    names: z.object({
      kind: z.string().min(1),
      plural: z.string().min(1).optional(),
    }),
    claimNames: z
      .object({
        kind: z.string().min(1),
        plural: z.string().min(1).optional(),
      })
      .optional(),
    versions: z
      .array(
        z.object({
          name: z.string().min(1),
          schema: z.object({
            openAPIV3Schema: z.record(z.string(), z.unknown()),
          }),
        }),
      )
      .min(1),
  }),
});
export type CompositeResourceDefinition = z.infer<
  typeof compositeResourceDefinitionSchema
>;
