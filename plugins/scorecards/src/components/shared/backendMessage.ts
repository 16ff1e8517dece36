import { ResponseError } from '@backstage/errors';

/** What the backend said ("Entity not found"), not "Request failed with 404 Not Found". */
export function backendMessage(error: unknown): string {
  if (ResponseError.is(error)) return error.body.error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The backend has no results for the entity: it was never evaluated, not a failure. */
export function isNotFound(error: unknown): boolean {
  return ResponseError.is(error) && error.statusCode === 404;
}
