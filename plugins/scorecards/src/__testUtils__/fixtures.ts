import type {
  CheckResult,
  EntityScorecards,
  FactSet,
  LevelHistoryPoint,
  OverviewRow,
  Scorecard,
  ScorecardResult,
} from '@paved/plugin-scorecards-common';

export const ENTITY_REF = 'component:default/checkout-service';

/** Three levels over four sources; silver reads a stale source. */
export const productionReadiness: Scorecard = {
  id: 'production-readiness',
  title: 'Production readiness',
  description: 'What a service needs before it takes production traffic.',
  appliesTo: { kind: ['Component'] },
  levels: [
    {
      name: 'bronze',
      checks: [
        {
          id: 'owner-is-group',
          title: 'Owned by a group',
          description: 'spec.owner names a group that exists.',
          fix: 'Set spec.owner to an existing group.',
          expression: 'catalog.ownerIsGroup',
        },
      ],
    },
    {
      name: 'silver',
      title: 'Silver',
      checks: [
        {
          id: 'docs-built',
          title: 'Docs are built',
          description: 'The TechDocs site exists.',
          fix: 'Add mkdocs.yml and the backstage.io/techdocs-ref annotation.',
          expression: 'techdocs.built',
        },
        {
          id: 'ci-workflow',
          title: 'Has a CI workflow',
          fix: 'Add a workflow under .github/workflows/.',
          expression: 'repository.hasCiWorkflow',
        },
      ],
    },
    {
      name: 'gold',
      checks: [
        {
          id: 'enough-docs',
          title: 'At least five pages of docs',
          fix: 'Write more docs.',
          expression: 'techdocs.pageCount',
          threshold: { operator: '>=', value: 5 },
        },
      ],
    },
  ],
};

export const security: Scorecard = {
  id: 'security',
  title: 'Security',
  appliesTo: {},
  levels: [
    {
      name: 'bronze',
      checks: [
        {
          id: 'restricted-pods',
          title: 'Pods run restricted',
          fix: 'Drop privileges in score.yaml.',
          expression: 'orchestrator.podSecurityRestricted',
        },
      ],
    },
    {
      name: 'silver',
      checks: [
        {
          id: 'backups',
          title: 'Databases are backed up',
          expression: 'orchestrator.databaseBackups',
        },
      ],
    },
  ],
};

export const STALE_REASON =
  'repository facts are stale: 404 reading https://github.com/acme/checkout/tree/main/';

const check = (
  id: string,
  level: string,
  outcome: CheckResult['outcome'],
  facts: string[],
  extra: Partial<CheckResult> = {},
): CheckResult => ({ check: id, level, outcome, facts, ...extra });

/** Bronze reached; silver has a failing check and an unknown one; gold fails. */
export const readinessResult = (
  overrides: Partial<ScorecardResult> = {},
): ScorecardResult => ({
  entityRef: ENTITY_REF,
  scorecard: 'production-readiness',
  level: 'bronze',
  nextLevel: 'silver',
  checks: [
    check('owner-is-group', 'bronze', 'pass', ['catalog.ownerIsGroup'], {
      value: true,
    }),
    check('docs-built', 'silver', 'fail', ['techdocs.built'], {
      value: false,
    }),
    check('ci-workflow', 'silver', 'unknown', ['repository.hasCiWorkflow'], {
      reason: STALE_REASON,
    }),
    check('enough-docs', 'gold', 'fail', ['techdocs.pageCount'], { value: 0 }),
  ],
  evaluatedAt: '2026-11-20T10:00:00.000Z',
  ...overrides,
});

export const securityResult = (
  overrides: Partial<ScorecardResult> = {},
): ScorecardResult => ({
  entityRef: ENTITY_REF,
  scorecard: 'security',
  level: null,
  nextLevel: 'bronze',
  checks: [
    check('restricted-pods', 'bronze', 'fail', [
      'orchestrator.podSecurityRestricted',
    ]),
    check('backups', 'silver', 'pass', ['orchestrator.databaseBackups']),
  ],
  evaluatedAt: '2026-11-20T10:00:00.000Z',
  ...overrides,
});

export const factSets = (): FactSet[] => [
  {
    source: 'catalog',
    entityRef: ENTITY_REF,
    facts: { ownerIsGroup: true, hasDescription: false },
    observedAt: '2026-11-20T09:59:00.000Z',
  },
  {
    source: 'techdocs',
    entityRef: ENTITY_REF,
    facts: { built: false, pageCount: 0 },
    observedAt: '2026-11-20T09:59:00.000Z',
  },
  {
    source: 'repository',
    entityRef: ENTITY_REF,
    facts: { hasCiWorkflow: true },
    observedAt: '2026-11-18T08:00:00.000Z',
    stale: {
      error: '404 reading https://github.com/acme/checkout/tree/main/',
      since: '2026-11-19T08:00:00.000Z',
    },
  },
  {
    source: 'orchestrator',
    entityRef: ENTITY_REF,
    facts: { podSecurityRestricted: false, databaseBackups: true },
    observedAt: '2026-11-20T09:59:00.000Z',
  },
];

export const entityScorecards = (
  overrides: Partial<EntityScorecards> = {},
): EntityScorecards => ({
  entityRef: ENTITY_REF,
  results: [readinessResult(), securityResult()],
  facts: factSets(),
  ...overrides,
});

export const historyPoint = (
  level: string | null,
  evaluatedAt: string,
): LevelHistoryPoint => ({
  level,
  passed: 1,
  failed: 1,
  unknown: 0,
  evaluatedAt,
});

export const overviewRow = (
  name: string,
  overrides: Partial<OverviewRow> = {},
): OverviewRow => ({
  entityRef: `component:default/${name}`,
  kind: 'Component',
  owner: 'group:default/payments',
  system: 'system:default/checkout',
  levels: { 'production-readiness': 'bronze', security: null },
  evaluatedAt: '2026-11-20T10:00:00.000Z',
  ...overrides,
});
