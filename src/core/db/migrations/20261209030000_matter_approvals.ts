import type { Kysely } from 'kysely'

/*
 * Approval requests of supervised matters (src/core/matter/approvals.ts): a handler proposes, a
 * holder of the kind's approve permission decides (审批待办). One row per request; at most one
 * pending per matter and kind (checked under the matter's row lock). Payload is the proposed
 * action's input as JSON; legal dates YYYY-MM-DD, instants ISO.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('matter_approval')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('matter_type', 'text', (c) => c.notNull())
    .addColumn('matter_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('matter_label', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text')
    .addColumn('proposed_by_name', 'text')
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('matter_approval_inbox_idx').on('matter_approval').columns(['state', 'unit_id', 'proposed_at']).execute()
  await db.schema.createIndex('matter_approval_matter_idx').on('matter_approval').columns(['matter_type', 'matter_id', 'kind']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('matter_approval').execute()
}
