import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { OrchestratorClient } from './OrchestratorClient';
import { createCatalogAvailableAction } from './actions/catalogAvailable';
import { createDeployAction } from './actions/deploy';
import { createEnvironmentCreateAction } from './actions/environmentCreate';
import { createPlanAction } from './actions/plan';
import { createPublishAction } from './actions/publish';
import { createPublishGitAction } from './actions/publishGit';
import { createResourceAddAction } from './actions/resourceAdd';

/** Paved's scaffolder actions: plan, deploy, environments, resources, publishing (git, GitHub or GitLab), a free name. */
export const scaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'paved',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
      },
      async init({
        scaffolderActions,
        auth,
        discovery,
        config,
        logger,
        catalog,
      }) {
        const client = new OrchestratorClient({ auth, discovery });
        scaffolderActions.addActions(
          createPlanAction({ client }),
          createDeployAction({ client }),
          createEnvironmentCreateAction({ client }),
          createResourceAddAction(),
          createPublishGitAction({ config, logger }),
          createPublishAction({
            config,
            logger,
            integrations: ScmIntegrations.fromConfig(config),
          }),
          createCatalogAvailableAction({ catalog }),
        );
      },
    });
  },
});
