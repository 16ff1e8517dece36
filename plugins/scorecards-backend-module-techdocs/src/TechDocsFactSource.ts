import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { TECHDOCS_ANNOTATION } from '@backstage/plugin-techdocs-common';
import type { FactValue } from '@paved/plugin-scorecards-common';
import type { FactSource } from '@paved/plugin-scorecards-node';
import { answerError } from '@paved/plugin-scorecards-node';
import {
  TECHDOCS_BUILT_TOPIC,
  TechDocsBuiltEventPayload,
} from '@paved/plugin-techdocs-backend-module-prebuild';
import { TECHDOCS_FACTS, TechDocsFactName } from './techdocsFacts';

export interface TechDocsFactSourceOptions {
  auth: AuthService;
  discovery: DiscoveryService;
  /** TechDocs' `techdocs.legacyUseCaseSensitiveTripletPaths`. */
  legacyPathCasing?: boolean;
  /** Now, for daysSinceUpdate. */
  now?: () => Date;
}

type TechDocsFacts = Record<TechDocsFactName, FactValue>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * TechDocs' generator writes `build_timestamp` with Date.now(); a value this
 * small can only be seconds (as other generators write it): in milliseconds
 * it would be a day in 1973.
 */
const SECONDS_BELOW = 1e11;

/**
 * The `techdocs` facts: whether an entity has docs, and whether and when
 * TechDocs built them. It reads what the TechDocs reader reads, the site's
 * `techdocs_metadata.json` through TechDocs' static-docs route, so it works
 * with any publisher TechDocs is configured with. Refreshed when the prebuild
 * module announces it built an entity's site.
 */
export function createTechDocsFactSource(
  options: TechDocsFactSourceOptions,
): FactSource {
  const now = options.now ?? (() => new Date());

  const metadataUrl = async (entity: Entity) => {
    const triplet = [
      entity.metadata.namespace ?? 'default',
      entity.kind,
      entity.metadata.name,
    ]
      .map(part => (options.legacyPathCasing ? part : part.toLowerCase()))
      .map(encodeURIComponent)
      .join('/');
    const base = await options.discovery.getBaseUrl('techdocs');
    return `${base}/static/docs/${triplet}/techdocs_metadata.json`;
  };

  /** The site's metadata, or undefined when TechDocs has no site for the entity. */
  const readMetadata = async (
    entity: Entity,
  ): Promise<Record<string, unknown> | undefined> => {
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: await options.auth.getOwnServiceCredentials(),
      targetPluginId: 'techdocs',
    });
    const response = await fetch(await metadataUrl(entity), {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status === 404) return undefined;
    const what = `TechDocs, asked for the site of ${stringifyEntityRef(
      entity,
    )},`;
    if (!response.ok) throw await answerError(what, response);
    const metadata = await response.json().catch(() => undefined);
    if (typeof metadata !== 'object' || metadata === null) {
      throw new Error(`${what} sent a techdocs_metadata.json that is not JSON`);
    }
    return metadata as Record<string, unknown>;
  };

  return {
    id: 'techdocs',
    title: 'TechDocs',
    facts: TECHDOCS_FACTS,
    refreshOn: { topics: [TECHDOCS_BUILT_TOPIC], entityRefs: builtEntityRefs },
    async collect(entity): Promise<TechDocsFacts> {
      const present = Boolean(
        entity.metadata.annotations?.[TECHDOCS_ANNOTATION],
      );
      const unbuilt: TechDocsFacts = {
        present,
        built: false,
        pageCount: 0,
        lastUpdated: null,
        daysSinceUpdate: null,
      };
      if (!present) return unbuilt;

      const metadata = await readMetadata(entity);
      if (!metadata) return unbuilt;
      const builtAt = buildTime(metadata.build_timestamp);
      return {
        present,
        built: true,
        pageCount: pageCount(metadata.files),
        lastUpdated: builtAt?.toISOString() ?? null,
        daysSinceUpdate: builtAt
          ? Math.max(
              0,
              Math.floor((now().getTime() - builtAt.getTime()) / DAY_MS),
            )
          : null,
      };
    },
  };
}

/**
 * The entity a `paved.techdocs.built` event names. A payload without one is a
 * publisher's bug: throwing has the scorecards backend log it with the topic.
 */
async function builtEntityRefs(payload: unknown): Promise<string[]> {
  const entityRef = (payload as Partial<TechDocsBuiltEventPayload> | null)
    ?.entityRef;
  if (typeof entityRef !== 'string' || entityRef === '') {
    throw new Error(
      `a ${TECHDOCS_BUILT_TOPIC} event names no entity: its payload ${JSON.stringify(
        payload,
      )} has no entityRef string`,
    );
  }
  return [entityRef];
}

function buildTime(timestamp: unknown): Date | undefined {
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    return undefined;
  }
  return new Date(timestamp < SECONDS_BELOW ? timestamp * 1000 : timestamp);
}

/** Pages are the site's HTML files; mkdocs' 404 page is not one a reader opens. */
function pageCount(files: unknown): number | null {
  if (!Array.isArray(files)) return null;
  return files
    .filter((file): file is string => typeof file === 'string')
    .map(file => file.replace(/\\/g, '/'))
    .filter(file => file.endsWith('.html') && file !== '404.html').length;
}
