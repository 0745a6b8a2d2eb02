import { sql, type Kysely } from 'kysely'
import { isPostgres } from './_helpers'

/*
 * 12315 pilot readiness (issue 12, points 10–12):
 * - complaint_answer: the centre's knowledge base of standard answers to consultations (常用语),
 *   searched from the intake form, edited by holders of complaint.knowledge; never deleted
 *   (deactivated), every change audited, optimistic-lock version.
 * - complaint_item.purchased_on: the purchase date a citizen gives on the public form (YYYY-MM-DD,
 *   China time); the amount goes to the existing amount_claimed_fen (integer fen).
 * - complaint_attachment: `content` becomes nullable and `stored` says where the bytes live —
 *   'db' (rows written before this migration) or 'file' (content-addressed file store, outside the
 *   database, keyed by the sha256 already on the row).
 * - complaint_track_recovery: one row per query-code recovery attempt (item number hash, client
 *   hash, time): the durable, cross-process rate limit of the recovery endpoint.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = await isPostgres(db)
  await db.schema
    .createTable('complaint_answer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('used_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('complaint_answer_title_uq').on('complaint_answer').column('title').unique().execute()

  await db.schema.alterTable('complaint_item').addColumn('purchased_on', 'text').execute()

  await db.schema
    .alterTable('complaint_attachment')
    .addColumn('stored', 'text', (c) => c.notNull().defaultTo('db'))
    .execute()
  if (pg) {
    await sql`alter table complaint_attachment alter column content drop not null`.execute(db)
  } else {
    // SQLite cannot drop NOT NULL in place: rebuild the table (nothing references it).
    await sql`create table complaint_attachment_new (
      id text primary key, item_id text not null references complaint_item(id), kind text not null, file_name text not null, mime text not null,
      size_bytes integer not null, sha256 text not null, content blob, uploaded_by text references app_user(id), uploaded_at text not null,
      stored text not null default 'db')`.execute(db)
    await sql`insert into complaint_attachment_new (id, item_id, kind, file_name, mime, size_bytes, sha256, content, uploaded_by, uploaded_at, stored)
      select id, item_id, kind, file_name, mime, size_bytes, sha256, content, uploaded_by, uploaded_at, stored from complaint_attachment`.execute(db)
    await sql`drop table complaint_attachment`.execute(db)
    await sql`alter table complaint_attachment_new rename to complaint_attachment`.execute(db)
    await db.schema.createIndex('complaint_attachment_item_idx').on('complaint_attachment').column('item_id').execute()
  }

  await db.schema
    .createTable('complaint_track_recovery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('complaint_track_recovery_item_idx').on('complaint_track_recovery').columns(['item_key', 'at']).execute()
  await db.schema.createIndex('complaint_track_recovery_client_idx').on('complaint_track_recovery').columns(['client_key', 'at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('complaint_track_recovery').execute()
  await db.schema.alterTable('complaint_item').dropColumn('purchased_on').execute()
  await db.schema.dropTable('complaint_answer').execute()
}
