// @ts-check

/**
 * Paved's scorecards: the facts sources observed, each entity's current
 * results, their history, and what the incremental run compares against.
 * Never edit once landed; add a migration instead.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecards_facts', table => {
    table.comment('What each fact source last observed about each entity');
    table.string('entity_ref', 255).notNullable();
    table.string('source', 63).notNullable();
    table
      .text('facts')
      .notNullable()
      .comment('JSON: fact name -> value, as the source last observed them');
    table
      .timestamp('observed_at', { useTz: true })
      .nullable()
      .comment(
        'When the facts were observed; null when the source never succeeded for the entity',
      );
    table
      .text('stale_error')
      .nullable()
      .comment('The last error of the source; set while its facts are stale');
    table
      .timestamp('stale_since', { useTz: true })
      .nullable()
      .comment('When the source first failed since it last succeeded');
    table.primary(['entity_ref', 'source'], 'scorecards_facts_pk');
  });

  await knex.schema.createTable('scorecards_results', table => {
    table.comment(
      'The latest evaluation of each scorecard that applies to an entity',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('scorecard', 63).notNullable();
    table.string('level', 63).nullable().comment('The highest level reached');
    table.integer('passed').notNullable();
    table.integer('failed').notNullable();
    table.integer('unknown').notNullable();
    table.text('result').notNullable().comment('JSON: the ScorecardResult');
    table.string('entity_kind', 63).notNullable();
    table.string('entity_title').nullable();
    table
      .string('owner', 255)
      .nullable()
      .comment('The owner of the entity as a full entity ref');
    table
      .string('system', 255)
      .nullable()
      .comment('The system of the entity as a full entity ref');
    table
      .timestamp('evaluated_at', { useTz: true })
      .notNullable()
      .comment('When this outcome was last confirmed by an evaluation');
    table.primary(['entity_ref', 'scorecard'], 'scorecards_results_pk');
    table.index(['owner'], 'scorecards_results_owner_idx');
    table.index(['system'], 'scorecards_results_system_idx');
  });

  await knex.schema.createTable('scorecards_history', table => {
    table.comment(
      'One row per change of the outcome of an entity on a scorecard: its level or its pass, fail and unknown counts',
    );
    table.bigIncrements('id');
    table.string('entity_ref', 255).notNullable();
    table.string('scorecard', 63).notNullable();
    table.string('level', 63).nullable();
    table.integer('passed').notNullable();
    table.integer('failed').notNullable();
    table.integer('unknown').notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.index(
      ['entity_ref', 'scorecard', 'evaluated_at'],
      'scorecards_history_entity_idx',
    );
  });

  await knex.schema.createTable('scorecards_entities', table => {
    table.comment(
      'Every entity evaluated, with the catalog etag it had then: the incremental run re-evaluates entities whose etag changed',
    );
    table.string('entity_ref', 255).primary().notNullable();
    table.string('etag', 255).notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecards_entities');
  await knex.schema.dropTable('scorecards_history');
  await knex.schema.dropTable('scorecards_results');
  await knex.schema.dropTable('scorecards_facts');
};
