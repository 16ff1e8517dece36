import { z } from 'zod';
import {
  quote,
  kindOf,
  received,
  listOf,
  strict,
  yamlString,
  oneOf,
  scoreName,
  annotations,
  port,
} from './scoreBuildingBlocks';

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
// Containers: files

const FILE_CONTENT_FIELDS = ['content', 'binaryContent', 'source'] as const;

const fileFields = {
  /** Octal, as a string: YAML would read an unquoted 0600 as the number 600. */
  mode: yamlString('0644')
    .regex(/^0?[0-7]{3}$/, 'must be an octal file mode such as "0644"')
    .optional(),
  /** A path to the content, relative to the score.yaml. */
  source: z.string().min(1, 'must not be empty').optional(),
  /** Inline UTF-8 content; placeholders in it are expanded unless `noExpand`. */
  content: z.string().optional(),
  /** Inline standard base64, for content that is not UTF-8; never expanded. */
  binaryContent: z.string().optional(),
  noExpand: z.boolean().optional(),
};

/** The JSON schema's `oneOf` over the three ways to give a file's content. */
function exactlyOneContent(
  file: Partial<Record<(typeof FILE_CONTENT_FIELDS)[number], unknown>>,
  ctx: z.RefinementCtx,
) {
  const set = FILE_CONTENT_FIELDS.filter(field => file[field] !== undefined);
  if (set.length === 1) return;
  ctx.addIssue({
    code: 'custom',
    message:
      set.length === 0
        ? `needs its content: set one of ${listOf(FILE_CONTENT_FIELDS, 'or')}`
        : `${listOf(
            FILE_CONTENT_FIELDS,
            'and',
          )} are mutually exclusive, but this file sets ${listOf(set)}`,
  });
}

/** A file in the map form of `files`, where the key is the target path. */
export const scoreFileSchema = strict(
  {
    ...fileFields,
    /** Present only to explain itself: the map key already is the target. */
    target: z
      .never({
        error:
          'is only used in the deprecated list form of files; in the map form the key is the target path',
      })
      .optional(),
  },
  ['target'],
).superRefine(exactlyOneContent);
export type ScoreFile = z.infer<typeof scoreFileSchema>;

/**
 * A file in the deprecated list form of `files`. The JSON schema leaves
 * `target` optional, but a file without one cannot be mounted anywhere.
 */
export const scoreFileWithTargetSchema = strict({
  target: z.string().min(1, 'must not be empty'),
  ...fileFields,
}).superRefine(exactlyOneContent);
export type ScoreFileWithTarget = z.infer<typeof scoreFileWithTargetSchema>;

// ---------------------------------------------------------------------------
// Containers: volumes

const volumeFields = {
  /** Usually a placeholder for a volume resource, e.g. `${resources.data}`. */
  source: z.string(),
  /** A sub path inside the volume. */
  path: z.string().optional(),
  readOnly: z.boolean().optional(),
};

/** A volume in the map form of `volumes`, where the key is the mount path. */
export const scoreVolumeSchema = strict(
  {
    ...volumeFields,
    target: z
      .never({
        error:
          'is only used in the deprecated list form of volumes; in the map form the key is the mount path',
      })
      .optional(),
  },
  ['target'],
);
export type ScoreVolume = z.infer<typeof scoreVolumeSchema>;

/** A volume in the deprecated list form of `volumes`; like files, it needs a target. */
export const scoreVolumeWithTargetSchema = strict({
  target: z.string().min(1, 'must not be empty'),
  ...volumeFields,
});
export type ScoreVolumeWithTarget = z.infer<typeof scoreVolumeWithTargetSchema>;

const MAP_OF = {
  files: 'a map of target path to file',
  volumes: 'a map of mount path to volume',
};

/**
 * The map form (since Score spec release 0.3.0) or the list form it
 * deprecated, which the schema still accepts. In the list form the targets
 * must be unique, or turning it into the map form would lose entries.
 */
function mapOrList<
  Entry extends z.ZodType,
  Listed extends z.ZodType<{ target: string }>,
>(entry: Entry, listed: Listed, what: keyof typeof MAP_OF) {
  return z.union(
    [
      z.record(z.string(), entry),
      z.array(listed).superRefine((items, ctx) => {
        const seen = new Map<string, number>();
        items.forEach((item, index) => {
          const first = seen.get(item.target);
          if (first === undefined) {
            seen.set(item.target, index);
            return;
          }
          ctx.addIssue({
            code: 'custom',
            path: [index, 'target'],
            message: `${quote(
              item.target,
            )} is already the target of ${what}[${first}]`,
          });
        });
      }),
    ],
    {
      error: issue =>
        issue.input === undefined
          ? undefined
          : `expected ${
              MAP_OF[what]
            } (or the deprecated list), received ${kindOf(issue.input)}`,
    },
  );
}

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

// ---------------------------------------------------------------------------
// Helpers over the two shapes of files and volumes

/** A container's files keyed by target path, whichever form the workload used. */
export function filesByTarget(
  container: ScoreContainer,
): Record<string, ScoreFile> {
  const { files } = container;
  if (!Array.isArray(files)) return files ?? {};
  return Object.fromEntries(files.map(({ target, ...file }) => [target, file]));
}

/** A container's volumes keyed by mount path, whichever form the workload used. */
export function volumesByTarget(
  container: ScoreContainer,
): Record<string, ScoreVolume> {
  const { volumes } = container;
  if (!Array.isArray(volumes)) return volumes ?? {};
  return Object.fromEntries(
    volumes.map(({ target, ...volume }) => [target, volume]),
  );
}
