import { evaluate } from './testing';

describe('matches (standard CEL, patterns compiled once)', () => {
  it.each([
    [`'registry.example/app:1'.matches('^registry\\\\.example/')`, true],
    [`'other.example/app:1'.matches('^registry\\\\.example/')`, false],
    [`matches('app:latest', ':latest$')`, true],
    // The same pattern again, now from the cache.
    [`'registry.example/app:2'.matches('^registry\\\\.example/')`, true],
  ])('%s is %s', (expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });

  it('rejects a pattern RE2 does not accept, naming it', () => {
    expect(() => evaluate(`'ab'.matches('(a')`)).toThrow(/missing closing \)/);
  });
});

describe('regex (Kubernetes regex library)', () => {
  it.each([
    // Examples from the Kubernetes regex library documentation (with `+`: see below).
    [`"abc 123".find('[0-9]+') == "123"`],
    [`"abc 123".find('xyz') == ""`],
    [`"123 abc 456".findAll('[0-9]+') == ['123', '456']`],
    [`"123 abc 456".findAll('[0-9]+', 1) == ['123']`],
    [`"123 abc 456".findAll('xyz') == []`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    // The documentation's '[0-9]*' examples do not hold on the API server: Go
    // returns the leftmost match, the empty one at 0, and findAll keeps empty
    // matches except one right after a previous match.
    [`"abc 123".find('[0-9]*') == ""`],
    [`"123 abc 456".findAll('[0-9]*') == ['123', '', '', '', '', '456']`],
    [`"123 abc 456".findAll('[0-9]+', 0) == []`],
    [`"123 abc 456".findAll('[0-9]+', -1) == ['123', '456']`],
  ])('Go semantics: %s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    // RE2 syntax and semantics that JavaScript spells or behaves differently.
    [String.raw`"xABCx".find('(?i)abc') == "ABC"`],
    [String.raw`"xABcx".find('a(?i)bc') == ""`],
    [String.raw`"xaBCx".find('a(?i)bc') == "aBC"`],
    [String.raw`"AB".find('(?i)x|b') == "B"`],
    [String.raw`"a\nb".find('a.b') == ""`],
    [String.raw`"a\rb".find('a.b') == "a\rb"`],
    [String.raw`"a\nb".find('(?s)a.b') == "a\nb"`],
    [String.raw`"a\nb".find('(?m)^b') == "b"`],
    [String.raw`"a\nb".find('^b') == ""`],
    [String.raw`"a\u00a0b".find('\\s') == ""`],
    [String.raw`"a b".find('\\s') == " "`],
    [String.raw`"a.b axb".findAll('\\Qa.b\\E') == ["a.b"]`],
    [String.raw`"x{y".find('x{') == "x{"`],
    [String.raw`"aaa".find('a{2}') == "aa"`],
    [String.raw`"aaa".find('(?U)a+') == "a"`],
    [String.raw`"aaa".find('(?U)a+?') == "aaa"`],
    [String.raw`"A1".find('\\x{41}') == "A"`],
    [String.raw`"A1".find('\\101') == "A"`],
    [String.raw`"ab12".find('[[:digit:]]+') == "12"`],
    [String.raw`"ab12".find('[^[:alpha:]]+') == "12"`],
    [String.raw`"ωx".find('\\pL') == "ω"`],
    [String.raw`"ωx".find('\\p{Greek}') == "ω"`],
    [String.raw`"a-b".find('[\\w-]+') == "a-b"`],
    [String.raw`"ab".find('(?P<first>a)(?<second>b)') == "ab"`],
    [String.raw`"xa".find('\\Aa') == ""`],
    [String.raw`"a\n".find('a\\z') == ""`],
    [String.raw`"😀x".findAll('') == ["", "", ""]`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    [
      `"a".find('(')`,
      'Illegal regex: error parsing regexp: missing closing ): `(`',
    ],
    [`"a".find(')')`, 'Illegal regex: error parsing regexp: unexpected ): `)`'],
    [
      `"a".find('[a')`,
      'Illegal regex: error parsing regexp: missing closing ]: `[a`',
    ],
    [`"a".find('*a')`, 'missing argument to repetition operator: `*`'],
    [`"a".find('a**')`, 'invalid nested repetition operator: `**`'],
    [`"a".find('a{1001}')`, 'invalid repeat count: `{1001}`'],
    [`"a".find('[z-a]')`, 'invalid character class range: `z-a`'],
    [`"ab".find('a(?=b)')`, 'invalid or unsupported Perl syntax: `(?=`'],
    // Go 1.22+ reads `(?<` as a named group (see `(?<second>b)` above).
    [`"ab".find('(?<=a)b')`, 'invalid named capture: `(?<=a)b`'],
    [`"ab".find('(?!a)b')`, 'invalid or unsupported Perl syntax: `(?!`'],
    [String.raw`"aa".find('(a)\\1')`, 'invalid escape sequence: `\\1`'],
    [String.raw`"a".findAll('\\Z')`, 'invalid escape sequence: `\\Z`'],
  ])('%s fails with %s', (expression, message) => {
    expect(() => evaluate(expression)).toThrow(message);
  });
});
