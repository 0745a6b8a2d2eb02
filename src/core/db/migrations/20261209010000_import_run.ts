import { sql, type Kysely } from 'kysely'

/*
 * One import history for every kind (core/imports): the register's `import_job`, the 12315
 * platform batches' `complaint_import` and the double-random `inspection_import` move into
 * `import_run`, keeping their ids (old links to a run and its error report keep working), and are
 * dropped. `kind` is the history a run belongs to (entities | complaints | inspections), `variant`
 * the file type within it (inspections: items | special_list). Module-specific state goes to
 * `data` (JSON): the 12315 batch's parsed rows awaiting import, the special list a file created.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('variant', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_path', 'text')
    .addColumn('file_size', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('format', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phase', 'text')
    .addColumn('mode', 'text')
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warning_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checkpoint_row', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mapping', 'text')
    .addColumn('message', 'text')
    .addColumn('data', 'text')
    .addColumn('job_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('unit_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute()
  await db.schema.createIndex('import_run_kind_created_idx').on('import_run').columns(['kind', 'created_at']).execute()
  await db.schema.createIndex('import_run_created_by_idx').on('import_run').column('created_by').execute()
  await db.schema.createIndex('import_run_unit_idx').on('import_run').column('unit_id').execute()

  await sql`insert into import_run (id, kind, variant, file_name, file_path, file_size, sha256, format, status, phase, mode,
      total_rows, valid_rows, error_rows, warning_rows, processed_rows, inserted_rows, updated_rows, imported_rows, checkpoint_row,
      mapping, message, data, job_id, created_by, unit_id, created_at, updated_at, finished_at)
    select id, 'entities', null, file_name, file_path, file_size, null, format, status, phase, null,
      total_rows, valid_rows, error_rows, warning_rows, processed_rows, inserted_rows, updated_rows, inserted_rows + updated_rows, checkpoint_row,
      mapping, message, null, null, created_by, unit_id, created_at, updated_at, finished_at
    from import_job`.execute(db)
  await sql`insert into import_run (id, kind, variant, file_name, format, status, total_rows, valid_rows, error_rows, inserted_rows, imported_rows,
      processed_rows, data, created_by, unit_id, created_at, updated_at, finished_at)
    select id, 'complaints', null, file_name, format, status, total_rows, valid_rows, error_rows, created_items, created_items,
      case when status = 'done' then total_rows else 0 end, case when status = 'validated' then rows_json else null end,
      created_by, unit_id, created_at, updated_at, finished_at
    from complaint_import`.execute(db)
  // Item and list imports validated and wrote in one request: a recorded one is finished.
  await sql`insert into import_run (id, kind, variant, file_name, status, mode, total_rows, valid_rows, error_rows, imported_rows, processed_rows,
      data, created_by, unit_id, created_at, updated_at, finished_at)
    select id, 'inspections', kind, file_name, 'done', 'valid_only', total_rows, ok_rows, error_rows, ok_rows, total_rows,
      case when list_id is null then null else '{"listId":"' || list_id || '"}' end,
      created_by, unit_id, created_at, created_at, created_at
    from inspection_import`.execute(db)
  // Warned rows of the inspections' runs were counted at read time; now they are stored.
  await sql`update import_run set warning_rows = (
      select count(distinct row_no) from import_issue where import_issue.run_id = import_run.id and severity = 'warning')
    where kind = 'inspections'`.execute(db)

  await db.schema.dropTable('import_job').execute()
  await db.schema.dropTable('complaint_import').execute()
  await db.schema.dropTable('inspection_import').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_path', 'text', (c) => c.notNull())
    .addColumn('file_size', 'bigint', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phase', 'text')
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checkpoint_row', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mapping', 'text')
    .addColumn('message', 'text')
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('unit_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('warning_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('import_job_created_by_idx').on('import_job').column('created_by').execute()
  await db.schema.createIndex('import_job_unit_idx').on('import_job').column('unit_id').execute()
  await db.schema
    .createTable('complaint_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('valid_rows', 'integer', (c) => c.notNull())
    .addColumn('error_rows', 'integer', (c) => c.notNull())
    .addColumn('created_items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute()
  await db.schema.createIndex('complaint_import_created_by_idx').on('complaint_import').column('created_by').execute()
  await db.schema.createIndex('complaint_import_unit_idx').on('complaint_import').column('unit_id').execute()
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

  await sql`insert into import_job (id, kind, file_name, file_path, file_size, format, status, phase, total_rows, valid_rows, error_rows,
      processed_rows, inserted_rows, updated_rows, checkpoint_row, mapping, message, created_by, unit_id, created_at, updated_at, finished_at, warning_rows)
    select id, kind, file_name, coalesce(file_path, ''), coalesce(file_size, 0), coalesce(format, 'csv'), status, phase, total_rows, valid_rows, error_rows,
      processed_rows, inserted_rows, updated_rows, checkpoint_row, mapping, message, created_by, unit_id, created_at, updated_at, finished_at, warning_rows
    from import_run where kind = 'entities'`.execute(db)
  await sql`insert into complaint_import (id, file_name, format, status, total_rows, valid_rows, error_rows, created_items, rows_json,
      created_by, unit_id, created_at, updated_at, finished_at)
    select id, file_name, coalesce(format, 'csv'), status, total_rows, valid_rows, error_rows, inserted_rows, coalesce(data, '[]'),
      created_by, unit_id, created_at, updated_at, finished_at
    from import_run where kind = 'complaints' and unit_id is not null`.execute(db)
  const lists = await sql<{ id: string; data: string | null }>`select id, data from import_run where kind = 'inspections'`.execute(db)
  await sql`insert into inspection_import (id, kind, file_name, unit_id, list_id, total_rows, ok_rows, error_rows, created_by, created_at)
    select id, coalesce(variant, 'items'), file_name, unit_id, null, total_rows, valid_rows, error_rows, created_by, created_at
    from import_run where kind = 'inspections'`.execute(db)
  for (const r of lists.rows) {
    const listId = r.data ? (JSON.parse(r.data) as { listId?: string }).listId : undefined
    if (listId) await db.updateTable('inspection_import').set({ list_id: listId }).where('id', '=', r.id).execute()
  }
  await db.schema.dropTable('import_run').execute()
}
