import type { Entity } from '@backstage/catalog-model';
import type {
  FactDefinition,
  FactValue,
} from '@paved/plugin-scorecards-common';
import type { FactSource } from '@paved/plugin-scorecards-node';

type Collect = (entity: Entity) => Promise<Record<string, FactValue>>;

/**
 * A fact source as a module would register one, whose answers the test
 * decides: `answer` changes what it says next, `calls` lists whom it was
 * asked about.
 */
export interface TestFactSource extends FactSource {
  calls: string[];
  answer(collect: Collect): void;
}

export function testFactSource(
  id: string,
  facts: Record<string, FactDefinition['type']>,
  collect: Collect,
  refreshOn?: FactSource['refreshOn'],
): TestFactSource {
  let current = collect;
  const source: TestFactSource = {
    id,
    title: `${id} facts`,
    facts: Object.fromEntries(
      Object.entries(facts).map(([name, type]) => [
        name,
        { type, description: `${name} from ${id}` },
      ]),
    ),
    calls: [],
    answer(next) {
      current = next;
    },
    async collect(entity) {
      source.calls.push(
        `${entity.kind.toLowerCase()}:${
          entity.metadata.namespace ?? 'default'
        }/${entity.metadata.name}`,
      );
      return current(entity);
    },
    ...(refreshOn && { refreshOn }),
  };
  return source;
}

/** A catalog Component as the tests' catalog holds it. */
export function component(
  name: string,
  options: {
    description?: string;
    owner?: string;
    system?: string;
    type?: string;
    etag?: string;
    title?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      etag: options.etag ?? 'etag-1',
      ...(options.title && { title: options.title }),
      ...(options.description && { description: options.description }),
    },
    spec: {
      type: options.type ?? 'service',
      lifecycle: 'production',
      owner: options.owner ?? 'payments',
      ...(options.system && { system: options.system }),
    },
  };
}
