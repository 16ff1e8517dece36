import { evaluate } from './testing';

describe('strings (cel-go strings extension, as Kubernetes enables it)', () => {
  it.each([
    // Examples from the cel-go strings extension documentation.
    [`'hello'.charAt(4) == 'o'`],
    [`'hello'.charAt(5) == ''`],
    [`'hello mellow'.indexOf('') == 0`],
    [`'hello mellow'.indexOf('ello') == 1`],
    [`'hello mellow'.indexOf('jello') == -1`],
    [`'hello mellow'.indexOf('', 2) == 2`],
    [`'hello mellow'.indexOf('ello', 2) == 7`],
    [`'hello mellow'.indexOf('ello', 20) == -1`],
    [`'hello mellow'.lastIndexOf('') == 12`],
    [`'hello mellow'.lastIndexOf('ello') == 7`],
    [`'hello mellow'.lastIndexOf('jello') == -1`],
    [`'hello mellow'.lastIndexOf('ello', 6) == 1`],
    [`'TacoCat'.lowerAscii() == 'tacocat'`],
    [`'TacoCÆt Xii'.lowerAscii() == 'tacocÆt xii'`],
    [`'TacoCÆt Xii'.upperAscii() == 'TACOCÆT XII'`],
    [`'hello hello'.replace('he', 'we') == 'wello wello'`],
    [`'hello hello'.replace('he', 'we', -1) == 'wello wello'`],
    [`'hello hello'.replace('he', 'we', 1) == 'wello hello'`],
    [`'hello hello'.replace('he', 'we', 0) == 'hello hello'`],
    [`'hello hello hello'.split(' ') == ['hello', 'hello', 'hello']`],
    [`'hello hello hello'.split(' ', 0) == []`],
    [`'hello hello hello'.split(' ', 1) == ['hello hello hello']`],
    [`'hello hello hello'.split(' ', 2) == ['hello', 'hello hello']`],
    [`'hello hello hello'.split(' ', -1) == ['hello', 'hello', 'hello']`],
    [`'tacocat'.substring(4) == 'cat'`],
    [`'tacocat'.substring(0, 4) == 'taco'`],
    [`'  \\ttrim\\n    '.trim() == 'trim'`],
    [`['hello', 'mellow'].join() == 'hellomellow'`],
    [`['hello', 'mellow'].join(' ') == 'hello mellow'`],
    [`[].join('/') == ''`],
    [
      `strings.quote('single-quote with "double quote"') == '"single-quote with \\\\"double quote\\\\""'`,
    ],
    [
      `strings.quote("two escape sequences \\a\\n") == '"two escape sequences \\\\a\\\\n"'`,
    ],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    // Where JavaScript's own string functions would answer differently.
    [`'a😀b'.charAt(1) == '😀'`],
    [`'a😀b'.indexOf('b') == 2`],
    [`'😀😀b'.lastIndexOf('😀') == 1`],
    [`'😀😀'.substring(1) == '😀'`],
    [`'a,b,c'.split(',', 2) == ['a', 'b,c']`],
    [`'abc'.split('') == ['a', 'b', 'c']`],
    [`'abc'.split('', 2) == ['a', 'bc']`],
    [`'abc'.replace('', '-') == '-a-b-c-'`],
    [`'aaa'.replace('a', 'b', -2) == 'bbb'`],
    [`''.indexOf('a') == -1`],
    [`strings.quote('nul\\x00') == '"nul\\x00"'`],
    [`"%d items".format([3]) == "3 items"`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    [`'hello'.charAt(-1)`, 'index out of range: -1'],
    [`'hello'.charAt(6)`, 'index out of range: 6'],
    [`'hello mellow'.lastIndexOf('ello', -1)`, 'index out of range: -1'],
    // cel-go starts the one-argument lastIndexOf at the last rune, which an empty string lacks.
    [`''.lastIndexOf('a')`, 'index out of range: -1'],
    [`'tacocat'.substring(-1)`, 'index out of range: -1'],
    [`'tacocat'.substring(8)`, 'index out of range: 8'],
    [`'tacocat'.substring(2, 1)`, 'invalid substring range. start: 2, end: 1'],
  ])('%s fails with %s', (expression, message) => {
    expect(() => evaluate(expression)).toThrow(message);
  });
});
