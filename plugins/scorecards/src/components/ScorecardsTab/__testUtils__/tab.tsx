// What the tab's tests share: the backend's answers and the tab on a component.
import { http, HttpResponse } from 'msw';
import type {
  EntityScorecards,
  LevelHistoryPoint,
} from '@paved/plugin-scorecards-common';
import {
  BASE_URL,
  componentEntity,
  renderWithScorecards,
  server,
} from '../../../__testUtils__/testApp';
import {
  entityScorecards,
  productionReadiness,
  security,
} from '../../../__testUtils__/fixtures';
import { ScorecardsTab } from '../ScorecardsTab';

const SOURCES = [
  { id: 'catalog', title: 'Catalog', facts: {} },
  { id: 'techdocs', title: 'TechDocs', facts: {} },
  { id: 'repository', title: 'Repository', facts: {} },
];

export function serve(
  options: {
    entity?: EntityScorecards | (() => Response);
    history?: Record<string, LevelHistoryPoint[]>;
  } = {},
) {
  const { entity = entityScorecards(), history = {} } = options;
  server.use(
    http.get(`${BASE_URL}/entity`, () =>
      typeof entity === 'function' ? entity() : HttpResponse.json(entity),
    ),
    http.get(`${BASE_URL}/scorecards`, () =>
      HttpResponse.json({
        items: [productionReadiness, security],
        sources: SOURCES,
      }),
    ),
    http.get(`${BASE_URL}/entity/history`, ({ request }) => {
      const scorecard = new URL(request.url).searchParams.get('scorecard')!;
      return HttpResponse.json({ items: history[scorecard] ?? [] });
    }),
  );
}

export const renderTab = () =>
  renderWithScorecards(<ScorecardsTab />, { entity: componentEntity() });
