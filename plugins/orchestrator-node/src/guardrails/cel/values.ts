import { isCelList, isCelMap, isCelUint } from '@bufbuild/cel';

/**
 * JSON as the API server hands it to CEL: integers are CEL `int`, other
 * numbers `double`. Converted once per object, shared by every policy.
 */
export function toCelInput(value: unknown): unknown {
  if (typeof value === 'number')
    return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCelInput);
  if (value !== null && typeof value === 'object') {
    const converted: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) converted[key] = toCelInput(inner);
    }
    return converted;
  }
  return value;
}

/** A CEL result as plain JSON-like data, for messages and reports. */
export function fromCel(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  }
  if (isCelUint(value)) return fromCel(value.value);
  if (isCelList(value)) return Array.from(value, fromCel);
  if (isCelMap(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, inner] of value.entries())
      result[String(key)] = fromCel(inner);
    return result;
  }
  return value;
}
