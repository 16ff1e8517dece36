import type { GuardrailVerdict, Plan } from '@paved/plugin-orchestrator-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_GUARDRAIL_POLICIES, planFacts } from './guardrailFacts';

const POLICIES_DIR = resolve(__dirname, '../../../platform/policies');

const verdict = (
  policy: string,
  action: GuardrailVerdict['action'],
  kind = 'Deployment',
): GuardrailVerdict => ({
  policy,
  validation: 'validations[0]',
  kind,
  namespace: 'checkout-production',
  name: 'checkout',
  result: 'fail',
  action,
  message: `${policy} failed`,
});

const plan = (
  verdicts: GuardrailVerdict[],
  perMonth: Plan['cost']['perMonth'] = [{ amount: 290, currency: 'USD' }],
): Plan => ({
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'Plan',
  workload: 'checkout',
  environment: { name: 'production', type: 'production' },
  namespace: 'checkout-production',
  artifacts: [],
  resources: [],
  cost: { perMonth },
  warnings: [],
  verdicts,
  hash: 'f'.repeat(64),
});

const facts = (p: Plan) => planFacts(p, DEFAULT_GUARDRAIL_POLICIES);

describe('planFacts', () => {
  it('holds every verdict fact when no policy of its concern fired', () => {
    expect(facts(plan([verdict('require-probes', 'warn')]))).toEqual({
      podSecurityRestricted: true,
      resourceLimitsSet: true,
      databaseBackups: true,
      costWithinBudget: true,
      monthlyCost: 290,
    });
  });

  it.each([
    ['pss-restricted', 'warn', 'podSecurityRestricted'],
    ['pss-baseline', 'deny', 'podSecurityRestricted'],
    ['require-resources', 'warn', 'resourceLimitsSet'],
    ['backup-retention', 'deny', 'databaseBackups'],
    ['production-cost-approval', 'require-approval', 'costWithinBudget'],
    ['monthly-budget', 'deny', 'costWithinBudget'],
    ['ephemeral-cost-cap', 'deny', 'costWithinBudget'],
    ['cost-currency', 'warn', 'costWithinBudget'],
  ] as const)('%s (%s) makes %s false, and only it', (policy, action, fact) => {
    const result = facts(plan([verdict(policy, action)]));
    expect(result[fact]).toBe(false);
    const others = Object.entries(result).filter(
      ([name]) => name !== fact && name !== 'monthlyCost',
    );
    expect(others.every(([, value]) => value === true)).toBe(true);
  });

  it('does not count an audit verdict, which asks nothing of anyone', () => {
    expect(facts(plan([verdict('pss-restricted', 'audit')]))).toMatchObject({
      podSecurityRestricted: true,
    });
  });

  it('counts a policy that failed to evaluate as fired', () => {
    expect(
      facts(
        plan([{ ...verdict('require-resources', 'deny'), result: 'error' }]),
      ),
    ).toMatchObject({ resourceLimitsSet: false });
  });

  it('reads the policies a platform configured instead of the shipped ones', () => {
    const policies = {
      ...DEFAULT_GUARDRAIL_POLICIES,
      databaseBackups: ['northwind-backups'],
    };
    expect(
      planFacts(plan([verdict('northwind-backups', 'warn')]), policies)
        .databaseBackups,
    ).toBe(false);
    expect(
      planFacts(plan([verdict('backup-retention', 'warn')]), policies)
        .databaseBackups,
    ).toBe(true);
  });

  it('costs nothing without priced resources, and cannot add currencies', () => {
    expect(facts(plan([], [])).monthlyCost).toBe(0);
    expect(
      facts(
        plan(
          [],
          [
            { amount: 35, currency: 'EUR' },
            { amount: 290, currency: 'USD' },
          ],
        ),
      ).monthlyCost,
    ).toBeNull();
  });

  it('maps by default only policies platform/policies defines', () => {
    const defined = readdirSync(POLICIES_DIR, { recursive: true })
      .map(String)
      .filter(file => file.endsWith('.yaml'))
      .flatMap(file =>
        [
          ...readFileSync(join(POLICIES_DIR, file), 'utf8').matchAll(
            /^kind: (?:ValidatingAdmissionPolicy|ValidatingPolicy|GuardrailPolicy)\nmetadata:\n\s+name: (\S+)/gm,
          ),
        ].map(match => match[1]),
      );
    for (const policy of Object.values(DEFAULT_GUARDRAIL_POLICIES).flat()) {
      expect(defined).toContain(policy);
    }
  });
});
