import {
  ResourceDefinition,
  resourceDefinitionSchema,
} from '@paved/plugin-orchestrator-common';
import { matchDefinition, ResourceRequest } from './matching';

function definition(
  name: string,
  spec: Record<string, unknown>,
): ResourceDefinition {
  return resourceDefinitionSchema.parse({
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'ResourceDefinition',
    metadata: { name },
    spec: { type: 'postgres', renderer: { name: 'postgres' }, ...spec },
  });
}

const request = (
  overrides: Partial<ResourceRequest> = {},
): ResourceRequest => ({
  type: 'postgres',
  class: 'default',
  resourceId: 'checkout.db',
  workload: 'checkout',
  environment: { name: 'staging', type: 'staging' },
  ...overrides,
});

const fallback = definition('postgres-anywhere', {});
const byType = definition('postgres-managed', {
  criteria: [{ environmentType: 'staging' }, { environmentType: 'production' }],
});
const byEnvironment = definition('postgres-staging', {
  criteria: [{ environment: 'staging' }],
});
const byWorkload = definition('postgres-checkout', {
  criteria: [{ workload: 'checkout' }],
});
const large = definition('postgres-large', { class: 'large' });

describe('matchDefinition', () => {
  it('prefers the most specific match', () => {
    expect(matchDefinition([fallback, byType], request()).metadata.name).toBe(
      'postgres-managed',
    );
    expect(
      matchDefinition([fallback, byType, byEnvironment], request()).metadata
        .name,
    ).toBe('postgres-staging');
    expect(
      matchDefinition([fallback, byType, byEnvironment, byWorkload], request())
        .metadata.name,
    ).toBe('postgres-checkout');
  });

  it('falls back to a definition without criteria', () => {
    expect(
      matchDefinition(
        [fallback, byType],
        request({ environment: { name: 'dev', type: 'development' } }),
      ).metadata.name,
    ).toBe('postgres-anywhere');
  });

  it('matches the class exactly', () => {
    expect(
      matchDefinition([fallback, large], request({ class: 'large' })).metadata
        .name,
    ).toBe('postgres-large');
  });

  it('names type, class and environment when nothing matches', () => {
    expect(() => matchDefinition([byType], request({ class: 'huge' }))).toThrow(
      'No resource definition matches type "postgres", class "huge" in environment "staging" (staging) for resource "checkout.db"',
    );
  });

  it('names both definitions when two match equally specifically', () => {
    const other = definition('postgres-staging-2', {
      criteria: [{ environment: 'staging' }],
    });
    expect(() =>
      matchDefinition([byEnvironment, other, fallback], request()),
    ).toThrow(
      'Resource definitions "postgres-staging" and "postgres-staging-2" match type "postgres", class "default" in environment "staging" (staging) equally specifically',
    );
  });

  it('lets a criterion with more fields beat one with fewer', () => {
    const both = definition('postgres-staging-checkout', {
      criteria: [{ environment: 'staging', workload: 'checkout' }],
    });
    expect(matchDefinition([byWorkload, both], request()).metadata.name).toBe(
      'postgres-staging-checkout',
    );
  });
});
