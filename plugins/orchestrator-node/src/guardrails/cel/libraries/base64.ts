import { celFunc, CelScalar, type CelFunc } from '@bufbuild/cel';

/*
 * cel-go's encoders extension: base64.encode(bytes) -> string and
 * base64.decode(string) -> bytes, with Go's encoding/base64 rules. Node's
 * Buffer decoder skips characters it does not know; Go fails on them.
 */

const { BYTES, STRING } = CelScalar;
const ALPHABET = /^[A-Za-z0-9+/]*$/;

function corrupt(offset: number): Error {
  return new Error(`illegal base64 data at input byte ${offset}`);
}

/** The first offset at which `text` stops being base64 of the given padding rule, if any. */
function invalidOffset(text: string, padded: boolean): number | undefined {
  const body = padded ? text.replace(/={1,2}$/, '') : text;
  for (let i = 0; i < body.length; i++) {
    if (!ALPHABET.test(body[i])) return i;
  }
  if (padded) {
    if (text.length % 4 !== 0) return text.length - (text.length % 4);
    return undefined;
  }
  return body.length % 4 === 1 ? body.length - 1 : undefined;
}

/**
 * Go's StdEncoding.DecodeString, falling back to RawStdEncoding (no padding)
 * as cel-go does. Like Go, newlines are ignored and non-zero trailing bits
 * are accepted.
 */
function decode(input: string): Uint8Array {
  const text = input.replace(/[\r\n]/g, '');
  const padded = invalidOffset(text, true);
  if (padded !== undefined && invalidOffset(text, false) !== undefined)
    throw corrupt(padded);
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export const base64Funcs: CelFunc[] = [
  celFunc('base64.encode', [BYTES], STRING, bytes =>
    Buffer.from(bytes).toString('base64'),
  ),
  celFunc('base64.decode', [STRING], BYTES, decode),
];
