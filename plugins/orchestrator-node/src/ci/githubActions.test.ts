import { InputError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import {
  CiRenderInput,
  GITHUB_ACTION_PINS,
  renderGithubWorkflow,
  validateGithubWorkflow,
} from './githubActions';

// Golden files: set UPDATE_GOLDEN=1 to rewrite them after an intended change,
// then review the diff like any other code change.

const input: CiRenderInput = {
  workload: 'checkout',
  imageRepository: 'registry.northwind.example/checkout',
  language: 'node',
  pavedUrl: 'https://paved.northwind.example',
};

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string;
  if?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const render = (overrides: Partial<CiRenderInput> = {}) =>
  renderGithubWorkflow({ ...input, ...overrides });
const workflowOf = (content: string) => parse(content) as Workflow;
const allSteps = (workflow: Workflow) =>
  Object.values(workflow.jobs).flatMap(job => job.steps);
const stepUsing = (workflow: Workflow, action: string) => {
  const found = allSteps(workflow).filter(s =>
    s.uses?.startsWith(`${action}@`),
  );
  expect(found).toHaveLength(1);
  return found[0];
};

describe('renderGithubWorkflow', () => {
  it('renders checkout as in its golden file', () => {
    const artifact = render();
    const golden = resolve(__dirname, '__golden__', 'checkout.paved.yaml');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, artifact.content);
    expect(artifact.content).toBe(readFileSync(golden, 'utf8'));
    expect(artifact.path).toBe('.github/workflows/paved.yaml');
    expect(artifact.kind).toBe('GitHubWorkflow');
  });

  it('is deterministic', () => {
    expect(render().content).toBe(render().content);
    expect(render().content).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('is accepted by the GitHub workflow parser', () => {
    const ghcr = render({ imageRepository: 'ghcr.io/northwind/checkout' });
    expect(() => validateGithubWorkflow(render().content)).not.toThrow();
    expect(() => validateGithubWorkflow(ghcr.content)).not.toThrow();
  });

  it('runs on push to main and on pull requests, test then build then deploy', () => {
    const workflow = workflowOf(render().content);
    expect(workflow.on).toEqual({
      push: { branches: ['main'] },
      pull_request: {},
    });
    expect(Object.keys(workflow.jobs)).toEqual(['test', 'build', 'deploy']);
    expect(workflow.jobs.test.needs).toBeUndefined();
    expect(workflow.jobs.build.needs).toBe('test');
    expect(workflow.jobs.deploy.needs).toBe('build');
    const onMain =
      "github.event_name == 'push' && github.ref == 'refs/heads/main'";
    expect(workflow.jobs.deploy.if).toBe(onMain);
    expect(workflow.jobs.test.steps.filter(s => s.run).map(s => s.run)).toEqual(
      ['npm ci', 'npm test'],
    );
    expect(stepUsing(workflow, 'actions/setup-node').with).toEqual({
      'node-version': '24',
      cache: 'npm',
    });
    // Pull requests build the image but neither log in nor push.
    expect(stepUsing(workflow, 'docker/login-action').if).toBe(onMain);
    expect(stepUsing(workflow, 'docker/build-push-action').with?.push).toBe(
      `\${{ ${onMain} }}`,
    );
  });

  it('pins every action to a full commit SHA with its version in a comment', () => {
    const { content } = render();
    const steps = allSteps(workflowOf(content)).filter(s => s.uses);
    expect(steps).toHaveLength(6);
    for (const step of steps) {
      expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    }
    const usesLines = content.split('\n').filter(l => /^\s*uses:/.test(l));
    expect(usesLines).toHaveLength(steps.length);
    for (const line of usesLines) {
      expect(line).toMatch(/^\s+uses: \S+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
    // Every pin is used, and every pinned action is one of the pins.
    const used = new Set(steps.map(s => s.uses));
    for (const pin of Object.values(GITHUB_ACTION_PINS)) {
      expect(pin.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(used.has(`${pin.action}@${pin.sha}`)).toBe(true);
      expect(content).toContain(`${pin.action}@${pin.sha} # ${pin.version}\n`);
    }
  });

  it('tags the image with the commit SHA, never latest', () => {
    const { content } = render();
    expect(content).not.toMatch(/latest/i);
    const workflow = workflowOf(content);
    const image = 'registry.northwind.example/checkout:${{ github.sha }}';
    expect(stepUsing(workflow, 'docker/build-push-action').with?.tags).toBe(
      image,
    );
    expect(workflow.jobs.deploy.steps[0].env?.IMAGE).toBe(image);
  });

  it('takes every secret from ${{ secrets.* }} and never puts one in a script', () => {
    for (const imageRepository of [
      input.imageRepository,
      'ghcr.io/northwind/checkout',
    ]) {
      const { content } = render({ imageRepository });
      const workflow = workflowOf(content);
      // "secrets" appears only inside an expression naming one secret.
      const mentions = content.match(/secrets/g) ?? [];
      const expressions =
        content.match(/\$\{\{ secrets\.[A-Z][A-Z0-9_]* \}\}/g) ?? [];
      // The header comment mentions them once in prose.
      expect(mentions.length - 1).toBe(expressions.length);
      expect(content).toMatch(/^# Repository secrets it needs: /m);
      const login = stepUsing(workflow, 'docker/login-action').with!;
      expect(login.password).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
      expect(login.username).toMatch(
        /^\$\{\{ (secrets\.[A-Z_]+|github\.actor) \}\}$/,
      );
      const deploy = workflow.jobs.deploy.steps[0];
      expect(deploy.env?.PAVED_TOKEN).toBe('${{ secrets.PAVED_TOKEN }}');
      // Values reach shell scripts through env only: no ${{ }} injection.
      for (const step of allSteps(workflow)) {
        expect(step.run ?? '').not.toContain('${{');
      }
    }
  });

  it('grants the least permissions: packages: write only to push to GHCR', () => {
    const other = workflowOf(render().content);
    expect(other.permissions).toEqual({ contents: 'read' });
    expect(other.jobs.test.permissions).toBeUndefined();
    expect(other.jobs.build.permissions).toBeUndefined();
    expect(other.jobs.deploy.permissions).toEqual({});
    expect(stepUsing(other, 'docker/login-action').with).toEqual({
      registry: 'registry.northwind.example',
      username: '${{ secrets.REGISTRY_USERNAME }}',
      password: '${{ secrets.REGISTRY_PASSWORD }}',
    });

    const ghcr = workflowOf(
      render({ imageRepository: 'ghcr.io/northwind/checkout' }).content,
    );
    expect(ghcr.permissions).toEqual({ contents: 'read' });
    expect(ghcr.jobs.build.permissions).toEqual({
      contents: 'read',
      packages: 'write',
    });
    expect(ghcr.jobs.test.permissions).toBeUndefined();
    expect(ghcr.jobs.deploy.permissions).toEqual({});
    expect(stepUsing(ghcr, 'docker/login-action').with).toEqual({
      registry: 'ghcr.io',
      username: '${{ github.actor }}',
      password: '${{ secrets.GITHUB_TOKEN }}',
    });
  });

  it('asks Paved to deploy with curl --fail-with-body and a bearer token', () => {
    const workflow = workflowOf(
      render({ pavedUrl: 'https://paved.northwind.example/portal/' }).content,
    );
    const step = workflow.jobs.deploy.steps[0];
    expect(step.env).toEqual({
      PAVED_URL: 'https://paved.northwind.example/portal',
      PAVED_TOKEN: '${{ secrets.PAVED_TOKEN }}',
      WORKLOAD: 'checkout',
      IMAGE: 'registry.northwind.example/checkout:${{ github.sha }}',
    });
    expect(step.run).toContain('curl --silent --show-error --fail-with-body');
    expect(step.run).toContain('"$PAVED_URL/api/orchestrator/deployments"');
    expect(step.run).toContain('--header "Authorization: Bearer $PAVED_TOKEN"');
  });

  it('keeps a ${{ }} expression in the URL out of the workflow', () => {
    const { content } = render({
      pavedUrl: 'https://paved.northwind.example/${{secrets.OTHER}}',
    });
    expect(content).not.toContain('{{secrets.OTHER');
    expect(content).toContain(
      'PAVED_URL: https://paved.northwind.example/$%7B%7Bsecrets.OTHER%7D%7D',
    );
  });
});

// The deploy script runs on GitHub's runners, which have bash, curl and jq;
// scripts/toolchain.sh installs them where they are missing, so this always runs.
describe('the deploy step, run against a fake Paved', () => {
  async function runDeploy(status: number, token = 'paved-token') {
    const requests: {
      method?: string;
      url?: string;
      headers: IncomingHttpHeaders;
      body: string;
    }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        requests.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body,
        });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ answer: status }));
      });
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const step = workflowOf(
      render({ pavedUrl: `http://127.0.0.1:${port}/` }).content,
    ).jobs.deploy.steps[0];
    const runnerTemp = mkdtempSync(join(tmpdir(), 'paved-deploy-'));
    try {
      const result = await new Promise<{
        code: number;
        stdout: string;
        stderr: string;
      }>(done => {
        execFile(
          'bash',
          ['-c', step.run!],
          {
            env: {
              PATH: process.env.PATH,
              RUNNER_TEMP: runnerTemp,
              ...step.env,
              PAVED_TOKEN: token,
              IMAGE: step.env!.IMAGE.replace(
                '${{ github.sha }}',
                '0123456789abcdef0123456789abcdef01234567',
              ),
            },
          },
          (error, stdout, stderr) =>
            done({
              code: error ? Number(error.code ?? 1) : 0,
              stdout,
              stderr,
            }),
        );
      });
      return { ...result, requests };
    } finally {
      rmSync(runnerTemp, { recursive: true, force: true });
      await new Promise(done => server.close(done));
    }
  }

  it('POSTs the workload, environment and image', async () => {
    const { code, stdout, requests } = await runDeploy(202);
    expect(code).toBe(0);
    expect(stdout).toContain('"answer":202');
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe('/api/orchestrator/deployments');
    expect(requests[0].headers.authorization).toBe('Bearer paved-token');
    expect(requests[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(requests[0].body)).toEqual({
      workload: 'checkout',
      environment: 'development',
      image:
        'registry.northwind.example/checkout:0123456789abcdef0123456789abcdef01234567',
    });
  });

  it.each([400, 500])(
    'fails and shows the answer when Paved says %i',
    async status => {
      const { code, stderr } = await runDeploy(status);
      expect(code).not.toBe(0);
      expect(stderr).toContain(`"answer":${status}`);
    },
  );

  it('fails on a redirect too: only 2xx counts', async () => {
    const { code, stderr } = await runDeploy(302);
    expect(code).not.toBe(0);
    expect(stderr).toContain('Paved answered HTTP 302');
  });

  it('fails without calling Paved when the token is missing', async () => {
    const { code, stderr, requests } = await runDeploy(202, '');
    expect(code).not.toBe(0);
    expect(stderr).toContain('PAVED_TOKEN is not set');
    expect(requests).toHaveLength(0);
  });
});

describe('validateGithubWorkflow', () => {
  const valid = render().content;

  it.each([
    [
      'a job without runs-on',
      valid.replace(/^ {4}runs-on: ubuntu-24\.04\n/m, ''),
      /Required property is missing: runs-on/,
    ],
    [
      'an unknown key',
      valid.replace(/^ {4}timeout-minutes: 20\n/m, '    timeout-minutez: 20\n'),
      /Unexpected value 'timeout-minutez'/,
    ],
    [
      'a broken expression',
      valid.replace('${{ github.sha }}', '${{ github.sha }'),
      /\(Line: \d+, Col: \d+\): The expression is not closed/,
    ],
    [
      'a context that is not available where it is used',
      valid.replace(
        'if: github.event_name',
        'if: secrets.X && github.event_name',
      ),
      /Unrecognized named-value: 'secrets'/,
    ],
    [
      'a job that needs an unknown job',
      valid.replace('needs: build', 'needs: biuld'),
      /Job 'deploy' depends on unknown job 'biuld'/,
    ],
    [
      'a dependency cycle',
      valid.replace(
        /^ {4}name: Test\n/m,
        '    name: Test\n    needs: deploy\n',
      ),
      /at least one job with no dependencies/,
    ],
    [
      'text that is not YAML',
      'on: [push\njobs: {',
      /Flow sequence .* at line 2, column 1/,
    ],
  ])('reports %s', (_name, text, problem) => {
    expect(text).not.toBe(valid);
    expect(() => validateGithubWorkflow(text, 'broken.yaml')).toThrow(problem);
    expect(() => validateGithubWorkflow(text, 'broken.yaml')).toThrow(
      /^broken\.yaml is not a valid GitHub Actions workflow:\n {2}- /,
    );
  });
});

describe('input validation', () => {
  it.each<[string, Partial<CiRenderInput>, RegExp]>([
    [
      'an uppercase workload',
      { workload: 'Checkout' },
      /^workload: must be an RFC 1123 label.*has uppercase letters/,
    ],
    [
      'a workload with a dot',
      { workload: 'check.out' },
      /^workload: must be an RFC 1123 label.*contains "\."/,
    ],
    [
      'a workload ending in "-"',
      { workload: 'checkout-' },
      /^workload: .*ends with "-"/,
    ],
    [
      'a 64-character workload',
      { workload: 'a'.repeat(64) },
      /^workload: .*64 characters long/,
    ],
    ['an empty workload', { workload: '' }, /^workload: .*is empty/],
    [
      'a repository with whitespace',
      { imageRepository: 'registry.northwind.example/check out' },
      /^imageRepository: .* contains whitespace/,
    ],
    [
      'a repository with a newline',
      { imageRepository: 'registry.northwind.example/checkout\n' },
      /^imageRepository: .* contains whitespace/,
    ],
    [
      'an uppercase repository',
      { imageRepository: 'registry.northwind.example/Checkout' },
      /^imageRepository: .* contains uppercase letters/,
    ],
    [
      'a repository with a tag',
      { imageRepository: 'registry.northwind.example/checkout:latest' },
      /^imageRepository: .* has a tag/,
    ],
    [
      'a repository with a digest',
      {
        imageRepository: `registry.northwind.example/checkout@sha256:${'a'.repeat(
          64,
        )}`,
      },
      /^imageRepository: .* has a digest/,
    ],
    [
      'a repository without registry',
      { imageRepository: 'checkout' },
      /^imageRepository: .* has no registry host/,
    ],
    [
      'a repository with a bad path',
      { imageRepository: 'registry.northwind.example/-checkout' },
      /^imageRepository: .* is not a valid image repository/,
    ],
    [
      'an ftp URL',
      { pavedUrl: 'ftp://paved.northwind.example' },
      /^pavedUrl: .* is not http\(s\)/,
    ],
    [
      'a file: URL',
      { pavedUrl: 'file:///etc/passwd' },
      /^pavedUrl: .* is not http\(s\)/,
    ],
    [
      'a relative URL',
      { pavedUrl: 'paved.northwind.example' },
      /^pavedUrl: .* is not a URL/,
    ],
    [
      'a URL with credentials',
      { pavedUrl: 'https://admin:secret@paved.northwind.example' },
      /^pavedUrl: .* has credentials/,
    ],
    [
      'a URL with a query',
      { pavedUrl: 'https://paved.northwind.example/?x=1' },
      /^pavedUrl: .* has a query or fragment/,
    ],
    [
      'a URL with whitespace',
      { pavedUrl: ' https://paved.northwind.example' },
      /^pavedUrl: .* contains whitespace/,
    ],
    [
      'another language',
      { language: 'python' as 'node' },
      /^language: only "node" is supported/,
    ],
  ])('rejects %s with a clear InputError', (_name, overrides, message) => {
    let error: unknown;
    try {
      render(overrides);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });

  it.each([
    'registry.northwind.example/team/checkout',
    'registry.northwind.example:5000/checkout',
    'localhost:5000/checkout',
    'localhost/checkout',
    'docker.io/northwind/check_out.api',
  ])('accepts the repository %s', imageRepository => {
    expect(() => render({ imageRepository })).not.toThrow();
  });
});
