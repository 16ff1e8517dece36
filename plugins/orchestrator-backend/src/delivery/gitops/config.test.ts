import { resolve } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import { readGitOpsConfig } from './config';

const read = (gitops?: JsonObject) =>
  readGitOpsConfig(
    mockServices.rootConfig({
      data: gitops ? { orchestrator: { gitops } } : {},
    }),
  );

const failure = (gitops: JsonObject): Error => {
  try {
    read(gitops);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the configuration to be refused');
};

describe('readGitOpsConfig', () => {
  it('defaults to the built-in repository, main and the Paved author', () => {
    expect(read()).toEqual({
      repository: { type: 'default' },
      branch: 'main',
      author: { name: 'Paved', email: 'paved@localhost' },
      policiesPath: 'policies/{cluster}',
    });
  });

  it('reads where clusters’ admission policies go, refusing paths and placeholders it cannot use', () => {
    expect(
      read({ policiesPath: 'clusters/{cluster}/policies/' }).policiesPath,
    ).toBe('clusters/{cluster}/policies');
    expect(failure({ policiesPath: '../{cluster}' }).message).toBe(
      'orchestrator.gitops.policiesPath "../{cluster}" has an invalid component ".."',
    );
    expect(failure({ policiesPath: 'policies/{environment}' })).toEqual(
      new InputError(
        'orchestrator.gitops.policiesPath "policies/{environment}" has the placeholder {environment}; only {cluster} is known',
      ),
    );
  });

  it('reads an https remote with a token, naming the user x-access-token by default', () => {
    expect(
      read({
        repository: 'https://github.example.com/acme/gitops.git',
        branch: 'refs/heads/deploy/prod',
        author: { name: 'Deploy Bot', email: 'bot@example.com' },
        auth: { token: 'ghp_secret' },
      }),
    ).toEqual({
      repository: {
        type: 'http',
        url: 'https://github.example.com/acme/gitops.git',
      },
      branch: 'deploy/prod',
      author: { name: 'Deploy Bot', email: 'bot@example.com' },
      auth: { username: 'x-access-token', token: 'ghp_secret' },
      policiesPath: 'policies/{cluster}',
    });
  });

  it('reads file URLs and paths as local repositories, relative to the working directory', () => {
    expect(read({ repository: 'file:///srv/gitops.git' }).repository).toEqual({
      type: 'local',
      path: '/srv/gitops.git',
    });
    expect(read({ repository: '../gitops.git' }).repository).toEqual({
      type: 'local',
      path: resolve('../gitops.git'),
    });
  });

  it('ignores auth for a local repository', () => {
    expect(
      read({ repository: '/srv/gitops.git', auth: { token: 'abc123' } }).auth,
    ).toBeUndefined();
  });

  it.each([
    ['feature..x', '".."'],
    ['has space', 'a space'],
    ['.hidden', 'starts with "."'],
    ['release.lock', '".lock"'],
    ['trailing/', 'empty path component'],
    ['-x', 'starts with "-"'],
    ['a@{1}', '"@{"'],
  ])('refuses the branch %j', (branch, problem) => {
    const error = failure({ branch });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('orchestrator.gitops.branch');
    expect(error.message).toContain(problem);
  });

  it('refuses values of the wrong type, naming the key', () => {
    const error = failure({ repository: 42 });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/orchestrator\.gitops.*repository/);
  });

  it.each([
    'git@github.com:acme/gitops.git',
    'ssh://git@github.com/acme/gitops.git',
    'git://example.com/gitops.git',
  ])('refuses the unsupported transport %s', repository => {
    const error = failure({ repository });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      'SSH and other transports are not supported',
    );
  });

  it('refuses an empty repository and a broken URL without echoing it', () => {
    expect(failure({ repository: ' ' })).toBeInstanceOf(InputError);
    const error = failure({ repository: 'https://user:s3cr3t@[bad' });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'orchestrator.gitops.repository is not a valid URL',
    );
  });

  it('refuses auth without a token, and a user name with a colon', () => {
    const noToken = failure({
      repository: 'https://example.com/gitops.git',
      auth: { username: 'bot' },
    });
    expect(noToken).toBeInstanceOf(InputError);
    expect(noToken.message).toContain(
      'orchestrator.gitops.auth.token is required',
    );
    const colon = failure({
      repository: 'https://example.com/gitops.git',
      auth: { username: 'a:b', token: 'abc123' },
    });
    expect(colon).toBeInstanceOf(InputError);
    expect(colon.message).toContain('auth.username');
  });

  it('refuses an author that would break the commit header', () => {
    const error = failure({ author: { email: 'bot <evil>' } });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('orchestrator.gitops.author.email');
  });
});
