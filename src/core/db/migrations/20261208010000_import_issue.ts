import { sql, type Kysely } from 'kysely'

/*
 * One table of import row issues for every import kind (core/imports): the register's
 * `import_error`, the inspections' `inspection_import_error` and the 12315 batches' `errors_json`
 * move into `import_issue`, which adds a severity (error | warning: a warning is reported, the row
 * is imported). The register's jobs count their warned rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_issue')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().defaultTo('error'))
    .execute()
  await db.schema.createIndex('import_issue_run_idx').on('import_issue').columns(['run_id', 'row_no']).execute()

  await sql`insert into import_issue (run_id, row_no, column_name, value, reason, severity)
    select job_id, row_no, column_name, value, reason, 'error' from import_error`.execute(db)
  await sql`insert into import_issue (run_id, row_no, column_name, value, reason, severity)
    select import_id, row_no, column_name, value, reason, 'error' from inspection_import_error`.execute(db)
  // Aliases without underscores: the app's Kysely maps result keys to camelCase.
  const batches = await sql<{ id: string; errs: string | null }>`select id, errors_json as errs from complaint_import`.execute(db)
  for (const b of batches.rows) {
    const errors = JSON.parse(b.errs || '[]') as Array<{ rowNo: number; column: string; value: string | null; reason: string }>
    for (let i = 0; i < errors.length; i += 500)
      await db
        .insertInto('import_issue')
        .values(
          errors.slice(i, i + 500).map((e) => ({ run_id: b.id, row_no: e.rowNo, column_name: e.column, value: e.value, reason: e.reason, severity: 'error' })),
        )
        .execute()
  }

  await db.schema.dropTable('import_error').execute()
  await db.schema.dropTable('inspection_import_error').execute()
  await db.schema.alterTable('complaint_import').dropColumn('errors_json').execute()
  await db.schema
    .alterTable('import_job')
    .addColumn('warning_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_job').dropColumn('warning_rows').execute()
  await db.schema
    .alterTable('complaint_import')
    .addColumn('errors_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute()
  await db.schema
    .createTable('inspection_import_error')
    .addColumn('import_id', 'text', (c) => c.notNull().references('inspection_import.id'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('inspection_import_error_idx').on('inspection_import_error').columns(['import_id', 'row_no']).execute()
  await db.schema
    .createTable('import_error')
    .addColumn('job_id', 'text', (c) => c.notNull().references('import_job.id'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('import_error_job_idx').on('import_error').columns(['job_id', 'row_no']).execute()
  await sql`insert into import_error (job_id, row_no, column_name, value, reason)
    select run_id, row_no, column_name, value, reason from import_issue where severity = 'error' and run_id in (select id from import_job)`.execute(db)
  await sql`insert into inspection_import_error (import_id, row_no, column_name, value, reason)
    select run_id, row_no, column_name, value, reason from import_issue where run_id in (select id from inspection_import)`.execute(db)
  await db.schema.dropTable('import_issue').execute()
}
