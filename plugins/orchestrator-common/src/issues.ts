import { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** Keys that read unambiguously after a dot; anything else is bracketed and quoted. */
const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * Formats an issue path the way a YAML author navigates a file:
 * `containers.api.args[1]`, `containers.api.files["/etc/app.conf"].mode`,
 * or `(root)` for the document itself.
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      if (!PLAIN_KEY.test(key)) return `[${JSON.stringify(key)}]`;
      return index === 0 ? key : `.${key}`;
    })
    .join('');
}

const TYPE_NAMES: Record<string, string> = { record: 'map', int: 'integer' };
const typeName = (type: string) => TYPE_NAMES[type] ?? type;

/**
 * What zod says, minus its "Invalid input: " style prefix; a message a schema
 * wrote itself is kept as is.
 */
function plainMessage(message: string): string {
  return message.replace(/^(Invalid [a-z ]+|Too (big|small)): /, '');
}

/** `received X` from zod's default invalid_type message: issues carry no input unless asked to. */
function receivedType(issue: Issue): string | undefined {
  if ('input' in issue) {
    const input = issue.input;
    if (input === null) return 'null';
    return Array.isArray(input) ? 'array' : typeof input;
  }
  return /, received (\S+)$/.exec(issue.message)?.[1];
}

const isDefaultMessage = (issue: Issue) =>
  /^(Invalid |Too (big|small)|Unrecognized key)/.test(issue.message);

function sizeReason(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>) {
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const least = issue.code === 'too_small' ? 'at least' : 'at most';
  switch (issue.origin) {
    case 'string':
      return issue.code === 'too_small' && Number(bound) === 1
        ? 'must not be empty'
        : `must be ${least} ${bound} characters long`;
    case 'array':
    case 'set':
      return `must have ${least} ${bound} item${
        Number(bound) === 1 ? '' : 's'
      }`;
    case 'number':
    case 'int':
    case 'bigint':
      return `must be ${least} ${bound}`;
    default:
      return plainMessage(issue.message);
  }
}

/**
 * The issues of the union member the input was meant for: the members that
 * failed only because the input had another type at all are not it.
 */
function intendedBranch(branches: Issue[][]): Issue[] | undefined {
  const candidates = branches.filter(
    issues =>
      issues.length > 0 &&
      !issues.every(i => i.code === 'invalid_type' && i.path.length === 0),
  );
  if (candidates.length === 0) return undefined;
  return candidates.reduce((best, issues) =>
    issues.length < best.length ? issues : best,
  );
}

function describe(issue: Issue, prefix: readonly PropertyKey[]): string[] {
  const path = [...prefix, ...issue.path];
  const line = (reason: string) => `${formatIssuePath(path)}: ${reason}`;
  const custom = !isDefaultMessage(issue);

  switch (issue.code) {
    case 'invalid_type': {
      if (custom) return [line(issue.message)];
      const received = receivedType(issue);
      if (received === 'undefined' && path.length > 0) {
        return [line('is required')];
      }
      return [
        line(
          received
            ? `expected ${typeName(issue.expected)}, received ${received}`
            : plainMessage(issue.message),
        ),
      ];
    }
    case 'unrecognized_keys':
      return custom
        ? [line(issue.message)]
        : issue.keys.map(key => line(`unknown field ${JSON.stringify(key)}`));
    case 'invalid_key':
    case 'invalid_element': {
      const reasons = issue.issues.map(inner =>
        describe(inner, [])
          .map(text => text.replace(/^\(root\): /, ''))
          .join('; '),
      );
      return [
        line(
          `invalid ${
            issue.code === 'invalid_key' ? 'key' : 'value'
          }: ${reasons.join('; ')}`,
        ),
      ];
    }
    case 'invalid_union': {
      const branch = intendedBranch(issue.errors);
      if (branch) return branch.flatMap(inner => describe(inner, path));
      if (custom || issue.errors.length === 0) {
        return [line(plainMessage(issue.message))];
      }
      const expected = issue.errors.flatMap(issues =>
        issues.flatMap(i =>
          i.code === 'invalid_type' ? [typeName(i.expected)] : [],
        ),
      );
      const received = receivedType(issue.errors[0][0]);
      if (received === 'undefined' && path.length > 0) {
        return [line('is required')];
      }
      return [
        line(
          `expected ${[...new Set(expected)].join(' or ')}${
            received ? `, received ${received}` : ''
          }`,
        ),
      ];
    }
    case 'invalid_value':
      if (custom) return [line(issue.message)];
      return [
        line(
          issue.values.length === 1
            ? `must be ${JSON.stringify(issue.values[0])}`
            : `must be one of ${issue.values
                .map(v => JSON.stringify(v))
                .join(', ')}`,
        ),
      ];
    case 'too_small':
    case 'too_big':
      return [line(custom ? issue.message : sizeReason(issue))];
    case 'invalid_format':
      return [
        line(
          custom || !issue.pattern
            ? plainMessage(issue.message)
            : `must match ${issue.pattern}`,
        ),
      ];
    default:
      return [line(plainMessage(issue.message))];
  }
}

/**
 * One line per problem, `path: reason`, for someone fixing a hand-written
 * YAML file: paths are dotted with `[n]` for list items and `(root)` for the
 * document, unknown fields are named, missing fields say "is required", and a
 * union (e.g. files as a map or a list) reports only on the form the author
 * evidently used.
 */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.flatMap(issue => describe(issue, []));
}
