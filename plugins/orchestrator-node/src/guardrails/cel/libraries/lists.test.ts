import { evaluate } from './testing';

describe('lists (Kubernetes list library)', () => {
  it.each([
    // Examples from the Kubernetes list library documentation.
    [`[1, 2, 3].isSorted()`],
    [`['a', 'b', 'b', 'c'].isSorted()`],
    [`![2.0, 1.0].isSorted()`],
    [`[1].isSorted()`],
    [`[].isSorted()`],
    [`[1, 3].sum() == 4`],
    [`[1.0, 3.0].sum() == 4.0`],
    [`[duration('1m'), duration('1s')].sum() == duration('1m1s')`],
    [`[].sum() == 0`],
    [`[1, 2, 3].sum() == 6`],
    [`[1, 3].min() == 1`],
    [`[1, 3].max() == 3`],
    [`[1].min() == 1`],
    [`([0] + []).min() == 0`],
    [`[1, 2, 2, 3].indexOf(2) == 1`],
    [`['a', 'b', 'b', 'c'].lastIndexOf('b') == 2`],
    [`[1.0].indexOf(1.1) == -1`],
    [`[].indexOf('string') == -1`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    [`[1u, 2u, 3u].sum() == 6u`],
    [`[b'b', b'a'].min() == b'a'`],
    [`['b', 'a', 'c'].max() == 'c'`],
    [`[true, false].min() == false`],
    [
      `[timestamp('2024-01-02T00:00:00Z'), timestamp('2024-01-01T00:00:00Z')].min() == timestamp('2024-01-01T00:00:00Z')`,
    ],
    [`[duration('2s'), duration('1s')].max() == duration('2s')`],
    [
      `![timestamp('2024-01-02T00:00:00Z'), timestamp('2024-01-01T00:00:00Z')].isSorted()`,
    ],
    // Code-point order, as Go compares strings (UTF-16 order would put U+FF61 after the emoji).
    [`['｡', '😀'].isSorted()`],
    [`[1, 2].indexOf(2.0) == 1`],
    [`[[1], [2]].lastIndexOf([2]) == 1`],
    [`[{'a': 1}].indexOf({'a': 1}) == 0`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    [`[].min()`, 'min called on empty list'],
    [`[].max()`, 'max called on empty list'],
    [`[9223372036854775807, 1].sum()`, 'integer overflow'],
    [`[18446744073709551615u, 1u].sum()`, 'unsigned integer overflow'],
    [`['a', 'b'].sum()`, 'no such overload'],
    [`[[1], [2]].isSorted()`, 'no such overload'],
  ])('%s fails with %s', (expression, message) => {
    expect(() => evaluate(expression)).toThrow(message);
  });
});
