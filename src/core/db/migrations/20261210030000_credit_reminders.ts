import type { Kysely } from 'kysely'

/*
 * Annual-report reminders (年报催报, src/modules/credit/annual-report.reminders.ts): the outbox of
 * reminder messages, one row per entity × report year × reminder round (unique: a batch run twice
 * adds nothing), with the text built from the template, the unit that sends it and the liaison's
 * phone at the time (personal data: masked for staff without personal_data.view). `exported_at` is
 * set when the bureau takes the list for its SMS channel.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('credit_reminder')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('report_year', 'integer', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('liaison_id', 'text')
    .addColumn('phone', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('exported_at', 'text')
    .addUniqueConstraint('credit_reminder_uq', ['entity_id', 'report_year', 'round'])
    .execute()
  await db.schema.createIndex('credit_reminder_year_idx').on('credit_reminder').columns(['report_year', 'round', 'unit_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credit_reminder').execute()
}
