import { schemaViolations } from '../schemas';
import { FakeApiError, StatusCause } from './apiErrors';
import { isPlainObject } from '../listKeys';
import { apiVersionOf, resourceName, ResourceType } from './resourceTypes';

const SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function labelProblems(labels: unknown): StatusCause[] {
  if (!labels || typeof labels !== 'object') return [];
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(
    labels as Record<string, unknown>,
  )) {
    const [prefix, name] = key.includes('/')
      ? key.split('/', 2)
      : [undefined, key];
    if (
      (prefix !== undefined && !SUBDOMAIN.test(prefix)) ||
      name.length > 63 ||
      !LABEL_NAME.test(name)
    ) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'metadata.labels',
        message: `Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.'`,
      });
    }
    if (
      typeof value !== 'string' ||
      value.length > 63 ||
      (value !== '' && !LABEL_NAME.test(value))
    ) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'metadata.labels',
        message: `Invalid value: "${String(
          value,
        )}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'`,
      });
    }
  }
  return causes;
}

/** What the API server's validation would refuse, as a 422 Invalid naming each field. */
export function validateObject(
  type: ResourceType,
  body: Record<string, any>,
): void {
  const name: string = body.metadata?.name ?? '';
  const causes: StatusCause[] = [];
  const pattern = type.kind === 'Namespace' ? LABEL : SUBDOMAIN;
  if (
    !pattern.test(name) ||
    name.length > (type.kind === 'Namespace' ? 63 : 253)
  ) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'metadata.name',
      message: `Invalid value: "${name}": a lowercase RFC 1123 ${
        type.kind === 'Namespace' ? 'label' : 'subdomain'
      } must consist of lower case alphanumeric characters, '-' or '.'`,
    });
  }
  causes.push(...labelProblems(body.metadata?.labels));
  for (const violation of schemaViolations({
    ...body,
    apiVersion: apiVersionOf(type),
    kind: type.kind,
  })) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: violation.field,
      message: `Invalid value: ${violation.message}`,
    });
  }
  if (causes.length === 0) return;
  const kind = type.group ? `${type.kind}.${type.group}` : type.kind;
  throw new FakeApiError(
    422,
    'Invalid',
    `${kind} "${name}" is invalid: ${causes
      .map(c => `${c.field}: ${c.message}`)
      .join(', ')}`,
    causes,
  );
}

/** The body must be the object the URL names. */
export function checkIdentity(
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  body: Record<string, any>,
) {
  if (body.apiVersion !== apiVersionOf(type) || body.kind !== type.kind) {
    throw new FakeApiError(
      400,
      'BadRequest',
      `the body is ${body.kind} of ${
        body.apiVersion
      }, the URL is ${resourceName(type)}`,
    );
  }
  if (body.metadata?.name !== name) {
    throw new FakeApiError(
      400,
      'BadRequest',
      `the name of the object (${body.metadata?.name}) does not match the name on the URL (${name})`,
    );
  }
  const given = body.metadata?.namespace;
  if (type.namespaced && given !== undefined && given !== namespace) {
    throw new FakeApiError(
      400,
      'BadRequest',
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
}

/** What the API server does to an object it stores: defaults, then validation (422 if invalid). */
export function admit(type: ResourceType, body: Record<string, any>): void {
  if (type.kind === 'Secret' && isPlainObject(body.stringData)) {
    // The API server stores stringData as base64 data and never returns it.
    body.data = { ...body.data };
    for (const [k, v] of Object.entries(body.stringData))
      body.data[k] = Buffer.from(String(v)).toString('base64');
    delete body.stringData;
  }
  if (
    (type.kind === 'Deployment' || type.kind === 'StatefulSet') &&
    isPlainObject(body.spec)
  ) {
    body.spec.replicas ??= 1;
  }
  validateObject(type, body);
}
