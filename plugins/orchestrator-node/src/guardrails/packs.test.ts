import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateGuardrails, loadPolicies, readPolicyDirectory } from '.';
import type { PolicySet } from '.';
import { bestPracticesCases } from './__fixtures__/packs/bestPractices';
import {
  claim,
  environment,
  namespace,
  PackCase,
  planSummary,
  podObject,
} from './__fixtures__/packs/builders';
import { ciCases, costCases } from './__fixtures__/packs/costAndCi';
import { dataProtectionCases } from './__fixtures__/packs/dataProtection';
import { baselineCases } from './__fixtures__/packs/podSecurityBaseline';
import { restrictedCases } from './__fixtures__/packs/podSecurityRestricted';

// The policy packs the platform ships (platform/policies/): every validation of
// every policy, with an object that passes it and one that fails it.

const POLICIES = resolve(__dirname, '../../../../platform/policies');
let policies: PolicySet;
beforeAll(async () => {
  policies = await readPolicyDirectory(POLICIES);
});

const packs: Record<string, PackCase[]> = {
  'pod-security': [...baselineCases, ...restrictedCases],
  'best-practices': bestPracticesCases,
  'data-protection': dataProtectionCases,
  cost: costCases,
  ci: ciCases,
};
const allCases = Object.values(packs).flat();

/** The checks of the case's policy on the case's object. */
function checksOf(set: PolicySet, c: PackCase) {
  return evaluateGuardrails(set, c.input).filter(
    check =>
      check.policy === c.policy &&
      check.kind === c.subject.kind &&
      check.name === c.subject.name,
  );
}

describe.each(Object.entries(packs))('the %s pack', (_pack, cases) => {
  it.each(cases.map(c => [c.policy, c.validation, c.title, c] as const))(
    '%s validations[%i]: %s',
    (policyName, validation, _title, c) => {
      const policy = policies.policies.find(p => p.name === policyName);
      expect(policy).toBeDefined();
      const checks = checksOf(policies, c);
      const count = policy!.expressions.validations.length;
      // One check per validation: the case's object is matched, once.
      expect(checks.map(check => check.validation)).toEqual(
        Array.from({ length: count }, (_, i) => `validations[${i}]`),
      );
      const { result, action, message } = checks[validation];
      expect({ result, action, message }).toEqual({
        result: c.fails === undefined ? 'pass' : 'fail',
        action: c.action ?? 'deny',
        message: c.fails,
      });
      // The object fails nothing else of the policy but what the case says.
      const failing = checks.flatMap((check, i) =>
        check.result === 'pass' ? [] : [i],
      );
      const expected = c.fails === undefined ? [] : [validation];
      expect(failing).toEqual(
        [...expected, ...(c.alsoFails ?? [])].sort((a, b) => a - b),
      );
    },
  );
});

describe('the shipped policy packs', () => {
  it('load from platform/policies with no unbound policy', () => {
    expect(policies.warnings).toEqual([]);
    expect(policies.policies.map(p => `${p.format}/${p.name}`)).toEqual([
      'ValidatingAdmissionPolicy/allowed-image-registries',
      'ValidatingAdmissionPolicy/approve-load-balancers',
      'GuardrailPolicy/backup-retention',
      'GuardrailPolicy/bucket-versioning',
      'GuardrailPolicy/cost-currency',
      'GuardrailPolicy/deletion-protection',
      'ValidatingAdmissionPolicy/disallow-latest-tag',
      'GuardrailPolicy/encryption-at-rest',
      'GuardrailPolicy/ephemeral-cost-cap',
      'GuardrailPolicy/monthly-budget',
      'GuardrailPolicy/pinned-actions',
      'GuardrailPolicy/production-cost-approval',
      'ValidatingPolicy/pss-baseline',
      'ValidatingPolicy/pss-restricted',
      'ValidatingAdmissionPolicy/require-container-hardening',
      'ValidatingAdmissionPolicy/require-owner-labels',
      'ValidatingAdmissionPolicy/require-probes',
      'ValidatingAdmissionPolicy/require-resources',
      'GuardrailPolicy/required-tags',
      'ValidatingAdmissionPolicy/restrict-service-exposure',
    ]);
  });

  it('tell developers how to fix every policy (paved.dev/description)', () => {
    const undescribed = policies.policies
      .filter(p => !p.fix || p.fix.trim().length < 40)
      .map(p => p.name);
    expect(undescribed).toEqual([]);
  });

  it('have a passing and a failing case for every validation of every policy', () => {
    const missing = policies.policies.flatMap(policy =>
      policy.expressions.validations.flatMap((_, index) => {
        const cases = allCases.filter(
          c => c.policy === policy.name && c.validation === index,
        );
        return [
          ...(cases.some(c => c.fails === undefined)
            ? []
            : [`${policy.name} validations[${index}] has no passing case`]),
          ...(cases.some(c => c.fails !== undefined)
            ? []
            : [`${policy.name} validations[${index}] has no failing case`]),
        ];
      }),
    );
    expect(missing).toEqual([]);
  });
});

describe('scoping', () => {
  const ownerless = { metadata: { labels: { 'paved.dev/owner': undefined } } };

  it('denies missing owner labels in staging and production, warns elsewhere', () => {
    const actions = (
      ['development', 'ephemeral', 'staging', 'production'] as const
    ).map(type =>
      evaluateGuardrails(policies, {
        objects: [namespace(type), podObject('Deployment', ownerless, type)],
      }).filter(
        c => c.policy === 'require-owner-labels' && c.result === 'fail',
      ),
    );
    expect(actions.map(checks => checks.map(c => c.action))).toEqual([
      ['warn'],
      ['warn'],
      ['deny'],
      ['deny'],
    ]);
  });

  it('does not ask Job pods and CronJobs for probes', () => {
    const noProbes = {
      container: { livenessProbe: undefined, readinessProbe: undefined },
      metadata: {
        ownerReferences: [
          { kind: 'Job', name: 'nightly', apiVersion: 'batch/v1', uid: '1' },
        ],
      },
    };
    const checks = evaluateGuardrails(policies, {
      objects: [
        namespace('production'),
        podObject('Pod', noProbes),
        podObject('CronJob', noProbes),
      ],
    }).filter(c => c.policy === 'require-probes');
    expect(
      checks.map(c => [c.kind, c.validation, c.result, c.message]),
    ).toEqual([
      [
        'Pod',
        'validations[0]',
        'skip',
        'matchConditions[0] (not-a-job-pod) is false',
      ],
      [
        'Pod',
        'validations[1]',
        'skip',
        'matchConditions[0] (not-a-job-pod) is false',
      ],
    ]);
  });

  it('checks backups only in staging and production, deletion protection only in production', () => {
    const unprotected = {
      backup: { enabled: false },
      deletionProtection: false,
    };
    const policiesChecked = (
      ['development', 'ephemeral', 'staging', 'production'] as const
    ).map(type => {
      const env = environment(type);
      return [
        ...new Set(
          evaluateGuardrails(policies, {
            claims: [
              claim('PostgreSQLInstance', env.metadata.name, unprotected),
            ],
            environment: env,
          })
            .filter(c => c.result === 'fail')
            .map(c => c.policy),
        ),
      ];
    });
    expect(policiesChecked).toEqual([
      [],
      [],
      ['backup-retention'],
      ['backup-retention', 'deletion-protection'],
    ]);
  });

  it('applies each budget only to its environment types', () => {
    const checked = (
      ['development', 'ephemeral', 'staging', 'production'] as const
    ).map(type => {
      const env = environment(type);
      return evaluateGuardrails(policies, {
        plan: planSummary(env, [{ amount: 40, currency: 'USD' }]),
        environment: env,
      }).map(c => `${c.policy} ${c.result}`);
    });
    expect(checked).toEqual([
      ['cost-currency pass', 'monthly-budget pass'],
      ['cost-currency pass', 'ephemeral-cost-cap pass'],
      ['cost-currency pass', 'monthly-budget pass'],
      [
        'cost-currency pass',
        'monthly-budget pass',
        'production-cost-approval pass',
      ],
    ]);
  });

  it('denies every image when the registries ConfigMap is missing', () => {
    const files = ['allowed-registries.yaml'].map(file => ({
      path: `best-practices/${file}`,
      text: readFileSync(resolve(POLICIES, 'best-practices', file), 'utf8'),
    }));
    const checks = evaluateGuardrails(loadPolicies(files), {
      objects: [namespace('production'), podObject('Deployment')],
    });
    expect(checks).toEqual([
      expect.objectContaining({
        policy: 'allowed-image-registries',
        validation: 'paramRef',
        result: 'fail',
        action: 'deny',
      }),
    ]);
  });
});
