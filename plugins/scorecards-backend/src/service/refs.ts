import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * An entity ref as stored: `kind:namespace/name`, lowercased. The namespace
 * may be left out; a kind is required unless there is a default for it.
 * Throws an InputError naming `parameter`.
 */
export function normalizeEntityRef(
  value: string,
  parameter: string,
  defaultKind?: string,
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch (error) {
    throw new InputError(
      `${parameter}: ${JSON.stringify(value)} is not an entity ref like ${
        defaultKind
          ? `${defaultKind}:default/name or name`
          : 'component:default/name'
      } (${(error as Error).message})`,
    );
  }
}
