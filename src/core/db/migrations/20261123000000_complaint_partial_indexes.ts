import { sql, type Kysely } from 'kysely'

/*
 * Indexes on columns that are empty on almost every row become partial (WHERE col IS NOT NULL).
 *
 * Each index of complaint_item costs a B-tree page written per intake transaction, even for a NULL
 * key (SQLite indexes NULLs); a new item carries NULL in all of these (it is not split, merged,
 * escalated, closed, nor yet assigned). Measured on the intake path: 52 → 43 WAL pages per item
 * and ~14 % less CPU. Every query on these columns compares them with a value (=, IN, ranges),
 * which implies IS NOT NULL, so both SQLite and PostgreSQL still use the partial index.
 */
const PARTIAL: Array<[table: string, index: string, columns: string[]]> = [
  ['complaint_item', 'complaint_item_split_idx', ['split_from_id']],
  ['complaint_item', 'complaint_item_merged_idx', ['merged_into_id']],
  ['complaint_item', 'complaint_item_duplicate_idx', ['duplicate_of_id']],
  ['complaint_item', 'complaint_item_handler_idx', ['handler_id']],
  ['complaint_item', 'complaint_item_escalation_idx', ['escalation_unit_id']],
  ['complaint_item', 'complaint_item_external_idx', ['external_no']],
  ['complaint_item', 'complaint_item_platform_idx', ['platform_entity_id']],
  ['complaint_item', 'complaint_item_closed_on_idx', ['closed_on']],
  ['complaint_event', 'complaint_event_to_unit_idx', ['to_unit_id']],
  ['complaint_party', 'complaint_party_id_hash_idx', ['id_hash']],
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, index, columns] of PARTIAL) {
    await db.schema.dropIndex(index).execute()
    await db.schema.createIndex(index).on(table).columns(columns).where(sql.ref(columns[0]!), 'is not', null).execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, index, columns] of PARTIAL) {
    await db.schema.dropIndex(index).execute()
    await db.schema.createIndex(index).on(table).columns(columns).execute()
  }
}
