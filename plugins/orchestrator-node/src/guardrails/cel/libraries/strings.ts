import {
  celFunc,
  celList,
  celMethod,
  CelScalar,
  listType,
  type CelFunc,
  type CelList,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { runesOf } from './common';

/*
 * Kubernetes enables cel-go's strings extension (version 2). @bufbuild/cel's
 * `strings` ext has the same names but indexes by UTF-16 unit and follows
 * JavaScript's split/replace; cel-go indexes by code point and follows Go's
 * strings.SplitN / strings.Replace. The overrides below have the same
 * overload ids, so they replace the @bufbuild versions in the resolver.
 * lowerAscii, upperAscii, trim, join and format are kept from @bufbuild/cel.
 */

const { STRING, INT } = CelScalar;

function outOfRange(index: bigint | number): Error {
  return new Error(`index out of range: ${index}`);
}

/** Matches subrunes at runes[at..]. */
function matchesAt(runes: string[], sub: string[], at: number): boolean {
  for (let j = 0; j < sub.length; j++) {
    if (runes[at + j] !== sub[j]) return false;
  }
  return true;
}

function charAt(this: string, index: bigint): string {
  const runes = runesOf(this);
  if (index < 0n || index > BigInt(runes.length)) throw outOfRange(index);
  return runes[Number(index)] ?? '';
}

function indexOf(this: string, substr: string, offset = 0n): bigint {
  if (substr === '') return offset;
  const runes = runesOf(this);
  const sub = runesOf(substr);
  if (offset < 0n) throw outOfRange(offset);
  // Since cel-go 0.22 an offset past the end finds nothing instead of failing.
  if (offset >= BigInt(runes.length)) return -1n;
  for (let i = Number(offset); i <= runes.length - sub.length; i++) {
    if (matchesAt(runes, sub, i)) return BigInt(i);
  }
  return -1n;
}

function lastIndexOf(this: string, substr: string, offset?: bigint): bigint {
  const runes = runesOf(this);
  // As in cel-go, the one-argument form starts at the last rune, so on an empty
  // string it is an out-of-range error unless the search string is empty too.
  const from = offset ?? BigInt(runes.length - 1);
  if (substr === '') return offset ?? BigInt(runes.length);
  const sub = runesOf(substr);
  if (from < 0n) throw outOfRange(from);
  if (from >= BigInt(runes.length)) return -1n;
  for (let i = Math.min(Number(from), runes.length - sub.length); i >= 0; i--) {
    if (matchesAt(runes, sub, i)) return BigInt(i);
  }
  return -1n;
}

/** Go's strings.Index over code points, from rune `start`; -1 when absent. */
function runeIndex(runes: string[], sub: string[], start: number): number {
  for (let i = start; i <= runes.length - sub.length; i++) {
    if (matchesAt(runes, sub, i)) return i;
  }
  return -1;
}

/** Go's strings.Replace: n < 0 replaces all; an empty `old` matches before every rune and at the end. */
function replace(
  this: string,
  old: string,
  replacement: string,
  n = -1n,
): string {
  const runes = runesOf(this);
  const sub = runesOf(old);
  if (n === 0n || old === replacement) return this;
  let out = '';
  let start = 0;
  let done = 0n;
  while (n < 0n || done < n) {
    const at =
      sub.length === 0
        ? start + (done === 0n ? 0 : 1)
        : runeIndex(runes, sub, start);
    if (at < 0 || at > runes.length) break;
    out += runes.slice(start, at).join('') + replacement;
    start = at + sub.length;
    done++;
  }
  return out + runes.slice(start).join('');
}

/** Go's strings.SplitN: n == 0 gives [], n < 0 splits everywhere, the last piece keeps the rest. */
function split(this: string, sep: string, n = -1n): CelList {
  if (n === 0n) return celList([]);
  const runes = runesOf(this);
  if (sep === '') {
    const count = n < 0n || n > BigInt(runes.length) ? runes.length : Number(n);
    if (count === 0) return celList([]);
    return celList([
      ...runes.slice(0, count - 1),
      runes.slice(count - 1).join(''),
    ]);
  }
  const sub = runesOf(sep);
  const pieces: string[] = [];
  let start = 0;
  while (n < 0n || BigInt(pieces.length) < n - 1n) {
    const at = runeIndex(runes, sub, start);
    if (at < 0) break;
    pieces.push(runes.slice(start, at).join(''));
    start = at + sub.length;
  }
  pieces.push(runes.slice(start).join(''));
  return celList(pieces);
}

function substring(this: string, start: bigint, end?: bigint): string {
  const runes = runesOf(this);
  const length = BigInt(runes.length);
  if (end === undefined) {
    if (start < 0n || start > length) throw outOfRange(start);
    return runes.slice(Number(start)).join('');
  }
  const stop = end;
  if (start > stop) {
    throw new Error(`invalid substring range. start: ${start}, end: ${stop}`);
  }
  if (start < 0n || start > length) throw outOfRange(start);
  if (stop < 0n || stop > length) throw outOfRange(stop);
  return runes.slice(Number(start), Number(stop)).join('');
}

const QUOTE_ESCAPES: Record<string, string> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** cel-go's strings.quote: CEL escapes only (NUL stays as is); invalid text becomes U+FFFD. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd';
    else out += QUOTE_ESCAPES[ch] ?? ch;
  }
  return `${out}"`;
}

const LIST_STRING = listType(STRING);

export const stringsFuncs: CelFunc[] = [
  ...strings,
  celFunc('strings.quote', [STRING], STRING, quote),
  celMethod('charAt', STRING, [INT], STRING, charAt),
  celMethod('indexOf', STRING, [STRING], INT, function indexOf1(substr) {
    return indexOf.call(this, substr);
  }),
  celMethod('indexOf', STRING, [STRING, INT], INT, indexOf),
  celMethod(
    'lastIndexOf',
    STRING,
    [STRING],
    INT,
    function lastIndexOf1(substr) {
      return lastIndexOf.call(this, substr);
    },
  ),
  celMethod('lastIndexOf', STRING, [STRING, INT], INT, lastIndexOf),
  celMethod(
    'replace',
    STRING,
    [STRING, STRING],
    STRING,
    function replace2(old, repl) {
      return replace.call(this, old, repl);
    },
  ),
  celMethod('replace', STRING, [STRING, STRING, INT], STRING, replace),
  celMethod('split', STRING, [STRING], LIST_STRING, function split1(sep) {
    return split.call(this, sep);
  }),
  celMethod('split', STRING, [STRING, INT], LIST_STRING, split),
  celMethod('substring', STRING, [INT], STRING, function substring1(start) {
    return substring.call(this, start);
  }),
  celMethod('substring', STRING, [INT, INT], STRING, substring),
];
