import { InputError } from '@backstage/errors';
import { ResourceRenderContext } from '../resources';

/**
 * Reads a Score resource's `params` against what its renderer accepts: unknown
 * keys and wrong types are errors naming the resource and the key.
 */
export function readParams<T extends Record<string, 'string' | 'number'>>(
  context: ResourceRenderContext,
  accepted: T,
  required: Array<keyof T> = [],
): { [K in keyof T]?: T[K] extends 'number' ? number : string } {
  const params = context.resource.params ?? {};
  const at = `resources.${context.name}.params`;
  const unknown = Object.keys(params)
    .filter(key => !(key in accepted))
    .sort();
  if (unknown.length > 0) {
    throw new InputError(
      `${at}: ${unknown.map(k => `"${k}"`).join(', ')} is not a parameter of ${
        context.resource.type
      }; it accepts: ${Object.keys(accepted).join(', ')}`,
    );
  }
  for (const [key, type] of Object.entries(accepted)) {
    const value = params[key];
    if (value === undefined) {
      if (required.includes(key))
        throw new InputError(
          `${at}.${key} is required for ${context.resource.type}`,
        );
    } else if (typeof value !== type) {
      throw new InputError(
        `${at}.${key} must be a ${type}, got ${JSON.stringify(value)}`,
      );
    }
  }
  return params as any;
}
