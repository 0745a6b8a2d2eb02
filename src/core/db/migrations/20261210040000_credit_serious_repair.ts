import type { Kysely } from 'kysely'

/*
 * Credit supervision, second slice (src/modules/credit): the serious-violation list
 * (严重违法失信名单, Order 44) — proposals from heavier penalties and from three years on the
 * abnormal list, notice, decision (with the level above's approval where required), publication,
 * the legal representative's restriction (name as registered; an identity number only as its keyed
 * hash), removal after 3 years or early on application — and credit repair (信用修复)
 * applications. Legal dates are YYYY-MM-DD (China time); instants ISO UTC.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('credit_serious')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serious_no', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('ground', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('trigger_on', 'text', (c) => c.notNull())
    .addColumn('needs_upper', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('upper_unit_id', 'text')
    .addColumn('notified_on', 'text')
    .addColumn('statement_text', 'text')
    .addColumn('statement_on', 'text')
    .addColumn('waived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('referred_on', 'text')
    .addColumn('upper_approved_by', 'text')
    .addColumn('upper_approved_on', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('listed_on', 'text')
    .addColumn('decision_doc_id', 'text')
    .addColumn('published_on', 'text')
    .addColumn('legal_rep', 'text')
    .addColumn('legal_rep_id_hash', 'text')
    .addColumn('restriction_end_on', 'text')
    .addColumn('auto_removal_on', 'text')
    .addColumn('early_from_on', 'text')
    .addColumn('early_text', 'text')
    .addColumn('early_applied_on', 'text')
    .addColumn('removed_on', 'text')
    .addColumn('removal_kind', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('next_due_on', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('credit_serious_entity_idx').on('credit_serious').columns(['entity_id', 'state']).execute()
  await db.schema.createIndex('credit_serious_unit_state_idx').on('credit_serious').columns(['unit_id', 'state', 'created_at']).execute()
  await db.schema.createIndex('credit_serious_state_removal_idx').on('credit_serious').columns(['state', 'auto_removal_on']).execute()
  await db.schema.createIndex('credit_serious_legal_rep_idx').on('credit_serious').columns(['legal_rep_id_hash']).execute()

  // Credit repair applications (信用修复): one kind per target (abnormal listing, serious entry, penalty publicity).
  await db.schema
    .createTable('credit_repair')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('repair_no', 'text')
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('applicant', 'text', (c) => c.notNull())
    .addColumn('applicant_phone', 'text')
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('applied_on', 'text', (c) => c.notNull())
    .addColumn('check_json', 'text', (c) => c.notNull())
    .addColumn('accepted_on', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('next_due_on', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('credit_repair_unit_state_idx').on('credit_repair').columns(['unit_id', 'state', 'created_at']).execute()
  await db.schema.createIndex('credit_repair_target_idx').on('credit_repair').columns(['kind', 'target_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['credit_repair', 'credit_serious']) await db.schema.dropTable(t).execute()
}
