import { useCallback, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  EntityScorecards,
  FactSourceInfo,
  Scorecard,
} from '@paved/plugin-scorecards-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../../api';
import { isNotFound } from './backendMessage';

export interface EntityScorecardsData {
  /** Undefined when the backend has not evaluated the entity yet. */
  entity: EntityScorecards | undefined;
  scorecards: Map<string, Scorecard>;
  sources: Map<string, FactSourceInfo>;
}

/**
 * The current entity's results beside the scorecard definitions that give
 * them titles and fixes: two requests, in parallel. `refresh` evaluates the
 * entity now and shows what that returned; it throws the backend's error.
 */
export function useEntityScorecards() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(scorecardsApiRef);
  const [refreshed, setRefreshed] = useState<EntityScorecards>();

  const state = useAsyncRetry(async () => {
    setRefreshed(undefined);
    const [results, definitions] = await Promise.all([
      api.getEntity(entityRef).catch(error => {
        if (isNotFound(error)) return undefined;
        throw error;
      }),
      api.getScorecards(),
    ]);
    return {
      results,
      scorecards: new Map(definitions.items.map(s => [s.id, s])),
      sources: new Map(definitions.sources.map(s => [s.id, s])),
    };
  }, [api, entityRef]);

  const refresh = useCallback(async () => {
    setRefreshed(await api.refresh(entityRef));
  }, [api, entityRef]);

  const { value } = state;
  const data: EntityScorecardsData | undefined = value && {
    entity: refreshed ?? value.results,
    scorecards: value.scorecards,
    sources: value.sources,
  };
  return {
    entity,
    entityRef,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
    value: data,
    refresh,
  };
}
