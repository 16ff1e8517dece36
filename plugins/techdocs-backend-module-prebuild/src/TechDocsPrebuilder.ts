import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import { TECHDOCS_ANNOTATION } from '@backstage/plugin-techdocs-common';
import { TECHDOCS_BUILT_TOPIC, TechDocsBuiltEventPayload } from './events';

export interface PrebuildResult {
  /** Entities whose docs are now current (built now, or already up to date). */
  current: string[];
  /** Of those, the entities whose site this run built or updated. */
  built: string[];
  /** Entities whose build failed, with the builder's message. */
  failed: Array<{ entityRef: string; message: string }>;
}

/**
 * Asks the TechDocs backend to sync the docs of every entity that has them.
 *
 * It goes through TechDocs' own `/sync` endpoint, the one the reader calls, so
 * preparing, generating, publishing and the "is it stale?" check stay TechDocs'
 * business and behave exactly as they would on a reader's first visit.
 */
export class TechDocsPrebuilder {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      discovery: DiscoveryService;
      logger: LoggerService;
      events: EventsService;
    },
  ) {}

  async buildAll(): Promise<PrebuildResult> {
    const { catalog, auth, logger } = this.deps;
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${TECHDOCS_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );

    const result: PrebuildResult = { current: [], built: [], failed: [] };
    // One at a time: each build runs mkdocs, and readers share the machine.
    for (const entity of items) {
      const ref: CompoundEntityRef = {
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      };
      const entityRef = stringifyEntityRef(ref);
      let updated: boolean;
      try {
        updated = await this.sync(ref);
      } catch (error) {
        const message = (error as Error).message;
        logger.warn(`TechDocs for ${entityRef} could not be built: ${message}`);
        result.failed.push({ entityRef, message });
        continue;
      }
      result.current.push(entityRef);
      if (updated) {
        result.built.push(entityRef);
        await this.announceBuilt(entityRef);
      }
    }
    logger.info(
      `TechDocs prebuild: ${result.current.length} current (${result.built.length} built), ${result.failed.length} failed`,
    );
    return result;
  }

  /** The docs are built either way: a subscriber missing the news only learns at its next full run. */
  private async announceBuilt(entityRef: string): Promise<void> {
    const eventPayload: TechDocsBuiltEventPayload = { entityRef };
    try {
      await this.deps.events.publish({
        topic: TECHDOCS_BUILT_TOPIC,
        eventPayload,
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not publish ${TECHDOCS_BUILT_TOPIC} for ${entityRef}: ${
          (error as Error).message
        }`,
      );
    }
  }

  /**
   * Whether TechDocs built or updated the site. Its `finish` event says
   * `updated: false` when it did not: it checked this entity within the last
   * minute, the source is unchanged since the stored build (same etag), or
   * it does not build docs itself (`techdocs.builder: external`).
   */
  private async sync(ref: CompoundEntityRef): Promise<boolean> {
    const { auth, discovery } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'techdocs',
    });
    const path = [ref.namespace, ref.kind, ref.name]
      .map(encodeURIComponent)
      .join('/');
    const response = await fetch(
      `${await discovery.getBaseUrl('techdocs')}/sync/${path}`,
      {
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'text/event-stream',
        },
      },
    );
    if (!response.ok) {
      throw new Error(
        `${response.status} ${response.statusText}: ${await response.text()}`,
      );
    }
    const events = parseEventStream(await response.text());
    const failure = events.find(event => event.type === 'error');
    if (failure) {
      throw new Error(String(failure.data));
    }
    const finish = events.find(event => event.type === 'finish');
    if (!finish) {
      throw new Error(
        'the TechDocs backend ended the sync without finishing it',
      );
    }
    return (finish.data as { updated?: unknown } | null)?.updated === true;
  }
}

/** The `event:`/`data:` blocks of a text/event-stream body (TechDocs sends JSON data). */
export function parseEventStream(
  body: string,
): Array<{ type: string; data: unknown }> {
  return body
    .split(/\n\n+/)
    .map(block => {
      const field = (name: string) =>
        block
          .split('\n')
          .find(line => line.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trim();
      const data = field('data');
      return {
        type: field('event') ?? 'message',
        data: data ? JSON.parse(data) : undefined,
      };
    })
    .filter(event => event.data !== undefined);
}
