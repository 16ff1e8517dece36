import {
  BackstageCredentials,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { readFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The annotation on a catalog entity naming its Score file, relative to the entity's own file or as a URL. */
export const SCORE_ANNOTATION = 'paved.dev/score';

export interface ScoreSource {
  text: string;
  /** Where it came from, for error messages and the workload record. */
  location: string;
  entityRef?: string;
}

/** Finds a catalog entity's score.yaml: through the URL reader, or next to a file the catalog read. */
export class WorkloadSource {
  constructor(
    private readonly catalog: CatalogService,
    private readonly urlReader: UrlReaderService,
  ) {}

  async forEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ScoreSource> {
    const entity = await this.entity(entityRef, credentials);
    const score = entity.metadata.annotations?.[SCORE_ANNOTATION];
    if (!score) {
      throw new InputError(
        `${stringifyEntityRef(
          entity,
        )} has no ${SCORE_ANNOTATION} annotation naming its score.yaml`,
      );
    }
    return this.read(entity, score, SCORE_ANNOTATION);
  }

  /**
   * A golden-path template's score.yaml, e.g. `./skeleton/score.yaml`, for
   * the plan shown before the template creates anything.
   */
  async forTemplate(
    templateRef: string,
    path: string,
    credentials: BackstageCredentials,
  ): Promise<ScoreSource> {
    const entity = await this.entity(templateRef, credentials);
    if (entity.kind !== 'Template') {
      throw new InputError(
        `${stringifyEntityRef(entity)} is a ${entity.kind}, not a Template`,
      );
    }
    return this.read(entity, path, 'the template score path');
  }

  private async entity(entityRef: string, credentials: BackstageCredentials) {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No catalog entity ${entityRef}`);
    return entity;
  }

  /** Reads `score` relative to the entity's own file (or URL), never outside its folder. */
  private async read(
    entity: Entity,
    score: string,
    what: string,
  ): Promise<ScoreSource> {
    const ref = stringifyEntityRef(entity);
    const origin = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    const base = origin ? parseLocationRef(origin) : undefined;
    if (/^https?:\/\//.test(score) || base?.type === 'url') {
      const url = new URL(score, base?.target).toString();
      const response = await this.urlReader.readUrl(url);
      return {
        text: (await response.buffer()).toString('utf8'),
        location: `url:${url}`,
        entityRef: ref,
      };
    }
    if (base?.type !== 'file') {
      throw new InputError(
        `${ref}: ${what} "${score}" is relative, but the entity was not read from a file or URL`,
      );
    }
    // Only files next to (or below) the entity's own file: the path cannot read the backend's disk.
    const folder = dirname(
      base.target.startsWith('file:')
        ? fileURLToPath(base.target)
        : base.target,
    );
    const path = resolve(folder, score);
    if (!path.startsWith(folder + sep)) {
      throw new InputError(
        `${ref}: ${what} "${score}" points outside the entity's folder`,
      );
    }
    try {
      return {
        text: await readFile(path, 'utf8'),
        location: `file:${path}`,
        entityRef: ref,
      };
    } catch {
      throw new NotFoundError(
        `${ref}: ${what} names ${path}, which cannot be read`,
      );
    }
  }
}
