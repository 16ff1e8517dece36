import { Environment } from '@paved/plugin-orchestrator-common';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findEnvironment, readPlatformDirectory } from '../platform';
import { toStableYaml } from '../serialize';
import { loadWorkload, ResourceOutputs } from '../workload';
import { validateKubernetesObject } from './validate';
import { renderWorkload } from './workload';

// Golden files: set UPDATE_GOLDEN=1 to rewrite them after an intended change,
// then review the diff like any other code change.

const fixture = (name: string) =>
  readFileSync(resolve(__dirname, '__fixtures__', name), 'utf8');
const checkout = loadWorkload(
  fixture('checkout.score.yaml'),
  'checkout.score.yaml',
);
const outputs: Record<string, ResourceOutputs> = {
  db: {
    host: { kind: 'text', value: 'checkout-db.checkout-staging.svc' },
    port: { kind: 'text', value: '5432' },
    password: {
      kind: 'secret',
      secretRef: { name: 'checkout-db', key: 'password' },
    },
  },
};

let environments: Record<string, Environment>;
beforeAll(async () => {
  const platform = await readPlatformDirectory(
    resolve(__dirname, '../../../../platform'),
  );
  environments = Object.fromEntries(
    ['development', 'staging', 'production', 'preview'].map(name => [
      name,
      findEnvironment(platform, name),
    ]),
  );
});

const render = (environment: string, builtImage?: string) =>
  renderWorkload({
    workload: checkout,
    environment: environments[environment],
    outputs,
    builtImage,
  });

const asYaml = (objects: unknown[]) => objects.map(toStableYaml).join('---\n');

describe('renderWorkload', () => {
  it.each(['development', 'staging', 'production', 'preview'])(
    'renders checkout for %s as in its golden file',
    environment => {
      const rendered = render(
        environment,
        'registry.northwind.example/checkout:3f2a9c1',
      );
      const golden = resolve(
        __dirname,
        '__golden__',
        `checkout.${environment}.yaml`,
      );
      const actual = asYaml(rendered.objects);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, actual);
      expect(actual).toBe(readFileSync(golden, 'utf8'));
      expect(rendered.namespace).toBe(`checkout-${environment}`);
    },
  );

  it('is secure by default and never writes a secret value', () => {
    const { objects } = render(
      'production',
      'registry.northwind.example/checkout:3f2a9c1',
    );
    const deployment = objects.find(o => o.kind === 'Deployment') as any;
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    for (const container of pod.containers) {
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.resources.requests).toBeDefined();
      expect(container.resources.limits).toBeDefined();
    }
    const api = pod.containers.find((c: any) => c.name === 'api');
    expect(api.env).toContainEqual({
      name: 'DB_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'checkout-db', key: 'password' } },
    });
    expect(objects.map(o => o.kind)).toEqual(
      expect.arrayContaining([
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'NetworkPolicy',
      ]),
    );
    expect(deployment.spec.replicas).toBeUndefined();
  });

  it('expands placeholders once, honours $${ and noExpand, and labels owner and cost center', () => {
    const { objects } = render('development');
    const env = objects.find(o => o.metadata.name === 'checkout-env') as any;
    expect(env.data['api.GREETING']).toBe('costs ${PRICE} at checkout');
    expect(env.data['api.DB_HOST']).toBe('checkout-db.checkout-staging.svc');
    const files = objects.find(
      o => o.metadata.name === 'checkout-files',
    ) as any;
    expect(Object.values(files.data)).toEqual([
      'service: checkout\ndatabase: checkout-db.checkout-staging.svc\n',
      'kept as ${written}',
    ]);
    expect(objects[0].metadata.labels).toMatchObject({
      'paved.dev/owner': 'payments',
      'paved.dev/cost-center': 'cc-1042',
    });
    expect(
      objects.every(
        o =>
          o.kind === 'Namespace' ||
          o.metadata.namespace === 'checkout-development',
      ),
    ).toBe(true);
  });

  it('warns when the image CI builds is not given', () => {
    const { objects, warnings } = render('development');
    expect(warnings).toEqual([
      'containers.api.image is "." (the image CI builds) and no built image was given; rendered as "checkout:unbuilt"',
    ]);
    const deployment = objects.find(o => o.kind === 'Deployment') as any;
    expect(deployment.spec.template.spec.containers[0].image).toBe(
      'checkout:unbuilt',
    );
  });

  it('gives byte-identical output for the same input, whatever the key order', () => {
    const reordered = loadWorkload(
      fixture('checkout.score.yaml').replace(
        '      LOG_LEVEL: info\n      DB_HOST: ${resources.db.host}\n',
        '      DB_HOST: ${resources.db.host}\n      LOG_LEVEL: info\n',
      ),
      'reordered.yaml',
    );
    const a = asYaml(render('staging', 'img:1').objects);
    const b = asYaml(
      renderWorkload({
        workload: reordered,
        environment: environments.staging,
        outputs,
        builtImage: 'img:1',
      }).objects,
    );
    expect(b).toBe(a);
  });

  it('refuses a secret where it would become a literal', () => {
    const workload = loadWorkload(
      fixture('checkout.score.yaml').replace(
        "args: ['--port', '8080']",
        "args: ['--password', '${resources.db.password}']",
      ),
      'secret-arg.yaml',
    );
    expect(() =>
      renderWorkload({ workload, environment: environments.staging, outputs }),
    ).toThrow(
      'containers.api.args[1]: a secret cannot be used here; only container variables may hold secrets',
    );
  });

  it('names a placeholder whose output does not exist', () => {
    const workload = loadWorkload(
      fixture('checkout.score.yaml').replace(
        '${resources.db.port}',
        '${resources.db.portt}',
      ),
      'typo.yaml',
    );
    expect(() =>
      renderWorkload({ workload, environment: environments.staging, outputs }),
    ).toThrow(
      'containers.api.variables.DB_PORT: ${resources.db.portt} refers to output "portt" that resource "db" (postgres) does not provide; it provides: host, password, port',
    );
  });
});

describe('validateKubernetesObject', () => {
  it('names who rendered the object and the invalid field', () => {
    expect(() =>
      validateKubernetesObject(
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web' },
          spec: {
            selector: {},
            template: {
              spec: {
                containers: [
                  {
                    name: 'web',
                    image: 'x',
                    ports: [{ containerPort: 'http' }],
                  },
                ],
              },
            },
          },
        },
        'resource definition "broken"',
      ),
    ).toThrow(
      'resource definition "broken" rendered an invalid Deployment "web": spec.template.spec.containers[0].ports[0].containerPort must be integer',
    );
  });

  it('refuses kinds it cannot check', () => {
    expect(() =>
      validateKubernetesObject(
        {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'w' },
        },
        'x',
      ),
    ).toThrow(
      /x rendered Widget "w" of example.com\/v1, which Paved cannot validate/,
    );
  });
});
