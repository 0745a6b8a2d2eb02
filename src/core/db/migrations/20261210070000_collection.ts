import type { Kysely } from 'kysely'

/*
 * 涉企信息归集 (issue 15 point 9): other departments (归集部门) with the bureau unit that collects
 * their information and the service account that may push it; the collected records (licences,
 * penalties, check results), one per department, kind and document number; the expected counts
 * (应归集数) per department, month and class that the collection rate is measured against.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('collection_department')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('push_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('collection_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'text', (c) => c.notNull().references('collection_department.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('info_class', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.references('market_entity.id'))
    .addColumn('entity_name', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('content', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_run_id', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('on_time', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('collection_record_entity_idx').on('collection_record').columns(['entity_id', 'decided_on']).execute()
  await db.schema.createIndex('collection_record_dept_idx').on('collection_record').columns(['department_id', 'decided_on', 'info_class']).execute()
  await db.schema.createIndex('collection_record_unit_idx').on('collection_record').columns(['unit_id', 'received_at']).execute()
  await db.schema
    .createTable('collection_quota')
    .addColumn('department_id', 'text', (c) => c.notNull().references('collection_department.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('info_class', 'text', (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('collection_quota_pk', ['department_id', 'month', 'info_class'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('collection_quota').execute()
  await db.schema.dropTable('collection_record').execute()
  await db.schema.dropTable('collection_department').execute()
}
