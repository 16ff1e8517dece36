import { INT64_MAX, INT64_MIN } from './common';

/*
 * Kubernetes' resource.Quantity (k8s.io/apimachinery/pkg/api/resource), exact.
 * A value is unscaled × 10^exp. Go keeps a quantity either as a scaled int64
 * (the fast path) or as an arbitrary-precision inf.Dec, and that choice is
 * observable: AsInt64, hence CEL's isInteger()/asInteger(), fails for every
 * inf.Dec (quantity('1Pi').isInteger() is false on the API server). `kind`
 * records which representation Go would have, following its rules.
 */

export interface Amount {
  kind: 'int64' | 'dec';
  unscaled: bigint;
  exp: number;
}

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
const FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE}'`;
const NUMERIC = 'unable to parse numeric part of quantity';
const SUFFIX = "unable to parse quantity's suffix";

const DECIMAL_SUFFIXES = new Map(
  Object.entries({
    '': 0,
    n: -9,
    u: -6,
    m: -3,
    k: 3,
    M: 6,
    G: 9,
    T: 12,
    P: 15,
    E: 18,
  }),
);
const BINARY_SUFFIXES = new Map(
  Object.entries({ Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }),
);

const isDigit = (c: string | undefined) =>
  c !== undefined && c >= '0' && c <= '9';
const fitsInt64 = (v: bigint) => v >= INT64_MIN && v <= INT64_MAX;
const pow10 = (n: number) => 10n ** BigInt(n);
const abs = (v: bigint) => (v < 0n ? -v : v);

interface Scanned {
  negative: boolean;
  /** The number as written, sign included: what Go hands to inf.Dec. */
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** Go's parseQuantityString: sign, digits (leading zeros dropped), fraction, suffix. */
function scan(str: string): Scanned {
  const negative = str[0] === '-';
  let pos = negative || str[0] === '+' ? 1 : 0;
  while (str[pos] === '0') pos++;
  if (pos >= str.length)
    return { negative, value: '0', num: '0', denom: '', suffix: '' };
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  if (pos >= str.length)
    return { negative, value: str, num, denom: '', suffix: '' };
  let denom = '';
  if (str[pos] === '.') {
    const start = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
    if (pos >= str.length)
      return { negative, value: str, num, denom, suffix: '' };
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < str.length && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) throw new Error(FORMAT_WRONG);
  return { negative, value, num, denom, suffix: str.slice(suffixStart) };
}

interface Suffix {
  binary: boolean;
  exponent: number;
}

function interpret(suffix: string): Suffix {
  const decimal = DECIMAL_SUFFIXES.get(suffix);
  if (decimal !== undefined) return { binary: false, exponent: decimal };
  const binary = BINARY_SUFFIXES.get(suffix);
  if (binary !== undefined) return { binary: true, exponent: binary };
  if (/^[eE][+-]?[0-9]+$/.test(suffix)) {
    const parsed = BigInt(suffix.slice(1));
    // strconv.ParseInt(.., 64) then int32(): out of int64 fails, the rest wraps.
    if (fitsInt64(parsed))
      return { binary: false, exponent: Number(BigInt.asIntN(32, parsed)) };
  }
  throw new Error(SUFFIX);
}

/** Rounds a positive magnitude away from zero to nano precision, as ParseQuantity does. */
function roundUpToNano(unscaled: bigint, exp: number): [bigint, number] {
  if (unscaled === 0n) return [unscaled, exp];
  if (exp >= -9) {
    // Past ~1e400 the value is beyond any float and any comparison; keep it compact.
    return exp + 9 > 400 ? [unscaled, exp] : [unscaled * pow10(exp + 9), -9];
  }
  const shift = -9 - exp;
  if (shift > unscaled.toString().length) return [1n, -9];
  const divisor = pow10(shift);
  const quotient = unscaled / divisor;
  return [unscaled % divisor === 0n ? quotient : quotient + 1n, -9];
}

/** Go's resource.ParseQuantity. */
export function parseQuantity(str: string): Amount {
  if (str === '') throw new Error(FORMAT_WRONG);
  if (str === '0') return { kind: 'int64', unscaled: 0n, exp: 0 };
  const { negative, value, num, denom, suffix } = scan(str);
  const { binary, exponent } = interpret(suffix);

  // The int64 fast path, taken exactly when Go takes it.
  let precision = -1;
  let scale = 0;
  let mantissa = 1n;
  if (!binary) {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  } else if (exponent >= 0 && denom === '') {
    mantissa = 1n << BigInt(exponent);
    precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
  }
  if (precision >= 0 && scale - denom.length >= -9) {
    const result = BigInt(num + denom) * mantissa;
    if (result <= INT64_MAX) {
      return {
        kind: 'int64',
        unscaled: negative ? -result : result,
        exp: scale - denom.length,
      };
    }
  }

  const decimal = /^[+-]?([0-9]*)(?:\.([0-9]*))?$/.exec(value);
  if (!decimal || `${decimal[1]}${decimal[2] ?? ''}` === '')
    throw new Error(NUMERIC);
  let unscaled = BigInt(`${decimal[1]}${decimal[2] ?? ''}` || '0');
  let exp = -(decimal[2] ?? '').length;
  if (binary) unscaled <<= BigInt(exponent);
  else exp += exponent;
  [unscaled, exp] = roundUpToNano(unscaled, exp);
  // Only binary-suffixed quantities are capped at the int64 maximum (as in current apimachinery).
  if (
    binary &&
    compare(
      { kind: 'dec', unscaled, exp },
      { kind: 'int64', unscaled: INT64_MAX, exp: 0 },
    ) > 0
  ) {
    unscaled = INT64_MAX;
    exp = 0;
  }
  return { kind: 'dec', unscaled: negative ? -unscaled : unscaled, exp };
}

export function sign(a: Amount): number {
  if (a.unscaled === 0n) return 0;
  return a.unscaled < 0n ? -1 : 1;
}

/** Exact comparison; orders of magnitude are compared first so huge exponents stay cheap. */
export function compare(a: Amount, b: Amount): number {
  const sa = sign(a);
  const sb = sign(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const magnitudeA = abs(a.unscaled).toString().length + a.exp;
  const magnitudeB = abs(b.unscaled).toString().length + b.exp;
  if (magnitudeA !== magnitudeB) return magnitudeA < magnitudeB ? -sa : sa;
  const exp = Math.min(a.exp, b.exp);
  const x = a.unscaled * pow10(a.exp - exp);
  const y = b.unscaled * pow10(b.exp - exp);
  if (x === y) return 0;
  return x < y ? -1 : 1;
}

/** int64 × 10^shift, or undefined on int64 overflow (Go's positiveScaleInt64). */
function scaleUp(value: bigint, shift: number): bigint | undefined {
  if (value === 0n) return 0n;
  if (shift > 19) return undefined;
  const scaled = value * pow10(shift);
  return fitsInt64(scaled) ? scaled : undefined;
}

/** Go's int64Amount.Add: undefined when the int64 fast path overflows. */
function addInt64(a: Amount, b: Amount): Amount | undefined {
  if (b.unscaled === 0n) return a;
  if (a.unscaled === 0n) return b;
  const [high, low] = a.exp >= b.exp ? [a, b] : [b, a];
  const scaled = scaleUp(high.unscaled, high.exp - low.exp);
  if (scaled === undefined) return undefined;
  const total = scaled + low.unscaled;
  return fitsInt64(total)
    ? { kind: 'int64', unscaled: total, exp: low.exp }
    : undefined;
}

/** inf.Dec addition: the result keeps the finer of the two scales. */
function addDec(a: Amount, b: Amount): Amount {
  const exp = Math.min(a.exp, b.exp);
  if (
    Math.max(a.exp, b.exp) - exp > 100_000 &&
    a.unscaled !== 0n &&
    b.unscaled !== 0n
  ) {
    throw new Error('quantities differ too much in scale to add exactly');
  }
  const align = (x: Amount) =>
    x.unscaled === 0n ? 0n : x.unscaled * pow10(x.exp - exp);
  return { kind: 'dec', unscaled: align(a) + align(b), exp };
}

/** Quantity.Add: stays int64 when both are and nothing overflows. */
export function add(a: Amount, b: Amount): Amount {
  const fast =
    a.kind === 'int64' && b.kind === 'int64' ? addInt64(a, b) : undefined;
  return fast ?? addDec(a, b);
}

/** Quantity.Sub; negating the most negative int64 forces the inf.Dec path, as in Go. */
export function sub(a: Amount, b: Amount): Amount {
  const negated: Amount = { ...b, unscaled: -b.unscaled };
  if (a.kind === 'int64' && b.kind === 'int64' && b.unscaled !== INT64_MIN) {
    const fast = addInt64(a, negated);
    if (fast) return fast;
  }
  return addDec(a, negated);
}

/** Quantity.AsInt64: only the int64 form at a non-negative scale that fits. */
export function asInt64(a: Amount): bigint | undefined {
  if (a.kind === 'dec' || a.exp < 0) return undefined;
  return scaleUp(a.unscaled, a.exp);
}

const SMALL_POWERS = Array.from({ length: 32 }, (_, i) => Number(`1e${i}`));
const POWERS_32 = [
  1, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288,
];
const NEGATIVE_POWERS_32 = [
  1, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288,
  1e-320,
];

/** Go's math.Pow10, table for table, so the float matches the API server's bit for bit. */
function goPow10(n: number): number {
  if (n >= 0 && n <= 308)
    return POWERS_32[Math.floor(n / 32)] * SMALL_POWERS[n % 32];
  if (n < 0 && n >= -323)
    return NEGATIVE_POWERS_32[Math.floor(-n / 32)] / SMALL_POWERS[-n % 32];
  return n > 0 ? Infinity : 0;
}

/** Quantity.AsApproximateFloat64: float(unscaled) × Pow10(exponent). */
export function asApproximateFloat(a: Amount): number {
  const base = Number(a.unscaled);
  return a.exp === 0 ? base : base * goPow10(a.exp);
}

/** A canonical text per value (trailing zeros moved into the exponent): equal values, equal text. */
export function canonical(a: Amount): string {
  if (a.unscaled === 0n) return '0';
  let unscaled = a.unscaled;
  let exp = a.exp;
  while (unscaled % 10n === 0n) {
    unscaled /= 10n;
    exp++;
  }
  return `${unscaled}e${exp}`;
}

/** Rebuilds an amount from canonical text (for values that did not come from quantity()). */
export function fromCanonical(text: string): Amount {
  const [unscaledText, expText = '0'] = text.split('e');
  const unscaled = BigInt(unscaledText);
  return {
    kind: fitsInt64(unscaled) ? 'int64' : 'dec',
    unscaled,
    exp: Number(expText),
  };
}
