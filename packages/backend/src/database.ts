import { Config } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';
import { Client, ClientConfig } from 'pg';

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Connects once to the configured PostgreSQL server and resolves to a one-line
 * description of the failure, or undefined when it answers (or when the backend
 * is not configured for PostgreSQL at all).
 *
 * Backstage itself would fail later, once per plugin, each with a stack trace;
 * a newcomer needs one line naming the server that could not be reached.
 */
export async function checkDatabase(
  config: Config,
): Promise<string | undefined> {
  const database = config.getOptionalConfig('backend.database');
  if (database?.getOptionalString('client') !== 'pg') {
    return undefined;
  }
  const connection = database.getOptional<string | ClientConfig>('connection');
  const clientConfig: ClientConfig =
    typeof connection === 'string'
      ? { connectionString: connection }
      : { ...connection };
  const client = new Client({
    ...clientConfig,
    // The server is probed, not used: reaching it is enough, any database will do.
    database: clientConfig.database ?? 'postgres',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // Read back from the client, which has applied the connection string and PG* defaults.
  const where = `${client.host}:${client.port}`;
  client.on('error', () => {});
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const reason = [code, message].filter(Boolean).join(': ');
    return `Paved cannot reach PostgreSQL at ${where} (${reason}); check backend.database in your config or the POSTGRES_* environment variables.`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Exits the process with status 1 and one line on stderr when PostgreSQL is configured but unreachable. */
export async function exitUnlessDatabaseReachable(): Promise<void> {
  const config = await ConfigSources.toConfig(
    ConfigSources.default({ argv: process.argv, env: process.env }),
  );
  try {
    const failure = await checkDatabase(config);
    if (failure) {
      process.stderr.write(`${failure}\n`);
      process.exit(1);
    }
  } finally {
    config.close();
  }
}
