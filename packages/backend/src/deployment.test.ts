import { ConfigSources } from '@backstage/config-loader';
import { readPermissionRules } from '@paved/plugin-permission-backend-module-paved-policy';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// No Docker engine runs on Paved's development machines, so the Dockerfile cannot
// be built in this suite. These tests keep it true instead: everything it copies,
// runs and reads exists, and the production config it starts with resolves.

const repoRoot = resolve(__dirname, '../../..');
const dockerfile = readFileSync(resolve(repoRoot, 'Dockerfile'), 'utf8')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .filter(line => line.trim() && !line.trim().startsWith('#'));
const rootScripts: Record<string, string> = JSON.parse(
  readFileSync(resolve(repoRoot, 'package.json'), 'utf8'),
).scripts;

describe('the Dockerfile', () => {
  it('copies only paths that exist in the repository', () => {
    const sources = dockerfile
      .filter(line => /^COPY\s/.test(line) && !line.includes('--from='))
      .flatMap(line =>
        line
          .split(/\s+/)
          .slice(1, -1)
          .filter(word => !word.startsWith('--')),
      );
    expect(sources.length).toBeGreaterThan(3);
    expect(
      sources.filter(path => !existsSync(resolve(repoRoot, path))),
    ).toEqual([]);
  });

  it('runs only yarn scripts that package.json defines', () => {
    const scripts = dockerfile
      .filter(line => /^RUN\s/.test(line))
      .flatMap(line => [...line.matchAll(/yarn ([\w:-]+)/g)].map(m => m[1]))
      .filter(word => !['install', 'workspaces', 'cache'].includes(word));
    expect(scripts).toEqual(['tsc', 'build:backend']);
    expect(scripts.filter(script => !rootScripts[script])).toEqual([]);
  });

  it('installs the yarn the repository is locked with', () => {
    const packageManager: string = JSON.parse(
      readFileSync(resolve(repoRoot, 'package.json'), 'utf8'),
    ).packageManager;
    const toolchain = readFileSync(
      resolve(repoRoot, 'scripts/toolchain.sh'),
      'utf8',
    );
    const version = packageManager.replace(/^yarn@/, '');
    expect(dockerfile).toContain(`ARG YARN_VERSION=${version}`);
    expect(toolchain).toContain(`PAVED_YARN_VERSION=${version}`);
  });

  it('starts the backend with config files that it copied into the image', () => {
    const cmd = dockerfile.find(line => line.startsWith('CMD'))!;
    const configs = [...cmd.matchAll(/"--config", "([^"]+)"/g)].map(m => m[1]);
    expect(configs).toEqual(['app-config.yaml', 'app-config.production.yaml']);
    const copied = dockerfile.filter(line => line.startsWith('COPY')).join(' ');
    for (const config of configs) expect(copied).toContain(config);
  });
});

describe('the production config', () => {
  it('reads PostgreSQL, base URL and auth from the environment', async () => {
    const env = {
      PAVED_BASE_URL: 'https://paved.example.com',
      BACKEND_SECRET: 'not-a-real-secret',
      POSTGRES_HOST: 'db.internal',
      POSTGRES_PORT: '6543',
      POSTGRES_USER: 'paved',
      POSTGRES_PASSWORD: 'pw',
      AUTH_GITHUB_CLIENT_ID: 'client-id',
      AUTH_GITHUB_CLIENT_SECRET: 'client-secret',
      PAVED_GITOPS_REPOSITORY: 'https://git.example.com/northwind/gitops.git',
    };
    const config = await ConfigSources.toConfig(
      ConfigSources.default({
        rootDir: repoRoot,
        env: {},
        substitutionFunc: async name => env[name as keyof typeof env],
        // Shaped like process.argv: node, script, then the flags.
        argv: [
          'node',
          'packages/backend',
          '--config',
          resolve(repoRoot, 'app-config.yaml'),
          '--config',
          resolve(repoRoot, 'app-config.production.yaml'),
        ],
      }),
    );
    try {
      expect(config.getString('app.baseUrl')).toBe(env.PAVED_BASE_URL);
      expect(config.getString('backend.baseUrl')).toBe(env.PAVED_BASE_URL);
      expect(config.getString('backend.database.client')).toBe('pg');
      expect(config.get('backend.database.connection')).toEqual({
        host: 'db.internal',
        port: '6543',
        user: 'paved',
        password: 'pw',
      });
      expect(config.getString('auth.environment')).toBe('production');
      expect(
        config.getString('auth.providers.github.production.clientId'),
      ).toBe('client-id');
      expect(config.getString('orchestrator.gitops.repository')).toBe(
        env.PAVED_GITOPS_REPOSITORY,
      );
      // The local demo data never reaches a production database.
      expect(config.getBoolean('orchestrator.demo.enabled')).toBe(false);
      expect(config.get('catalog.processingInterval')).toEqual({
        seconds: 120,
      });
      // Scorecards ship with the image; repositories are never read from the backend's disk.
      expect(
        existsSync(resolve(repoRoot, config.getString('scorecards.directory'))),
      ).toBe(true);
      expect(
        config.getStringArray('scorecards.sources.repository.localRoots'),
      ).toEqual([]);
      // The image's working directory is the repository root's layout.
      expect(
        existsSync(
          resolve(
            repoRoot,
            config.getString('orchestrator.platform.directory'),
          ),
        ),
      ).toBe(true);
      // The demo's minute-by-minute search indexing stays local.
      expect(config.get('search.collators.catalog.schedule.frequency')).toEqual(
        { minutes: 10 },
      );
      // Removing from the catalog is the platform team's, and the rules load.
      expect(readPermissionRules(config)).toContainEqual({
        permission: 'catalog.entity.delete',
        allow: ['group:default/platform'],
      });
      const locations = config.getConfigArray('catalog.locations');
      expect(locations.map(l => l.getString('target'))).toEqual([
        './catalog-info.yaml',
      ]);
      for (const location of locations) {
        expect(
          existsSync(resolve(repoRoot, location.getString('target'))),
        ).toBe(true);
      }
    } finally {
      config.close();
    }
  });
});
