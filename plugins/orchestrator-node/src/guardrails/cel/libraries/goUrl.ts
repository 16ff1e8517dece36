import { goQuote } from './common';
import { escape, unescape, validEncoded, type Mode } from './goUrlEscape';
import { is4, parseAddr } from './netip';

/*
 * The parts of Go's net/url the API server's url library relies on: Parse,
 * ParseRequestURI, String, EscapedPath, Hostname, Port and Query. The WHATWG
 * URL class cannot stand in: it normalizes and accepts differently (relative
 * paths, hosts, escapes), and Kubernetes' answers come from Go's rules.
 */

export interface GoURL {
  scheme: string;
  opaque: string;
  user?: { username: string; password?: string };
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

function parseHost(host: string): string {
  const bracket = host.lastIndexOf('[');
  if (bracket > 0) throw new Error('invalid IP-literal');
  if (bracket === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new Error("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort))
      throw new Error(`invalid port ${goQuote(colonPort)} after host`);
    // RFC 6874: %25 starts a zone, which may escape more than the address part.
    const zone = host.slice(0, close).indexOf('%25');
    const name =
      zone >= 0
        ? unescape(host.slice(1, zone), 'host') +
          unescape(host.slice(zone, close), 'zone')
        : unescape(host.slice(1, close), 'host');
    // Since Go 1.25.2 only an IPv6 address may be in brackets.
    let addr;
    try {
      addr = parseAddr(name);
    } catch (error) {
      throw new Error(`invalid host: ${(error as Error).message}`);
    }
    if (is4(addr)) throw new Error('invalid IP-literal');
    return `[${name}]${colonPort}`;
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !validOptionalPort(host.slice(colon))) {
    throw new Error(`invalid port ${goQuote(host.slice(colon))} after host`);
  }
  return unescape(host, 'host');
}

function parseAuthority(authority: string, url: GoURL) {
  const at = authority.lastIndexOf('@');
  url.host = parseHost(authority.slice(at + 1));
  if (at < 0) return;
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) {
    throw new Error('net/url: invalid userinfo');
  }
  const colon = userinfo.indexOf(':');
  url.user =
    colon < 0
      ? { username: unescape(userinfo, 'userPassword') }
      : {
          username: unescape(userinfo.slice(0, colon), 'userPassword'),
          password: unescape(userinfo.slice(colon + 1), 'userPassword'),
        };
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
    } else if (c === ':') {
      if (i === 0) throw new Error('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    } else {
      return ['', raw];
    }
  }
  return ['', raw];
}

function parse(raw: string, viaRequest: boolean): GoURL {
  if (Array.from(raw).some(c => c < ' ' || c === '\x7f')) {
    throw new Error('net/url: invalid control character in URL');
  }
  if (raw === '' && viaRequest) throw new Error('empty url');
  const url: GoURL = {
    scheme: '',
    opaque: '',
    host: '',
    path: '',
    rawPath: '',
    omitHost: false,
    forceQuery: false,
    rawQuery: '',
    fragment: '',
    rawFragment: '',
  };
  if (raw === '*') {
    url.path = '*';
    return url;
  }
  const [scheme, afterScheme] = getScheme(raw);
  let rest = afterScheme;
  url.scheme = scheme.toLowerCase();
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else if (rest.includes('?')) {
    url.rawQuery = rest.slice(rest.indexOf('?') + 1);
    rest = rest.slice(0, rest.indexOf('?'));
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest;
      return url;
    }
    if (viaRequest) throw new Error('invalid URI for request');
    if (rest.split('/')[0].includes(':')) {
      throw new Error('first path segment in URL cannot contain colon');
    }
  }
  if (
    (url.scheme !== '' || (!viaRequest && !rest.startsWith('///'))) &&
    rest.startsWith('//')
  ) {
    const slash = rest.indexOf('/', 2);
    parseAuthority(slash < 0 ? rest.slice(2) : rest.slice(2, slash), url);
    rest = slash < 0 ? '' : rest.slice(slash);
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.omitHost = true;
  }
  url.path = unescape(rest, 'path');
  url.rawPath = escape(url.path, 'path') === rest ? '' : rest;
  return url;
}

function parseError(input: string, error: unknown): Error {
  return new Error(`parse ${goQuote(input)}: ${(error as Error).message}`);
}

/** Go's url.ParseRequestURI: an absolute URI or an absolute path, no fragment handling. */
export function parseRequestURI(raw: string): GoURL {
  try {
    return parse(raw, true);
  } catch (error) {
    throw parseError(raw, error);
  }
}

/** Go's url.Parse: any URI reference; `#` starts the fragment. */
export function parseURL(raw: string): GoURL {
  const hash = raw.indexOf('#');
  const base = hash < 0 ? raw : raw.slice(0, hash);
  let url: GoURL;
  try {
    url = parse(base, false);
  } catch (error) {
    throw parseError(base, error);
  }
  if (hash >= 0) {
    const frag = raw.slice(hash + 1);
    try {
      url.fragment = unescape(frag, 'fragment');
    } catch (error) {
      throw parseError(raw, error);
    }
    url.rawFragment = escape(url.fragment, 'fragment') === frag ? '' : frag;
  }
  return url;
}

function escapedFromRaw(
  raw: string,
  decoded: string,
  mode: Mode,
): string | undefined {
  if (raw === '' || !validEncoded(raw, mode)) return undefined;
  try {
    return unescape(raw, mode) === decoded ? raw : undefined;
  } catch {
    return undefined;
  }
}

export function escapedPath(u: GoURL): string {
  const raw = escapedFromRaw(u.rawPath, u.path, 'path');
  if (raw !== undefined) return raw;
  return u.path === '*' ? '*' : escape(u.path, 'path');
}

/** Go's URL.String, which the API server's URL equality compares. */
export function urlString(u: GoURL): string {
  let out = u.scheme ? `${u.scheme}:` : '';
  if (u.opaque) {
    out += u.opaque;
  } else {
    if ((u.scheme || u.host || u.user) && !(u.omitHost && !u.host && !u.user)) {
      if (u.host || u.path || u.user) out += '//';
      if (u.user) {
        out += escape(u.user.username, 'userPassword');
        if (u.user.password !== undefined)
          out += `:${escape(u.user.password, 'userPassword')}`;
        out += '@';
      }
      out += escape(u.host, 'host');
    }
    const path = escapedPath(u);
    if (path && !path.startsWith('/') && u.host) out += '/';
    if (out === '' && path.split('/')[0].includes(':')) out += './';
    out += path;
  }
  if (u.forceQuery || u.rawQuery) out += `?${u.rawQuery}`;
  if (u.fragment)
    out += `#${
      escapedFromRaw(u.rawFragment, u.fragment, 'fragment') ??
      escape(u.fragment, 'fragment')
    }`;
  return out;
}

/** Go's splitHostPort inside URL.Hostname/Port: only a numeric port splits off. */
export function splitHostPort(hostPort: string): [string, string] {
  let host = hostPort;
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(host.slice(colon))) {
    port = host.slice(colon + 1);
    host = host.slice(0, colon);
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return [host, port];
}

/** Go's URL.Query: malformed pairs (bad escapes, ';') are dropped silently. */
export function parseQuery(rawQuery: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    try {
      const key = unescape(eq < 0 ? pair : pair.slice(0, eq), 'query');
      const value = unescape(eq < 0 ? '' : pair.slice(eq + 1), 'query');
      values.set(key, [...(values.get(key) ?? []), value]);
    } catch {
      // Go's Query ignores pairs that fail to unescape.
    }
  }
  return values;
}
