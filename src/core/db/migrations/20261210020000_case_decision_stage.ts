import type { Kysely } from 'kysely'

/*
 * The decision stage and money of the case file (issue 14, points 3–5): hearing notice and hearing
 * (date, place, hearing officer — not an investigator — held on), collective discussion (集体讨论),
 * the decision not to penalise (its ground), the reminder (催告) and the application to the court
 * for enforcement, and the instalment schedule (分期缴纳) approved on the party's application.
 */
const COLUMNS = [
  'hearing_notice_on',
  'hearing_on',
  'hearing_place',
  'hearing_officer_id',
  'hearing_officer_name',
  'hearing_held_on',
  'collective_on',
  'no_penalty_ground',
  'reminded_on',
  'court_applied_on',
  'deferred_to',
  'onspot_filed_on',
] as const

export async function up(db: Kysely<any>): Promise<void> {
  for (const c of COLUMNS) await db.schema.alterTable('case_file').addColumn(c, 'text').execute()
  await db.schema
    .createTable('case_instalment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('case_instalment_case_idx').on('case_instalment').columns(['case_id', 'seq']).unique().execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_instalment_case_idx').ifExists().execute()
  await db.schema.dropTable('case_instalment').ifExists().execute()
  for (const c of [...COLUMNS].reverse()) await db.schema.alterTable('case_file').dropColumn(c).execute()
}
