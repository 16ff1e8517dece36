import { InputError } from '@backstage/errors';
import {
  describeIssues,
  filesByTarget,
  ScoreWorkload,
  scoreWorkloadSchema,
} from '@paved/plugin-orchestrator-common';
import { ResolvedValue } from './placeholders';
import { parseYamlDocument } from './yaml';

/**
 * Reads a score.yaml: one YAML document, valid against Score `score.dev/v1b1`.
 * Every schema problem is listed, each with its path (`containers.api.resources.limits.cpu`).
 */
export function loadWorkload(text: string, source: string): ScoreWorkload {
  const document = parseYamlDocument(text, source);
  const result = scoreWorkloadSchema.safeParse(document);
  if (!result.success) {
    throw new InputError(
      `${source} is not a valid Score workload:\n  ${describeIssues(
        result.error,
      ).join('\n  ')}`,
    );
  }
  return result.data;
}

/** A resource's outputs once its definition matched: plain values, or secret references. */
export type ResourceOutputs = Record<string, ResolvedValue>;

/**
 * Resolves the placeholders Score allows inside a workload: `metadata.*` (name,
 * annotations and any other metadata value) and `resources.<name>.<output>`.
 */
export function workloadResolver(
  workload: ScoreWorkload,
  outputsByResource: Record<string, ResourceOutputs>,
) {
  return (path: string[]): ResolvedValue => {
    const [root, ...rest] = path;
    if (root === 'metadata') {
      let value: unknown = workload.metadata;
      for (const key of rest) {
        value =
          value && typeof value === 'object'
            ? (value as Record<string, unknown>)[key]
            : undefined;
      }
      if (
        typeof value === 'string' ||
        typeof value === 'number' ||
        typeof value === 'boolean'
      ) {
        return { kind: 'text', value: String(value) };
      }
      throw new Error(
        `refers to metadata that ${
          value === undefined ? 'does not exist' : 'is not a single value'
        }`,
      );
    }
    if (root === 'resources') {
      const [name, output, ...extra] = rest;
      const outputs = name === undefined ? undefined : outputsByResource[name];
      if (!outputs) {
        const known =
          Object.keys(outputsByResource).sort().join(', ') || 'none';
        throw new Error(
          `refers to resource "${
            name ?? ''
          }", which the workload does not declare (it declares: ${known})`,
        );
      }
      const value =
        output === undefined || extra.length > 0 ? undefined : outputs[output];
      if (!value) {
        const type = workload.resources?.[name]?.type ?? 'unknown';
        const provided = Object.keys(outputs).sort().join(', ') || 'none';
        throw new Error(
          `refers to output "${[output, ...extra].join(
            '.',
          )}" that resource "${name}" (${type}) does not provide; it provides: ${provided}`,
        );
      }
      return value;
    }
    throw new Error(
      'is not a Score placeholder: it must start with "metadata." or "resources."',
    );
  };
}

/**
 * Reads every file a workload takes from a path (`files.<target>.source`) into
 * its `content`, so planning stays pure. `read` resolves a source relative to
 * the score.yaml, as Score specifies; its failure is reported with the file's path.
 */
export function inlineFileSources(
  workload: ScoreWorkload,
  read: (source: string) => string,
): ScoreWorkload {
  const containers = Object.fromEntries(
    Object.entries(workload.containers).map(([name, container]) => {
      const files = Object.fromEntries(
        Object.entries(filesByTarget(container)).map(([target, file]) => {
          if (file.source === undefined) return [target, file];
          const { source, ...rest } = file;
          try {
            return [target, { ...rest, content: read(source) }];
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            throw new InputError(
              `containers.${name}.files["${target}"].source: cannot read "${source}"${
                code ? ` (${code})` : `: ${(error as Error).message}`
              }`,
            );
          }
        }),
      );
      return [name, container.files ? { ...container, files } : container];
    }),
  );
  return { ...workload, containers };
}
