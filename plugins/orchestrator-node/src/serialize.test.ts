import { toCanonicalJson, toStableYaml } from './serialize';

describe('canonical serialisation', () => {
  it('does not depend on key order, at any depth, and keeps array order', () => {
    const a = { b: 1, a: { d: [3, 1, { y: 1, x: 2 }], c: null } };
    const b = { a: { c: null, d: [3, 1, { x: 2, y: 1 }] }, b: 1 };
    expect(toCanonicalJson(a)).toBe(toCanonicalJson(b));
    expect(toCanonicalJson(a)).toBe(
      '{"a":{"c":null,"d":[3,1,{"x":2,"y":1}]},"b":1}',
    );
    expect(toStableYaml(a)).toBe(toStableYaml(b));
    expect(toCanonicalJson({ a: [2, 1] })).not.toBe(
      toCanonicalJson({ a: [1, 2] }),
    );
  });
});
