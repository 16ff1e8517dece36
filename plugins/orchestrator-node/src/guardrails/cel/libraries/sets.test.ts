import { evaluate } from './testing';

describe('sets (cel-go sets extension)', () => {
  it.each([
    // Examples from the cel-go sets extension documentation.
    [`sets.contains([], [])`],
    [`!sets.contains([], [1])`],
    [`sets.contains([1, 2, 3, 4], [2, 3])`],
    [`sets.contains([1, 2.0, 3u], [1.0, 2u, 3])`],
    [`sets.equivalent([], [])`],
    [`sets.equivalent([1], [1, 1])`],
    [`sets.equivalent([1], [1u, 1.0])`],
    [`sets.equivalent([1, 2, 3], [3u, 2.0, 1])`],
    [`!sets.intersects([1], [])`],
    [`sets.intersects([1], [1, 2])`],
    [`sets.intersects([[1], [2, 3]], [[1, 2], [2, 3.0]])`],
    [`!sets.equivalent([1, 2], [1])`],
    [`!sets.intersects(['a'], ['b'])`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });
});
