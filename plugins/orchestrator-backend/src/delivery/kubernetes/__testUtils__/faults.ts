import { FakeApiError } from './apiErrors';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  /** Undefined while the request is unanswered (a hang). */
  status?: number;
  time: number;
}

export interface FaultMatch {
  method?: string;
  /** An exact path, or a pattern. */
  path?: string | RegExp;
  /** true: only dry runs; false: only real writes; unset: both. */
  dryRun?: boolean;
}

export type Fault =
  | { status: number; retryAfterSeconds?: number; message?: string }
  | { hang: true };

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** Whether a request is one a fault (or a test's question) is about. */
export function matches(
  match: FaultMatch,
  request: Pick<RecordedRequest, 'method' | 'path' | 'query'>,
): boolean {
  if (match.method && match.method !== request.method) return false;
  if (typeof match.path === 'string' && match.path !== request.path)
    return false;
  if (match.path instanceof RegExp && !match.path.test(request.path))
    return false;
  if (
    match.dryRun !== undefined &&
    match.dryRun !== (request.query.dryRun === 'All')
  )
    return false;
  return true;
}

/** The Status an injected fault answers with. */
export function faultError(
  fault: { status: number; message?: string },
  path: string,
): FakeApiError {
  const reason = REASONS[fault.status] ?? 'InternalError';
  const message =
    fault.message ??
    (fault.status === 409
      ? `Operation cannot be fulfilled on ${path}: the object has been modified; please apply your changes to the latest version and try again`
      : `injected ${fault.status} ${reason}`);
  return new FakeApiError(fault.status, reason, message);
}
