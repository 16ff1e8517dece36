import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { Inventory } from '@paved/plugin-orchestrator-common';

export type { Inventory };
import { createHash } from 'node:crypto';

/** What the provider knows of a workload's catalog entity, to give its resources an owner and system. */
export interface OwnerInfo {
  owner: string;
  system?: string;
}

const LOCATION = 'paved-orchestrator:inventory';
const DEFAULT_OWNER = 'group:default/platform';

/** A DNS label no longer than 63 characters: long names keep a hash of the whole. */
function entityName(...parts: string[]): string {
  const name = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-');
  if (name.length <= 63) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 54).replace(/-+$/, '')}-${hash}`;
}

const annotations = (extra: Record<string, string>) => ({
  [ANNOTATION_LOCATION]: LOCATION,
  [ANNOTATION_ORIGIN_LOCATION]: LOCATION,
  ...extra,
});

export const environmentEntityRef = (environment: string) =>
  stringifyEntityRef({
    kind: 'Resource',
    namespace: 'default',
    name: entityName('environment', environment),
  });

/**
 * Environments become Resources of type `environment`; what workloads
 * provisioned in them (a staging Postgres) becomes a Resource of its type,
 * owned like its component, which depends on it.
 */
export function inventoryEntities(
  inventory: Inventory,
  owners: ReadonlyMap<string, OwnerInfo>,
): Entity[] {
  const entities: Entity[] = inventory.environments.map(environment => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: entityName('environment', environment.name),
      title: `Environment ${environment.name}`,
      description:
        environment.type === 'ephemeral'
          ? `Ephemeral environment made from ${environment.template}${
              environment.expiresAt ? `, expires ${environment.expiresAt}` : ''
            }`
          : `The ${environment.type} environment`,
      annotations: annotations({
        'paved.dev/environment': environment.name,
        ...(environment.expiresAt && {
          'paved.dev/expires-at': environment.expiresAt,
        }),
      }),
      labels: { 'paved.dev/environment-type': environment.type },
    },
    spec: {
      type: 'environment',
      owner: environment.owner ?? DEFAULT_OWNER,
    },
  }));
  for (const running of inventory.running) {
    const owner =
      (running.entityRef && owners.get(running.entityRef)) || undefined;
    for (const resource of running.resources) {
      if (['route', 'dns', 'service-port'].includes(resource.type)) continue;
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: entityName(
            running.workload,
            resource.name,
            running.environment,
          ),
          title: `${running.workload} ${resource.name} (${resource.type}, ${running.environment})`,
          description: `${resource.type} of class ${resource.class} provisioned by Paved for ${running.workload} in ${running.environment} (definition ${resource.definition}, revision ${running.revision})`,
          annotations: annotations({
            'paved.dev/environment': running.environment,
            'paved.dev/workload': running.workload,
            'paved.dev/resource-id': resource.id,
            'paved.dev/deployment': running.deploymentId,
          }),
          labels: { 'paved.dev/resource-type': resource.type },
        },
        spec: {
          type: resource.type,
          owner: owner?.owner ?? DEFAULT_OWNER,
          ...(owner?.system && { system: owner.system }),
          dependsOn: [environmentEntityRef(running.environment)],
          ...(running.entityRef && { dependencyOf: [running.entityRef] }),
        },
      });
    }
  }
  return entities;
}
