import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CATALOG_INFO = /^catalog-info\.ya?ml$/;

function locationOf(value: string | undefined) {
  if (!value) return undefined;
  try {
    return parseLocationRef(value);
  } catch {
    return undefined;
  }
}

function pathOf(target: string): string {
  return target.startsWith('file:') ? fileURLToPath(target) : target;
}

function folderUrl(path: string): string {
  return `${pathToFileURL(path).href.replace(/\/$/, '')}/`;
}

/**
 * The URL of the folder holding an entity's sources, for the URL reader.
 *
 * The catalog writes `backstage.io/source-location` only for entities it read
 * from a `url` location. For one read from a local file (a `file` location:
 * the demo organisation, the golden paths' local checkouts) the folder of
 * that file plays the same part, as the catalog's own `./` does for a URL,
 * but only when the file is a `catalog-info.yaml`: a file of many entities
 * (`components.yaml`) sits next to other things than their sources.
 */
export function repositoryUrl(entity: Entity): string {
  const ref = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const written = annotations[ANNOTATION_SOURCE_LOCATION];
  const managedBy = locationOf(annotations[ANNOTATION_LOCATION]);
  const entityFile =
    managedBy?.type === 'file' ? pathOf(managedBy.target) : undefined;
  const entityFolder = entityFile ? dirname(entityFile) : undefined;

  if (written) {
    const source = locationOf(written);
    if (source?.type === 'url') return source.target;
    if (source?.type === 'dir') {
      if (isAbsolute(source.target)) return folderUrl(source.target);
      if (entityFolder) return folderUrl(resolve(entityFolder, source.target));
      throw new InputError(
        `${ref}: ${ANNOTATION_SOURCE_LOCATION} "${written}" is relative, but the entity was not read from a local file`,
      );
    }
    throw new InputError(
      `${ref}: ${ANNOTATION_SOURCE_LOCATION} "${written}" is not a url: or dir: location`,
    );
  }
  if (entityFolder && CATALOG_INFO.test(basename(entityFile!))) {
    return folderUrl(entityFolder);
  }
  throw new InputError(
    entityFile
      ? `${ref} has no ${ANNOTATION_SOURCE_LOCATION} annotation, and ${basename(
          entityFile,
        )}, the file it was read from, is not a repository's catalog-info.yaml`
      : `${ref} has no ${ANNOTATION_SOURCE_LOCATION} annotation and was not read from a local file, so its repository is unknown`,
  );
}
