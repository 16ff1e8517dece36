import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { join } from 'node:path';
import { readLocalRoots } from './config';

describe('readLocalRoots', () => {
  const dir = createMockDirectory({
    content: {
      paved: {
        platform: { scorecards: { 'production-readiness.yaml': '' } },
        packages: { backend: { 'package.json': '{}' } },
      },
      elsewhere: {},
    },
  });

  it('defaults to the folder holding platform/, found upwards from the working directory', () => {
    const config = mockServices.rootConfig();
    expect(
      readLocalRoots(config, join(dir.path, 'paved/packages/backend')),
    ).toEqual([join(dir.path, 'paved')]);
  });

  it('reads nothing locally when there is no platform/ folder above', () => {
    expect(
      readLocalRoots(mockServices.rootConfig(), join(dir.path, 'elsewhere')),
    ).toEqual([]);
  });

  it('takes the configured roots, relative to the working directory', () => {
    const config = mockServices.rootConfig({
      data: {
        scorecards: {
          sources: {
            repository: { localRoots: ['../checkouts', '/srv/repos'] },
          },
        },
      },
    });
    expect(readLocalRoots(config, join(dir.path, 'elsewhere'))).toEqual([
      join(dir.path, 'checkouts'),
      '/srv/repos',
    ]);
  });

  it('lets an empty list turn local reading off', () => {
    const config = mockServices.rootConfig({
      data: { scorecards: { sources: { repository: { localRoots: [] } } } },
    });
    expect(readLocalRoots(config, join(dir.path, 'paved'))).toEqual([]);
  });

  it('names the key when it has the wrong type', () => {
    const config = mockServices.rootConfig({
      data: { scorecards: { sources: { repository: { localRoots: '/srv' } } } },
    });
    expect(() => readLocalRoots(config, dir.path)).toThrow(
      /scorecards\.sources\.repository\.localRoots/,
    );
  });
});
