import { ResponseError } from '@backstage/errors';

/**
 * What the backend said, rather than "Request failed with 403 Forbidden".
 *
 * A body of just `{ error: { name, message } }` (no `response` envelope) is
 * kept raw by @backstage/errors, inside a message of its own; its `message`
 * is dug out of that so the dialog reads the same either way.
 */
export function backendMessage(error: Error): string {
  if (!ResponseError.is(error)) return error.message;
  const { message } = error.cause;
  const raw = /^Request failed with status \d+[^,]*, (\{.*\})$/s.exec(
    message,
  )?.[1];
  if (raw) {
    try {
      const parsed = JSON.parse(raw)?.error?.message;
      if (typeof parsed === 'string' && parsed) return parsed;
    } catch {
      // Not JSON after all: the raw text is still the best there is.
    }
  }
  return message || error.message;
}
