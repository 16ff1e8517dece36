import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArtifacts } from './writeArtifacts';

const artifact = (path: string, content = `# ${path}\n`) => ({
  path,
  kind: 'ConfigMap',
  content,
});

describe('writeArtifacts', () => {
  it('swaps in a complete new folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'paved-write-'));
    const out = join(parent, 'out');
    await writeArtifacts(out, [
      artifact('kubernetes/a.yaml'),
      artifact('resources/b.yaml'),
    ]);
    await writeArtifacts(out, [artifact('kubernetes/c.yaml')]);
    expect(readdirSync(out)).toEqual(['kubernetes']);
    expect(readdirSync(join(out, 'kubernetes'))).toEqual(['c.yaml']);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('fails part-way without touching the previous output or leaving a partial folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'paved-write-'));
    const out = join(parent, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.yaml'), 'previous');

    await expect(
      writeArtifacts(out, [
        artifact('kubernetes/a.yaml'),
        artifact('../escape.yaml'),
      ]),
    ).rejects.toThrow('artifact path ../escape.yaml leaves the output folder');
    await expect(
      writeArtifacts(out, [
        artifact('kubernetes/a.yaml'),
        artifact('kubernetes/a.yaml'),
      ]),
    ).rejects.toThrow(/EEXIST/);

    expect(readdirSync(parent)).toEqual(['out']);
    expect(readdirSync(out)).toEqual(['keep.yaml']);
    expect(readFileSync(join(out, 'keep.yaml'), 'utf8')).toBe('previous');
  });
});
