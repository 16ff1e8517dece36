import { evaluate } from './testing';

describe('base64 (cel-go encoders extension)', () => {
  it.each([
    // Examples from the cel-go encoders extension documentation.
    [`base64.encode(b'hello') == 'aGVsbG8='`],
    [`base64.decode('aGVsbG8=') == b'hello'`],
    [`base64.decode('aGVsbG8') == b'hello'`],
    [`base64.decode('') == b''`],
    [`base64.decode(base64.encode(b'\\x00\\xff')) == b'\\x00\\xff'`],
    // Go's decoder skips newlines.
    [`base64.decode('aGVs\\nbG8=') == b'hello'`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    [`base64.decode('a')`],
    [`base64.decode('aGVsbG8=x')`],
    [`base64.decode('aGVs bG8=')`],
    [`base64.decode('aGVsbG8*')`],
  ])('%s is not base64', expression => {
    expect(() => evaluate(expression)).toThrow(
      'illegal base64 data at input byte',
    );
  });
});
