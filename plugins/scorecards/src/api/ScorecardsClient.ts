import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ScorecardsApi } from './ScorecardsApi';

type QueryValue = string | number | string[] | undefined;

/** Talks to `@paved/plugin-scorecards-backend` as the signed-in user. */
export class ScorecardsClient implements ScorecardsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  getScorecards: ScorecardsApi['getScorecards'] = () =>
    this.request('GET', '/scorecards');

  getEntity: ScorecardsApi['getEntity'] = entityRef =>
    this.request('GET', `/entity${query({ entityRef })}`);

  getHistory: ScorecardsApi['getHistory'] = async (
    entityRef,
    scorecard,
    options = {},
  ) =>
    (
      await this.request(
        'GET',
        `/entity/history${query({
          entityRef,
          scorecard,
          limit: options.limit,
        })}`,
      )
    ).items;

  refresh: ScorecardsApi['refresh'] = entityRef =>
    this.request('POST', '/entity/refresh', { entityRef });

  getOverview: ScorecardsApi['getOverview'] = async (filter = {}) =>
    (
      await this.request(
        'GET',
        `/overview${query({
          owner: filter.owner,
          system: filter.system,
          scorecard: filter.scorecard,
          kind: filter.kind,
        })}`,
      )
    ).items;

  private async request(method: string, path: string, body?: object) {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('scorecards');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body
        ? {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }
        : {}),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}

/** Arrays become repeated parameters (`owner=a&owner=b`), as the backend reads them. */
function query(params: Record<string, QueryValue>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of [value ?? []].flat()) {
      if (item !== '') search.append(key, String(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
