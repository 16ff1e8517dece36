import { z } from 'zod';
import {
  quote,
  received,
  strict,
  yamlString,
  oneOf,
  scoreName,
  annotations,
  port,
} from './scoreBuildingBlocks';
import {
  mapOrList,
  scoreFileSchema,
  scoreFileWithTargetSchema,
  scoreVolumeSchema,
  scoreVolumeWithTargetSchema,
} from './scoreFilesAndVolumes';

/*
 * Score workload specification, apiVersion score.dev/v1b1.
 *
 * Follows the published JSON schema (score-spec/spec, score-v1b1.json as of
 * release 0.4.1, last changed in f29aafc) rule for rule: same required fields,
 * patterns and closed objects. Messages are written for someone who typed the
 * score.yaml by hand, and `describeIssues` (./issues) prints them with paths.
 *
 * Checks beyond the JSON schema, each one something a Score implementation
 * would otherwise fail on later and less clearly:
 * - the deprecated list form of `files` and `volumes` needs a unique `target`;
 * - `before` may only name other containers of the workload, without cycles
 *   (the same rules score-go applies after schema validation).
 */

/** The only Score API version there is. */
export const SCORE_API_VERSION = 'score.dev/v1b1';

/** The `image` of a container whose image is the one this workload's own CI builds. */
export const SCORE_BUILT_IMAGE = '.';

// ---------------------------------------------------------------------------
// Workload metadata

/** Open object: Score lets implementations and teams add their own metadata keys. */
export const scoreWorkloadMetadataSchema = z.looseObject({
  name: scoreName,
  annotations: annotations.optional(),
});
export type ScoreWorkloadMetadata = z.infer<typeof scoreWorkloadMetadataSchema>;

// ---------------------------------------------------------------------------
// Service

export const scoreServicePortSchema = strict({
  /** The port other workloads connect to. */
  port,
  /** Defaults to TCP. */
  protocol: oneOf(['TCP', 'UDP']).optional(),
  /** The port the container listens on; defaults to `port`. */
  targetPort: port.optional(),
});
export type ScoreServicePort = z.infer<typeof scoreServicePortSchema>;

export const scoreServiceSchema = strict({
  ports: z.record(scoreName, scoreServicePortSchema).optional(),
});
export type ScoreService = z.infer<typeof scoreServiceSchema>;

// ---------------------------------------------------------------------------
// Containers: resources and probes

export const scoreResourceLimitsSchema = strict({
  /** Bytes with an optional decimal or binary suffix, as in Kubernetes. */
  memory: yamlString()
    .regex(
      /^(0\.\d+|[1-9]\d*(\.\d+)?)(K|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/,
      'must be an amount of memory such as "512Mi", "1.5Gi" or "500M" (suffixes K, M, G, T, P, E or Ki, Mi, Gi, Ti, Pi, Ei)',
    )
    .optional(),
  /** Whole or fractional CPUs, or millicpus. */
  cpu: yamlString()
    .regex(
      /^\d+(?:m|\.\d+)?$/,
      'must be a number of CPUs such as "1", "0.5" or "250m"',
    )
    .optional(),
});
export type ScoreResourceLimits = z.infer<typeof scoreResourceLimitsSchema>;

export const scoreHttpProbeSchema = strict({
  /** Defaults to the workload's IP. */
  host: z.string().min(1, 'must not be empty').optional(),
  /** Defaults to HTTP. */
  scheme: oneOf(['HTTP', 'HTTPS']).optional(),
  path: z.string(),
  port,
  httpHeaders: z
    .array(
      strict({
        name: z
          .string()
          .regex(
            /^[A-Za-z0-9_-]+$/,
            'must be a header name of letters, digits, "-" or "_"',
          ),
        value: z.string().min(1, 'must not be empty'),
      }),
    )
    .optional(),
});
export type ScoreHttpProbe = z.infer<typeof scoreHttpProbeSchema>;

export const scoreExecProbeSchema = strict({
  /** The command and its arguments, run inside the container. */
  command: z.array(z.string()),
});
export type ScoreExecProbe = z.infer<typeof scoreExecProbeSchema>;

/** Either kind or both; implementations that support both should prefer `exec`. */
export const scoreProbeSchema = strict({
  httpGet: scoreHttpProbeSchema.optional(),
  exec: scoreExecProbeSchema.optional(),
}).refine(probe => probe.httpGet !== undefined || probe.exec !== undefined, {
  message: 'needs "httpGet" or "exec" (or both)',
});
export type ScoreProbe = z.infer<typeof scoreProbeSchema>;

/** How far another container must have got before this one starts. */
export const scoreBeforeSchema = strict({
  ready: oneOf(['started', 'healthy', 'complete']),
});
export type ScoreBefore = z.infer<typeof scoreBeforeSchema>;

// ---------------------------------------------------------------------------
// Containers

export const scoreContainerSchema = strict({
  /** `.` (SCORE_BUILT_IMAGE) stands for the image this workload's CI builds. */
  image: z.string().min(1, 'must not be empty'),
  /** Replaces the image's entrypoint. */
  command: z.array(z.string()).optional(),
  /** Replaces the arguments passed to the entrypoint. */
  args: z.array(z.string()).optional(),
  variables: z
    .record(
      z.string().regex(/^[^=]+$/, 'must not be empty or contain "="'),
      yamlString(),
    )
    .optional(),
  files: mapOrList(
    scoreFileSchema,
    scoreFileWithTargetSchema,
    'files',
  ).optional(),
  volumes: mapOrList(
    scoreVolumeSchema,
    scoreVolumeWithTargetSchema,
    'volumes',
  ).optional(),
  /** Keyed by the name of a container of this workload that must start first. */
  before: z.record(scoreName, scoreBeforeSchema).optional(),
  resources: strict({
    limits: scoreResourceLimitsSchema.optional(),
    requests: scoreResourceLimitsSchema.optional(),
  }).optional(),
  livenessProbe: scoreProbeSchema.optional(),
  readinessProbe: scoreProbeSchema.optional(),
});
export type ScoreContainer = z.infer<typeof scoreContainerSchema>;

// ---------------------------------------------------------------------------
// Resources

const resourceTypeName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]$/,
    'must be 2 to 63 letters, digits or "-", starting and ending with a letter or digit',
  );

/** Open object, like the workload's metadata. */
export const scoreResourceMetadataSchema = z.looseObject({
  annotations: annotations.optional(),
});
export type ScoreResourceMetadata = z.infer<typeof scoreResourceMetadataSchema>;

export const scoreResourceSchema = strict({
  /** What the platform must provide, e.g. `postgres`; its resource definitions decide how. */
  type: resourceTypeName,
  /** A specialisation of the type, e.g. `large` or `external`. */
  class: resourceTypeName.optional(),
  /**
   * Shares the resource between workloads: resources with the same type,
   * class and id are one resource. Dots separate labels, e.g. `team-a.main-db`.
   */
  id: z
    .string()
    .max(63, 'must be at most 63 characters')
    .regex(
      /^[a-z0-9]+(?:-+[a-z0-9]+)*(?:\.[a-z0-9]+(?:-+[a-z0-9]+)*)*$/,
      'must be labels of lowercase letters, digits and "-" (not at either end), separated by "."',
    )
    .optional(),
  metadata: scoreResourceMetadataSchema.optional(),
  /** Free-form: their meaning is up to the resource type's provisioner. */
  params: z.record(z.string(), z.unknown()).optional(),
});
export type ScoreResource = z.infer<typeof scoreResourceSchema>;

// ---------------------------------------------------------------------------
// Workload

/** Reports `before` entries that name no other container, and start-order cycles. */
function checkStartOrder(
  containers: Record<string, ScoreContainer>,
  ctx: z.RefinementCtx,
) {
  const names = Object.keys(containers);
  const waitsFor = new Map<string, string[]>();
  for (const [name, container] of Object.entries(containers)) {
    for (const other of Object.keys(container.before ?? {})) {
      const path = ['containers', name, 'before', other];
      if (other === name) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: 'a container cannot start before itself',
        });
      } else if (!Object.hasOwn(containers, other)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `there is no container ${quote(
            other,
          )} in this workload (its containers: ${names.join(', ')})`,
        });
      } else {
        waitsFor.set(name, [...(waitsFor.get(name) ?? []), other]);
      }
    }
  }

  const done = new Set<string>();
  const visit = (name: string, trail: string[]): string[] | undefined => {
    const seenAt = trail.indexOf(name);
    if (seenAt >= 0) return [...trail.slice(seenAt), name];
    if (done.has(name)) return undefined;
    for (const other of waitsFor.get(name) ?? []) {
      const cycle = visit(other, [...trail, name]);
      if (cycle) return cycle;
    }
    done.add(name);
    return undefined;
  };
  for (const name of names) {
    const cycle = visit(name, []);
    if (cycle) {
      ctx.addIssue({
        code: 'custom',
        path: ['containers', cycle[0], 'before'],
        message: `the start order is circular: ${quote(
          cycle[0],
        )} waits for ${cycle.slice(1).map(quote).join(', which waits for ')}`,
      });
      return;
    }
  }
}

/** A Score workload, `score.dev/v1b1`. */
export const scoreWorkloadSchema = strict({
  apiVersion: z.literal(SCORE_API_VERSION, {
    error: issue =>
      issue.input === undefined
        ? 'is required'
        : `must be ${quote(SCORE_API_VERSION)}, received ${received(
            issue.input,
          )}`,
  }),
  metadata: scoreWorkloadMetadataSchema,
  service: scoreServiceSchema.optional(),
  /** Keyed by container name; at least one. */
  containers: z
    .record(scoreName, scoreContainerSchema)
    .refine(containers => Object.keys(containers).length > 0, {
      message: 'must declare at least one container',
    }),
  /** What the workload depends on, keyed by the name placeholders use: `${resources.<name>.…}`. */
  resources: z.record(scoreName, scoreResourceSchema).optional(),
}).superRefine((workload, ctx) => checkStartOrder(workload.containers, ctx));
export type ScoreWorkload = z.infer<typeof scoreWorkloadSchema>;
