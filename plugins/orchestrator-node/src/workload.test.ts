import { expandPlaceholders } from './placeholders';
import { loadWorkload, workloadResolver } from './workload';

const score = `apiVersion: score.dev/v1b1
metadata:
  name: checkout
  annotations:
    example.com/team: payments
containers:
  api:
    image: .
    variables:
      DB_HOST: \${resources.db.host}
      DB_PASSWORD: \${resources.db.password}
service:
  ports:
    www:
      port: 80
      targetPort: 8080
resources:
  db:
    type: postgres
`;

describe('loadWorkload', () => {
  it('reads a valid score.yaml', () => {
    const workload = loadWorkload(score, 'score.yaml');
    expect(workload.metadata.name).toBe('checkout');
    expect(workload.resources?.db.type).toBe('postgres');
  });

  it('lists every schema problem with its path', () => {
    const bad = score
      .replace('name: checkout', 'name: Checkout_Service')
      .replace(
        '    image: .\n',
        '    image: .\n    resources:\n      limits:\n        cpu: 2\n',
      );
    let message = '';
    try {
      loadWorkload(bad, 'score.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^score\.yaml is not a valid Score workload:/);
    expect(message).toMatch(/\n {2}metadata\.name: /);
    expect(message).toMatch(/\n {2}containers\.api\.resources\.limits\.cpu: /);
  });

  it('refuses YAML that is not one document', () => {
    expect(() => loadWorkload(`${score}---\n${score}`, 'score.yaml')).toThrow(
      'score.yaml: expected exactly one YAML document, found 2',
    );
  });
});

describe('workloadResolver', () => {
  const workload = loadWorkload(score, 'score.yaml');
  const resolve = workloadResolver(workload, {
    db: {
      host: { kind: 'text', value: 'checkout-db.staging' },
      password: {
        kind: 'secret',
        secretRef: { name: 'checkout-db', key: 'password' },
      },
    },
  });

  it('resolves metadata, annotations and resource outputs', () => {
    expect(
      expandPlaceholders(
        '${metadata.name}@${metadata.annotations.example\\.com/team}',
        resolve,
        'v',
      ),
    ).toEqual({ kind: 'text', value: 'checkout@payments' });
    expect(expandPlaceholders('${resources.db.host}', resolve, 'v')).toEqual({
      kind: 'text',
      value: 'checkout-db.staging',
    });
    expect(
      expandPlaceholders('${resources.db.password}', resolve, 'v').kind,
    ).toBe('secret');
  });

  it('names the missing output and what the resource does provide', () => {
    expect(() =>
      expandPlaceholders(
        '${resources.db.hots}',
        resolve,
        'containers.api.variables.DB_HOST',
      ),
    ).toThrow(
      'containers.api.variables.DB_HOST: ${resources.db.hots} refers to output "hots" that resource "db" (postgres) does not provide; it provides: host, password',
    );
  });

  it('names undeclared resources and unknown roots', () => {
    expect(() =>
      expandPlaceholders('${resources.cache.host}', resolve, 'v'),
    ).toThrow(
      'v: ${resources.cache.host} refers to resource "cache", which the workload does not declare (it declares: db)',
    );
    expect(() => expandPlaceholders('${env.HOME}', resolve, 'v')).toThrow(
      'v: ${env.HOME} is not a Score placeholder',
    );
    expect(() => expandPlaceholders('${metadata.owner}', resolve, 'v')).toThrow(
      'v: ${metadata.owner} refers to metadata that does not exist',
    );
  });
});
