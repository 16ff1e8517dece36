import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHttpServer } from './gitHttpServer';
import { createBareRepository, hasBranch, startRestServer } from './restServer';

/**
 * A test double for GitHub: a real HTTP server speaking GitHub's REST protocol
 * (v3, under /api/v3 as GitHub Enterprise Server serves it) to the real client,
 * the octokit inside the official publish:github action. It answers exactly
 * the calls that action makes with default inputs:
 *
 * - GET /users/{owner}: a User or an Organization, else 404
 * - POST /orgs/{org}/repos, or POST /user/repos for the token's own user:
 *   201 with the new repository, 422 "name already exists on this account"
 * - PUT /repos/{owner}/{repo}/branches/{branch}/protection, after the push:
 *   404 "Branch not found" until the branch is there
 *
 * Anything else is a 404, as GitHub answers an unknown route. A created
 * repository is a real bare repository, served over git smart HTTP by
 * gitHttpServer.ts at its `clone_url`, so the real isomorphic-git push lands
 * in it. Requests without the token get GitHub's 401 "Bad credentials".
 */
export async function startGitHubApi(options: {
  token: string;
  /** The token's user. */
  user: string;
  organizations: string[];
}) {
  const { token, user, organizations } = options;
  const root = await mkdtemp(join(tmpdir(), 'paved-github-'));
  const git = await startGitHttpServer(root, token);
  const gitdir = (owner: string, repo: string) =>
    join(root, owner, `${repo}.git`);
  let nextId = 1000;

  const notFound = [
    404,
    { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
  ] as [number, unknown];

  const api = await startRestServer(({ method, url, headers, body }) => {
    const authorization = String(headers.authorization ?? '');
    if (!/^(token|bearer) /i.test(authorization)) {
      return [401, { message: 'Requires authentication' }];
    }
    if (authorization.replace(/^\S+ /, '') !== token) {
      return [401, { message: 'Bad credentials' }];
    }
    const path = url.pathname.replace(/^\/api\/v3/, '');
    const route = (verb: string, pattern: RegExp) =>
      method === verb
        ? path.match(pattern)?.slice(1).map(decodeURIComponent)
        : undefined;

    const [login] = route('GET', /^\/users\/([^/]+)$/) ?? [];
    if (login) {
      if (login !== user && !organizations.includes(login)) return notFound;
      return [
        200,
        {
          login,
          id: organizations.indexOf(login) + 2,
          type: login === user ? 'User' : 'Organization',
        },
      ];
    }

    const [org] = route('POST', /^\/orgs\/([^/]+)\/repos$/) ?? [];
    let create: string | undefined;
    if (route('POST', /^\/user\/repos$/)) create = user;
    else if (org && organizations.includes(org)) create = org;
    if (create) {
      const name = String(body?.name ?? '');
      if (!createBareRepository(gitdir(create, name))) {
        return [
          422,
          {
            message: 'Repository creation failed.',
            errors: [
              {
                resource: 'Repository',
                code: 'custom',
                field: 'name',
                message: 'name already exists on this account',
              },
            ],
            documentation_url:
              'https://docs.github.com/rest/repos/repos#create-an-organization-repository',
            status: '422',
          },
        ];
      }
      return [
        201,
        {
          id: nextId++,
          name,
          full_name: `${create}/${name}`,
          owner: { login: create },
          private: body.private ?? false,
          description: body.description ?? null,
          html_url: `${api.baseUrl}/${create}/${name}`,
          clone_url: git.url(`${create}/${name}.git`),
          default_branch: 'main',
        },
      ];
    }

    const protection = route(
      'PUT',
      /^\/repos\/([^/]+)\/([^/]+)\/branches\/(.+)\/protection$/,
    );
    if (protection) {
      const [owner, repo, branch] = protection;
      if (!hasBranch(gitdir(owner, repo), branch)) {
        return [404, { message: 'Branch not found' }];
      }
      return [
        200,
        {
          url: `${api.baseUrl}/api/v3${path}`,
          enforce_admins: { enabled: true },
        },
      ];
    }
    return notFound;
  });

  return {
    /** For integrations.github: host and apiBaseUrl. */
    host: api.host,
    apiBaseUrl: `${api.baseUrl}/api/v3`,
    requests: api.requests,
    /** The bare repository behind owner/repo. */
    gitdir,
    stop: async () => {
      await api.stop();
      await git.stop();
    },
  };
}
