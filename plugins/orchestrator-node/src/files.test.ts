import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findUpwards, readYamlFiles } from './files';

describe('files', () => {
  const root = mkdtempSync(join(tmpdir(), 'paved-files-'));
  mkdirSync(join(root, 'platform', 'environments'), { recursive: true });
  mkdirSync(join(root, 'packages', 'backend', 'platform'), { recursive: true });
  writeFileSync(join(root, 'platform', 'environments', 'dev.yaml'), 'a: 1\n');
  writeFileSync(join(root, 'platform', 'notes.txt'), 'not yaml\n');

  it('finds the nearest path from a folder upwards', () => {
    const backend = join(root, 'packages', 'backend');
    expect(findUpwards(backend, join('platform', 'environments'))).toBe(
      join(root, 'platform', 'environments'),
    );
    // The nearest wins, even where a farther one would also match.
    expect(findUpwards(backend, 'platform')).toBe(join(backend, 'platform'));
    expect(
      findUpwards(backend, join('platform', 'no-such-folder')),
    ).toBeUndefined();
  });

  it('reads the YAML files below a folder with their relative paths', async () => {
    expect(await readYamlFiles(join(root, 'platform'))).toEqual([
      { path: join('environments', 'dev.yaml'), text: 'a: 1\n' },
    ]);
  });
});
