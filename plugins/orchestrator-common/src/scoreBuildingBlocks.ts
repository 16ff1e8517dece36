import { z } from 'zod';

/*
 * Building blocks of the Score schema (./score): closed objects whose unknown
 * fields are named with a suggestion, and messages written for someone who
 * typed the score.yaml by hand.
 */

export const quote = (value: string) => JSON.stringify(value);

/** What YAML gave where something else was expected, in YAML's terms. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A string input quoted, anything else by its kind. */
export const received = (value: unknown) =>
  typeof value === 'string' ? quote(value) : kindOf(value);

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"` */
export function listOf(values: readonly string[], conjunction = 'and'): string {
  const quoted = values.map(quote);
  return quoted.length <= 1
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1)}`;
}

/** Levenshtein distance, for "did you mean" hints on misspelled field names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** The known field an unknown one is most likely a typo or shorthand of. */
function closestField(
  key: string,
  known: readonly string[],
): string | undefined {
  const typed = key.toLowerCase();
  let best: { field: string; distance: number } | undefined;
  for (const field of known) {
    const candidate = field.toLowerCase();
    const [shorter, longer] =
      typed.length <= candidate.length
        ? [typed, candidate]
        : [candidate, typed];
    const distance = editDistance(typed, candidate);
    const close =
      distance <= (shorter.length >= 8 ? 2 : 1) ||
      (shorter.length >= 5 && longer.startsWith(shorter));
    if (close && (!best || distance < best.distance)) {
      best = { field, distance };
    }
  }
  return best?.field;
}

function unknownFieldsMessage(
  keys: readonly string[],
  known: readonly string[],
): string {
  const described = keys.map(key => {
    const close = closestField(key, known);
    return close ? `${quote(key)} (did you mean ${quote(close)}?)` : quote(key);
  });
  const message = `unknown field${keys.length > 1 ? 's' : ''} ${described.join(
    ', ',
  )}`;
  return described.every(d => !d.includes('did you mean'))
    ? `${message}; allowed fields: ${known.join(', ')}`
    : message;
}

/**
 * A closed object (the JSON schema's `additionalProperties: false`) whose
 * unknown-field message suggests the field the author probably meant: a typo
 * in a hand-written score.yaml is the usual reason for an unknown field.
 *
 * @param hidden - fields in the shape that exist only to give a better
 *   message, never to be suggested
 */
export function strict<const Shape extends z.ZodRawShape>(
  shape: Shape,
  hidden: readonly string[] = [],
) {
  const known = Object.keys(shape).filter(key => !hidden.includes(key));
  return z.strictObject(shape, {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? unknownFieldsMessage(issue.keys, known)
        : undefined,
  });
}

/**
 * A string that YAML authors often leave unquoted (`cpu: 0.5`, `PORT: 8080`),
 * which YAML then reads as a number or boolean: the message says to quote it.
 */
export function yamlString(example?: string) {
  return z.string({
    error: issue => {
      const input = issue.input;
      if (
        typeof input === 'number' ||
        typeof input === 'boolean' ||
        typeof input === 'bigint'
      ) {
        const hint = example
          ? `, e.g. ${quote(example)}`
          : `: ${quote(String(input))}`;
        return `expected string, received ${typeof input}; quote it in YAML${hint}`;
      }
      return undefined;
    },
  });
}

/** An enum whose message shows the allowed values and what was written instead. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
) {
  return z.enum(values, {
    error: issue => {
      if (issue.input === undefined) return 'is required';
      return `must be ${listOf(values, 'or')}, received ${received(
        issue.input,
      )}`;
    },
  });
}

const RFC1123_LABEL = /^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/;

/** Says exactly what is wrong with a would-be label, rather than quoting the regex. */
function labelProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length < 2) {
    problems.push(
      value.length === 0 ? 'is empty' : 'is shorter than 2 characters',
    );
  }
  if (value.length > 63) {
    problems.push(`is ${value.length} characters long`);
  }
  if (/[A-Z]/.test(value)) {
    problems.push('has uppercase letters');
  }
  const others = [...new Set(value.replace(/[A-Za-z0-9-]/g, ''))];
  if (others.length > 0) {
    problems.push(`contains ${listOf(others)}`);
  }
  if (value.startsWith('-')) problems.push('starts with "-"');
  if (value.length > 1 && value.endsWith('-')) problems.push('ends with "-"');
  return problems;
}

/**
 * A name of the workload, a container, a port or a resource. Score makes them
 * RFC 1123 labels of at least 2 characters so that every implementation can
 * use them as Kubernetes names, DNS names and compose service names as is.
 */
export const scoreName = z.string().regex(RFC1123_LABEL, {
  error: issue => {
    const value = String(issue.input);
    return `must be an RFC 1123 label (2 to 63 lowercase letters, digits or "-", starting and ending with a letter or digit), but ${quote(
      value,
    )} ${labelProblems(value).join(' and ')}`;
  },
});

/** Kubernetes-style annotation keys: an optional DNS prefix and a name. */
const annotationKey = z
  .string()
  .max(316, 'must be at most 316 characters')
  .regex(
    /^(([a-z0-9][a-z0-9-]{0,61}[a-z0-9])(\.[a-z0-9][a-z0-9-]{0,61}[a-z0-9])*\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,61}[A-Za-z0-9]$/,
    'must be an annotation key: an optional DNS prefix and "/" (e.g. "example.com/"), then 2 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
  );

export const annotations = z.record(annotationKey, yamlString());

export const port = z
  .number()
  .int()
  .min(1, 'must be a port number from 1 to 65535')
  .max(65535, 'must be a port number from 1 to 65535');
