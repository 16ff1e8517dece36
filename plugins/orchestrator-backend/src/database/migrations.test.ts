import { TestDatabases } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import { applyDatabaseMigrations } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const directory = resolve(__dirname, '../../migrations');

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('add the extension reason to existing requests, and go down as well as up', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.up({ directory, name: '20261127120000_init.js' });
    await knex('orchestrator_environments').insert({
      name: 'pr-9',
      template: 'preview',
      type: 'ephemeral',
      state: 'active',
      created_by: 'user:default/jane',
      created_at: new Date(),
    });
    await knex('orchestrator_environment_extensions').insert({
      id: 'e-1',
      environment: 'pr-9',
      until: new Date(),
      state: 'pending-approval',
      requested_by: 'user:default/jane',
      approvers: '[]',
      created_at: new Date(),
    });

    await applyDatabaseMigrations(knex);
    expect(
      await knex('orchestrator_environment_extensions').select('id', 'reason'),
    ).toEqual([{ id: 'e-1', reason: null }]);

    await knex.migrate.down({ directory });
    expect(
      await knex.schema.hasColumn(
        'orchestrator_environment_extensions',
        'reason',
      ),
    ).toBe(false);
    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('orchestrator_deployments')).toBe(false);
  });
});
