import { CelCompileError, compileCel } from './compile';
import { celErrorValue, toCelInput } from './values';

const admission = new Set([
  'object',
  'oldObject',
  'params',
  'request',
  'variables',
]);
const run = (source: string, object: unknown, costLimit?: number) =>
  compileCel(source, { variables: admission, costLimit }).evaluate({
    object: toCelInput(object),
  });

describe('compileCel', () => {
  it('evaluates with the standard macros and Kubernetes integers', () => {
    const pod = {
      spec: {
        replicas: 3,
        containers: [
          { name: 'a', image: 'registry.example/a:1' },
          { name: 'b', image: 'registry.example/b:2' },
        ],
      },
    };
    expect(run('object.spec.replicas + 1 == 4', pod)).toEqual({
      ok: true,
      value: true,
    });
    expect(
      run(
        "object.spec.containers.all(c, c.image.startsWith('registry.example/'))",
        pod,
      ),
    ).toEqual({
      ok: true,
      value: true,
    });
    expect(
      run("object.spec.containers.exists_one(c, c.name == 'a')", pod),
    ).toEqual({ ok: true, value: true });
    expect(
      run(
        "object.spec.containers.filter(c, c.name != 'a').map(c, c.name) == ['b']",
        pod,
      ),
    ).toEqual({
      ok: true,
      value: true,
    });
    expect(run('size(object.spec.containers) * 2 == 4', pod)).toEqual({
      ok: true,
      value: true,
    });
  });

  it('treats a missing field as an error unless guarded by has()', () => {
    expect(run('object.spec.hostNetwork == false', { spec: {} })).toEqual({
      ok: false,
      error: expect.stringContaining('hostNetwork'),
    });
    expect(
      run('!has(object.spec.hostNetwork) || object.spec.hostNetwork == false', {
        spec: {},
      }),
    ).toEqual({
      ok: true,
      value: true,
    });
  });

  it('names the position of a syntax error', () => {
    expect(() =>
      compileCel('object.spec.replicas <= ', { variables: admission }),
    ).toThrow(/^1:\d+: /);
    expect(() =>
      compileCel('object.spec.replicas <= ', { variables: admission }),
    ).toThrow(CelCompileError);
  });

  it('rejects undeclared variables and functions at compile time, with their position', () => {
    expect(() =>
      compileCel('objct.spec.replicas > 1', { variables: admission }),
    ).toThrow('1:1: undeclared reference to "objct"');
    expect(() =>
      compileCel('object.spec.containers.all(c, c.image.startsWithh("x"))', {
        variables: admission,
      }),
    ).toThrow(/1:\d+: undeclared function "startsWithh"/);
    expect(() =>
      compileCel('variables.missing', {
        variables: admission,
        composited: new Set(['present']),
      }),
    ).toThrow('1:10: undefined variable "variables.missing"');
    // Comprehension variables are in scope in the loop, and only there.
    expect(() =>
      compileCel('[1].all(x, x > 0) && x > 0', { variables: admission }),
    ).toThrow('undeclared reference to "x"');
  });

  it('stops an expression over the cost limit instead of hanging', () => {
    const list = Array.from({ length: 200 }, (_, i) => i);
    const outcome = run(
      'object.items.all(a, object.items.all(b, object.items.all(c, a + b + c >= 0)))',
      { items: list },
      100_000,
    );
    expect(outcome).toEqual({
      ok: false,
      costExceeded: true,
      error: expect.stringContaining('cost limit exceeded'),
    });
    // The same expression under the limit completes.
    expect(
      run(
        'object.items.all(a, object.items.all(b, a + b >= 0))',
        { items: list.slice(0, 10) },
        100_000,
      ),
    ).toEqual({ ok: true, value: true });
  });

  it('reports which variables an expression reads', () => {
    const compiled = compileCel('variables.a && variables.b || object.x', {
      variables: admission,
      composited: new Set(['a', 'b']),
    });
    expect([...compiled.references].sort()).toEqual(['a', 'b']);
  });

  it('reports the fields it selects on declared variables, not on loop variables or nested fields', () => {
    const sources = new Set(['catalog', 'techdocs', 'repository']);
    const compiled = compileCel(
      "catalog.hasDescription && techdocs.pageCount >= 2 && has(repository.hasReadme) && [{'catalog': {'x': 1}}].all(catalog, catalog.x == 1) && catalog.links.owner == 'a'",
      { variables: sources },
    );
    expect([...compiled.selections].sort()).toEqual([
      'catalog.hasDescription',
      'catalog.links',
      'repository.hasReadme',
      'techdocs.pageCount',
    ]);
    expect(
      compileCel('object.spec.replicas > 1', { variables: admission })
        .selections,
    ).toEqual(new Set(['object.spec']));
  });

  it('makes every use of a variable bound to celErrorValue an error, unless the result does not depend on it', () => {
    const variables = new Set(['known', 'unknown']);
    const bindings = {
      known: toCelInput({ yes: true, no: false }),
      unknown: celErrorValue('facts are stale'),
    };
    const evaluate = (source: string) =>
      compileCel(source, { variables }).evaluate(bindings);
    const failed = { ok: false, error: 'facts are stale' };
    expect(evaluate('unknown.x')).toEqual(failed);
    expect(evaluate('has(unknown.x)')).toEqual(failed);
    expect(evaluate('!has(unknown.x)')).toEqual(failed);
    expect(evaluate('known.no || unknown.x')).toEqual(failed);
    expect(evaluate('known.yes || unknown.x')).toEqual({
      ok: true,
      value: true,
    });
    expect(evaluate('unknown.x && known.no')).toEqual({
      ok: true,
      value: false,
    });
  });
});
