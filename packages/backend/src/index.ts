import { createBackend } from '@backstage/backend-defaults';
import { exitUnlessDatabaseReachable } from './database';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));

backend.add(import('@backstage/plugin-scaffolder-backend'));

backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('@paved/plugin-techdocs-backend-module-prebuild'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@paved/plugin-permission-backend-module-paved-policy'));

backend.add(import('@backstage/plugin-kubernetes-backend'));

// Starred entities and preferences, pushed to open tabs through signals.
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@backstage/plugin-notifications-backend'));

// Paved: plans, deployments and environments, and what runs where in the catalog.
backend.add(import('@paved/plugin-orchestrator-backend'));
backend.add(import('@paved/plugin-catalog-backend-module-paved'));
backend.add(import('@paved/plugin-scaffolder-backend-module-paved'));

// Paved: scorecards, and one module per source of facts.
backend.add(import('@paved/plugin-scorecards-backend'));
backend.add(import('@paved/plugin-scorecards-backend-module-catalog'));
backend.add(import('@paved/plugin-scorecards-backend-module-techdocs'));
backend.add(import('@paved/plugin-scorecards-backend-module-repository'));
backend.add(import('@paved/plugin-scorecards-backend-module-orchestrator'));

exitUnlessDatabaseReachable().then(() => backend.start());
