import { ApiException } from '@kubernetes/client-node';

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** The first backoff; each further one doubles, with jitter. */
  baseDelayMs: number;
  /** No wait is longer, a server's Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 30_000,
};

/** A request the client gave up on because the server did not answer in time. */
export class RequestTimeoutError extends Error {
  name = 'RequestTimeoutError';
}

/** What a Kubernetes API error Status carries. */
export interface ApiStatus {
  code: number;
  reason?: string;
  message: string;
  causes: Array<{
    type?: string;
    reason?: string;
    message?: string;
    field?: string;
  }>;
}

/** The Status of a failed API call, or undefined for an error that is not one (network, timeout). */
export function apiStatusOf(error: unknown): ApiStatus | undefined {
  if (!(error instanceof ApiException)) return undefined;
  const body = error.body as
    | {
        reason?: string;
        message?: string;
        details?: { causes?: ApiStatus['causes'] };
      }
    | string
    | undefined;
  if (body && typeof body === 'object') {
    return {
      code: error.code,
      reason: body.reason,
      message: body.message ?? `HTTP ${error.code}`,
      causes: body.details?.causes ?? [],
    };
  }
  return {
    code: error.code,
    message:
      typeof body === 'string' && body.trim()
        ? body.trim().slice(0, 500)
        : `HTTP ${error.code}`,
    causes: [],
  };
}

export function isFieldManagerConflict(status: ApiStatus | undefined): boolean {
  return (
    status?.code === 409 &&
    status.causes.some(cause => cause.type === 'FieldManagerConflict')
  );
}

const RETRIED_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRIED_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/**
 * Whether trying again may help. Throttling, server errors and dropped
 * connections may; so may a 409 that is not a field-manager conflict (the
 * object changed under the request; Paved's applies carry no
 * resourceVersion, so a fresh try sees the new one). A request that timed
 * out is not retried: a hung API server seldom recovers within a delivery,
 * and every attempt would wait the whole timeout again.
 */
export function isRetryable(error: unknown): boolean {
  const status = apiStatusOf(error);
  if (status) {
    if (RETRIED_STATUS.has(status.code)) return true;
    return status.code === 409 && !isFieldManagerConflict(status);
  }
  if (error instanceof RequestTimeoutError) return false;
  const code = (error as { code?: string } | undefined)?.code;
  return typeof code === 'string' && RETRIED_NETWORK.has(code);
}

function retryAfterMs(error: unknown): number | undefined {
  if (!(error instanceof ApiException)) return undefined;
  const header = (error.headers as Record<string, string> | undefined)?.[
    'retry-after'
  ];
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** How long to wait before attempt `attempt + 1` (attempt counts from 1). */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  options: RetryOptions,
): number {
  const backoff = options.baseDelayMs * 2 ** (attempt - 1);
  // Equal jitter: spreads clients that failed together without ever waiting
  // less than half the backoff.
  const jittered = backoff / 2 + (Math.random() * backoff) / 2;
  const asked = retryAfterMs(error);
  return Math.min(options.maxDelayMs, asked ?? jittered);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `call` until it succeeds, fails for good, or runs out of attempts; throws the last error. */
export async function withRetries<T>(
  call: () => Promise<T>,
  options: RetryOptions,
  hooks: {
    signal?: AbortSignal;
    onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= options.attempts || !isRetryable(error)) throw error;
      const delay = retryDelayMs(error, attempt, options);
      hooks.onRetry?.(error, attempt, delay);
      await sleep(delay, hooks.signal);
    }
  }
}
