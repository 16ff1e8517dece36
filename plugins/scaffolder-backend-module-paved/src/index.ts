/**
 * Paved's scaffolder actions: paved:plan, paved:deploy,
 * paved:environment:create, paved:resource:add, paved:publish (git, GitHub
 * or GitLab, by configuration) and paved:publish:git.
 *
 * @packageDocumentation
 */

export { scaffolderModule as default } from './module';
export { OrchestratorClient } from './OrchestratorClient';
export { createPlanAction } from './actions/plan';
export { createDeployAction } from './actions/deploy';
export { createEnvironmentCreateAction } from './actions/environmentCreate';
export { createResourceAddAction } from './actions/resourceAdd';
export { createPublishGitAction } from './actions/publishGit';
export { createPublishAction } from './actions/publish';
export { readPublishConfig } from './publishConfig';
export type { PublishConfig, PublishProvider } from './publishConfig';
