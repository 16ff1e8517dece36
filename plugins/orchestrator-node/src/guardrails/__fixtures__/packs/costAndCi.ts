import type { GuardrailAction } from '@paved/plugin-orchestrator-common';
import { parse } from 'yaml';
import { renderGithubWorkflow } from '../../../ci/githubActions';
import {
  environment,
  EnvironmentType,
  PackCase,
  planSummary,
} from './builders';

// platform/policies/cost (subject Plan) and platform/policies/ci (subject Workflow).

const planCase = (
  title: string,
  policy: string,
  envType: EnvironmentType,
  perMonth: Array<{ amount: number; currency: string }>,
  fails?: string,
  action?: GuardrailAction,
): PackCase => {
  const env = environment(envType);
  return {
    title: `${title} (${envType})`,
    policy,
    validation: 0,
    input: { plan: planSummary(env, perMonth), environment: env },
    subject: { kind: 'Plan', name: 'checkout' },
    fails,
    action,
  };
};
const usd = (amount: number) => [{ amount, currency: 'USD' }];

export const costCases: PackCase[] = [
  planCase('within budget', 'monthly-budget', 'development', usd(199.5)),
  planCase(
    'over budget',
    'monthly-budget',
    'development',
    usd(250),
    'The plan costs 250 USD a month, over the 200 USD budget of development environments',
  ),
  planCase('exactly the budget', 'monthly-budget', 'staging', usd(800)),
  planCase(
    'over budget in two USD lines',
    'monthly-budget',
    'staging',
    [
      { amount: 500, currency: 'USD' },
      { amount: 300.5, currency: 'USD' },
    ],
    'The plan costs 800.5 USD a month, over the 800 USD budget of staging environments',
  ),
  planCase('no USD cost', 'monthly-budget', 'development', []),
  planCase(
    'over budget',
    'monthly-budget',
    'production',
    [
      { amount: 30, currency: 'EUR' },
      { amount: 5400.25, currency: 'USD' },
    ],
    'The plan costs 5400.25 USD a month, over the 5000 USD budget of production environments',
  ),
  planCase(
    'under the approval threshold',
    'production-cost-approval',
    'production',
    usd(290),
    undefined,
    'require-approval',
  ),
  planCase(
    'over the approval threshold',
    'production-cost-approval',
    'production',
    usd(1200),
    'The plan costs 1200 USD a month, over the 1000 USD that production plans may cost without approval',
    'require-approval',
  ),
  planCase('within the cost cap', 'ephemeral-cost-cap', 'ephemeral', usd(50)),
  planCase(
    'over the cost cap',
    'ephemeral-cost-cap',
    'ephemeral',
    usd(54),
    'The plan costs 54 USD a month, over the cost cap of preview (50 USD)',
  ),
  {
    ...planCase(
      'over the cost cap with the workloads already there',
      'ephemeral-cost-cap',
      'ephemeral',
      usd(30),
      'The environment would cost 54 USD a month with this plan (30 USD), over the cost cap of preview (50 USD)',
    ),
    input: {
      plan: planSummary(environment('ephemeral'), usd(30), usd(54)),
      environment: environment('ephemeral'),
    },
  },
  {
    ...planCase(
      'within the cost cap with the workloads already there',
      'ephemeral-cost-cap',
      'ephemeral',
      usd(30),
    ),
    input: {
      plan: planSummary(environment('ephemeral'), usd(30), usd(50)),
      environment: environment('ephemeral'),
    },
  },
  planCase(
    'priced in USD',
    'cost-currency',
    'staging',
    usd(35),
    undefined,
    'warn',
  ),
  planCase(
    'priced in EUR',
    'cost-currency',
    'production',
    [
      { amount: 30, currency: 'EUR' },
      { amount: 290, currency: 'USD' },
    ],
    'Costs in EUR are not counted against the USD budget',
    'warn',
  ),
];

const SHA = '0123456789abcdef0123456789abcdef01234567';
const DIGEST = 'c'.repeat(64);
const workflowCase = (
  title: string,
  validation: number,
  document: unknown,
  fails?: string,
): PackCase => ({
  title,
  policy: 'pinned-actions',
  validation,
  input: { workflows: [{ path: '.github/workflows/ci.yaml', document }] },
  subject: { kind: 'Workflow', name: '.github/workflows/ci.yaml' },
  fails,
});
const steps = (...uses: string[]) => ({
  on: 'push',
  jobs: {
    build: {
      'runs-on': 'ubuntu-24.04',
      steps: [{ run: 'make' }, ...uses.map(u => ({ uses: u }))],
    },
  },
});
const reusable = (uses: string) => ({
  on: 'push',
  jobs: {
    build: steps(`actions/checkout@${SHA}`).jobs.build,
    deploy: { uses },
  },
});

/** The workflow Paved renders for a workload's repository. */
const pavedWorkflow = parse(
  renderGithubWorkflow({
    workload: 'checkout',
    imageRepository: 'registry.northwind.example/checkout',
    language: 'node',
    pavedUrl: 'https://paved.northwind.example',
  }).content,
);

export const ciCases: PackCase[] = [
  workflowCase('the workflow Paved renders', 0, pavedWorkflow),
  workflowCase(
    'SHA-pinned, local and digest-pinned docker actions',
    0,
    steps(
      `actions/checkout@${SHA}`,
      `github/codeql-action/init@${SHA}`,
      './.github/actions/setup',
      `docker://alpine@sha256:${DIGEST}`,
    ),
  ),
  workflowCase(
    'actions on tags, short SHAs and docker tags',
    0,
    steps(
      `actions/checkout@${SHA}`,
      'actions/setup-node@v4',
      'docker/login-action@4907a6d',
      'docker://alpine:3.20',
    ),
    'Actions must be pinned to a full commit SHA: build: actions/setup-node@v4, build: docker/login-action@4907a6d, build: docker://alpine:3.20',
  ),
  workflowCase(
    'an action on a branch',
    0,
    steps(`actions/checkout@${SHA}`, 'northwind/deploy-action@main'),
    'Actions must be pinned to a full commit SHA: build: northwind/deploy-action@main',
  ),
  workflowCase(
    'a SHA-pinned reusable workflow',
    1,
    reusable(`northwind/workflows/.github/workflows/deploy.yaml@${SHA}`),
  ),
  workflowCase(
    'a local reusable workflow',
    1,
    reusable('./.github/workflows/deploy.yaml'),
  ),
  workflowCase(
    'a reusable workflow on a tag',
    1,
    reusable('northwind/workflows/.github/workflows/deploy.yaml@v2'),
    'Reusable workflows must be pinned to a full commit SHA: deploy: northwind/workflows/.github/workflows/deploy.yaml@v2',
  ),
];
