import { evaluate } from './testing';

describe('url (Kubernetes URL library)', () => {
  it.each([
    // Examples from the Kubernetes URL library documentation.
    [
      `type(url('https://user:pass@example.com:80/path?query=val#fragment')) == kubernetes.URL`,
    ],
    [`type(url('/absolute-path')) == kubernetes.URL`],
    [`isURL('https://user:pass@example.com:80/path?query=val#fragment')`],
    [`isURL('/absolute-path')`],
    [`!isURL('https://a:b:c/')`],
    [`!isURL('../relative-path')`],
    [`url('/path').getScheme() == ''`],
    [`url('https://example.com/').getScheme() == 'https'`],
    [`url('https://example.com:80/').getHost() == 'example.com:80'`],
    [`url('https://example.com/').getHost() == 'example.com'`],
    [`url('https://[::1]:80/').getHost() == '[::1]:80'`],
    [`url('https://[::1]/').getHost() == '[::1]'`],
    [`url('/path').getHost() == ''`],
    [`url('https://example.com:80/').getHostname() == 'example.com'`],
    [`url('https://127.0.0.1:80/').getHostname() == '127.0.0.1'`],
    [`url('https://[::1]:80/').getHostname() == '::1'`],
    [`url('/path').getHostname() == ''`],
    [`url('https://example.com:80/').getPort() == '80'`],
    [`url('https://example.com/').getPort() == ''`],
    [`url('/path').getPort() == ''`],
    [`url('https://example.com/path').getEscapedPath() == '/path'`],
    [
      `url('https://example.com/path with spaces/').getEscapedPath() == '/path%20with%20spaces/'`,
    ],
    [`url('https://example.com').getEscapedPath() == ''`],
    [
      `url('https://example.com/path?k1=a&k2=b&k2=c').getQuery() == {'k1': ['a'], 'k2': ['b', 'c']}`,
    ],
    [
      `url('https://example.com/path?key with spaces=value with spaces').getQuery() == {'key with spaces': ['value with spaces']}`,
    ],
    [`url('https://example.com/path?').getQuery() == {}`],
    [`url('https://example.com/path').getQuery() == {}`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    // Go's net/url behaviour the API server inherits.
    [`url('HTTPS://example.com/a') == url('https://example.com/a')`],
    [`url('https://example.com/a') != url('https://example.com/b')`],
    [`url('https://example.com/a%2Fb').getEscapedPath() == '/a%2Fb'`],
    [
      `url('https://example.com/?a=1+2&b=%zz&c').getQuery() == {'a': ['1 2'], 'c': ['']}`,
    ],
    [`url('https://example.com/path#frag').getEscapedPath() == '/path'`],
    [`url('mailto:someone@example.com').getScheme() == 'mailto'`],
    [`isURL('*')`],
    [`!isURL('')`],
    [`!isURL('https://[1.2.3.4]/')`],
    [`!isURL('https://exa mple.com/')`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    [
      `url('https://a:b:c/')`,
      'URL parse error during conversion from string: parse "https://a:b:c/": invalid port ":c" after host',
    ],
    [
      `url('../relative-path')`,
      'URL parse error during conversion from string: parse "../relative-path": invalid URI for request',
    ],
    [`url('')`, 'parse "": empty url'],
    [`url('https://[::1/')`, `missing ']' in host`],
    [`url('https://[1.2.3.4]/')`, 'invalid IP-literal'],
    [`url('https://ex%41mple.com/')`, 'invalid URL escape "%41"'],
    [`url('https://example.com/%zz')`, 'invalid URL escape "%zz"'],
    [`url(':foo')`, 'missing protocol scheme'],
  ])('%s fails with %s', (expression, message) => {
    expect(() => evaluate(expression)).toThrow(message);
  });
});
