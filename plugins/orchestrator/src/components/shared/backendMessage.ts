import { ResponseError } from '@backstage/errors';

/** What the backend said ("You are not allowed to do this"), not "Request failed with 403 Forbidden". */
export function backendMessage(error: unknown): string {
  if (ResponseError.is(error)) return error.body.error.message;
  return error instanceof Error ? error.message : String(error);
}
