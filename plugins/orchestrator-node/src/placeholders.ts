import { InputError } from '@backstage/errors';

/** What a placeholder resolves to: text, or a secret that must stay a reference. */
export type ResolvedValue =
  | { kind: 'text'; value: string }
  | { kind: 'secret'; secretRef: { name: string; key: string } };

/**
 * Resolves the dotted path inside `${...}` (already split, `\.` unescaped), or
 * throws an Error whose message says why it cannot.
 */
export type PlaceholderResolver = (path: string[]) => ResolvedValue;

/** Either plain text, or exactly one secret reference (the whole value was one secret placeholder). */
export type ExpandedValue = ResolvedValue;

const PLACEHOLDER = /\$\$\{|\$\{([^}]*)\}/g;

/** Splits `a.b\.c` into `['a', 'b.c']`: Score escapes dots inside keys with a backslash. */
export function splitPlaceholderPath(expression: string): string[] {
  return expression.split(/(?<!\\)\./).map(part => part.replace(/\\\./g, '.'));
}

/**
 * Expands Score placeholders in one value, in a single pass: `${path}` becomes
 * what `resolve` returns and `$${` becomes a literal `${`. Substituted text is
 * never scanned again, so a value that came from a user parameter and happens
 * to contain `${...}` stays as it is.
 *
 * A secret may only stand alone (`${resources.db.password}`): embedding it in
 * other text would put the secret itself into a manifest.
 *
 * @param where - the value's location, for errors, e.g. `containers.api.variables.DB_HOST`
 */
export function expandPlaceholders(
  value: string,
  resolve: PlaceholderResolver,
  where: string,
): ExpandedValue {
  const whole = /^\$\{([^}]*)\}$/.exec(value);
  if (whole) {
    return resolveAt(whole[1], resolve, where);
  }
  const text = value.replace(
    PLACEHOLDER,
    (_match, expression: string | undefined) => {
      if (expression === undefined) {
        return '${';
      }
      const resolved = resolveAt(expression, resolve, where);
      if (resolved.kind === 'secret') {
        throw new InputError(
          `${where}: \${${expression}} is a secret and can only be used as the whole value, not inside "${value}"`,
        );
      }
      return resolved.value;
    },
  );
  return { kind: 'text', value: text };
}

function resolveAt(
  expression: string,
  resolve: PlaceholderResolver,
  where: string,
) {
  if (!expression.trim()) {
    throw new InputError(`${where}: empty placeholder \${}`);
  }
  try {
    return resolve(splitPlaceholderPath(expression));
  } catch (error) {
    throw new InputError(
      `${where}: \${${expression}} ${(error as Error).message}`,
    );
  }
}
