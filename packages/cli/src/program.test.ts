import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
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

describe('paved', () => {
  it('documents its commands in --help', async () => {
    const result = await paved('--help');
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toMatch(/Usage: paved \[options\] \[command\]/);
    expect(result.stdout).toMatch(/validate <score\.yaml>/);
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
