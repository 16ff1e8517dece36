import {
  isCelList,
  isCelMap,
  isCelType,
  isCelUint,
  type CelValue,
} from '@bufbuild/cel';
import { equals as protoEquals } from '@bufbuild/protobuf';
import { isReflectMessage } from '@bufbuild/protobuf/reflect';
import {
  DurationSchema,
  TimestampSchema,
  type Duration,
} from '@bufbuild/protobuf/wkt';

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT64_MAX = 2n ** 64n - 1n;

/** cel-go's message when a function gets argument types it has no overload for. */
export function noSuchOverload(): Error {
  return new Error('no such overload');
}

/** Code points, the unit cel-go's string functions index by (not UTF-16 units). */
export function runesOf(s: string): string[] {
  return Array.from(s);
}

/** Compares by code point, like Go compares UTF-8 strings byte by byte. */
export function compareStrings(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(j) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  if (i < a.length) return 1;
  return j < b.length ? -1 : 0;
}

type Numeric = bigint | number;

function numericOf(v: CelValue): Numeric | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  return isCelUint(v) ? v.value : undefined;
}

/** Exact across int, uint and double (JS compares bigint with number exactly); undefined for NaN. */
function compareNumbers(x: Numeric, y: Numeric): number | undefined {
  if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
  if (x < y) return -1;
  return x > y ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}

/** Nanoseconds of a google.protobuf.Duration (or Timestamp, whose fields are the same). */
function nanosOf(
  v: CelValue,
  schema: typeof DurationSchema | typeof TimestampSchema,
): bigint | undefined {
  if (!isReflectMessage(v, schema)) return undefined;
  const { seconds, nanos } = v.message as Duration;
  return seconds * 1_000_000_000n + BigInt(nanos);
}

export function durationNanos(v: CelValue): bigint | undefined {
  return nanosOf(v, DurationSchema);
}

/** Durations and timestamps as nanoseconds, tagged by kind so the two never compare. */
function timeOf(v: CelValue): [string, bigint] | undefined {
  const duration = nanosOf(v, DurationSchema);
  if (duration !== undefined) return ['duration', duration];
  const timestamp = nanosOf(v, TimestampSchema);
  return timestamp === undefined ? undefined : ['timestamp', timestamp];
}

/** The values cel-go can order: numbers, strings, bools, bytes, durations, timestamps. */
export function isComparable(v: CelValue): boolean {
  return (
    numericOf(v) !== undefined ||
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    v instanceof Uint8Array ||
    timeOf(v) !== undefined
  );
}

/**
 * Orders two comparable values like cel-go's Compare. Returns undefined where
 * cel-go returns an error value (mixed kinds, NaN): the list functions built
 * on Compare skip those pairs rather than fail, and so do ours.
 */
export function celCompare(a: CelValue, b: CelValue): number | undefined {
  const x = numericOf(a);
  const y = numericOf(b);
  if (x !== undefined || y !== undefined) {
    return x !== undefined && y !== undefined
      ? compareNumbers(x, y)
      : undefined;
  }
  if (typeof a === 'string' && typeof b === 'string')
    return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean')
    return Number(a) - Number(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array)
    return compareBytes(a, b);
  const ta = timeOf(a);
  const tb = timeOf(b);
  if (ta && tb && ta[0] === tb[0]) {
    if (ta[1] === tb[1]) return 0;
    return ta[1] < tb[1] ? -1 : 1;
  }
  return undefined;
}

function numbersEqual(x: Numeric, y: Numeric): boolean {
  if (typeof x === typeof y) return x === y;
  const [int, dbl] =
    typeof x === 'bigint' ? [x, y as number] : [y as bigint, x as number];
  return Number.isInteger(dbl) && BigInt(dbl) === int;
}

/** CEL `==`: numbers compare across int, uint and double; other kinds must match. */
export function celEquals(a: CelValue, b: CelValue): boolean {
  const x = numericOf(a);
  const y = numericOf(b);
  if (x !== undefined || y !== undefined) {
    return x !== undefined && y !== undefined && numbersEqual(x, y);
  }
  if (a instanceof Uint8Array) {
    return b instanceof Uint8Array && compareBytes(a, b) === 0;
  }
  if (isCelList(a)) {
    if (!isCelList(b) || a.size !== b.size) return false;
    for (let i = 0; i < a.size; i++) {
      if (!celEquals(a.get(i) as CelValue, b.get(i) as CelValue)) return false;
    }
    return true;
  }
  if (isCelMap(a)) {
    if (!isCelMap(b) || a.size !== b.size) return false;
    for (const [key, value] of a) {
      const other = b.get(key);
      if (other === undefined || !celEquals(value, other)) return false;
    }
    return true;
  }
  if (isCelType(a)) {
    return isCelType(b) && a.kind === b.kind && a.name === b.name;
  }
  if (isReflectMessage(a)) {
    return (
      isReflectMessage(b) &&
      a.desc.typeName === b.desc.typeName &&
      protoEquals(a.desc, a.message, b.message)
    );
  }
  return a === b;
}

const GO_ESCAPES: Record<string, string> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's %q (strconv.Quote), which the API server's error messages use for inputs. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (GO_ESCAPES[ch]) {
      out += GO_ESCAPES[ch];
    } else if (cp < 0x20 || cp === 0x7f) {
      out += `\\x${cp.toString(16).padStart(2, '0')}`;
    } else if (
      (cp >= 0x80 && cp < 0xa0) ||
      (cp >= 0xd800 && cp <= 0xdfff) ||
      cp === 0x2028 ||
      cp === 0x2029 ||
      cp === 0xfeff
    ) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

/** CEL ints are int64: results outside that range are errors, as in cel-go. */
export function checkedInt(value: bigint): bigint {
  if (value < INT64_MIN || value > INT64_MAX)
    throw new Error('integer overflow');
  return value;
}
