// @ts-check

/**
 * Paved's orchestrator: workloads, environments, plans, deployments and
 * approvals. Never edit once landed; add a migration instead.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('orchestrator_workloads', table => {
    table.comment(
      'Workloads Paved has planned: a catalog entity and where its score.yaml lives',
    );
    table.string('name').primary().notNullable();
    table.string('entity_ref').nullable();
    table.text('score_location').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('orchestrator_environments', table => {
    table.comment(
      'Environments: the platform ones and the ephemeral ones created from a template',
    );
    table.string('name').primary().notNullable();
    table.string('type').notNullable();
    table
      .string('template')
      .notNullable()
      .comment('The platform Environment this one is made from');
    table.string('owner').nullable();
    table
      .string('state')
      .notNullable()
      .comment('active, destroying or destroyed');
    table.double('cost_cap_amount').nullable();
    table.string('cost_cap_currency').nullable();
    table.string('created_by').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).nullable();
    table.timestamp('destroyed_at', { useTz: true }).nullable();
    table.index(
      ['state', 'expires_at'],
      'orchestrator_environments_expiry_idx',
    );
  });

  await knex.schema.createTable('orchestrator_plans', table => {
    table.comment('Plans, immutable, by content hash');
    table.string('hash').primary().notNullable();
    table.string('workload').notNullable();
    table.string('environment').notNullable();
    table.text('plan', 'longtext').notNullable();
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['workload', 'environment'], 'orchestrator_plans_target_idx');
  });

  await knex.schema.createTable('orchestrator_deployments', table => {
    table.comment(
      'Deployments: a plan delivered, or waiting to be, at a revision',
    );
    table.string('id').primary().notNullable();
    table.string('workload').notNullable();
    table.string('environment').notNullable();
    table.integer('revision').notNullable();
    table.string('plan_hash').notNullable();
    table.string('state').notNullable();
    table.string('requested_by').notNullable();
    table.string('approved_by').nullable();
    table
      .text('approvers')
      .nullable()
      .comment('JSON: the groups whose members may approve');
    table
      .integer('rollback_of')
      .nullable()
      .comment('The revision whose plan this one delivers again');
    table.string('target').notNullable();
    table.string('reference').nullable();
    table.text('result').nullable().comment('JSON: what the target did');
    table.text('error').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['workload', 'environment', 'revision'], {
      indexName: 'orchestrator_deployments_revision_uq',
    });
  });
  // One in-flight deployment per workload and environment, enforced by the database.
  await knex.raw(
    `CREATE UNIQUE INDEX orchestrator_deployments_in_flight_uq ON orchestrator_deployments (workload, environment) WHERE state IN ('pending-approval', 'delivering')`,
  );

  await knex.schema.createTable(
    'orchestrator_environment_extensions',
    table => {
      table.comment(
        'Requests to keep an ephemeral environment beyond its maximum lifetime',
      );
      table.string('id').primary().notNullable();
      table
        .string('environment')
        .notNullable()
        .references('name')
        .inTable('orchestrator_environments')
        .onDelete('CASCADE');
      table.timestamp('until', { useTz: true }).notNullable();
      table
        .string('state')
        .notNullable()
        .comment('pending-approval, approved or rejected');
      table.string('requested_by').notNullable();
      table
        .text('approvers')
        .notNullable()
        .comment('JSON: the groups whose members may approve');
      table.string('decided_by').nullable();
      table.text('comment').nullable();
      table.timestamp('created_at', { useTz: true }).notNullable();
      table.timestamp('decided_at', { useTz: true }).nullable();
    },
  );
  await knex.raw(
    `CREATE UNIQUE INDEX orchestrator_environment_extensions_pending_uq ON orchestrator_environment_extensions (environment) WHERE state = 'pending-approval'`,
  );

  await knex.schema.createTable('orchestrator_approvals', table => {
    table.comment('Decisions on deployments that waited for approval');
    table.increments('id');
    table
      .string('deployment_id')
      .notNullable()
      .references('id')
      .inTable('orchestrator_deployments')
      .onDelete('CASCADE');
    table.string('decision').notNullable().comment('approved or rejected');
    table.string('decided_by').notNullable();
    table.text('comment').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['deployment_id'], 'orchestrator_approvals_deployment_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('orchestrator_approvals');
  await knex.raw(
    'DROP INDEX IF EXISTS orchestrator_environment_extensions_pending_uq',
  );
  await knex.schema.dropTable('orchestrator_environment_extensions');
  await knex.raw('DROP INDEX IF EXISTS orchestrator_deployments_in_flight_uq');
  await knex.schema.dropTable('orchestrator_deployments');
  await knex.schema.dropTable('orchestrator_plans');
  await knex.schema.dropTable('orchestrator_environments');
  await knex.schema.dropTable('orchestrator_workloads');
};
