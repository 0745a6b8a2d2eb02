import type { Kysely } from 'kysely'

/*
 * Minimal enforcement leads (案源线索) and credit proposals (信用事项提议). The complaint centre and
 * double-random inspections create them; the full case workflow and the credit lists come later and
 * build on these tables.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_lead')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lead_no', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('source_no', 'text')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('entity_id', 'text', (c) => c.references('market_entity.id'))
    .addColumn('entity_name', 'text')
    .addColumn('uscc', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('found_on', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('case_lead_unit_idx').on('case_lead').columns(['unit_id', 'state']).execute()
  await db.schema.createIndex('case_lead_source_idx').on('case_lead').columns(['source', 'source_id']).execute()
  await db.schema.createIndex('case_lead_entity_idx').on('case_lead').column('entity_id').execute()

  await db.schema
    .createTable('credit_proposal')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_no', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decision_note', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('credit_proposal_unit_idx').on('credit_proposal').columns(['unit_id', 'state']).execute()
  await db.schema.createIndex('credit_proposal_entity_idx').on('credit_proposal').column('entity_id').execute()
  await db.schema.createIndex('credit_proposal_source_idx').on('credit_proposal').columns(['source_type', 'source_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credit_proposal').execute()
  await db.schema.dropTable('case_lead').execute()
}
