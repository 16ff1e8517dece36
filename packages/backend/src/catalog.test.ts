import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import catalogModuleUnprocessedEntities from '@backstage/plugin-catalog-backend-module-unprocessed';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';

const repoRoot = resolve(__dirname, '../../..');
const appConfig = parse(
  readFileSync(resolve(repoRoot, 'app-config.yaml'), 'utf8'),
);

/** One row of the unprocessed-entities module's answer. */
type UnprocessedEntity = {
  unprocessed_entity: Entity;
  errors?: Array<{ name: string; message: string }>;
};

// The backend tests run against every database Paved supports in production and locally.
jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function startCatalog(databaseId: TestDatabaseId, locationFile: string) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleTemplateKind,
      catalogModuleUnprocessedEntities,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            // The portal's own rules, so an entity kind they forbid fails here too.
            rules: appConfig.catalog.rules,
            locations: [{ type: 'file', target: locationFile }],
          },
        },
      }),
    ],
  });
  return {
    async entities(): Promise<AlphaEntity[]> {
      const response = await request(server)
        .get('/api/catalog/entities')
        .set('authorization', mockCredentials.user.header());
      expect(response.status).toBe(200);
      return response.body;
    },
    /** Entities whose processing reported errors, failed or still pending. */
    async unprocessedWithErrors(): Promise<UnprocessedEntity[]> {
      const entities: UnprocessedEntity[] = [];
      for (const reason of ['failed', 'pending']) {
        const response = await request(server)
          .get(`/api/catalog/entities/unprocessed/${reason}`)
          .set('authorization', mockCredentials.user.header());
        expect(response.status).toBe(200);
        entities.push(...response.body.entities);
      }
      return entities.filter(entity => entity.errors?.length);
    },
  };
}

/** Polls until `check` stops throwing: the catalog processes entities in the background. */
async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(r => setTimeout(r, 250));
    }
  }
}

/** Every entity ref that a Location file and the files it targets declare, recursively. */
function declaredRefs(locationFile: string): string[] {
  const refs: string[] = [];
  for (const doc of parseAllDocuments(readFileSync(locationFile, 'utf8'))) {
    const entity = doc.toJS() as Entity;
    refs.push(stringifyEntityRef(entity));
    if (entity.kind === 'Location') {
      const spec = entity.spec as { target?: string; targets?: string[] };
      for (const target of [spec.target ?? [], spec.targets ?? []].flat()) {
        refs.push(...declaredRefs(resolve(dirname(locationFile), target)));
      }
    }
  }
  return refs;
}

const errorsOf = (entity: AlphaEntity) =>
  (entity.status?.items ?? []).filter(item => item.level === 'error');

const refOf = (entity: Entity) => stringifyEntityRef(entity);

describe.each(databases.eachSupportedId())('the catalog on %s', databaseId => {
  it('loads the whole demo organisation with every relation resolved', async () => {
    const demo = resolve(repoRoot, 'examples/all.yaml');
    const expected = declaredRefs(demo);
    const catalog = await startCatalog(databaseId, demo);

    const entities = await eventually(async () => {
      const loaded = await catalog.entities();
      const refs = new Set(loaded.map(refOf));
      expect(expected.filter(ref => !refs.has(ref))).toEqual([]);
      // Relations appear once stitching caught up with processing.
      const component = loaded.find(e => e.kind === 'Component');
      expect(component?.relations?.length).toBeGreaterThan(0);
      return loaded;
    });

    const refs = new Set(entities.map(refOf));
    expect(
      entities.flatMap(e =>
        errorsOf(e).map(i => `${refOf(e)}: ${i.error?.message}`),
      ),
    ).toEqual([]);
    const dangling = entities.flatMap(e =>
      (e.relations ?? [])
        .filter(relation => !refs.has(relation.targetRef))
        .map(relation => `${refOf(e)} ${relation.type} ${relation.targetRef}`),
    );
    expect(dangling).toEqual([]);
    expect(new Set(entities.map(e => e.kind))).toEqual(
      new Set([
        'Location',
        'Group',
        'User',
        'Domain',
        'System',
        'Component',
        'API',
        'Resource',
      ]),
    );
  });

  it('shows a malformed file’s error in processing status and loads everything else', async () => {
    const fixture = resolve(
      __dirname,
      '__fixtures__/catalog-with-errors/all.yaml',
    );
    const catalog = await startCatalog(databaseId, fixture);

    // The two Location entities whose files are malformed fail processing; the
    // catalog reports them, with their errors, as unprocessed entities.
    const failed = await eventually(async () => {
      const entities = await catalog.unprocessedWithErrors();
      expect(entities).toHaveLength(2);
      return entities;
    });
    const reports = failed.map(entry => ({
      subject:
        entry.unprocessed_entity.spec?.target ??
        refOf(entry.unprocessed_entity),
      errors: entry.errors!.map(error => error.message).join('\n'),
    }));
    expect(reports).toEqual(
      expect.arrayContaining([
        {
          subject: expect.stringMatching(/broken-yaml\.yaml$/),
          errors: expect.stringMatching(/YAML error .*broken-yaml\.yaml/),
        },
        {
          subject: 'component:default/fixture-without-owner',
          errors: expect.stringMatching(/owner/),
        },
      ]),
    );

    const refs = await eventually(async () => {
      const loaded = (await catalog.entities()).map(refOf);
      expect(loaded).toEqual(
        expect.arrayContaining([
          'group:default/fixture-team',
          'component:default/fixture-healthy-service',
        ]),
      );
      return loaded;
    });
    expect(refs).not.toContain('component:default/fixture-broken');
    expect(refs).not.toContain('component:default/fixture-without-owner');
  });
});
