import { sql, type Kysely } from 'kysely'

/*
 * matter_clock: every statutory clock (法定期限) of every supervised matter in one table, driven by
 * the rule catalogue and the calendar engine (src/core/matter/clocks.ts). One row per matter and
 * clock kind. The owning row keeps only a projection (next due date and kind) for its queues.
 *
 * - rule_id / rule_version_id / rule_valid_from: the rule version in force on the matter's
 *   reference date (12315: the receipt date); null for a local setting (the consultation target);
 * - unit / length: the period as computed (WD, CD, M, Y);
 * - start_on (not counted), due_on (after extensions and pauses), done_on (duty fulfilled);
 * - paused_json: JSON array of {from, to, reason}, both ends paused, to null = still paused;
 * - provisional / missing_years_json: the due date touches a year without an official schedule;
 * - unit_id: the matter's unit, for data scope.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('matter_clock')
    .addColumn('matter_type', 'text', (c) => c.notNull())
    .addColumn('matter_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text')
    .addColumn('rule_version_id', 'text')
    .addColumn('rule_valid_from', 'text')
    .addColumn('reference_on', 'text')
    .addColumn('unit', 'text')
    .addColumn('length', 'integer')
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('done_on', 'text')
    .addColumn('paused_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('extensions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('missing_years_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('unit_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('matter_clock_pk', ['matter_type', 'matter_id', 'kind'])
    .execute()
  // Open clocks by due date (escalation, overdue lists, "due soon" messages): done clocks are most
  // rows and never asked for by due date.
  await db.schema.createIndex('matter_clock_open_due_idx').on('matter_clock').columns(['matter_type', 'due_on']).where(sql.ref('done_on'), 'is', null).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('matter_clock').ifExists().execute()
}
