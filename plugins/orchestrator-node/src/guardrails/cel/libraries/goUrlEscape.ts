import { goQuote } from './common';

/*
 * Go's net/url escaping rules (shouldEscape, escape, unescape), per URL part.
 * Go works on UTF-8 bytes: non-ASCII is always percent-encoded on the way
 * out, and escapes decode to bytes, read back here as UTF-8.
 */

export type Mode =
  | 'path'
  | 'pathSegment'
  | 'host'
  | 'zone'
  | 'userPassword'
  | 'query'
  | 'fragment';

const isAlnum = (c: string) => /^[0-9A-Za-z]$/.test(c);
const isHex = (c: string | undefined) =>
  c !== undefined && /^[0-9A-Fa-f]$/.test(c);

/** Go's shouldEscape for one character (non-ASCII is always escaped). */
function shouldEscape(c: string, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(c))
    return false;
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    switch (mode) {
      case 'path':
        return c === '?';
      case 'pathSegment':
        return '/;,?'.includes(c);
      case 'userPassword':
        return '@/?:'.includes(c);
      case 'query':
        return true;
      case 'fragment':
        return false;
      default:
        return true;
    }
  }
  return !(mode === 'fragment' && '!()*'.includes(c));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function escape(s: string, mode: Mode): string {
  let out = '';
  for (const c of s) {
    if (c === ' ' && mode === 'query') out += '+';
    else if (!shouldEscape(c, mode)) out += c;
    else
      for (const b of encoder.encode(c))
        out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function unescape(s: string, mode: Mode): string {
  // Walk code points, so characters outside the BMP stay whole.
  const chars = Array.from(s);
  const bytes: number[] = [];
  for (let i = 0; i < chars.length; ) {
    const c = chars[i];
    if (c === '%') {
      const triple = chars.slice(i, i + 3).join('');
      if (!isHex(chars[i + 1]) || !isHex(chars[i + 2])) {
        throw new Error(`invalid URL escape ${goQuote(triple)}`);
      }
      const value = parseInt(triple.slice(1), 16);
      // In a host only non-ASCII bytes may be escaped (and %25 for zones, RFC 6874).
      if (mode === 'host' && value < 0x80 && triple !== '%25') {
        throw new Error(`invalid URL escape ${goQuote(triple)}`);
      }
      // A zone may escape what a host could contain unescaped, and spaces (Windows).
      const hostByte =
        value < 0x80 && !shouldEscape(String.fromCharCode(value), 'host');
      if (mode === 'zone' && triple !== '%25' && value !== 0x20 && !hostByte) {
        throw new Error(`invalid URL escape ${goQuote(triple)}`);
      }
      bytes.push(value);
      i += 3;
    } else {
      if (
        (mode === 'host' || mode === 'zone') &&
        c < '\x80' &&
        shouldEscape(c, mode)
      ) {
        throw new Error(`invalid character ${goQuote(c)} in host name`);
      }
      bytes.push(
        ...(c === '+' && mode === 'query' ? [0x20] : encoder.encode(c)),
      );
      i++;
    }
  }
  return decoder.decode(new Uint8Array(bytes));
}

export function validEncoded(s: string, mode: Mode): boolean {
  return Array.from(s).every(
    c => `!$&'()*+,;=:@[]%`.includes(c) || !shouldEscape(c, mode),
  );
}
