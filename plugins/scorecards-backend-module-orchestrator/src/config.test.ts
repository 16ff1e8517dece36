import { mockServices } from '@backstage/backend-test-utils';
import { readOrchestratorFactsConfig } from './config';
import { DEFAULT_GUARDRAIL_POLICIES } from './guardrailFacts';

const read = (policies?: object) =>
  readOrchestratorFactsConfig(
    mockServices.rootConfig({
      data: policies
        ? { scorecards: { sources: { orchestrator: { policies } } } }
        : {},
    }),
  );

describe('readOrchestratorFactsConfig', () => {
  it('maps the policies platform/policies ships when nothing is configured', () => {
    expect(read()).toEqual({ policies: DEFAULT_GUARDRAIL_POLICIES });
    expect(DEFAULT_GUARDRAIL_POLICIES).toEqual({
      podSecurityRestricted: ['pss-baseline', 'pss-restricted'],
      resourceLimitsSet: ['require-resources'],
      databaseBackups: ['backup-retention'],
      costWithinBudget: [
        'monthly-budget',
        'production-cost-approval',
        'ephemeral-cost-cap',
        'cost-currency',
      ],
    });
  });

  it('replaces the lists a platform team configures and keeps the others', () => {
    expect(
      read({ databaseBackups: ['backup-retention', 'bucket-versioning'] })
        .policies,
    ).toEqual({
      ...DEFAULT_GUARDRAIL_POLICIES,
      databaseBackups: ['backup-retention', 'bucket-versioning'],
    });
  });

  it('refuses a fact it does not know, naming the ones it does', () => {
    expect(() => read({ podSecurity: ['pss-restricted'] })).toThrow(
      'scorecards.sources.orchestrator.policies has no fact podSecurity; the facts decided by policies are podSecurityRestricted, resourceLimitsSet, databaseBackups, costWithinBudget',
    );
  });

  it('refuses a list that is not of names', () => {
    expect(() => read({ resourceLimitsSet: 'require-resources' })).toThrow(
      /resourceLimitsSet/,
    );
  });
});
