import { ConfigReader } from '@backstage/config';
import { closedPort } from './__testUtils__/closedPort';
import { checkDatabase } from './database';

function pgConfig(connection: string | Record<string, string | number>) {
  return new ConfigReader({
    backend: { database: { client: 'pg', connection } },
  });
}

describe('checkDatabase', () => {
  it('names host and port in one line when PostgreSQL is unreachable', async () => {
    const port = await closedPort();
    const failure = await checkDatabase(
      pgConfig({ host: '127.0.0.1', port, user: 'postgres' }),
    );
    expect(failure).toContain(`127.0.0.1:${port}`);
    expect(failure).toContain('ECONNREFUSED');
    expect(failure).not.toContain('\n');
  });

  it('reads host and port out of a connection string', async () => {
    const port = await closedPort();
    const failure = await checkDatabase(
      pgConfig(`postgresql://postgres:secret-pw@127.0.0.1:${port}/backstage`),
    );
    expect(failure).toContain(`127.0.0.1:${port}`);
    expect(failure).not.toContain('secret-pw');
  });

  it('passes when the machine’s PostgreSQL answers', async () => {
    const failure = await checkDatabase(
      pgConfig({
        host: process.env.POSTGRES_HOST ?? '127.0.0.1',
        port: Number(process.env.POSTGRES_PORT ?? 5432),
        user: process.env.POSTGRES_USER ?? 'postgres',
      }),
    );
    expect(failure).toBeUndefined();
  });

  it('does not probe anything for SQLite', async () => {
    const config = new ConfigReader({
      backend: {
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
    });
    await expect(checkDatabase(config)).resolves.toBeUndefined();
  });
});
