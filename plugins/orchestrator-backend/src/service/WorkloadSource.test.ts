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
