import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  EntityScorecards,
  FactSourceInfo,
  LevelHistoryPoint,
  OverviewRow,
  Scorecard,
} from '@paved/plugin-scorecards-common';

/** Which rows the scorecards page asks for; values within a field are alternatives. */
export interface OverviewFilter {
  owner?: string[];
  system?: string[];
  /** Only entities this scorecard applies to. */
  scorecard?: string;
  kind?: string;
}

/** The scorecards backend's API, as the portal uses it. Every method throws the backend's error. */
export interface ScorecardsApi {
  getScorecards(): Promise<{ items: Scorecard[]; sources: FactSourceInfo[] }>;
  /** Throws a 404 ResponseError when the backend has not evaluated the entity. */
  getEntity(entityRef: string): Promise<EntityScorecards>;
  /** Oldest first. */
  getHistory(
    entityRef: string,
    scorecard: string,
    options?: { limit?: number },
  ): Promise<LevelHistoryPoint[]>;
  /** Collects the entity's facts and evaluates it now. */
  refresh(entityRef: string): Promise<EntityScorecards>;
  getOverview(filter?: OverviewFilter): Promise<OverviewRow[]>;
}

export const scorecardsApiRef = createApiRef<ScorecardsApi>({
  id: 'plugin.scorecards.service',
});
