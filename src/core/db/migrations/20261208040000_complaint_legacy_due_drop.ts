import type { Kysely } from 'kysely'

/*
 * Drops the seven legacy due-date columns of complaint_item (accept_due_on … dispute_due_on). Since
 * 20261207020000/020100 every 12315 clock is a matter_clock row and the item keeps only the
 * projection (next_due_on, next_due_kind, clock_provisional); nothing reads or writes the columns.
 * No index, view or trigger names them, so a plain DROP COLUMN works on both engines (SQLite
 * ≥ 3.35). `down` brings the columns back empty: the clocks stay in matter_clock.
 */
const COLUMNS = [
  'accept_due_on',
  'mediation_due_on',
  'termination_notice_due_on',
  'verify_due_on',
  'reporter_notify_due_on',
  'answer_due_on',
  'dispute_due_on',
] as const

export async function up(db: Kysely<any>): Promise<void> {
  for (const c of COLUMNS) await db.schema.alterTable('complaint_item').dropColumn(c).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of COLUMNS) await db.schema.alterTable('complaint_item').addColumn(c, 'text').execute()
}
