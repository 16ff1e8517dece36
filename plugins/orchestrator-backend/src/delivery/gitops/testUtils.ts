import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Environment } from '@paved/plugin-orchestrator-common';
import type { DeliveryRequest, Plan } from '@paved/plugin-orchestrator-node';

// Test helpers for the GitOps target: real git, temporary directories.

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Someone Else',
  GIT_AUTHOR_EMAIL: 'someone@example.com',
  GIT_COMMITTER_NAME: 'Someone Else',
  GIT_COMMITTER_EMAIL: 'someone@example.com',
  // Keep the machine's git configuration out of the tests.
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Runs the git CLI and returns its trimmed output. */
export function gitCli(args: string[], cwd?: string): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** A workload's artifacts, as a plan carries them. */
export const CHECKOUT = {
  'kubernetes/deployment-checkout.yaml': 'kind: Deployment\nreplicas: 1\n',
  'kubernetes/service-checkout.yaml': 'kind: Service\n',
  'resources/postgresqlinstance-checkout-db.yaml': 'kind: PostgreSQLInstance\n',
  '.github/workflows/paved.yaml': 'name: paved\n',
};

/** The error a promise rejects with; a promise that resolves fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

export function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'paved-gitops-'));
}

export function removeDirectory(path: string) {
  rmSync(path, { recursive: true, force: true });
}

/** A fresh temporary directory for each test of the file, removed after it. */
export function useTemporaryDirectory(): () => string {
  let directory: string | undefined;
  beforeEach(() => {
    directory = temporaryDirectory();
  });
  afterEach(() => {
    if (directory) removeDirectory(directory);
  });
  return () => {
    if (!directory) throw new Error('only inside a test');
    return directory;
  };
}

/** A bare repository with one commit on main holding `files`. */
export function bareRepository(
  path: string,
  files: Record<string, string> = { 'README.md': 'GitOps\n' },
): string {
  gitCli(['init', '--quiet', '--bare', '--initial-branch=main', path]);
  const work = temporaryDirectory();
  try {
    gitCli(['clone', '--quiet', path, work]);
    commitFiles(work, files, 'Seed');
  } finally {
    removeDirectory(work);
  }
  return path;
}

function commitFiles(
  work: string,
  files: Record<string, string>,
  message: string,
) {
  gitCli(['-C', work, 'checkout', '--quiet', '-B', 'main']);
  for (const [file, content] of Object.entries(files)) {
    const target = join(work, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  gitCli(['-C', work, 'add', '--all']);
  gitCli(['-C', work, 'commit', '--quiet', '--allow-empty', '-m', message]);
  gitCli(['-C', work, 'push', '--quiet', 'origin', 'HEAD:main']);
}

/** Commits `files` to the bare repository's main from a throwaway clone, as another writer would. */
export function commitElsewhere(
  bare: string,
  files: Record<string, string>,
  message = 'Someone else',
): string {
  const work = temporaryDirectory();
  try {
    gitCli(['clone', '--quiet', bare, work]);
    commitFiles(work, files, message);
    return gitCli(['-C', work, 'rev-parse', 'HEAD']);
  } finally {
    removeDirectory(work);
  }
}

/** `path -> blob` for every file on a commit, via `git ls-tree -r`. */
export function filesAt(bare: string, rev = 'main'): Record<string, string> {
  const files: Record<string, string> = {};
  for (const line of gitCli(['-C', bare, 'ls-tree', '-r', rev]).split('\n')) {
    if (!line) continue;
    const [meta, path] = line.split('\t');
    files[path] = meta.split(' ')[2];
  }
  return files;
}

export function environment(name: string, gitopsPath?: string): Environment {
  return {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name },
    spec: {
      type: name === 'production' ? 'production' : 'development',
      cluster: 'local',
      domain: 'example.test',
      ...(gitopsPath && { gitopsPath }),
    },
  };
}

/** A delivery of a plan holding `artifacts` (path -> content). */
export function deliveryOf(
  workload: string,
  env: Environment,
  artifacts: Record<string, string>,
  revision = 1,
): DeliveryRequest {
  const plan = {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'Plan',
    workload,
    environment: { name: env.metadata.name, type: env.spec.type },
    namespace: `${workload}-${env.metadata.name}`,
    artifacts: Object.entries(artifacts).map(([path, content]) => ({
      path,
      kind: path.split('/')[0],
      content,
    })),
    resources: [],
    cost: { perMonth: [] },
    warnings: [],
    verdicts: [],
    hash: `sha256:${workload}-${revision}`,
  } as Plan;
  return {
    deploymentId: `dep-${workload}-${env.metadata.name}-${revision}`,
    workload,
    environment: env,
    revision,
    plan,
    initiator: 'user:default/jane',
  };
}

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>/<name>` for a repository under the root. */
  url(name: string): string;
  /** `GET info/refs?service=...` and `POST git-...-pack`, in the order they came. */
  requests: string[];
  /** Runs before the server answers the next receive-pack POST: the narrowest race a push can lose. */
  beforeReceivePack?: () => void;
  close(): Promise<void>;
}

/**
 * Smart HTTP in front of the repositories under `root`, through
 * `git http-backend` as CGI; with a token, Basic auth is required.
 */
export async function gitHttpServer(
  root: string,
  auth?: { username: string; token: string },
): Promise<GitHttpServer> {
  let close = () => Promise.resolve();
  let port = 0;
  const server: GitHttpServer = {
    url: name => `http://127.0.0.1:${port}/${name}`,
    requests: [],
    close: () => close(),
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const expected = auth
      ? `Basic ${Buffer.from(`${auth.username}:${auth.token}`).toString(
          'base64',
        )}`
      : undefined;
    if (expected && req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    server.requests.push(
      `${req.method} ${url.pathname.split('/').pop()}${url.search}`,
    );
    if (req.method === 'POST' && url.pathname.endsWith('/git-receive-pack')) {
      server.beforeReceivePack?.();
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        // Lets receive-pack run, as an authenticated user would.
        REMOTE_USER: 'test',
        REMOTE_ADDR: '127.0.0.1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...GIT_ENV,
      },
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', chunk => chunks.push(chunk));
    cgi.on('close', () => {
      const output = Buffer.concat(chunks);
      const split = output.indexOf('\r\n\r\n');
      const head = output.subarray(0, split).toString('utf8');
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.split('\r\n')) {
        const [name, ...value] = line.split(':');
        if (name.toLowerCase() === 'status') {
          status = parseInt(value.join(':'), 10);
        } else if (name) {
          headers[name] = value.join(':').trim();
        }
      }
      res.writeHead(status, headers);
      res.end(output.subarray(split + 4));
    });
  };
  const http = createServer(handle);
  await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
  port = (http.address() as AddressInfo).port;
  close = () =>
    new Promise(resolve => {
      http.closeAllConnections();
      http.close(() => resolve());
    });
  return server;
}
