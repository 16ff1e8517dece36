import type { Entity } from '@backstage/catalog-model';
import type { FactSet, FactValue } from '@paved/plugin-scorecards-common';
import { evaluateScorecards } from '../engine/evaluate';
import { loadScorecards } from '../engine/load';
import type { CompiledScorecard } from '../engine/types';
import { declaredFactSources } from './factSources';

/** Builders for evaluation tests: a Component, one scorecard from a short description, fact sets. */
export const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout' },
  spec: { type: 'service', owner: 'storefront' },
};

export type Check =
  | string
  | { expression: string; threshold: [string, number] };

/** One scorecard, applying to Components: level name -> its checks, named c0, c1, ... in order. */
export function scorecard(
  levels: Record<string, Check[]>,
): CompiledScorecard[] {
  let n = 0;
  const yaml = Object.entries(levels)
    .map(
      ([name, checks]) =>
        `    - name: ${name}\n      checks:\n${checks
          .map(check => {
            const { expression, threshold } =
              typeof check === 'string'
                ? { expression: check, threshold: undefined }
                : check;
            return `        - id: c${n++}\n          title: check\n          expression: ${JSON.stringify(
              expression,
            )}\n${
              threshold
                ? `          threshold: { operator: '${threshold[0]}', value: ${threshold[1]} }\n`
                : ''
            }`;
          })
          .join('')}`,
    )
    .join('');
  return loadScorecards(
    [
      {
        path: 'test.yaml',
        content: `apiVersion: paved.dev/v1alpha1\nkind: Scorecard\nmetadata: { name: test, title: Test }\nspec:\n  appliesTo: { kind: [Component] }\n  levels:\n${yaml}`,
      },
    ],
    declaredFactSources,
  );
}

export const facts = (
  source: string,
  values: Record<string, FactValue>,
  stale?: string,
): FactSet => ({
  source,
  entityRef: 'component:default/checkout',
  facts: values,
  observedAt: '2026-11-27T10:00:00Z',
  ...(stale && { stale: { error: stale, since: '2026-11-27T11:00:00Z' } }),
});

export const catalog = (values: Record<string, FactValue> = {}) =>
  facts('catalog', {
    ownerIsGroup: true,
    hasDescription: true,
    hasSystem: false,
    lifecycle: 'production',
    linkCount: 2,
    apiCount: 0,
    apiDefinitionsValid: true,
    hasOnCall: false,
    hasRunbook: true,
    ...values,
  });

export const techdocs = (values: Record<string, FactValue> = {}) =>
  facts('techdocs', {
    present: true,
    built: true,
    pageCount: 4,
    lastUpdated: '2026-11-01T00:00:00Z',
    daysSinceUpdate: 26,
    ...values,
  });

export const repositoryStale = facts(
  'repository',
  { hasReadme: true, hasCodeowners: true, hasCiWorkflow: true, hasTests: true },
  '404 reading https://git.example/checkout/README.md',
);

/** The single result of evaluating `cards` for the service over `sets`. */
export function evaluate(cards: CompiledScorecard[], sets: FactSet[]) {
  const results = evaluateScorecards(cards, service, sets, 'at');
  expect(results).toHaveLength(1);
  return results[0];
}

/** The one check of a one-check scorecard. */
export const only = (check: Check, sets: FactSet[]) =>
  evaluate(scorecard({ bronze: [check] }), sets).checks[0];
