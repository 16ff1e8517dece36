import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import EmojiEventsIcon from '@material-ui/icons/EmojiEvents';
import { scorecardsApiRef, ScorecardsClient } from './api';
import { isScoredEntity } from './entities';
import { scorecardsRouteRef } from './routes';

const scorecardsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: scorecardsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardsClient({ discoveryApi, fetchApi }),
    }),
});

// Every view is loaded on demand: none of it is in the app's initial bundle.
const scorecardsCard = EntityCardBlueprint.make({
  name: 'scorecards',
  params: {
    filter: isScoredEntity,
    loader: () =>
      import('./components/ScorecardsCard').then(m => <m.ScorecardsCard />),
  },
});

const scorecardsContent = EntityContentBlueprint.make({
  params: {
    path: 'scorecards',
    title: 'Scorecards',
    filter: isScoredEntity,
    loader: () =>
      import('./components/ScorecardsTab').then(m => <m.ScorecardsTab />),
  },
});

const scorecardsPage = PageBlueprint.make({
  params: {
    path: '/scorecards',
    title: 'Scorecards',
    icon: <EmojiEventsIcon />,
    routeRef: scorecardsRouteRef,
    loader: () =>
      import('./components/ScorecardsPage').then(m => <m.ScorecardsPage />),
  },
});

/** Scorecards in the portal: each entity's levels and what to fix next, and every entity's levels on one page. */
export const scorecardsPlugin = createFrontendPlugin({
  pluginId: 'scorecards',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    scorecardsApi,
    scorecardsCard,
    scorecardsContent,
    scorecardsPage,
  ],
  routes: {
    root: scorecardsRouteRef,
  },
});
