import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closedPort } from './__testUtils__/closedPort';

const backendDir = resolve(__dirname, '..');

describe('the backend entry point', () => {
  it('exits with one line naming host and port when PostgreSQL is unreachable', async () => {
    const port = await closedPort();
    const overlay = join(mkdtempSync(join(tmpdir(), 'paved-')), 'pg-down.yaml');
    writeFileSync(
      overlay,
      `backend:\n  database:\n    client: pg\n    connection:\n      host: 127.0.0.1\n      port: ${port}\n      user: postgres\n`,
    );

    // The real entry point, as `yarn start` runs it, TypeScript transformed on load.
    const run = spawnSync(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        'src/index.ts',
        '--config',
        '../../app-config.yaml',
        '--config',
        overlay,
      ],
      { cwd: backendDir, encoding: 'utf8', timeout: 60_000 },
    );

    expect(run.status).toBe(1);
    const output = `${run.stdout}${run.stderr}`.trim().split('\n');
    expect(output).toEqual([
      expect.stringContaining(
        `Paved cannot reach PostgreSQL at 127.0.0.1:${port}`,
      ),
    ]);
  }, 90_000);
});
