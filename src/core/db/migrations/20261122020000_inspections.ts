import { sql, type Kysely } from 'kysely'
import { isPostgres, makeAppendOnly } from './_helpers'

/*
 * "Double random, one public" (双随机、一公开): check-item list, inspector register, special target
 * lists, plans, tasks, the immutable draw records (pool snapshot, drawn list, assignments) and the
 * results with their attachments.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const blob = (await isPostgres(db)) ? 'bytea' : 'blob'

  // 抽查事项清单 (random check-item list).
  await db.schema
    .createTable('inspection_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    // '|enterprise|individual|' ('' = every kind).
    .addColumn('entity_kinds', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_key', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('check_method', 'text', (c) => c.notNull())
    // JSON array of result codes offered for this item.
    .addColumn('result_options', 'text', (c) => c.notNull())
    .addColumn('business_line', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute()
  await db.schema.createIndex('inspection_item_unit_idx').on('inspection_item').column('unit_id').execute()

  // 执法检查人员名录库 (inspector register): users holding an enforcement certificate.
  await db.schema
    .createTable('inspection_inspector')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('app_user.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('max_load', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('inspection_inspector_unit_idx').on('inspection_inspector').column('unit_id').execute()

  // Declared conflicts of interest (利害关系): an inspector never checks these entities.
  await db.schema
    .createTable('inspection_conflict')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema.createIndex('inspection_conflict_user_idx').on('inspection_conflict').column('user_id').execute()
  await db.schema.createIndex('inspection_conflict_entity_idx').on('inspection_conflict').column('entity_id').execute()

  // Special target lists imported from Excel (特定对象名录).
  await db.schema
    .createTable('inspection_special_list')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('note', 'text')
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('inspection_special_list_unit_idx').on('inspection_special_list').column('unit_id').execute()
  await db.schema
    .createTable('inspection_special_member')
    .addColumn('list_id', 'text', (c) => c.notNull().references('inspection_special_list.id'))
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addPrimaryKeyConstraint('inspection_special_member_pk', ['list_id', 'entity_id'])
    .execute()
  await db.schema.createIndex('inspection_special_member_entity_idx').on('inspection_special_member').column('entity_id').execute()

  // Excel imports (check items, special lists) and their row errors, for the error report.
  await db.schema
    .createTable('inspection_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('list_id', 'text', (c) => c.references('inspection_special_list.id'))
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('ok_rows', 'integer', (c) => c.notNull())
    .addColumn('error_rows', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('inspection_import_unit_idx').on('inspection_import').column('unit_id').execute()
  await db.schema.createIndex('inspection_import_list_idx').on('inspection_import').column('list_id').execute()
  await db.schema
    .createTable('inspection_import_error')
    .addColumn('import_id', 'text', (c) => c.notNull().references('inspection_import.id'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('inspection_import_error_idx').on('inspection_import_error').columns(['import_id', 'row_no']).execute()

  // Annual plans (年度抽查计划).
  await db.schema
    .createTable('inspection_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_no', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('description', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('inspection_plan_unit_idx').on('inspection_plan').columns(['unit_id', 'year']).execute()

  // Tasks (抽查任务), ad hoc or under a plan.
  await db.schema
    .createTable('inspection_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_no', 'text', (c) => c.notNull().unique())
    .addColumn('plan_id', 'text', (c) => c.references('inspection_plan.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('joint', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('scope_json', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    // draft → announced → drawn → completed → published
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('commitment_hash', 'text')
    // Server-side until the draw; revealed in the draw record.
    .addColumn('commitment_secret', 'text')
    .addColumn('announced_at', 'text')
    .addColumn('current_draw_id', 'text')
    .addColumn('drawn_at', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('inspection_task_plan_idx').on('inspection_task').column('plan_id').execute()
  await db.schema.createIndex('inspection_task_unit_idx').on('inspection_task').columns(['unit_id', 'status']).execute()
  await db.schema.createIndex('inspection_task_status_idx').on('inspection_task').columns(['status', 'published_at']).execute()

  // Items of a task; a joint task (部门联合) names the department that checks each item.
  await db.schema
    .createTable('inspection_task_item')
    .addColumn('task_id', 'text', (c) => c.notNull().references('inspection_task.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('inspection_item.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addPrimaryKeyConstraint('inspection_task_item_pk', ['task_id', 'item_id'])
    .execute()
  await db.schema.createIndex('inspection_task_item_item_idx').on('inspection_task_item').column('item_id').execute()
  await db.schema.createIndex('inspection_task_item_unit_idx').on('inspection_task_item').column('unit_id').execute()

  // The draw record (抽取记录): immutable once written; a redraw is a new row linked by redraw_of.
  await db.schema
    .createTable('inspection_draw')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('draw_no', 'text', (c) => c.notNull().unique())
    .addColumn('task_id', 'text', (c) => c.notNull().references('inspection_task.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('redraw_of', 'text', (c) => c.references('inspection_draw.id'))
    .addColumn('redraw_reason', 'text')
    // succeeded | failed (infeasible: the explanation is kept, nothing is drawn)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('pool_size', 'integer', (c) => c.notNull())
    .addColumn('pool_hash', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('params_hash', 'text', (c) => c.notNull())
    .addColumn('excluded_count', 'integer', (c) => c.notNull())
    .addColumn('exclusion_hash', 'text', (c) => c.notNull())
    .addColumn('commitment_hash', 'text', (c) => c.notNull())
    .addColumn('commitment_secret', 'text', (c) => c.notNull())
    .addColumn('draw_time_value', 'text', (c) => c.notNull())
    .addColumn('draw_time_source', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('strata_json', 'text', (c) => c.notNull())
    .addColumn('drawn_count', 'integer', (c) => c.notNull())
    // Assignment options and the groups (department × business line) inspectors were drawn for.
    .addColumn('assignment_json', 'text', (c) => c.notNull())
    .addColumn('roster_hash', 'text', (c) => c.notNull())
    .addColumn('failure_json', 'text')
    .addColumn('drawn_by', 'text')
    .addColumn('drawn_by_name', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('inspection_draw_attempt_unique', ['task_id', 'attempt'])
    .execute()
  await db.schema.createIndex('inspection_draw_redraw_idx').on('inspection_draw').column('redraw_of').execute()
  await makeAppendOnly(db, 'inspection_draw')

  // Frozen snapshot of the pool (canonical `id|stratum` lines), its station column, the excluded
  // ids and the inspector roster: compressed chunks of lines (compact: a 10-million pool is a few
  // hundred chunks, not 10 million rows). See inspections.snapshot.ts for the format.
  await db.schema
    .createTable('inspection_draw_chunk')
    .addColumn('draw_id', 'text', (c) => c.notNull().references('inspection_draw.id'))
    // pool | station | excluded | roster
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('chunk_no', 'integer', (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) => c.notNull())
    // br (Brotli) | gzip
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('data', blob as 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_draw_chunk_pk', ['draw_id', 'kind', 'chunk_no'])
    .execute()
  await makeAppendOnly(db, 'inspection_draw_chunk')
  // The draw reads the whole register in byte order of the id (the pool hash's canonical order:
  // SQLite's BINARY, PostgreSQL's COLLATE "C") in keyset pages. A covering index in that order with
  // the columns of the usual scope (status, risk class, station) lets it walk ~90 bytes per entity
  // instead of the ~450-byte rows: at 10 million entities the read's I/O drops from ~4.5 GB to
  // ~0.9 GB (BENCHMARKS.md). Ids are time-ordered, so inserts append at the index's right edge.
  if (await isPostgres(db)) await sql`create index market_entity_draw_idx on market_entity (id collate "C", status, risk_class, station_unit_id)`.execute(db)
  else await db.schema.createIndex('market_entity_draw_idx').on('market_entity').columns(['id', 'status', 'risk_class', 'station_unit_id']).execute()

  // The drawn list, in draw order.
  await db.schema
    .createTable('inspection_draw_target')
    .addColumn('draw_id', 'text', (c) => c.notNull().references('inspection_draw.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('stratum', 'text', (c) => c.notNull())
    .addColumn('station_unit_id', 'text')
    .addPrimaryKeyConstraint('inspection_draw_target_pk', ['draw_id', 'ordinal'])
    .execute()
  await db.schema.createIndex('inspection_draw_target_entity_idx').on('inspection_draw_target').column('entity_id').execute()
  await makeAppendOnly(db, 'inspection_draw_target')

  // Inspectors drawn per target and group.
  await db.schema
    .createTable('inspection_draw_assignment')
    .addColumn('draw_id', 'text', (c) => c.notNull().references('inspection_draw.id'))
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('group_no', 'integer', (c) => c.notNull())
    // Order within the target's team, as the assignment algorithm gave it (verification compares it).
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('inspection_draw_assignment_pk', ['draw_id', 'entity_id', 'group_no', 'position'])
    .execute()
  await db.schema.createIndex('inspection_draw_assignment_user_idx').on('inspection_draw_assignment').column('user_id').execute()
  await db.schema.createIndex('inspection_draw_assignment_entity_idx').on('inspection_draw_assignment').column('entity_id').execute()
  await makeAppendOnly(db, 'inspection_draw_assignment')

  // Progress of a running draw (mutable; the page polls it).
  await db.schema
    .createTable('inspection_draw_job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('inspection_task.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phase', 'text')
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pool_size', 'integer')
    .addColumn('message', 'text')
    .addColumn('draw_id', 'text', (c) => c.references('inspection_draw.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute()
  await db.schema.createIndex('inspection_draw_job_task_idx').on('inspection_draw_job').column('task_id').execute()
  await db.schema.createIndex('inspection_draw_job_draw_idx').on('inspection_draw_job').column('draw_id').execute()

  // Working copy of the current draw's targets: result status and follow-ups.
  await db.schema
    .createTable('inspection_target')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('inspection_task.id'))
    .addColumn('draw_id', 'text', (c) => c.notNull().references('inspection_draw.id'))
    .addColumn('entity_id', 'text', (c) => c.notNull().references('market_entity.id'))
    .addColumn('entity_name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text')
    .addColumn('station_unit_id', 'text')
    .addColumn('stratum', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    // pending | done
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('inspected_on', 'text')
    .addColumn('outcome', 'text')
    .addColumn('lead_id', 'text')
    .addColumn('lead_no', 'text')
    .addColumn('abnormal_id', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text')
    .addUniqueConstraint('inspection_target_unique', ['task_id', 'entity_id'])
    .execute()
  await db.schema.createIndex('inspection_target_entity_idx').on('inspection_target').column('entity_id').execute()
  await db.schema.createIndex('inspection_target_draw_idx').on('inspection_target').column('draw_id').execute()

  await db.schema
    .createTable('inspection_result')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_id', 'text', (c) => c.notNull().references('inspection_target.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('inspection_task.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('inspection_item.id'))
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('inspection_result_unique', ['target_id', 'item_id'])
    .execute()
  await db.schema.createIndex('inspection_result_task_idx').on('inspection_result').column('task_id').execute()
  await db.schema.createIndex('inspection_result_item_idx').on('inspection_result').column('item_id').execute()

  await db.schema
    .createTable('inspection_attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_id', 'text', (c) => c.notNull().references('inspection_target.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('inspection_task.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', blob as 'blob', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('inspection_attachment_target_idx').on('inspection_attachment').column('target_id').execute()
  await db.schema.createIndex('inspection_attachment_task_idx').on('inspection_attachment').column('task_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('market_entity_draw_idx').ifExists().execute()
  for (const t of [
    'inspection_attachment',
    'inspection_result',
    'inspection_target',
    'inspection_draw_job',
    'inspection_draw_assignment',
    'inspection_draw_target',
    'inspection_draw_chunk',
    'inspection_draw',
    'inspection_task_item',
    'inspection_task',
    'inspection_plan',
    'inspection_import_error',
    'inspection_import',
    'inspection_special_member',
    'inspection_special_list',
    'inspection_conflict',
    'inspection_inspector',
    'inspection_item',
  ]) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
