/**
 * The scorecards benchmark's inputs: a synthetic scorecard, and entities with
 * their facts already collected, generated from a fixed seed so every run
 * evaluates the same thing.
 */
import type { Entity } from '@backstage/catalog-model';
import type { FactSet, FactValue } from '@paved/plugin-scorecards-common';

/**
 * Six checks on APIs and websites: with the shipped scorecards, a service gets
 * 26 checks (production readiness 12, documentation 8, security 6), a website
 * 20 (documentation, security, this) and an API 14 (documentation, this).
 */
export const SYNTHETIC_SCORECARD = `apiVersion: paved.dev/v1alpha1
kind: Scorecard
metadata:
  name: bench-ownership
  title: Ownership (benchmark)
spec:
  appliesTo:
    kind: [API, Component]
    type: [openapi, asyncapi, grpc, website]
  levels:
    - name: bronze
      checks:
        - id: owned
          title: Owned by a team
          expression: catalog.ownerIsGroup && catalog.hasDescription
        - id: in-a-system
          title: Part of a system
          expression: catalog.hasSystem || catalog.lifecycle == 'experimental'
    - name: silver
      checks:
        - id: known-lifecycle
          title: A known lifecycle
          expression: catalog.lifecycle in ['experimental', 'production', 'deprecated']
        - id: fresh-docs
          title: Docs built in the last year
          expression: 'techdocs.built ? techdocs.daysSinceUpdate : 9999'
          threshold: { operator: '<=', value: 365 }
    - name: gold
      checks:
        - id: reviewed
          title: Reviewed changes
          expression: repository.hasCodeowners && repository.hasCiWorkflow
        - id: linked
          title: Linked and defined
          expression: catalog.linkCount + catalog.apiCount
          threshold: { operator: '>=', value: 2 }
`;

/** mulberry32: small, fast and deterministic. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchEntity {
  entity: Entity;
  facts: FactSet[];
}

export interface Mix {
  services: number;
  websites: number;
  apis: number;
}

/** How often the generated facts are not simply there (per entity). */
export const VARIETY = {
  repositoryStale: 0.05,
  techdocsMissing: 0.03,
  orchestratorStale: 0.02,
  neverPlanned: 0.15,
  notBuilt: 0.2,
};

const LIFECYCLES = ['production', 'production', 'experimental', 'deprecated'];
const API_TYPES = ['openapi', 'openapi', 'asyncapi', 'grpc'];
const STATES = ['delivered', 'delivered', 'delivered', 'failed', 'rejected'];

export function benchEntities(mix: Mix, seed = 42): BenchEntity[] {
  const next = random(seed);
  const chance = (p: number) => next() < p;
  const pick = <T>(values: readonly T[]) =>
    values[Math.floor(next() * values.length)];
  const observedAt = '2026-11-27T10:00:00.000Z';
  const kinds = [
    ...Array<'service'>(mix.services).fill('service'),
    ...Array<'website'>(mix.websites).fill('website'),
    ...Array<'api'>(mix.apis).fill('api'),
  ];
  return kinds.map((what, i) => {
    const name = `${what}-${i}`;
    const isApi = what === 'api';
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: isApi ? 'API' : 'Component',
      metadata: { name, description: `The ${name}` },
      spec: {
        type: isApi ? pick(API_TYPES) : what,
        lifecycle: pick(LIFECYCLES),
        owner: `group:team-${i % 40}`,
        system: `system-${i % 25}`,
      },
    };
    const entityRef = `${entity.kind.toLowerCase()}:default/${name}`;
    const set = (
      source: string,
      facts: Record<string, FactValue>,
      stale?: boolean,
    ): FactSet => ({
      source,
      entityRef,
      facts,
      observedAt,
      ...(stale && {
        stale: {
          error: `503 from ${source} for ${entityRef}`,
          since: observedAt,
        },
      }),
    });
    const built = chance(1 - VARIETY.notBuilt);
    const days = Math.floor(next() * 400);
    const planned = !isApi && chance(1 - VARIETY.neverPlanned);
    const facts: FactSet[] = [
      set('catalog', {
        ownerIsGroup: chance(0.9),
        hasDescription: chance(0.85),
        hasSystem: chance(0.7),
        lifecycle: chance(0.95) ? (entity.spec!.lifecycle as string) : null,
        linkCount: Math.floor(next() * 4),
        apiCount: isApi ? 1 : Math.floor(next() * 3),
        apiDefinitionsValid: chance(0.8),
        hasOnCall: chance(0.5),
        hasRunbook: chance(0.4),
      }),
      set(
        'repository',
        {
          hasReadme: chance(0.9),
          hasCodeowners: chance(0.6),
          hasCiWorkflow: chance(0.8),
          hasTests: chance(0.7),
        },
        chance(VARIETY.repositoryStale),
      ),
      set(
        'orchestrator',
        {
          managed: planned,
          deployedToProduction: planned && chance(0.6),
          latestDeploymentState: planned ? pick(STATES) : null,
          podSecurityRestricted: planned ? chance(0.7) : null,
          resourceLimitsSet: planned ? chance(0.8) : null,
          databaseBackups: planned ? chance(0.9) : null,
          costWithinBudget: planned ? chance(0.85) : null,
          monthlyCost: planned ? Math.round(next() * 90000) / 100 : null,
        },
        chance(VARIETY.orchestratorStale),
      ),
    ];
    if (!chance(VARIETY.techdocsMissing)) {
      facts.push(
        set('techdocs', {
          present: built || chance(0.5),
          built,
          pageCount: built ? 1 + Math.floor(next() * 12) : 0,
          lastUpdated: built
            ? new Date(Date.parse(observedAt) - days * 86_400_000).toISOString()
            : null,
          daysSinceUpdate: built ? days : null,
        }),
      );
    }
    return { entity, facts };
  });
}
