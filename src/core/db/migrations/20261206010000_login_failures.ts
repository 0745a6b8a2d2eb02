import type { Kysely } from 'kysely'

/*
 * Failed logins for usernames that have no account. The lockout must not tell who has an account:
 * an unknown username is counted and locked exactly like a real one (app_user keeps the counter of
 * real accounts). Rows older than the lock window are removed as new failures come in.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_failure')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_failed_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('login_failure_last_failed_idx').on('login_failure').column('last_failed_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_failure').ifExists().execute()
}
