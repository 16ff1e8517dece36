// @ts-check

/**
 * Why someone asks to keep an ephemeral environment beyond its maximum
 * lifetime, for the approvers to read. Rows from before have none.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('orchestrator_environment_extensions', table => {
    table.text('reason').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('orchestrator_environment_extensions', table => {
    table.dropColumn('reason');
  });
};
