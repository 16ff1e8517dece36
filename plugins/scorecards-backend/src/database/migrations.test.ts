import { TestDatabases } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import { applyDatabaseMigrations } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('go down as well as up', async () => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    expect(await knex.schema.hasTable('scorecards_results')).toBe(true);
    await knex.migrate.rollback(
      { directory: resolve(__dirname, '../../migrations') },
      true,
    );
    for (const table of [
      'scorecards_facts',
      'scorecards_results',
      'scorecards_history',
      'scorecards_entities',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
  });
});
