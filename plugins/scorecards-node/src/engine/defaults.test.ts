import type { FactSet } from '@paved/plugin-scorecards-common';
import { resolve } from 'node:path';
import { declaredFactSources } from '../__fixtures__/factSources';
import { evaluateScorecards } from './evaluate';
import { loadScorecards, readScorecardFiles } from './load';

const shipped = resolve(__dirname, '../../../../platform/scorecards');

describe('the scorecards shipped in platform/scorecards', () => {
  it('load against the facts the four sources declare', async () => {
    const files = await readScorecardFiles(shipped);
    expect(files.map(f => f.path)).toEqual([
      'documentation.yaml',
      'production-readiness.yaml',
      'security.yaml',
    ]);
    const scorecards = loadScorecards(files, declaredFactSources);
    expect(
      scorecards.map(s => [
        s.id,
        s.program.levels.map(l => `${l.name}:${l.checks.length}`).join(' '),
      ]),
    ).toEqual([
      ['documentation', 'bronze:2 silver:3 gold:3'],
      ['production-readiness', 'bronze:3 silver:4 gold:5'],
      ['security', 'bronze:2 silver:2 gold:2'],
    ]);
    for (const scorecard of scorecards) {
      for (const level of scorecard.levels) {
        expect(level.title).toBeTruthy();
        for (const check of level.checks) {
          expect([check.id, check.description, check.fix]).toEqual([
            check.id,
            expect.stringMatching(/\S/),
            expect.stringMatching(/\S/),
          ]);
        }
      }
    }
  });

  it('give a service with every fact in order gold, and one with none no level', async () => {
    const scorecards = loadScorecards(
      await readScorecardFiles(shipped),
      declaredFactSources,
    );
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout' },
      spec: { type: 'service', owner: 'group:storefront' },
    };
    const facts = (value: boolean): FactSet[] => [
      {
        source: 'catalog',
        entityRef: 'component:default/checkout',
        observedAt: '2026-11-27T10:00:00Z',
        facts: {
          ownerIsGroup: value,
          hasDescription: value,
          hasSystem: value,
          lifecycle: 'production',
          linkCount: value ? 2 : 0,
          apiCount: 1,
          apiDefinitionsValid: value,
          hasOnCall: value,
          hasRunbook: value,
        },
      },
      {
        source: 'techdocs',
        entityRef: 'component:default/checkout',
        observedAt: '2026-11-27T10:00:00Z',
        facts: {
          present: value,
          built: value,
          pageCount: value ? 5 : 0,
          lastUpdated: value ? '2026-11-20T10:00:00Z' : null,
          daysSinceUpdate: value ? 7 : null,
        },
      },
      {
        source: 'repository',
        entityRef: 'component:default/checkout',
        observedAt: '2026-11-27T10:00:00Z',
        facts: {
          hasReadme: value,
          hasCodeowners: value,
          hasCiWorkflow: value,
          hasTests: value,
        },
      },
      {
        source: 'orchestrator',
        entityRef: 'component:default/checkout',
        observedAt: '2026-11-27T10:00:00Z',
        facts: {
          managed: value,
          deployedToProduction: value,
          latestDeploymentState: value ? 'delivered' : 'failed',
          podSecurityRestricted: value,
          resourceLimitsSet: value,
          databaseBackups: value,
          costWithinBudget: value,
          monthlyCost: 120.5,
        },
      },
    ];
    const levels = (value: boolean) =>
      evaluateScorecards(scorecards, entity, facts(value), 'now').map(r => [
        r.scorecard,
        r.level,
        r.checks.filter(c => c.outcome !== (value ? 'pass' : 'fail')),
      ]);
    expect(levels(true)).toEqual([
      ['documentation', 'gold', []],
      ['production-readiness', 'gold', []],
      ['security', 'gold', []],
    ]);
    // Never built: no last update, so that check is unknown rather than failed.
    expect(levels(false)).toEqual([
      [
        'documentation',
        null,
        [
          expect.objectContaining({
            check: 'docs-recently-updated',
            outcome: 'unknown',
            reason: 'techdocs.daysSinceUpdate has no value',
          }),
        ],
      ],
      ['production-readiness', null, []],
      ['security', null, []],
    ]);
  });
});
