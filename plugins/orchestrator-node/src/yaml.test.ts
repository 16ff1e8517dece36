import { MAX_YAML_BYTES, parseYamlDocument, parseYamlDocuments } from './yaml';

describe('parseYamlDocuments', () => {
  it('reads every document of a stream', () => {
    expect(parseYamlDocuments('a: 1\n---\nb: [x, y]\n', 'two.yaml')).toEqual([
      { a: 1 },
      { b: ['x', 'y'] },
    ]);
  });

  it('expands a few aliases, as shared settings blocks use them', () => {
    const text = 'base: &base {cpu: 250m}\napi: *base\nworker: *base\n';
    expect(parseYamlDocument(text, 'ok.yaml')).toEqual({
      base: { cpu: '250m' },
      api: { cpu: '250m' },
      worker: { cpu: '250m' },
    });
  });

  it('refuses a billion-laughs file instead of expanding it', () => {
    const lines = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ];
    for (let level = 1; level < 10; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(
        `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`,
      );
    }
    expect(() => parseYamlDocument(lines.join('\n'), 'laughs.yaml')).toThrow(
      /laughs\.yaml: document 1 cannot be read: .*alias/i,
    );
  });

  it('refuses input over the size limit before parsing it', () => {
    const text = `x: "${'y'.repeat(MAX_YAML_BYTES)}"`;
    expect(() => parseYamlDocuments(text, 'huge.yaml')).toThrow(
      /huge\.yaml: \d+ bytes is over the 1048576-byte limit/,
    );
  });

  it('names the source and the problem for invalid YAML', () => {
    expect(() => parseYamlDocument('a: [1, 2\nb: 3\n', 'broken.yaml')).toThrow(
      /broken\.yaml: invalid YAML/,
    );
  });

  it('refuses duplicate keys, which would silently drop a value', () => {
    expect(() => parseYamlDocument('image: a\nimage: b\n', 'dup.yaml')).toThrow(
      /dup\.yaml: invalid YAML: .*unique/i,
    );
  });

  it('insists on exactly one document where one is expected', () => {
    expect(() => parseYamlDocument('a: 1\n---\nb: 2\n', 'score.yaml')).toThrow(
      'score.yaml: expected exactly one YAML document, found 2',
    );
    expect(() => parseYamlDocument('', 'empty.yaml')).toThrow(
      'empty.yaml: expected exactly one YAML document, found 0',
    );
  });
});
