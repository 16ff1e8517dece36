import { goQuote } from './common';

/*
 * Go's net/netip address and prefix parsing, which the API server's ip() and
 * cidr() use. Node's net.isIP accepts what Go rejects (zones for some forms,
 * IPv4-mapped handling differs) and gives no bytes or canonical text, so the
 * parser is ours; error messages follow Go's so they read the same.
 */

export interface Addr {
  /** 4 bytes for IPv4, 16 for IPv6. */
  bytes: Uint8Array;
  zone: string;
}

function addrError(input: string, msg: string, at = ''): Error {
  const where = at ? ` (at ${goQuote(at)})` : '';
  return new Error(`ParseAddr(${goQuote(input)}): ${msg}${where}`);
}

function parseIPv4Fields(
  input: string,
  s: string,
  out: Uint8Array,
  offset: number,
) {
  let value = 0;
  let digits = 0;
  let field = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c >= '0' && c <= '9') {
      if (digits === 1 && value === 0) {
        throw addrError(input, 'IPv4 field has octet with leading zero');
      }
      value = value * 10 + Number(c);
      digits++;
      if (value > 255) throw addrError(input, 'IPv4 field has value >255');
    } else if (c === '.') {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') {
        throw addrError(
          input,
          'IPv4 field must have at least one digit',
          s.slice(i),
        );
      }
      if (field === 3) throw addrError(input, 'IPv4 address too long');
      out[offset + field++] = value;
      value = 0;
      digits = 0;
    } else {
      throw addrError(input, 'unexpected character', s.slice(i));
    }
  }
  if (field < 3) throw addrError(input, 'IPv4 address too short');
  out[offset + 3] = value;
}

function parseIPv6(input: string): Addr {
  let s = input;
  let zone = '';
  const percent = s.indexOf('%');
  if (percent >= 0) {
    zone = s.slice(percent + 1);
    s = s.slice(0, percent);
    if (zone === '') throw addrError(input, 'zone must be a non-empty string');
  }
  const ip = new Uint8Array(16);
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return { bytes: ip, zone };
  }
  let i = 0;
  while (i < 16) {
    const digits = /^[0-9A-Fa-f]*/.exec(s)?.[0] ?? '';
    if (digits.length > 4)
      throw addrError(input, 'each group must have 4 or less digits', s);
    if (digits.length === 0) {
      throw addrError(
        input,
        'each colon-separated field must have at least one digit',
        s,
      );
    }
    if (s[digits.length] === '.') {
      if (ellipsis < 0 && i !== 12) {
        throw addrError(
          input,
          'embedded IPv4 address must replace the final 2 fields of the address',
          s,
        );
      }
      if (i + 4 > 16) {
        throw addrError(
          input,
          'too many hex fields to fit an embedded IPv4 at the end of the address',
          s,
        );
      }
      parseIPv4Fields(input, s, ip, i);
      s = '';
      i += 4;
      break;
    }
    const value = parseInt(digits, 16);
    ip[i] = value >> 8;
    ip[i + 1] = value & 0xff;
    i += 2;
    s = s.slice(digits.length);
    if (s === '') break;
    if (s[0] !== ':')
      throw addrError(input, 'unexpected character, want colon', s);
    if (s.length === 1)
      throw addrError(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) throw addrError(input, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') throw addrError(input, 'trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) throw addrError(input, 'address string too short');
    const shift = 16 - i;
    ip.copyWithin(ellipsis + shift, ellipsis, i);
    ip.fill(0, ellipsis, ellipsis + shift);
  } else if (ellipsis >= 0) {
    throw addrError(
      input,
      'the :: must expand to at least one field of zeros',
      s,
    );
  }
  return { bytes: ip, zone };
}

/** Go's netip.ParseAddr. */
export function parseAddr(input: string): Addr {
  for (const c of input) {
    if (c === '.') {
      const bytes = new Uint8Array(4);
      parseIPv4Fields(input, input, bytes, 0);
      return { bytes, zone: '' };
    }
    if (c === ':') return parseIPv6(input);
    if (c === '%') throw addrError(input, 'missing IPv6 address');
  }
  throw addrError(input, 'unable to parse IP');
}

export function is4(a: Addr): boolean {
  return a.bytes.length === 4;
}

/** ::ffff:a.b.c.d, which Go keeps distinct from a.b.c.d and Kubernetes rejects. */
export function is4In6(a: Addr): boolean {
  return (
    a.bytes.length === 16 &&
    a.bytes.slice(0, 10).every(b => b === 0) &&
    a.bytes[10] === 0xff &&
    a.bytes[11] === 0xff
  );
}

function group(a: Addr, i: number): number {
  return (a.bytes[2 * i] << 8) | a.bytes[2 * i + 1];
}

/** Go's Addr.String: RFC 5952 form, the longest (leftmost) run of 2+ zero groups becomes "::". */
export function addrString(a: Addr): string {
  if (is4(a)) return a.bytes.join('.');
  let zeroStart = -1;
  let zeroLength = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && group(a, j) === 0) j++;
    if (j - i > zeroLength) {
      zeroStart = i;
      zeroLength = j - i;
    }
  }
  let text = '';
  for (let i = 0; i < 8; i++) {
    if (i === zeroStart) {
      text += '::';
      i += zeroLength - 1;
    } else {
      text +=
        (i > 0 && i !== zeroStart + zeroLength ? ':' : '') +
        group(a, i).toString(16);
    }
  }
  return a.zone ? `${text}%${a.zone}` : text;
}

export interface Prefix {
  addr: Addr;
  bits: number;
}

/** Go's netip.ParsePrefix. */
export function parsePrefix(input: string): Prefix {
  const fail = (msg: string) =>
    new Error(`netip.ParsePrefix(${goQuote(input)}): ${msg}`);
  const slash = input.lastIndexOf('/');
  if (slash < 0) throw fail("no '/'");
  let addr: Addr;
  try {
    addr = parseAddr(input.slice(0, slash));
  } catch (error) {
    throw fail((error as Error).message);
  }
  if (addr.zone) throw fail('IPv6 zones cannot be present in a prefix');
  const bitsText = input.slice(slash + 1);
  // Go rejects signs and leading zeros that Atoi would accept.
  if (!/^(0|[1-9][0-9]*)$/.test(bitsText)) {
    throw fail(`bad bits after slash: ${goQuote(bitsText)}`);
  }
  const bits = Number(bitsText);
  if (bits > addr.bytes.length * 8) throw fail('prefix length out of range');
  return { addr, bits };
}

export function prefixString(p: Prefix): string {
  return `${addrString(p.addr)}/${p.bits}`;
}

export function maskedAddr(a: Addr, bits: number): Addr {
  const bytes = a.bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  return { bytes, zone: '' };
}

function sameBytes(x: Uint8Array, y: Uint8Array): boolean {
  return x.length === y.length && x.every((b, i) => b === y[i]);
}

/** Go's Prefix.Contains: same family, no zone, equal in the first `bits` bits. */
export function prefixContains(p: Prefix, a: Addr): boolean {
  if (a.zone || a.bytes.length !== p.addr.bytes.length) return false;
  return sameBytes(
    maskedAddr(a, p.bits).bytes,
    maskedAddr(p.addr, p.bits).bytes,
  );
}

export function isUnspecified(a: Addr): boolean {
  return a.bytes.every(b => b === 0);
}

export function isLoopback(a: Addr): boolean {
  if (is4(a)) return a.bytes[0] === 127;
  return a.bytes.slice(0, 15).every(b => b === 0) && a.bytes[15] === 1;
}

export function isMulticast(a: Addr): boolean {
  return is4(a) ? (a.bytes[0] & 0xf0) === 0xe0 : a.bytes[0] === 0xff;
}

/** 224.0.0.0/24, or ff02::/16 (any flags nibble) as in Go. */
export function isLinkLocalMulticast(a: Addr): boolean {
  if (is4(a)) return a.bytes[0] === 224 && a.bytes[1] === 0 && a.bytes[2] === 0;
  return (group(a, 0) & 0xff0f) === 0xff02;
}

export function isLinkLocalUnicast(a: Addr): boolean {
  if (is4(a)) return a.bytes[0] === 169 && a.bytes[1] === 254;
  return (group(a, 0) & 0xffc0) === 0xfe80;
}

/** Go's definition: private ranges and ULAs count as global unicast. */
export function isGlobalUnicast(a: Addr): boolean {
  if (is4(a) && (isUnspecified(a) || a.bytes.every(b => b === 255)))
    return false;
  return (
    !isUnspecified(a) &&
    !isLoopback(a) &&
    !isMulticast(a) &&
    !isLinkLocalUnicast(a)
  );
}
