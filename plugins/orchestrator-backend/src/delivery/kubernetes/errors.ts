import {
  ConflictError,
  ForwardedError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { DeliveredObject } from '@paved/plugin-orchestrator-node';
import { UnservedKindError } from './ClusterClient';
import { describe, KubeObject } from './objects';
import {
  apiStatusOf,
  ApiStatus,
  isFieldManagerConflict,
  RequestTimeoutError,
} from './retry';

/**
 * A delivery that failed, possibly part way: `applied` lists what reached
 * the cluster before it stopped. Its name is its cause's (ConflictError,
 * InputError, ServiceUnavailableError...), so callers and HTTP error
 * handlers treat it as that.
 */
export class KubernetesDeliveryError extends ForwardedError {
  constructor(
    message: string,
    cause: Error,
    readonly applied: DeliveredObject[],
  ) {
    super(message, cause);
  }
}

/**
 * Keeps a Secret's values out of a message: API servers quote invalid values
 * back, and errors end up in logs and API responses.
 */
export function redactSecretValues(text: string, object?: KubeObject): string {
  if (!object || object.kind !== 'Secret') return text;
  const values = new Set<string>();
  for (const field of ['data', 'stringData']) {
    const map = object[field];
    if (!map || typeof map !== 'object') continue;
    for (const value of Object.values(map as Record<string, unknown>)) {
      if (typeof value !== 'string' || value.length < 4) continue;
      values.add(value);
      values.add(Buffer.from(value).toString('base64'));
      if (field === 'data') {
        values.add(Buffer.from(value, 'base64').toString('utf8'));
      }
    }
  }
  let result = text;
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    if (value) result = result.split(value).join('***');
  }
  return result;
}

/** `field .data.LOG_LEVEL is managed by "kubectl"`, from a server-side apply conflict. */
function describeConflicts(status: ApiStatus): string {
  const byManager = new Map<string, string[]>();
  for (const cause of status.causes) {
    if (cause.type !== 'FieldManagerConflict') continue;
    const manager =
      /conflict with "([^"]+)"/.exec(cause.message ?? '')?.[1] ??
      'another manager';
    byManager.set(manager, [
      ...(byManager.get(manager) ?? []),
      cause.field ?? '(unknown field)',
    ]);
  }
  return [...byManager.entries()]
    .map(
      ([manager, fields]) =>
        `${fields.length === 1 ? 'field' : 'fields'} ${fields.join(', ')} ${
          fields.length === 1 ? 'is' : 'are'
        } managed by "${manager}"`,
    )
    .join('; ');
}

/**
 * One failed API call as the @backstage/errors class that says what kind of
 * failure it was, its message naming the object and the cluster.
 */
export function toDeliveryError(
  error: unknown,
  cluster: string,
  object?: KubeObject,
): Error {
  const subject = object
    ? `${describe(object)} on cluster ${cluster}`
    : `cluster ${cluster}`;
  if (error instanceof UnservedKindError) return new InputError(error.message);
  if (error instanceof RequestTimeoutError) {
    return new ServiceUnavailableError(
      `${subject}: the API server did not answer in time (${error.message})`,
    );
  }
  const status = apiStatusOf(error);
  if (!status) {
    const code = (error as { code?: string } | undefined)?.code;
    if (code || (error as Error | undefined)?.name === 'FetchError') {
      return new ServiceUnavailableError(
        `${subject}: could not reach the API server: ${
          (error as Error).message
        }`,
      );
    }
    return error instanceof Error ? error : new Error(String(error));
  }
  const message = redactSecretValues(status.message, object);
  if (isFieldManagerConflict(status)) {
    return new ConflictError(
      `${subject}: ${describeConflicts(
        status,
      )}, and Paved does not take fields over from other managers. ` +
        'Undo that change (or make it in the workload instead), or set orchestrator.kubernetes.forceConflicts to let Paved overwrite it',
    );
  }
  switch (status.code) {
    case 400:
    case 422:
      return new InputError(`${subject} was refused: ${message}`);
    case 401:
      return new NotAllowedError(
        `${subject}: the API server refused the configured serviceAccountToken (${message})`,
      );
    case 403:
      return new NotAllowedError(
        `${subject}: the configured ServiceAccount is not allowed to do this (${message})`,
      );
    case 404:
      return new NotFoundError(`${subject}: ${message}`);
    case 409:
      return new ConflictError(`${subject}: ${message}`);
    default:
      return new ServiceUnavailableError(
        `${subject}: the API server answered ${status.code}${
          status.reason ? ` ${status.reason}` : ''
        }: ${message}`,
      );
  }
}

/** `Namespace checkout-development (created), ConfigMap ... (updated)` */
export function describeDelivered(objects: DeliveredObject[]): string {
  if (objects.length === 0) return 'nothing';
  return objects
    .map(
      o =>
        `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name} (${
          o.action
        })`,
    )
    .join(', ');
}
