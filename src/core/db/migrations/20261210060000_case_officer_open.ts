import { sql, type Kysely } from 'kysely'
import { createGramVocab, dropGramVocab, isPostgres, tuneGramIndex } from './_helpers'

/*
 * 我的案件 at scale (issue 14 benchmarks):
 *  - case_officer.case_open (1 until the case closes): "my open cases" is read from the officer's
 *    own index entries (user_id, case_open, case_id) instead of loading every case the officer ever
 *    handled to drop the closed ones (at 1 M cases an officer of 1 case in 500 has ~2,000 cases,
 *    ~200 open). 结案 is final and the only way to 'closed', and officers are only added at 立案,
 *    so the flag is set once, in the closing transition (cases.closure.ts). Backfilled here.
 *  - the public penalty list's name index gets the register's search tuning (PostgreSQL GIN
 *    without the pending list every search read through; SQLite FTS5 segments merged).
 *  - SQLite: the vocabulary of both gram indexes (register names, penalty parties), from which a
 *    search learns which of its grams are rarest (core/db/text-search.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('case_officer')
    .addColumn('case_open', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await sql`update case_officer set case_open = 0 where case_id in (select id from case_file where state = 'closed')`.execute(db)
  await db.schema.createIndex('case_officer_user_open_idx').on('case_officer').columns(['user_id', 'case_open', 'case_id']).execute()
  await db.schema.dropIndex('case_officer_user_idx').execute()
  await tuneGramIndex(db, 'case_publicity')
  for (const t of ['market_entity', 'case_publicity']) await createGramVocab(db, t)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['market_entity', 'case_publicity']) await dropGramVocab(db, t)
  if (await isPostgres(db)) await sql.raw('alter index case_publicity_grams_gin reset (fastupdate)').execute(db)
  await db.schema.createIndex('case_officer_user_idx').on('case_officer').column('user_id').execute()
  await db.schema.dropIndex('case_officer_user_open_idx').execute()
  await db.schema.alterTable('case_officer').dropColumn('case_open').execute()
}
