import type { Kysely } from 'kysely'

/*
 * Credit supervision, first slice (src/modules/credit): annual reports (年度报告) with their
 * correction history, the entity's liaison (联络员) with the one-time activation code and liaison
 * sessions (codes and tokens stored as SHA-256 only), and the abnormal-operations list
 * (经营异常名录: listing proposals, listings, markings of individual businesses, objections and
 * removals). Legal dates are YYYY-MM-DD (China time); instants ISO UTC.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('annual_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('report_year', 'integer', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('public_json', 'text', (c) => c.notNull())
    .addColumn('optional_json', 'text', (c) => c.notNull())
    .addColumn('publish_optional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('liaison_id', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_report_entity_year_uq', ['entity_id', 'report_year'])
    .execute()
  await db.schema.createIndex('annual_report_year_idx').on('annual_report').columns(['report_year', 'entity_id']).execute()

  // Every earlier version of a corrected report (Publicity Regulation Art 12: before and after are shown).
  await db.schema
    .createTable('annual_report_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_report.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('public_json', 'text', (c) => c.notNull())
    .addColumn('optional_json', 'text', (c) => c.notNull())
    .addColumn('publish_optional', 'integer', (c) => c.notNull())
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_report_revision_uq', ['report_id', 'revision'])
    .execute()

  await db.schema
    .createTable('credit_liaison')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text')
    .addColumn('code_expires_at', 'text')
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('code_issued_by', 'text')
    .addColumn('activated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('credit_liaison_entity_idx').on('credit_liaison').columns(['entity_id', 'state']).execute()

  await db.schema
    .createTable('credit_liaison_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('liaison_id', 'text', (c) => c.notNull().references('credit_liaison.id'))
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  // The abnormal-operations list: a proposal is a row in state 'proposed'; listing, objection and
  // removal move the same row. dedupe_key makes the after-season batch idempotent.
  await db.schema
    .createTable('credit_listing')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('listing_no', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('ground', 'text', (c) => c.notNull())
    .addColumn('report_year', 'integer')
    .addColumn('trigger_on', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('note', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('listed_on', 'text')
    .addColumn('published_on', 'text')
    .addColumn('objection_text', 'text')
    .addColumn('objection_on', 'text')
    .addColumn('removal_ground', 'text')
    .addColumn('removal_applied_on', 'text')
    .addColumn('removed_on', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('next_due_on', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('credit_listing_entity_idx').on('credit_listing').columns(['entity_id', 'state']).execute()
  // Issued credit reports (信用报告): the snapshot as printed, checkable by its verification code.
  await db.schema
    .createTable('credit_report')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('credit_listing_unit_state_idx').on('credit_listing').columns(['unit_id', 'state', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['credit_report', 'credit_listing', 'credit_liaison_session', 'credit_liaison', 'annual_report_revision', 'annual_report'])
    await db.schema.dropTable(t).execute()
}
