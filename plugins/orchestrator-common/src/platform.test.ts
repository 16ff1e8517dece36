import { environmentSchema, resourceDefinitionSchema } from './platform';

const environment = (spec: Record<string, unknown>, name = 'staging') => ({
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name },
  spec: { cluster: 'main', domain: 'staging.northwind.example', ...spec },
});

const problems = (result: {
  success: boolean;
  error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
}) =>
  (result.error?.issues ?? []).map(
    issue => `${issue.path.join('.')}: ${issue.message}`,
  );

describe('environmentSchema', () => {
  it('accepts a staging environment', () => {
    const parsed = environmentSchema.parse(
      environment({ type: 'staging', namespace: 'checkout-staging' }),
    );
    expect(parsed.spec.type).toBe('staging');
  });

  it('requires a TTL and a cost cap for an ephemeral environment', () => {
    expect(
      problems(
        environmentSchema.safeParse(
          environment({ type: 'ephemeral' }, 'pr-42'),
        ),
      ),
    ).toEqual([
      'spec.ttl: is required for an ephemeral environment',
      'spec.costCap: is required for an ephemeral environment',
    ]);
    const ok = environmentSchema.safeParse(
      environment(
        {
          type: 'ephemeral',
          ttl: { default: '24h', maximum: '7d' },
          costCap: { amount: 50, currency: 'USD' },
        },
        'pr-42',
      ),
    );
    expect(ok.success).toBe(true);
  });

  it('refuses TTLs on long-lived environments, unknown types and bad names', () => {
    expect(
      problems(
        environmentSchema.safeParse(
          environment({
            type: 'production',
            ttl: { default: '1h', maximum: '2h' },
          }),
        ),
      ),
    ).toEqual(['spec.ttl: applies to ephemeral environments only']);
    expect(
      problems(environmentSchema.safeParse(environment({ type: 'qa' })))[0],
    ).toMatch(/^spec\.type: /);
    expect(
      problems(
        environmentSchema.safeParse(
          environment({ type: 'staging' }, 'Staging_1'),
        ),
      )[0],
    ).toMatch(/^metadata\.name: must be an RFC 1123 label/);
  });
});

describe('resourceDefinitionSchema', () => {
  const base = {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'ResourceDefinition',
    metadata: { name: 'postgres-managed' },
    spec: { type: 'postgres', renderer: { name: 'crossplane-claim' } },
  };

  it('fills in class, criteria and outputs defaults', () => {
    expect(resourceDefinitionSchema.parse(base).spec).toEqual({
      type: 'postgres',
      class: 'default',
      criteria: [],
      outputs: {},
      renderer: { name: 'crossplane-claim', config: {} },
    });
  });

  it('accepts secret references as outputs and refuses unknown criteria fields', () => {
    const parsed = resourceDefinitionSchema.parse({
      ...base,
      spec: {
        ...base.spec,
        outputs: {
          host: 'db',
          port: 5432,
          password: { secretRef: { name: 'db', key: 'password' } },
        },
      },
    });
    expect(parsed.spec.outputs.password).toEqual({
      secretRef: { name: 'db', key: 'password' },
    });
    const bad = resourceDefinitionSchema.safeParse({
      ...base,
      spec: { ...base.spec, criteria: [{ env: 'staging' }] },
    });
    expect(problems(bad)).toEqual([
      expect.stringMatching(/^spec\.criteria\.0: .*"env"/),
    ]);
  });
});
