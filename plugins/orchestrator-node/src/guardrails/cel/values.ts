import {
  celError,
  celList,
  celMap,
  isCelList,
  isCelMap,
  isCelUint,
} from '@bufbuild/cel';

/**
 * JSON as the API server hands it to CEL: integers are CEL `int`, other
 * numbers `double`. Converted once per object into CEL's own lists and maps,
 * shared by every policy: handing CEL plain objects would copy each map's
 * entries again at every field access.
 */
export function toCelInput(value: unknown): unknown {
  if (typeof value === 'number')
    return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return celList(value.map(toCelInput) as never);
  if (value !== null && typeof value === 'object') {
    if (isCelList(value) || isCelMap(value)) return value;
    const converted = new Map<string, unknown>();
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) converted.set(key, toCelInput(inner));
    }
    return celMap(converted as never);
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

/**
 * A binding for a variable whose value is not known: every use of it is an
 * error with this message, `has()` included (an unbound or null variable would
 * make `has(x.y)` false), while `a || x.y` with `a` true still decides.
 */
export function celErrorValue(message: string): unknown {
  return celError(message);
}
