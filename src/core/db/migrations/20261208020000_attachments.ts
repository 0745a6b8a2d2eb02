import { sql, type Kysely } from 'kysely'
import { isPostgres } from './_helpers'

/*
 * One attachment store (issue 13 point 7): `attachment` replaces complaint_attachment (12315 items)
 * and inspection_attachment (double-random inspection targets). Owner = matter type + matter id.
 * Backfill keeps every id (old download URLs keep working), file name, type, size, sha256, uploader
 * and time; rows whose bytes were in the database keep them in `content` with stored = 'db' (a
 * migration cannot reach the file store's folder), new files always go to the file store. The old
 * tables are dropped: nothing else references them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = await isPostgres(db)
  await db.schema
    .createTable('attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('stored', 'text', (c) => c.notNull().defaultTo('file'))
    .addColumn('content', pg ? 'bytea' : 'blob')
    .addColumn('confidential', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scan_status', 'text', (c) => c.notNull().defaultTo('not_scanned'))
    .addColumn('uploaded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('attachment_owner_idx').on('attachment').columns(['owner_type', 'owner_id']).execute()
  await db.schema.createIndex('attachment_uploaded_by_idx').on('attachment').column('uploaded_by').execute()

  await sql`insert into attachment (id, owner_type, owner_id, kind, file_name, content_type, size_bytes, sha256, stored, content, confidential, scan_status, uploaded_by, uploaded_at)
    select id, 'complaint_item', item_id, kind, file_name, mime, size_bytes, sha256, stored, content, 0, 'not_scanned', uploaded_by, uploaded_at
    from complaint_attachment`.execute(db)
  // inspection_attachment.uploaded_by had no foreign key: keep only ids of existing users.
  await sql`insert into attachment (id, owner_type, owner_id, kind, file_name, content_type, size_bytes, sha256, stored, content, confidential, scan_status, uploaded_by, uploaded_at)
    select a.id, 'inspection_target', a.target_id, null, a.file_name, a.mime, a.size, a.sha256, 'db', a.content, 0, 'not_scanned', u.id, a.uploaded_at
    from inspection_attachment a left join app_user u on u.id = a.uploaded_by`.execute(db)

  await db.schema.dropTable('complaint_attachment').execute()
  await db.schema.dropTable('inspection_attachment').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = await isPostgres(db)
  const blob = pg ? 'bytea' : 'blob'
  await db.schema
    .createTable('complaint_attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('complaint_item.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', blob as 'blob')
    .addColumn('uploaded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('stored', 'text', (c) => c.notNull().defaultTo('db'))
    .execute()
  await db.schema.createIndex('complaint_attachment_item_idx').on('complaint_attachment').column('item_id').execute()
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
  await sql`insert into complaint_attachment (id, item_id, kind, file_name, mime, size_bytes, sha256, content, uploaded_by, uploaded_at, stored)
    select id, owner_id, coalesce(kind, 'other'), file_name, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at, stored
    from attachment where owner_type = 'complaint_item'`.execute(db)
  // inspection_attachment requires the bytes in the database: rows stored in the file store cannot go back.
  await sql`insert into inspection_attachment (id, target_id, task_id, file_name, mime, size, sha256, content, uploaded_by, uploaded_at)
    select a.id, a.owner_id, t.task_id, a.file_name, a.content_type, a.size_bytes, a.sha256, a.content, a.uploaded_by, a.uploaded_at
    from attachment a join inspection_target t on t.id = a.owner_id where a.owner_type = 'inspection_target' and a.content is not null`.execute(db)
  await db.schema.dropTable('attachment').execute()
}
