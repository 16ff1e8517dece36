import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

/** A request as the test double received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body?: any;
}

export type RestHandler = (
  request: RecordedRequest & { url: URL },
) => Promise<[number, unknown?]> | [number, unknown?];

/**
 * The HTTP part of the GitHub and GitLab test doubles: JSON in, JSON out,
 * every request recorded in order, so a test can assert exactly which calls
 * the real client made.
 */
export async function startRestServer(handle: RestHandler) {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      ...(text ? { body: JSON.parse(text) } : {}),
    };
    requests.push(recorded);
    try {
      const [status, body] = await handle({
        ...recorded,
        url: new URL(recorded.path, 'http://localhost'),
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error) }));
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        // The clients keep connections alive; a test run should not wait for them.
        server.closeAllConnections();
      }),
  };
}

/** Creates an empty bare repository, as a host does for a new project; false if one is there. */
export function createBareRepository(gitdir: string): boolean {
  if (existsSync(gitdir)) return false;
  mkdirSync(dirname(gitdir), { recursive: true });
  execFileSync('git', [
    'init',
    '--bare',
    '--quiet',
    '--initial-branch=main',
    gitdir,
  ]);
  return true;
}

/** Whether a bare repository has the branch. */
export function hasBranch(gitdir: string, branch: string): boolean {
  try {
    execFileSync(
      'git',
      [
        '-C',
        gitdir,
        'rev-parse',
        '--verify',
        '--quiet',
        `refs/heads/${branch}`,
      ],
      { stdio: 'ignore' },
    );
    return true;
  } catch {
    return false;
  }
}
