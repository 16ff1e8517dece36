import { z } from 'zod';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const name = (what: string) =>
  z
    .string()
    .max(63)
    .regex(NAME, `${what} must be lowercase letters, digits and dashes`);

export const THRESHOLD_OPERATORS = ['>=', '>', '<=', '<', '=='] as const;
export type ThresholdOperator = (typeof THRESHOLD_OPERATORS)[number];

export const scorecardCheckSchema = z.strictObject({
  id: name('a check id'),
  title: z.string().min(1),
  description: z.string().optional(),
  /** How to make the check pass, shown next to a failing check. */
  fix: z.string().optional(),
  /** CEL over the entity's facts, e.g. `catalog.hasDescription` or `techdocs.pageCount`. */
  expression: z.string().min(1),
  /** Without one the expression must be boolean; with one it must be a number compared to `value`. */
  threshold: z
    .strictObject({
      operator: z.enum(THRESHOLD_OPERATORS),
      value: z.number(),
    })
    .optional(),
});
export type ScorecardCheck = z.infer<typeof scorecardCheckSchema>;

export const scorecardLevelSchema = z.strictObject({
  name: name('a level name'),
  title: z.string().optional(),
  checks: z.array(scorecardCheckSchema).min(1),
});
export type ScorecardLevel = z.infer<typeof scorecardLevelSchema>;

/** Which entities a scorecard applies to; every given field must match (values within a field are alternatives). */
export const scorecardFilterSchema = z.strictObject({
  kind: z.array(z.string()).optional(),
  type: z.array(z.string()).optional(),
  lifecycle: z.array(z.string()).optional(),
  /** Full entity refs, e.g. group:default/payments. */
  owner: z.array(z.string()).optional(),
});
export type ScorecardFilter = z.infer<typeof scorecardFilterSchema>;

/** A scorecard as the platform team writes it in `platform/scorecards/*.yaml`. */
export const scorecardDocumentSchema = z.strictObject({
  apiVersion: z.literal('paved.dev/v1alpha1'),
  kind: z.literal('Scorecard'),
  metadata: z.strictObject({
    name: name('metadata.name'),
    title: z.string().min(1),
    description: z.string().optional(),
  }),
  spec: z.strictObject({
    appliesTo: scorecardFilterSchema,
    /** Lowest first: a level is reached when its checks and every lower level's pass. */
    levels: z.array(scorecardLevelSchema).min(1),
  }),
});
export type ScorecardDocument = z.infer<typeof scorecardDocumentSchema>;

/** A loaded scorecard, as the API returns it. */
export interface Scorecard {
  id: string;
  title: string;
  description?: string;
  appliesTo: ScorecardFilter;
  levels: ScorecardLevel[];
}
