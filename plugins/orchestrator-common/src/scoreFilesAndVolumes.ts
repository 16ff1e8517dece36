import { z } from 'zod';
import {
  quote,
  kindOf,
  listOf,
  strict,
  yamlString,
} from './scoreBuildingBlocks';
import type { ScoreContainer } from './score';

/*
 * The files and volumes of a Score container, in both the current map form
 * (keyed by target path) and the deprecated list form, and helpers that give
 * one shape whichever form a workload used.
 */

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
export function mapOrList<
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
