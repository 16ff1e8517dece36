import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ExitCode, run } from './program';

const fixture = (name: string) => resolve(__dirname, '__fixtures__', name);

async function paved(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['node', 'paved', ...args], {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe('paved validate', () => {
  it('accepts a valid workload and says what it holds', async () => {
    const result = await paved('validate', fixture('score.yaml'));
    expect(result).toEqual({
      code: ExitCode.ok,
      stdout: `${fixture(
        'score.yaml',
      )}: valid Score workload "checkout" (1 container, 1 resource)\n`,
      stderr: '',
    });
  });

  it('lists every problem with its path on stderr and exits 2', async () => {
    const result = await paved('validate', fixture('invalid.yaml'));
    expect(result.code).toBe(ExitCode.badInput);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(
      `${fixture('invalid.yaml')} is not a valid Score workload:`,
    );
    expect(
      lines
        .slice(1)
        .map(line => line.trim().split(':')[0])
        .sort(),
    ).toEqual([
      'containers.api',
      'containers.api.image',
      'containers.api.resources.limits.cpu',
      'metadata.name',
    ]);
  });

  it('names a file that does not exist', async () => {
    expect(await paved('validate', 'no/such/score.yaml')).toEqual({
      code: ExitCode.badInput,
      stdout: '',
      stderr: 'no/such/score.yaml: no such file\n',
    });
  });
});

const platform = resolve(__dirname, '../../../platform');

describe('paved plan', () => {
  it('prints objects, resources with redacted secrets, cost and hash', async () => {
    const result = await paved(
      'plan',
      fixture('score.yaml'),
      '--env',
      'production',
      '--platform',
      platform,
      '--image',
      'registry.northwind.example/checkout:1',
    );
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      'Plan for workload "checkout" in production (production), namespace checkout-production',
    );
    expect(result.stdout).toContain(
      '  kubernetes/horizontalpodautoscaler-checkout.yaml',
    );
    expect(result.stdout).toContain(
      '  db: postgres (class default) via postgres-production, 290 USD/month',
    );
    expect(result.stdout).toContain(
      '    password: <secret checkout-db-connection/password>',
    );
    expect(result.stdout).toContain('Cost per month: 290 USD');
    expect(result.stdout).toMatch(/Plan hash: [0-9a-f]{64}\n/);
  });

  it('prints the whole plan as JSON with --json', async () => {
    const result = await paved(
      'plan',
      fixture('score.yaml'),
      '--env',
      'staging',
      '--platform',
      platform,
      '--json',
    );
    const plan = JSON.parse(result.stdout);
    expect(plan).toMatchObject({
      kind: 'Plan',
      workload: 'checkout',
      environment: { name: 'staging' },
    });
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exits 2 naming an unknown environment, a missing --env or a missing platform folder', async () => {
    const unknown = await paved(
      'plan',
      fixture('score.yaml'),
      '--env',
      'qa',
      '--platform',
      platform,
    );
    expect(unknown).toMatchObject({
      code: ExitCode.badInput,
      stderr:
        'Unknown environment "qa"; the platform defines: development, preview, production, staging\n',
    });
    const missing = await paved(
      'plan',
      fixture('score.yaml'),
      '--platform',
      platform,
    );
    expect(missing.code).toBe(ExitCode.badInput);
    expect(missing.stderr).toMatch(
      /required option '--env <name>' not specified/,
    );
    const noPlatform = await paved(
      'plan',
      fixture('score.yaml'),
      '--env',
      'staging',
      '--platform',
      '/no/such/dir',
    );
    expect(noPlatform).toMatchObject({
      code: ExitCode.badInput,
      stderr: '/no/such/dir: no such platform folder; pass --platform <dir>\n',
    });
  });
});

describe('files read from a path', () => {
  it('are read relative to the score.yaml, and a missing one is named', async () => {
    const text = readFileSync(fixture('with-file.yaml'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'paved-source-'));
    writeFileSync(join(dir, 'motd.txt'), readFileSync(fixture('motd.txt')));
    writeFileSync(
      join(dir, 'score.yaml'),
      text.replace(/ {6}\/etc\/missing\.conf:\n.*\n/, ''),
    );
    const ok = await paved(
      'plan',
      join(dir, 'score.yaml'),
      '--env',
      'development',
      '--platform',
      platform,
      '--json',
    );
    expect(ok.stderr).toBe('');
    const files = JSON.parse(ok.stdout).artifacts.find(
      (a: { path: string }) =>
        a.path === 'kubernetes/configmap-greeter-files.yaml',
    );
    expect(parse(files.content).data).toEqual({
      'web-0': 'Welcome to greeter\n',
    });

    const missing = await paved(
      'plan',
      fixture('with-file.yaml'),
      '--env',
      'development',
      '--platform',
      platform,
    );
    expect(missing).toMatchObject({
      code: ExitCode.badInput,
      stderr:
        'containers.web.files["/etc/missing.conf"].source: cannot read "does-not-exist.conf" (ENOENT)\n',
    });
  });
});

describe('paved render', () => {
  it('writes every artifact, replacing what an earlier render left', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'paved-render-')), 'out');
    mkdirSync(join(out, 'kubernetes'), { recursive: true });
    writeFileSync(join(out, 'kubernetes', 'stale.yaml'), 'left from before');

    const result = await paved(
      'render',
      fixture('score.yaml'),
      '--image',
      'registry.northwind.example/checkout:1',
      '--env',
      'staging',
      '--platform',
      platform,
      '--out',
      out,
    );

    expect(result.code).toBe(ExitCode.ok);
    const written = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter(entry => entry.isFile())
      .map(entry => join(entry.parentPath, entry.name));
    expect(result.stdout).toMatch(
      new RegExp(
        `^${written.length} artifacts for checkout in staging written to ${out} \\(plan [0-9a-f]{12}\\)\n$`,
      ),
    );
    // The admission policies the cluster will enforce travel with the workload.
    expect(readdirSync(join(out, 'policies'))).toEqual(
      expect.arrayContaining([
        'validatingadmissionpolicy-allowed-image-registries.yaml',
        'validatingadmissionpolicybinding-allowed-image-registries.yaml',
      ]),
    );
    expect(readdirSync(join(out, 'kubernetes')).sort()).toEqual([
      'configmap-checkout-env.yaml',
      'deployment-checkout.yaml',
      'namespace-checkout-staging.yaml',
      'networkpolicy-checkout-default-deny.yaml',
      'networkpolicy-checkout.yaml',
      'service-checkout.yaml',
      'serviceaccount-checkout.yaml',
    ]);
    const claim = parse(
      readFileSync(
        join(out, 'resources', 'postgresqlinstance-checkout-db.yaml'),
        'utf8',
      ),
    );
    expect(claim.spec.parameters.backup).toEqual({
      enabled: true,
      retentionDays: 7,
    });
  });

  it('adds the CI workflow for the workload’s repository with --ci', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'paved-render-')), 'out');
    const result = await paved(
      'render',
      fixture('score.yaml'),
      '--image',
      'registry.northwind.example/checkout:1',
      '--env',
      'staging',
      '--platform',
      platform,
      '--out',
      out,
      '--ci',
      'registry.northwind.example/checkout',
      '--paved-url',
      'https://paved.northwind.example',
    );
    expect(result.code).toBe(ExitCode.ok);
    const workflow = parse(
      readFileSync(join(out, '.github', 'workflows', 'paved.yaml'), 'utf8'),
    );
    expect(Object.keys(workflow.jobs)).toEqual(['test', 'build', 'deploy']);
    const bad = await paved(
      'plan',
      fixture('score.yaml'),
      '--env',
      'staging',
      '--platform',
      platform,
      '--ci',
      'Registry/Checkout:latest',
    );
    expect(bad.code).toBe(ExitCode.badInput);
  });

  it('leaves the previous output untouched and nothing half-written when the input is bad', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'paved-render-'));
    const out = join(parent, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.yaml'), 'previous render');

    const result = await paved(
      'render',
      fixture('invalid.yaml'),
      '--env',
      'staging',
      '--platform',
      platform,
      '--out',
      out,
    );

    expect(result.code).toBe(ExitCode.badInput);
    expect(readFileSync(join(out, 'keep.yaml'), 'utf8')).toBe(
      'previous render',
    );
    expect(readdirSync(parent)).toEqual(['out']);
    expect(existsSync(join(parent, 'out', 'kubernetes'))).toBe(false);
  });
});

describe('paved', () => {
  it('documents its commands in --help', async () => {
    const result = await paved('--help');
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toMatch(/Usage: paved \[options\] \[command\]/);
    expect(result.stdout).toMatch(/validate <score\.yaml>/);
    expect(result.stdout).toMatch(/plan \[options\] <score\.yaml>/);
    expect(result.stdout).toMatch(/render \[options\] <score\.yaml>/);
    const render = await paved('render', '--help');
    expect(render.stdout).toMatch(/--out <dir>/);
    expect(render.stdout).toMatch(
      /Exit status: 0 planned, 1 refused by a guardrail, 2 invalid/,
    );
    const validate = await paved('validate', '--help');
    expect(validate.stdout).toMatch(
      /Exit status: 0 valid, 2 invalid or unreadable/,
    );
  });

  it('refuses unknown commands and missing arguments with exit 2', async () => {
    const unknown = await paved('frobnicate');
    expect(unknown.code).toBe(ExitCode.badInput);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    const missing = await paved('validate');
    expect(missing.code).toBe(ExitCode.badInput);
    expect(missing.stderr).toMatch(/missing required argument 'score\.yaml'/);
  });

  it('runs from a fresh clone through scripts/paved', () => {
    const script = resolve(__dirname, '../../../scripts/paved');
    const result = spawnSync(script, ['validate', fixture('invalid.yaml')], {
      encoding: 'utf8',
      cwd: tmpdir(),
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is not a valid Score workload:/);
  }, 60_000);

  it('runs as the repository’s bin/paved, with the exit code as its status', () => {
    const bin = resolve(__dirname, '../bin/paved');
    const ok = spawnSync(
      process.execPath,
      [bin, 'validate', fixture('score.yaml')],
      {
        encoding: 'utf8',
      },
    );
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const bad = spawnSync(
      process.execPath,
      [bin, 'validate', fixture('invalid.yaml')],
      {
        encoding: 'utf8',
      },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/metadata\.name: must be an RFC 1123 label/);
  }, 60_000);
});

describe('paved check', () => {
  const check = fixture('check');
  const lines = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));

  it('prints one JSON line per validation and object, and exits 1 when a deny fails', async () => {
    const result = await paved(
      'check',
      '--policies',
      join(check, 'replicas-policy.yaml'),
      join(check, 'labels-policy.yaml'),
      '--',
      join(check, 'manifests.yaml'),
    );
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([
      {
        policy: 'max-replicas',
        validation: 'validations[0]',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        result: 'pass',
        action: 'deny',
        message: null,
      },
      {
        policy: 'team-label',
        validation: 'validations[0]',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        result: 'pass',
        action: 'warn',
        message: null,
      },
      {
        policy: 'max-replicas',
        validation: 'validations[0]',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'batch',
        result: 'fail',
        action: 'deny',
        message: 'replicas must be at most 5, got 8',
      },
      {
        policy: 'team-label',
        validation: 'validations[0]',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'batch',
        result: 'fail',
        action: 'warn',
        message: 'pods should carry a team label',
      },
    ]);
    expect(result.code).toBe(ExitCode.refused);
  });

  it('exits 0 when only warnings fail', async () => {
    const result = await paved(
      'check',
      '--policies',
      join(check, 'labels-policy.yaml'),
      '--',
      join(check, 'manifests.yaml'),
    );
    expect(lines(result.stdout).map(l => l.result)).toEqual(['pass', 'fail']);
    expect(result.code).toBe(ExitCode.ok);
  });

  it('exits 2 naming a policy whose CEL does not compile, or a manifest that is not an object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-check-'));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      readFileSync(join(check, 'replicas-policy.yaml'), 'utf8').replace(
        'object.spec.replicas <= 5',
        'object.spec.replicas <=',
      ),
    );
    const result = await paved(
      'check',
      '--policies',
      broken,
      '--',
      join(check, 'manifests.yaml'),
    );
    expect(result.code).toBe(ExitCode.badInput);
    expect(result.stderr).toMatch(
      /broken\.yaml \(document 1\): ValidatingAdmissionPolicy "max-replicas" validations\[0\]\.expression: 1:\d+: /,
    );

    const notObject = join(dir, 'list.yaml');
    writeFileSync(notObject, '- a\n- b\n');
    const bad = await paved(
      'check',
      '--policies',
      join(check, 'labels-policy.yaml'),
      '--',
      notObject,
    );
    expect(bad).toEqual({
      code: ExitCode.badInput,
      stdout: '',
      stderr: `${notObject} (document 1): not a Kubernetes object (apiVersion, kind and metadata.name are required)\n`,
    });
  });

  it("checks manifests against the platform's own policy packs", async () => {
    const result = await paved(
      'check',
      '--policies',
      join(platform, 'policies'),
      '--',
      join(check, 'manifests.yaml'),
    );
    const failed = lines(result.stdout).filter(l => l.result === 'fail');
    // The fixture's Deployments run as root with no limits or probes: the packs refuse them.
    expect(failed.map(l => l.policy)).toEqual(
      expect.arrayContaining(['require-probes']),
    );
    expect(result.code).toBe(ExitCode.refused);
  });
});
