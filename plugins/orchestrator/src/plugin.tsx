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
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import LayersIcon from '@material-ui/icons/Layers';
import { orchestratorApiRef, OrchestratorClient } from './api';
import { approvalsRouteRef, environmentsRouteRef } from './routes';
import { isPavedWorkload } from './workload';

const orchestratorApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: orchestratorApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OrchestratorClient({ discoveryApi, fetchApi }),
    }),
});

// Every view is loaded on demand: none of it is in the app's initial bundle.
const deploymentsContent = EntityContentBlueprint.make({
  name: 'deployments',
  params: {
    path: 'deployments',
    title: 'Deployments',
    group: 'deployment',
    filter: isPavedWorkload,
    loader: () =>
      import('./components/DeploymentsTab').then(m => <m.DeploymentsTab />),
  },
});

const environmentsCard = EntityCardBlueprint.make({
  name: 'environments',
  params: {
    filter: isPavedWorkload,
    loader: () =>
      import('./components/OverviewCard').then(m => <m.OverviewCard />),
  },
});

const environmentsPage = PageBlueprint.make({
  name: 'environments',
  params: {
    path: '/environments',
    title: 'Environments',
    icon: <LayersIcon />,
    routeRef: environmentsRouteRef,
    loader: () =>
      import('./components/EnvironmentsPage').then(m => <m.EnvironmentsPage />),
  },
});

const approvalsPage = PageBlueprint.make({
  name: 'approvals',
  params: {
    path: '/approvals',
    title: 'Approvals',
    icon: <CheckCircleOutlineIcon />,
    routeRef: approvalsRouteRef,
    loader: () =>
      import('./components/ApprovalsPage').then(m => <m.ApprovalsPage />),
  },
});

const planFormField = FormFieldBlueprint.make({
  name: 'paved-plan',
  params: {
    field: () => import('./scaffolder').then(m => m.pavedPlanField),
  },
});

/** Paved's orchestrator in the portal: what runs where, what changed, and what waits for a decision. */
export const orchestratorPlugin = createFrontendPlugin({
  pluginId: 'orchestrator',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    orchestratorApi,
    deploymentsContent,
    environmentsCard,
    environmentsPage,
    approvalsPage,
    planFormField,
  ],
  routes: {
    environments: environmentsRouteRef,
    approvals: approvalsRouteRef,
  },
});
