import type { scorecardDocumentSchema } from '@paved/plugin-scorecards-common';

type Issue = NonNullable<
  ReturnType<(typeof scorecardDocumentSchema)['safeParse']>['error']
>['issues'][number];

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/** `spec.levels[1].checks[0].threshold.operator`, the way a YAML author navigates the file. */
export function formatPath(path: readonly PropertyKey[]): string {
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

const list = (values: readonly unknown[]) =>
  values.map(v => JSON.stringify(v)).join(', ');

// zod's own messages start with "Invalid input: " and the like; a schema's own message is kept as written.
const plain = (message: string) =>
  message.replace(/^(Invalid [a-z ]+|Too (big|small)): /, '');

function reasons(issue: Issue): string[] {
  switch (issue.code) {
    case 'invalid_type':
      return [
        / received undefined$/.test(issue.message) && issue.path.length > 0
          ? 'is required'
          : plain(issue.message),
      ];
    case 'unrecognized_keys':
      return issue.keys.map(key => `unknown field ${JSON.stringify(key)}`);
    case 'invalid_value':
      return [
        issue.values.length === 1
          ? `must be ${list(issue.values)}`
          : `must be one of ${list(issue.values)}`,
      ];
    case 'too_small':
    case 'too_big': {
      const least = issue.code === 'too_small' ? 'at least' : 'at most';
      const bound = Number(
        issue.code === 'too_small' ? issue.minimum : issue.maximum,
      );
      if (issue.origin === 'string')
        return [
          issue.code === 'too_small' && bound === 1
            ? 'must not be empty'
            : `must be ${least} ${bound} characters long`,
        ];
      if (issue.origin === 'array')
        return [`must have ${least} ${bound} item${bound === 1 ? '' : 's'}`];
      return [plain(issue.message)];
    }
    default:
      return [plain(issue.message)];
  }
}

/** One line per problem, `path: reason`, for someone fixing a hand-written YAML file. */
export function describeIssues(issues: readonly Issue[]): string[] {
  return issues.flatMap(issue =>
    reasons(issue).map(reason => `${formatPath(issue.path)}: ${reason}`),
  );
}
