import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ForwardedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  FactDefinition,
  FactValue,
} from '@paved/plugin-scorecards-common';
import type { FactSource } from '@paved/plugin-scorecards-node';
import { apiDefinitionProblem } from './apiDefinitions';

export const CATALOG_FACTS = {
  ownerIsGroup: {
    type: 'boolean',
    description: 'spec.owner names a Group that exists in the catalog',
  },
  hasDescription: {
    type: 'boolean',
    description: 'metadata.description is set and not blank',
  },
  hasSystem: {
    type: 'boolean',
    description: 'spec.system names a System that exists in the catalog',
  },
  lifecycle: {
    type: 'string',
    description:
      'spec.lifecycle (production, experimental, ...); null when none',
  },
  linkCount: {
    type: 'number',
    description: 'How many metadata.links the entity has',
  },
  apiCount: {
    type: 'number',
    description:
      'For a Component the APIs it provides (spec.providesApis), for an API 1',
  },
  apiDefinitionsValid: {
    type: 'boolean',
    description:
      'Every API counted in apiCount exists and has a valid definition (OpenAPI validated against its specification); true when there are none',
  },
  hasOnCall: {
    type: 'boolean',
    description:
      'An on-call annotation: pagerduty.com/service-id, opsgenie.com/component-selector or paved.dev/on-call',
  },
  hasRunbook: {
    type: 'boolean',
    description:
      'A paved.dev/runbook annotation, or a link whose type or title mentions a runbook',
  },
} satisfies Record<string, FactDefinition>;

export type CatalogFacts = Record<keyof typeof CATALOG_FACTS, FactValue>;

const ON_CALL_ANNOTATIONS = [
  'pagerduty.com/service-id',
  'opsgenie.com/component-selector',
  'paved.dev/on-call',
];
const RUNBOOK_ANNOTATION = 'paved.dev/runbook';

// The lookups only need to know what an entity is and, for APIs, its definition.
const LOOKUP_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.type',
  'spec.definition',
];

function nonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** A reference as written in the entity's spec; undefined when it is not one. */
function refOf(
  value: unknown,
  defaultKind: string,
  entity: Entity,
): CompoundEntityRef | undefined {
  if (!nonBlank(value)) return undefined;
  try {
    return parseEntityRef(value, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
  } catch {
    return undefined;
  }
}

function hasRunbook(entity: Entity): boolean {
  if (nonBlank(entity.metadata.annotations?.[RUNBOOK_ANNOTATION])) return true;
  return (entity.metadata.links ?? []).some(link =>
    [link.type, link.title].some(text => /runbook/i.test(text ?? '')),
  );
}

/** The APIs whose definitions count for the entity: the ones a Component provides. */
function providedApis(entity: Entity): Array<CompoundEntityRef | undefined> {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind !== 'component') return [];
  const written = entity.spec?.providesApis;
  const refs = Array.isArray(written) ? written : [];
  const unique = new Map<string, CompoundEntityRef | undefined>();
  for (const value of refs) {
    const ref = refOf(value, 'api', entity);
    unique.set(ref ? stringifyEntityRef(ref) : `invalid:${value}`, ref);
  }
  return [...unique.values()];
}

/**
 * The catalog's own facts about an entity: who owns it, what it belongs to,
 * its APIs and how to reach its on-call. Owner, system and provided APIs are
 * looked up in one catalog request per entity, never cached between calls,
 * so a group or API removed since the last run is noticed.
 */
export function createCatalogFactSource(options: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): FactSource {
  const { catalog, auth, logger } = options;

  async function lookUp(refs: CompoundEntityRef[], entityRef: string) {
    const found = new Map<string, Entity>();
    if (refs.length === 0) return found;
    const entityRefs = [...new Set(refs.map(ref => stringifyEntityRef(ref)))];
    try {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs, fields: LOOKUP_FIELDS },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      items.forEach((item, index) => {
        if (item) found.set(entityRefs[index], item);
      });
    } catch (error) {
      throw new ForwardedError(
        `Could not look up the owner, system and APIs of ${entityRef} in the catalog`,
        error,
      );
    }
    return found;
  }

  async function definitionsValid(
    apis: Array<{ ref: string; entity?: Entity }>,
  ): Promise<boolean> {
    const problems = await Promise.all(
      apis.map(async ({ entity }) =>
        entity
          ? apiDefinitionProblem(entity.spec?.type, entity.spec?.definition)
          : 'not in the catalog',
      ),
    );
    problems.forEach((problem, index) => {
      if (problem) logger.debug(`${apis[index].ref}: ${problem}`);
    });
    return problems.every(problem => problem === undefined);
  }

  return {
    id: 'catalog',
    title: 'Catalog',
    facts: CATALOG_FACTS,
    async collect(entity: Entity): Promise<CatalogFacts> {
      const entityRef = stringifyEntityRef(entity);
      const owner = refOf(entity.spec?.owner, 'group', entity);
      const system = refOf(entity.spec?.system, 'system', entity);
      const isApi = entity.kind.toLocaleLowerCase('en-US') === 'api';
      const provided = providedApis(entity);

      const found = await lookUp(
        [
          ...(owner?.kind === 'group' ? [owner] : []),
          ...(system?.kind === 'system' ? [system] : []),
          ...provided.filter((ref): ref is CompoundEntityRef => !!ref),
        ],
        entityRef,
      );
      const exists = (ref: CompoundEntityRef | undefined) =>
        ref ? found.get(stringifyEntityRef(ref)) : undefined;

      const apis = isApi
        ? [{ ref: entityRef, entity }]
        : provided.map(ref => ({
            ref: ref ? stringifyEntityRef(ref) : 'an invalid reference',
            entity: exists(ref),
          }));
      const lifecycle = entity.spec?.lifecycle;
      const annotations = entity.metadata.annotations ?? {};

      return {
        ownerIsGroup: owner?.kind === 'group' && !!exists(owner),
        hasDescription: nonBlank(entity.metadata.description),
        hasSystem: system?.kind === 'system' && !!exists(system),
        lifecycle: nonBlank(lifecycle) ? lifecycle : null,
        linkCount: entity.metadata.links?.length ?? 0,
        apiCount: apis.length,
        apiDefinitionsValid: await definitionsValid(apis),
        hasOnCall: ON_CALL_ANNOTATIONS.some(name =>
          nonBlank(annotations[name]),
        ),
        hasRunbook: hasRunbook(entity),
      };
    },
  };
}
