import { InputError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';

/** Larger inputs are refused before parsing: no Score file or platform file is anywhere near this. */
export const MAX_YAML_BYTES = 1024 * 1024;

/**
 * Aliases a document may expand. A few are normal (shared blocks of settings);
 * thousands are a "billion laughs" file that would expand without bound.
 */
export const MAX_YAML_ALIASES = 100;

/**
 * Parses every document of a YAML text into plain values, refusing oversized
 * input, syntax errors and runaway alias expansion with an error naming the source.
 */
export function parseYamlDocuments(text: string, source: string): unknown[] {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_YAML_BYTES) {
    throw new InputError(
      `${source}: ${bytes} bytes is over the ${MAX_YAML_BYTES}-byte limit for YAML input`,
    );
  }
  const documents = parseAllDocuments(text, {
    uniqueKeys: true,
    prettyErrors: true,
  });
  if (!Array.isArray(documents)) {
    // An empty stream parses to an EmptyStream, not an array.
    return [];
  }
  return documents.map((document, index) => {
    const [error] = document.errors;
    if (error) {
      throw new InputError(`${source}: invalid YAML: ${error.message}`);
    }
    try {
      return document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      throw new InputError(
        `${source}: document ${index + 1} cannot be read: ${
          (e as Error).message
        }`,
      );
    }
  });
}

/** Parses a YAML text that must hold exactly one document. */
export function parseYamlDocument(text: string, source: string): unknown {
  const documents = parseYamlDocuments(text, source);
  if (documents.length !== 1) {
    throw new InputError(
      `${source}: expected exactly one YAML document, found ${documents.length}`,
    );
  }
  return documents[0];
}
