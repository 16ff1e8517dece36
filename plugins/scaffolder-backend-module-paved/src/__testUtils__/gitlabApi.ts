import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHttpServer } from './gitHttpServer';
import { createBareRepository, startRestServer } from './restServer';

type Project = {
  id: number;
  name: string;
  path: string;
  path_with_namespace: string;
  namespace: { id: number; full_path: string; kind: string };
  http_url_to_repo: string;
  web_url: string;
  default_branch: string | null;
  visibility: string;
  description: string | null;
};

/**
 * A test double for GitLab: a real HTTP server speaking GitLab's REST protocol
 * (v4, under /api/v4) to the real client, the @gitbeaker/rest inside the
 * official publish:gitlab action. It answers exactly the calls that action
 * makes with default inputs:
 *
 * - GET /namespaces/{owner}: a group or the token's user, else 404
 * - GET /user: the token's user
 * - GET /groups/{owner}/projects?search= or /users/{owner}/projects?search=
 * - POST /projects: 201 with the new project, 400 "has already been taken"
 *
 * Anything else is a 404, as GitLab answers an unknown route. A created
 * project is a real bare repository, served over git smart HTTP by
 * gitHttpServer.ts at its `http_url_to_repo` (as oauth2:<token>, as GitLab
 * takes a token), so the real isomorphic-git push lands in it. Requests
 * without the token get GitLab's 401.
 */
export async function startGitLabApi(options: {
  token: string;
  user: string;
  groups: string[];
}) {
  const { token, user, groups } = options;
  const root = await mkdtemp(join(tmpdir(), 'paved-gitlab-'));
  const git = await startGitHttpServer(root, token, 'oauth2');
  const gitdir = (namespace: string, path: string) =>
    join(root, namespace, `${path}.git`);
  const namespaces = [
    { id: 1, full_path: user, kind: 'user' },
    ...groups.map((g, i) => ({ id: 100 + i, full_path: g, kind: 'group' })),
  ];
  const projects: Project[] = [];

  const api = await startRestServer(({ method, url, headers, body }) => {
    const given =
      headers['private-token'] ??
      String(headers.authorization ?? '').replace(/^Bearer /i, '');
    if (given !== token) return [401, { message: '401 Unauthorized' }];
    const path = url.pathname.replace(/^\/api\/v4/, '');
    const route = (verb: string, pattern: RegExp) =>
      method === verb
        ? path.match(pattern)?.slice(1).map(decodeURIComponent)
        : undefined;

    const [id] = route('GET', /^\/namespaces\/([^/]+)$/) ?? [];
    if (id) {
      const namespace = namespaces.find(
        n => n.full_path === id || String(n.id) === id,
      );
      if (!namespace) return [404, { message: '404 Namespace Not Found' }];
      return [
        200,
        { ...namespace, name: namespace.full_path, path: namespace.full_path },
      ];
    }
    if (method === 'GET' && path === '/user') {
      return [200, { id: 1, username: user, name: user, state: 'active' }];
    }
    const [, owner] =
      route('GET', /^\/(groups|users)\/([^/]+)\/projects$/) ?? [];
    if (owner) {
      const search = url.searchParams.get('search') ?? '';
      return [
        200,
        projects.filter(
          p => p.namespace.full_path === owner && p.path.includes(search),
        ),
      ];
    }
    if (method === 'POST' && path === '/projects') {
      const namespace = namespaces.find(n => n.id === body?.namespace_id);
      if (!namespace) return [404, { message: '404 Namespace Not Found' }];
      const name = String(body.path ?? body.name);
      if (!createBareRepository(gitdir(namespace.full_path, name))) {
        return [
          400,
          {
            message: {
              name: ['has already been taken'],
              path: ['has already been taken'],
            },
          },
        ];
      }
      const project: Project = {
        id: 2000 + projects.length,
        name: body.name,
        path: name,
        path_with_namespace: `${namespace.full_path}/${name}`,
        namespace,
        http_url_to_repo: git.url(`${namespace.full_path}/${name}.git`),
        web_url: `${api.baseUrl}/${namespace.full_path}/${name}`,
        default_branch: null,
        visibility: body.visibility ?? 'private',
        description: body.description ?? null,
      };
      projects.push(project);
      return [201, project];
    }
    return [404, { message: '404 Not Found' }];
  });

  return {
    /** For integrations.gitlab: host, baseUrl and apiBaseUrl. */
    host: api.host,
    baseUrl: api.baseUrl,
    apiBaseUrl: `${api.baseUrl}/api/v4`,
    requests: api.requests,
    projects,
    gitdir,
    stop: async () => {
      await api.stop();
      await git.stop();
    },
  };
}
