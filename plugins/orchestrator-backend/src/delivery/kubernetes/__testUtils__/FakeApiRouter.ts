import { parse as parseYaml } from 'yaml';
import { FakeApiError } from './apiErrors';
import type { RecordedRequest } from './faults';
import { FakeStore } from './FakeStore';
import { parseLabelSelector } from './labelSelector';
import { mergePatch } from './mergePatch';
import {
  apiVersionOf,
  groupList,
  resourceList,
  resourceName,
  ResourceType,
} from './resourceTypes';

/** The test API server's REST surface: which request does what to the store. */
export class FakeApiRouter {
  constructor(
    private readonly store: FakeStore,
    /** Shared with the server, which adds custom resources to it. */
    private readonly types: ResourceType[],
  ) {}

  route(
    record: RecordedRequest,
    contentType: string,
    text: string,
  ): [number, unknown] {
    const { method, path, query } = record;
    const segments = path.split('/').filter(Boolean);
    if (path === '/version')
      return [
        200,
        { major: '1', minor: '33', gitVersion: 'v1.33.0-paved-fake' },
      ];
    if (path === '/api')
      return [
        200,
        {
          kind: 'APIVersions',
          versions: ['v1'],
          serverAddressByClientCIDRs: [],
        },
      ];
    if (path === '/apis') return [200, groupList(this.types)];
    const core = segments[0] === 'api';
    if (!core && segments[0] !== 'apis')
      throw new FakeApiError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    const groupVersion = core ? segments[1] : `${segments[1]}/${segments[2]}`;
    const rest = segments.slice(core ? 2 : 3);
    const served = this.types.filter(t => apiVersionOf(t) === groupVersion);
    if (served.length === 0)
      throw new FakeApiError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    if (rest.length === 0) return [200, resourceList(this.types, groupVersion)];
    const scoped =
      rest[0] === 'namespaces' &&
      rest.length >= 3 &&
      served.some(t => t.plural === rest[2] && t.namespaced);
    const [namespace, plural, name, sub] = scoped
      ? [rest[1], rest[2], rest[3], rest[4]]
      : [undefined, rest[0], rest[1], rest[2]];
    const type = served.find(t => t.plural === plural);
    if (
      !type ||
      (sub && sub !== 'status') ||
      (type.namespaced && name && !namespace)
    ) {
      throw new FakeApiError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    if (query.dryRun !== undefined && query.dryRun !== 'All') {
      throw new FakeApiError(
        400,
        'BadRequest',
        `Unsupported value: "${query.dryRun}": supported values: "All"`,
      );
    }
    const dryRun = query.dryRun === 'All';
    if (!name) {
      if (method === 'GET')
        return [200, this.list(type, namespace, query.labelSelector)];
      if (method === 'POST') {
        const body = this.parseBody(text);
        const created = this.store.update(
          type,
          namespace,
          body.metadata?.name,
          () => body,
          { manager: query.fieldManager ?? 'unknown', dryRun, create: true },
        );
        return [201, created.object];
      }
      throw new FakeApiError(
        405,
        'MethodNotAllowed',
        `${method} is not supported on a collection here`,
      );
    }
    switch (method) {
      case 'GET': {
        const stored = this.store.find(type, namespace, name);
        if (!stored)
          throw new FakeApiError(
            404,
            'NotFound',
            `${resourceName(type)} "${name}" not found`,
          );
        return [200, this.store.render(stored)];
      }
      case 'DELETE':
        return [200, this.store.delete(type, namespace, name)];
      case 'PATCH': {
        const mediaType = contentType.split(';')[0].trim();
        if (mediaType === 'application/apply-patch+yaml') {
          if (!query.fieldManager)
            throw new FakeApiError(
              422,
              'Invalid',
              'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
            );
          const result = this.store.apply(
            type,
            namespace,
            name,
            this.parseBody(text),
            {
              manager: query.fieldManager,
              force: query.force === 'true',
              dryRun,
            },
          );
          return [result.created ? 201 : 200, result.object];
        }
        if (mediaType === 'application/merge-patch+json') {
          const patch = this.parseBody(text);
          const result = this.store.update(
            type,
            namespace,
            name,
            body => mergePatch(body, patch) as Record<string, any>,
            { manager: query.fieldManager ?? 'unknown', dryRun },
          );
          return [200, result.object];
        }
        throw new FakeApiError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml, application/merge-patch+json (got ${mediaType})`,
        );
      }
      default:
        throw new FakeApiError(
          405,
          'MethodNotAllowed',
          `${method} is not supported here`,
        );
    }
  }

  private parseBody(text: string): Record<string, any> {
    try {
      const value = text.trim().startsWith('{')
        ? JSON.parse(text)
        : parseYaml(text);
      if (value && typeof value === 'object') return value;
    } catch {
      // answered below
    }
    throw new FakeApiError(
      400,
      'BadRequest',
      'the request body is not a JSON or YAML object',
    );
  }

  private list(
    type: ResourceType,
    namespace: string | undefined,
    labelSelector: string | undefined,
  ) {
    let matches: (labels: Record<string, string | undefined>) => boolean = () =>
      true;
    if (labelSelector) {
      try {
        matches = parseLabelSelector(labelSelector);
      } catch (error) {
        throw new FakeApiError(
          400,
          'BadRequest',
          `unable to parse requirement: ${(error as Error).message}`,
        );
      }
    }
    const items = this.store
      .list(type, namespace)
      .filter(o => matches(o.body.metadata.labels ?? {}))
      .map(o => {
        // List items come without apiVersion and kind, as from the API server.
        const {
          apiVersion: _apiVersion,
          kind: _kind,
          ...item
        } = this.store.render(o);
        return item;
      });
    return {
      kind: `${type.kind}List`,
      apiVersion: apiVersionOf(type),
      metadata: { resourceVersion: '1' },
      items,
    };
  }
}
