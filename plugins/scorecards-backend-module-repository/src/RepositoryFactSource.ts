import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ForwardedError } from '@backstage/errors';
import type {
  FactDefinition,
  FactValue,
} from '@paved/plugin-scorecards-common';
import type { FactSource } from '@paved/plugin-scorecards-node';
import { repositoryUrl } from './sourceLocation';

export const REPOSITORY_FACTS = {
  hasReadme: {
    type: 'boolean',
    description: 'A README (any extension) at the top of the repository',
  },
  hasCodeowners: {
    type: 'boolean',
    description: 'A CODEOWNERS file, .github/CODEOWNERS or docs/CODEOWNERS',
  },
  hasCiWorkflow: {
    type: 'boolean',
    description:
      'A GitHub Actions workflow (.github/workflows/*.yml) or .gitlab-ci.yml',
  },
  hasTests: {
    type: 'boolean',
    description:
      'A test file (*.test.*, *.spec.*, *_test.*) or a test/, tests/ or __tests__/ folder',
  },
} satisfies Record<string, FactDefinition>;

export type RepositoryFact = keyof typeof REPOSITORY_FACTS;

const CODEOWNERS = new Set([
  'CODEOWNERS',
  '.github/CODEOWNERS',
  'docs/CODEOWNERS',
]);
const TEST_FOLDERS = new Set(['test', 'tests', '__tests__']);

/** The fact a file's presence proves, given its path relative to the repository (`/`-separated). */
export function factShownBy(path: string): RepositoryFact | undefined {
  const segments = path.split('/');
  const name = segments[segments.length - 1];
  if (segments.length === 1 && /^readme(\.[^.]+)*$/i.test(name)) {
    return 'hasReadme';
  }
  if (CODEOWNERS.has(path)) return 'hasCodeowners';
  if (
    path === '.gitlab-ci.yml' ||
    /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)
  ) {
    return 'hasCiWorkflow';
  }
  if (
    /\.(test|spec)\.[^/]+$/.test(name) ||
    /_test\.[^/]+$/.test(name) ||
    segments.slice(0, -1).some(folder => TEST_FOLDERS.has(folder))
  ) {
    return 'hasTests';
  }
  return undefined;
}

/**
 * What a component's repository holds, read through Backstage's URL reader
 * from its source location. A repository that cannot be read throws, so its
 * facts go stale (checks `unknown`) rather than all false.
 */
export function createRepositoryFactSource(options: {
  urlReader: UrlReaderService;
}): FactSource {
  const { urlReader } = options;
  return {
    id: 'repository',
    title: 'Repository',
    facts: REPOSITORY_FACTS,
    async collect(entity: Entity): Promise<Record<RepositoryFact, FactValue>> {
      const url = repositoryUrl(entity);
      // Readers keep in memory every file the filter lets through: one file
      // per fact is proof enough, however many tests the repository has.
      const admitted = new Set<RepositoryFact>();
      const filter = (path: string) => {
        const fact = factShownBy(path);
        if (!fact || admitted.has(fact)) return false;
        admitted.add(fact);
        return true;
      };
      let paths: string[];
      try {
        const tree = await urlReader.readTree(url, { filter });
        paths = (await tree.files()).map(file => file.path);
      } catch (error) {
        throw new ForwardedError(
          `Could not read the repository of ${stringifyEntityRef(
            entity,
          )} at ${url}`,
          error,
        );
      }
      const shown = new Set(paths.map(factShownBy));
      return {
        hasReadme: shown.has('hasReadme'),
        hasCodeowners: shown.has('hasCodeowners'),
        hasCiWorkflow: shown.has('hasCiWorkflow'),
        hasTests: shown.has('hasTests'),
      };
    },
  };
}
