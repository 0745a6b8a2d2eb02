import type { Kysely } from 'kysely'

/*
 * 消息中心: one row per recipient. A message addressed to a unit and a permission is expanded to
 * users when it is sent, so reads are one indexed lookup per user. `dedupe_key` makes scheduled
 * notices (due soon, overdue) idempotent: the same notice reaches a user once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('matter_type', 'text')
    .addColumn('matter_id', 'text')
    .addColumn('permission', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute()
  await db.schema.createIndex('message_recipient_created').on('message').columns(['recipient_id', 'created_at']).execute()
  await db.schema.createIndex('message_recipient_unread').on('message').columns(['recipient_id', 'read_at']).execute()
  await db.schema.createIndex('message_dedupe').on('message').columns(['recipient_id', 'dedupe_key']).unique().execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('message').execute()
}
