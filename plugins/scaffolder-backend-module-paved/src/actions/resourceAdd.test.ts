import { ConflictError, InputError } from '@backstage/errors';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, runExample, workspaceWith } from '../__testUtils__/context';
import { score } from '../__testUtils__/orchestrator';
import { createResourceAddAction, examples } from './resourceAdd';

describe('paved:resource:add', () => {
  let workspacePath: string;
  const read = () => readFile(join(workspacePath, 'score.yaml'), 'utf8');
  beforeEach(async () => {
    workspacePath = await workspaceWith({ 'score.yaml': score('checkout') });
  });

  it('adds the resource at the end, keeping the file’s comments and order', async () => {
    const outputs = await run(
      createResourceAddAction(),
      { name: 'cache', type: 'redis', params: { version: '7' } },
      { workspacePath },
    );
    expect(outputs).toEqual({
      resource: {
        name: 'cache',
        type: 'redis',
        class: 'default',
        params: { version: '7' },
      },
    });
    // Byte for byte what was there, and the new resource after it.
    expect(await read()).toBe(
      `${score(
        'checkout',
      )}  cache:\n    type: redis\n    params:\n      version: "7"\n`,
    );
  });

  it('writes a class other than the default, and re-running it changes nothing', async () => {
    const input = { name: 'files', type: 's3', class: 'archive' };
    await run(createResourceAddAction(), input, { workspacePath });
    const once = await read();
    expect(once).toContain('  files:\n    type: s3\n    class: archive\n');
    await run(createResourceAddAction(), input, { workspacePath });
    expect(await read()).toBe(once);
  });

  it('refuses a resource that exists with another type, leaving the file alone', async () => {
    await expect(
      run(
        createResourceAddAction(),
        { name: 'db', type: 'redis' },
        { workspacePath },
      ),
    ).rejects.toThrow(ConflictError);
    await expect(
      run(
        createResourceAddAction(),
        { name: 'db', type: 'redis' },
        { workspacePath },
      ),
    ).rejects.toThrow(/already has a resource db of type postgres/);
    expect(await read()).toBe(score('checkout'));
  });

  it('refuses paths out of the workspace, bad names and unrendered expressions', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'paved-outside-'));
    await writeFile(join(outside, 'score.yaml'), score('elsewhere'));
    await symlink(
      join(outside, 'score.yaml'),
      join(workspacePath, 'link.yaml'),
    );
    for (const [input, error] of [
      [{ scorePath: '../score.yaml' }, /inside the workspace/],
      [{ scorePath: `${outside}/score.yaml` }, /inside the workspace/],
      [{ scorePath: 'sub/../../score.yaml' }, /inside the workspace/],
      [{ scorePath: 'link.yaml' }, /leads outside/],
      [{ name: 'Cache' }, /RFC 1123/],
      [{ name: 'cache', type: 'Redis!' }, /not a resource type/],
      [{ params: { url: '${{ parameters.url }}' } }, /template expression/],
    ] as const) {
      await expect(
        run(
          createResourceAddAction(),
          { name: 'cache', type: 'redis', ...input },
          { workspacePath },
        ),
      ).rejects.toThrow(error);
    }
    expect(await readFile(join(outside, 'score.yaml'), 'utf8')).toBe(
      score('elsewhere'),
    );
    expect(await read()).toBe(score('checkout'));
  });

  it('refuses to write a file that is no longer a valid workload', async () => {
    await expect(
      run(
        createResourceAddAction(),
        { name: 'cache', type: 'redis', params: 'not an object' as any },
        { workspacePath },
      ),
    ).rejects.toThrow(InputError);
    expect(await read()).toBe(score('checkout'));
  });

  it('adds a resources section when there is none', async () => {
    const text = score('checkout').replace(/resources:\n[\s\S]*$/, '');
    await writeFile(join(workspacePath, 'score.yaml'), text);
    await run(
      createResourceAddAction(),
      { name: 'db', type: 'postgres' },
      { workspacePath },
    );
    expect(await read()).toBe(`${text}resources:\n  db:\n    type: postgres\n`);
  });

  it('works the same in a dry run: it only touches the workspace', async () => {
    await run(
      createResourceAddAction(),
      { name: 'cache', type: 'redis' },
      { workspacePath, isDryRun: true },
    );
    expect(await read()).toContain('  cache:\n    type: redis\n');
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      await mkdir(join(workspacePath, 'deploy'));
      await writeFile(
        join(workspacePath, 'deploy', 'score.yaml'),
        score('checkout'),
      );
      const results = await runExample(
        example,
        { 'paved:resource:add': createResourceAddAction() },
        { workspacePath },
      );
      const [step] = Object.values(results);
      const path = example.includes('deploy/score.yaml')
        ? join(workspacePath, 'deploy', 'score.yaml')
        : join(workspacePath, 'score.yaml');
      expect(await readFile(path, 'utf8')).toContain(
        `  ${step.resource.name}:\n    type: ${step.resource.type}\n`,
      );
    },
  );
});
