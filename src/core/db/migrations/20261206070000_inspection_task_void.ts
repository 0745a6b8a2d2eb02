import type { Kysely } from 'kysely'

/*
 * 作废 (void) of a double-random task: an announced task that cannot or should not be drawn is
 * withdrawn with a reason instead of staying on the public announcement page for good. The row is
 * never deleted — its commitment stays public, marked withdrawn, with the time and the reason.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inspection_task').addColumn('voided_at', 'text').execute()
  await db.schema.alterTable('inspection_task').addColumn('voided_by', 'text').execute()
  await db.schema.alterTable('inspection_task').addColumn('void_reason', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inspection_task').dropColumn('void_reason').execute()
  await db.schema.alterTable('inspection_task').dropColumn('voided_by').execute()
  await db.schema.alterTable('inspection_task').dropColumn('voided_at').execute()
}
