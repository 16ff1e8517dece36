import { resolve } from 'node:path';
import {
  findEnvironment,
  loadPlatform,
  readPlatformDirectory,
} from './platform';

const environment = (
  name: string,
  type = 'staging',
) => `apiVersion: paved.dev/v1alpha1
kind: Environment
metadata:
  name: ${name}
spec:
  type: ${type}
  cluster: main
  domain: ${name}.example
`;

const definition = `apiVersion: paved.dev/v1alpha1
kind: ResourceDefinition
metadata:
  name: postgres-dev
spec:
  type: postgres
  criteria:
    - environmentType: development
  renderer:
    name: postgres-in-cluster
`;

describe('readPlatformDirectory', () => {
  it("loads the repository's own platform/ folder", async () => {
    const platform = await readPlatformDirectory(
      resolve(__dirname, '../../../platform'),
    );
    expect(
      platform.environments.map(e => `${e.metadata.name}:${e.spec.type}`),
    ).toEqual([
      'development:development',
      'preview:ephemeral',
      'production:production',
      'staging:staging',
    ]);
  });
});

describe('loadPlatform', () => {
  it('reads environments and definitions from multi-document files, sorted by name', () => {
    const platform = loadPlatform([
      {
        path: 'envs.yaml',
        text: `${environment('staging')}---\n${environment(
          'dev',
          'development',
        )}`,
      },
      { path: 'defs/postgres.yaml', text: definition },
    ]);
    expect(platform.environments.map(e => e.metadata.name)).toEqual([
      'dev',
      'staging',
    ]);
    expect(platform.definitions.map(d => d.metadata.name)).toEqual([
      'postgres-dev',
    ]);
    expect(findEnvironment(platform, 'dev').spec.type).toBe('development');
  });

  it('reports every problem of every file at once, with file and field', () => {
    const error = (() => {
      try {
        loadPlatform([
          { path: 'a.yaml', text: environment('Bad_Name') },
          { path: 'b.yaml', text: 'kind: Cluster\n' },
          { path: 'c.yaml', text: 'a: [1,\n' },
          {
            path: 'd.yaml',
            text: definition.replace('postgres-in-cluster', ''),
          },
          {
            path: 'e.yaml',
            text: `${environment('staging')}---\n${environment('staging')}`,
          },
        ]);
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected loadPlatform to fail');
    })();
    expect(error.name).toBe('InputError');
    const lines = error.message.split('\n').map(line => line.trim());
    expect(lines[0]).toBe('Invalid platform configuration:');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^a\.yaml: metadata\.name: must be an RFC 1123 label/,
        ),
        'b.yaml: kind must be one of Environment, ResourceDefinition, CompositeResourceDefinition, got "Cluster"',
        expect.stringMatching(/^c\.yaml: invalid YAML/),
        expect.stringMatching(/^d\.yaml: spec\.renderer\.name: /),
        'e.yaml (document 2): Environment "staging" is already defined in e.yaml (document 1)',
      ]),
    );
  });

  it('leaves scorecards/ to the scorecards plugin', () => {
    const platform = loadPlatform([
      { path: 'e.yaml', text: environment('staging') },
      {
        path: 'scorecards/security.yaml',
        text: 'apiVersion: paved.dev/v1alpha1\nkind: Scorecard\n',
      },
    ]);
    expect(platform.environments.map(e => e.metadata.name)).toEqual([
      'staging',
    ]);
  });

  it('names the environments that exist when asked for an unknown one', () => {
    const platform = loadPlatform([
      { path: 'e.yaml', text: environment('staging') },
    ]);
    expect(() => findEnvironment(platform, 'prod')).toThrow(
      'Unknown environment "prod"; the platform defines: staging',
    );
  });
});
