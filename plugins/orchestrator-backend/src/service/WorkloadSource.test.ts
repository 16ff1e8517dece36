import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutScore, startOrchestrator } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const JANE = 'user:default/jane';

/** A component as the catalog read it from a file, with its score.yaml beside it. */
function componentOnDisk(
  score: string | undefined,
  annotation = './score.yaml',
) {
  const dir = mkdtempSync(join(tmpdir(), 'paved-entity-'));
  mkdirSync(join(dir, 'service'));
  const catalogFile = join(dir, 'service', 'catalog-info.yaml');
  if (score !== undefined)
    writeFileSync(join(dir, 'service', 'score.yaml'), score);
  writeFileSync(join(dir, 'secret.txt'), 'not for plans');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-service',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${catalogFile}`,
        'paved.dev/score': annotation,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
    },
  };
}

describe('plans from a catalog entity', () => {
  it("reads the score.yaml its paved.dev/score annotation names, next to the entity's file", async () => {
    const entity = componentOnDisk(checkoutScore('from the catalog'));
    const backend = await startOrchestrator({ entities: [entity] });
    try {
      const response = await backend.as(JANE).post('/plans', {
        environment: 'development',
        entityRef: 'component:default/checkout-service',
      });
      expect(response.status).toBe(201);
      expect(response.body.workload).toBe('checkout');
      expect(JSON.stringify(response.body.artifacts)).toContain(
        'from the catalog',
      );
    } finally {
      await backend.stop();
    }
  });

  it('refuses an annotation pointing outside the entity folder, a missing file, and an entity without one', async () => {
    const outside = componentOnDisk(checkoutScore(), '../secret.txt');
    const backend = await startOrchestrator({ entities: [outside] });
    try {
      const escaped = await backend.as(JANE).post('/plans', {
        environment: 'development',
        entityRef: 'component:default/checkout-service',
      });
      expect(escaped.status).toBe(400);
      expect(escaped.body.error.message).toContain(
        "points outside the entity's folder",
      );
      const unknown = await backend.as(JANE).post('/plans', {
        environment: 'development',
        entityRef: 'component:default/nothing',
      });
      expect(unknown.status).toBe(404);
      const both = await backend.as(JANE).post('/plans', {
        environment: 'development',
        entityRef: 'component:default/x',
        score: 'a: b',
      });
      expect(both.status).toBe(400);
    } finally {
      await backend.stop();
    }
    const missing = componentOnDisk(undefined);
    const second = await startOrchestrator({ entities: [missing] });
    try {
      const response = await second.as(JANE).post('/plans', {
        environment: 'development',
        entityRef: 'component:default/checkout-service',
      });
      expect(response.status).toBe(404);
      expect(response.body.error.message).toContain('cannot be read');
    } finally {
      await second.stop();
    }
  });
});

/** The TypeScript service golden path, as the catalog reads it from templates/. */
const typescriptServiceTemplate = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name: 'typescript-service',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': `file:${join(
        __dirname,
        '../../../../templates/typescript-service/template.yaml',
      )}`,
    },
  },
  spec: { type: 'service', owner: 'group:default/platform', steps: [] },
};

describe('plans shown before anything is created', () => {
  it("plans a template's score.yaml filled with the form's values", async () => {
    const backend = await startOrchestrator({
      entities: [typescriptServiceTemplate],
    });
    try {
      const response = await backend.as(JANE).post('/plans', {
        environment: 'development',
        template: 'template:default/typescript-service',
        templatePath: './skeleton/score.yaml',
        values: {
          name: 'quote-service',
          owner: 'group:default/payments',
          costCenter: 'cc-1042',
          description: 'Quotes ${{ values.owner }} literally',
        },
        image: 'registry.northwind.example/quote-service:0.1.0',
      });
      expect(response.status).toBe(201);
      expect(response.body.workload).toBe('quote-service');
      expect(
        response.body.verdicts.filter(
          (v: { action: string }) => v.action === 'deny',
        ),
      ).toEqual([]);
      const deployment = response.body.artifacts.find(
        (a: { kind: string }) => a.kind === 'Deployment',
      );
      expect(deployment.content).toContain(
        'registry.northwind.example/quote-service:0.1.0',
      );
      expect(deployment.content).toContain('cc-1042');

      const outside = await backend.as(JANE).post('/plans', {
        environment: 'development',
        template: 'template:default/typescript-service',
        templatePath: '../database-for-service/template.yaml',
        values: {},
      });
      expect(outside.status).toBe(400);
      expect(outside.body.error.message).toContain(
        "points outside the entity's folder",
      );
      const noPath = await backend.as(JANE).post('/plans', {
        environment: 'development',
        template: 'template:default/typescript-service',
      });
      expect(noPath.status).toBe(400);
      expect(noPath.body.error.message).toContain('templatePath is required');
    } finally {
      await backend.stop();
    }
  });

  it('refuses a placeholder it cannot fill, and a template that is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-template-'));
    writeFileSync(
      join(dir, 'score.yaml'),
      checkoutScore('${{ values.greeting | upper }}'),
    );
    const template = {
      ...typescriptServiceTemplate,
      metadata: {
        name: 'fancy',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${join(
            dir,
            'template.yaml',
          )}`,
        },
      },
    };
    const component = componentOnDisk(checkoutScore());
    const backend = await startOrchestrator({
      entities: [template, component],
    });
    try {
      const fancy = await backend.as(JANE).post('/plans', {
        environment: 'development',
        template: 'template:default/fancy',
        templatePath: './score.yaml',
        values: { greeting: 'hi' },
      });
      expect(fancy.status).toBe(400);
      expect(fancy.body.error.message).toContain(
        'the plan preview fills only ${{ values.<name> }}, not ${{ values.greeting | upper }}',
      );
      const notATemplate = await backend.as(JANE).post('/plans', {
        environment: 'development',
        template: 'component:default/checkout-service',
        templatePath: './score.yaml',
      });
      expect(notATemplate.status).toBe(400);
      expect(notATemplate.body.error.message).toBe(
        'component:default/checkout-service is a Component, not a Template',
      );
    } finally {
      await backend.stop();
    }
  });

  it("adds resources to a component's workload, and never overwrites one", async () => {
    const component = componentOnDisk(checkoutScore());
    const backend = await startOrchestrator({ entities: [component] });
    try {
      const added = await backend.as(JANE).post('/plans', {
        environment: 'staging',
        entityRef: 'component:default/checkout-service',
        resources: { orders: { type: 'postgres', class: 'default' } },
      });
      expect(added.status).toBe(201);
      expect(
        added.body.resources.map((r: { name: string }) => r.name).sort(),
      ).toEqual(['db', 'orders']);

      const clash = await backend.as(JANE).post('/plans', {
        environment: 'staging',
        entityRef: 'component:default/checkout-service',
        resources: { db: { type: 'postgres' } },
      });
      expect(clash.status).toBe(400);
      expect(clash.body.error.message).toContain(
        'already has a resource called "db"; choose another name',
      );
      const badName = await backend.as(JANE).post('/plans', {
        environment: 'staging',
        entityRef: 'component:default/checkout-service',
        resources: { 'Not A Name': { type: 'postgres' } },
      });
      expect(badName.status).toBe(400);
    } finally {
      await backend.stop();
    }
  });
});
