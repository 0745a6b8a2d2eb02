import type { Kysely } from 'kysely'
import { createGramIndex, isPostgres } from './_helpers'

/*
 * Penalty publicity (行政处罚信息公示, Order 45) and typical cases (典型案例) of the case module, plus
 * the columns and indexes case statistics read. `case_publicity` holds the Order 45 Art 4 summary
 * copied at the decision (a natural person's identity only masked — the raw number never reaches
 * this table), its state, publication, withdrawal, display end and early stop; a bigram index over
 * the party name serves the public search. `case_file.procedure` tells ordinary from simplified
 * (当场) decisions for statistics and publicity scope.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_publicity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('party_kind', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('party_uscc', 'text')
    .addColumn('party_id_masked', 'text')
    .addColumn('legal_rep', 'text')
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('penalty_type', 'text', (c) => c.notNull())
    .addColumn('penalty_content', 'text', (c) => c.notNull())
    .addColumn('fine_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('confiscated_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('cross_province', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('display_kind', 'text', (c) => c.notNull())
    .addColumn('restriction_end_on', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('published_on', 'text')
    .addColumn('published_by', 'text')
    .addColumn('display_end_on', 'text')
    .addColumn('changed_on', 'text')
    .addColumn('withdrawn_on', 'text')
    .addColumn('withdraw_reason', 'text')
    .addColumn('stopped_on', 'text')
    .addColumn('stop_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('case_publicity_case_idx').on('case_publicity').column('case_id').execute()
  await db.schema.createIndex('case_publicity_unit_state_idx').on('case_publicity').columns(['unit_id', 'state', 'decided_on']).execute()
  await db.schema.createIndex('case_publicity_public_idx').on('case_publicity').columns(['state', 'published_on']).execute()
  await db.schema.createIndex('case_publicity_uscc_idx').on('case_publicity').columns(['party_uscc']).execute()
  await createGramIndex(db, 'case_publicity')

  await db.schema
    .createTable('case_typical')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().unique().references('case_file.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('write_up', 'text', (c) => c.notNull())
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('marked_by', 'text')
    .addColumn('withdrawn_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('case_typical_public_idx').on('case_typical').columns(['withdrawn_on', 'published_on']).execute()

  // Statistics: ordinary (普通程序) or simplified (当场) decisions; indexes for month × unit tables.
  await db.schema
    .alterTable('case_file')
    .addColumn('procedure', 'text', (c) => c.notNull().defaultTo('ordinary'))
    .execute()
  await db.schema.createIndex('case_file_stats_filed_idx').on('case_file').columns(['filed_on', 'unit_id', 'case_type']).execute()
  await db.schema.createIndex('case_file_stats_closed_idx').on('case_file').columns(['closed_on', 'unit_id', 'case_type']).execute()
  await db.schema.createIndex('case_file_stats_decided_idx').on('case_file').columns(['decided_on', 'unit_id', 'case_type']).execute()
  await db.schema.createIndex('case_seizure_decided_idx').on('case_seizure').columns(['decided_on', 'case_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['case_file_stats_filed_idx', 'case_file_stats_closed_idx', 'case_file_stats_decided_idx', 'case_seizure_decided_idx'])
    await db.schema.dropIndex(i).ifExists().execute()
  await db.schema.alterTable('case_file').dropColumn('procedure').execute()
  await db.schema.dropTable('case_typical').ifExists().execute()
  if (!(await isPostgres(db))) await db.schema.dropTable('case_publicity_fts').ifExists().execute()
  await db.schema.dropTable('case_publicity').ifExists().execute()
}
