/**
 * Scorecard facts from a component's repository, read through Backstage's URL
 * reader: README, CODEOWNERS, CI workflow, tests.
 *
 * The default export adds the module and, to the scorecards plugin's URL
 * reader only, a reader for `file:` URLs below
 * `scorecards.sources.repository.localRoots`.
 *
 * @packageDocumentation
 */
export {
  scorecardsModuleRepositoryWithLocalFiles as default,
  scorecardsModuleRepository,
} from './module';
export {
  createRepositoryFactSource,
  factShownBy,
  REPOSITORY_FACTS,
} from './RepositoryFactSource';
export type { RepositoryFact } from './RepositoryFactSource';
export { repositoryUrl } from './sourceLocation';
export { LocalFileUrlReader } from './localFiles/LocalFileUrlReader';
export { localFileUrlReaderFactories } from './localFiles/localFileReaderFactories';
