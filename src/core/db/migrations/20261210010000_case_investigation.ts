import type { Kysely } from 'kysely'

/*
 * The investigation stage of the case file (issue 14, point 2): evidence source and collector,
 * investigation records (询问笔录, 现场笔录/勘验笔录) with their Q&A, registered preservation of
 * evidence (先行登记保存, its items and its decision), avoidance (回避) applications and decisions,
 * and transfers (移送) with their receipts. Evidence files live in `attachment` (owner type
 * `case_evidence`); clocks in `matter_clock`; documents in `document`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_evidence').addColumn('source', 'text').execute()
  await db.schema.alterTable('case_evidence').addColumn('collected_by', 'text').execute()
  await db.schema.alterTable('case_evidence').addColumn('record_id', 'text').execute()

  await db.schema
    .createTable('case_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('officers_json', 'text', (c) => c.notNull())
    .addColumn('recorder', 'text', (c) => c.notNull())
    .addColumn('person_name', 'text')
    .addColumn('person_id_no', 'text')
    .addColumn('person_role', 'text')
    .addColumn('qa_json', 'text', (c) => c.notNull())
    .addColumn('present', 'text')
    .addColumn('findings', 'text')
    .addColumn('doc_no', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema.createIndex('case_record_case_idx').on('case_record').columns(['case_id', 'seq']).execute()

  await db.schema
    .createTable('case_preservation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('items_json', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('requested_on', 'text', (c) => c.notNull())
    .addColumn('approved_on', 'text')
    .addColumn('notice_no', 'text')
    .addColumn('decision', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decision_no', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema.createIndex('case_preservation_case_idx').on('case_preservation').column('case_id').execute()

  await db.schema
    .createTable('case_avoidance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull())
    .addColumn('officer_name', 'text', (c) => c.notNull())
    .addColumn('applicant', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('applied_on', 'text', (c) => c.notNull())
    .addColumn('replacement_id', 'text')
    .addColumn('replacement_name', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('doc_no', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema.createIndex('case_avoidance_case_idx').on('case_avoidance').column('case_id').execute()

  await db.schema
    .createTable('case_transfer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('organ', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('materials', 'text')
    .addColumn('transferred_on', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text')
    .addColumn('receiving_organ', 'text')
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema.createIndex('case_transfer_case_idx').on('case_transfer').column('case_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_transfer').ifExists().execute()
  await db.schema.dropTable('case_avoidance').ifExists().execute()
  await db.schema.dropTable('case_preservation').ifExists().execute()
  await db.schema.dropTable('case_record').ifExists().execute()
  await db.schema.alterTable('case_evidence').dropColumn('record_id').execute()
  await db.schema.alterTable('case_evidence').dropColumn('collected_by').execute()
  await db.schema.alterTable('case_evidence').dropColumn('source').execute()
}
