import { z } from 'zod';
import { describeIssues, formatIssuePath } from './issues';

/** describeIssues for `value` against `schema`; fails the test if it parses. */
function lines(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) {
    throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
  }
  return describeIssues(result.error);
}

describe('formatIssuePath', () => {
  it.each([
    [[], '(root)'],
    [['containers'], 'containers'],
    [['containers', 'api', 'args', 1], 'containers.api.args[1]'],
    [[0, 'name'], '[0].name'],
    [['files', '/etc/app.conf', 'mode'], 'files["/etc/app.conf"].mode'],
    [['annotations', 'example.com/team'], 'annotations["example.com/team"]'],
    [['a b', 'c'], '["a b"].c'],
    [['x', ''], 'x[""]'],
    [['matrix', 2, 3], 'matrix[2][3]'],
  ])('%j is %s', (path, text) => {
    expect(formatIssuePath(path)).toBe(text);
  });
});

describe('describeIssues', () => {
  const container = z.strictObject({
    image: z.string(),
    args: z.array(z.string()).optional(),
    resources: z
      .strictObject({
        limits: z.strictObject({ cpu: z.string().optional() }).optional(),
      })
      .optional(),
  });
  const workload = z.strictObject({
    containers: z.record(z.string(), container),
  });

  it('gives the dotted path and the expected and received types', () => {
    expect(
      lines(workload, {
        containers: {
          api: { image: 'x', resources: { limits: { cpu: 1 } } },
        },
      }),
    ).toEqual([
      'containers.api.resources.limits.cpu: expected string, received number',
    ]);
  });

  it('writes list indexes in brackets', () => {
    expect(
      lines(workload, { containers: { api: { image: 'x', args: ['a', 1] } } }),
    ).toEqual(['containers.api.args[1]: expected string, received number']);
  });

  it('says a missing field is required', () => {
    expect(lines(workload, { containers: { api: {} } })).toEqual([
      'containers.api.image: is required',
    ]);
  });

  it('does not call a missing document "required"', () => {
    expect(lines(workload, undefined)).toEqual([
      '(root): expected object, received undefined',
    ]);
  });

  it('names each unknown field on its own line', () => {
    expect(
      lines(workload, {
        containers: { api: { image: 'x', imagee: 'y', tag: 'z' } },
        extra: true,
      }),
    ).toEqual([
      'containers.api: unknown field "imagee"',
      'containers.api: unknown field "tag"',
      '(root): unknown field "extra"',
    ]);
  });

  it('uses the received type from the input when the parse reported it', () => {
    const result = z
      .strictObject({ n: z.number() })
      .safeParse({ n: [] }, { reportInput: true });
    expect(describeIssues(result.error!)).toEqual([
      'n: expected number, received array',
    ]);
  });

  it('speaks of maps and integers, not records and ints', () => {
    const schema = z.strictObject({
      env: z.record(z.string(), z.string()),
      port: z.number().int(),
    });
    expect(lines(schema, { env: [], port: 1.5 })).toEqual([
      'env: expected map, received array',
      'port: expected integer, received number',
    ]);
  });

  it('explains a bad map key at the key', () => {
    const schema = z.record(
      z.string().regex(/^[a-z]+$/, 'must be lowercase letters'),
      z.number(),
    );
    expect(lines(schema, { ok: 1, 'Not OK': 2 })).toEqual([
      '["Not OK"]: invalid key: must be lowercase letters',
    ]);
  });

  it('lists allowed values of an enum and a literal', () => {
    const schema = z.strictObject({
      protocol: z.enum(['TCP', 'UDP']),
      kind: z.literal('Workload'),
    });
    expect(lines(schema, { protocol: 'tcp', kind: 'workload' })).toEqual([
      'protocol: must be one of "TCP", "UDP"',
      'kind: must be "Workload"',
    ]);
  });

  it('turns sizes into words', () => {
    const schema = z.strictObject({
      name: z.string().min(1),
      code: z.string().min(3).max(5),
      tags: z.array(z.string()).min(1),
      replicas: z.number().max(10),
    });
    expect(
      lines(schema, { name: '', code: 'toolong', tags: [], replicas: 11 }),
    ).toEqual([
      'name: must not be empty',
      'code: must be at most 5 characters long',
      'tags: must have at least 1 item',
      'replicas: must be at most 10',
    ]);
    expect(
      lines(schema, { name: 'n', code: 'ab', tags: ['a'], replicas: 1 }),
    ).toEqual(['code: must be at least 3 characters long']);
  });

  it('shows the pattern when a schema gave no message', () => {
    expect(
      lines(z.object({ id: z.string().regex(/^\d+$/) }), { id: 'x' }),
    ).toEqual(['id: must match /^\\d+$/']);
  });

  it('keeps messages a schema wrote itself', () => {
    const schema = z
      .strictObject({
        a: z.string().optional(),
        b: z.string().optional(),
        mode: z.string().regex(/^[0-7]{3}$/, 'must be an octal mode'),
      })
      .refine(v => !(v.a && v.b), { message: 'set a or b, not both' });
    expect(lines(schema, { a: 'x', b: 'y', mode: '999' })).toEqual([
      'mode: must be an octal mode',
      '(root): set a or b, not both',
    ]);
    expect(lines(schema, { a: 'x', b: 'y', mode: '644' })).toEqual([
      '(root): set a or b, not both',
    ]);
  });

  describe('for unions', () => {
    const files = z.strictObject({
      files: z.union([
        z.array(z.strictObject({ target: z.string() })),
        z.record(z.string(), z.strictObject({ content: z.string() })),
      ]),
    });

    it('reports on the member the input was written for: a list', () => {
      expect(lines(files, { files: [{ target: 1 }] })).toEqual([
        'files[0].target: expected string, received number',
      ]);
    });

    it('reports on the member the input was written for: a map', () => {
      expect(
        lines(files, { files: { '/a': { content: 'x', mode: 1 } } }),
      ).toEqual(['files["/a"]: unknown field "mode"']);
    });

    it('lists the types when the input fits no member', () => {
      expect(lines(files, { files: 'x' })).toEqual([
        'files: expected array or map, received string',
      ]);
    });

    it('says a missing union field is required', () => {
      expect(lines(files, {})).toEqual(['files: is required']);
    });

    it('keeps a message the union was given', () => {
      const schema = z.union([z.string(), z.number()], {
        error: 'must be a name or a number',
      });
      expect(lines(schema, true)).toEqual([
        '(root): must be a name or a number',
      ]);
    });
  });
});
