import { sql, type Kysely } from 'kysely'

/*
 * Reports (举报) no longer keep a masked copy of the reporter on the item row: a reporter does not
 * appear outside the protected compartment, not even masked (Order 20 Art 33); lists show
 * 实名（保密）/匿名. Rows written before are cleared here.
 *
 * complaint_item.duplicate_count: how many likely duplicates (same rule as the duplicate
 * suggestions) the item had when it was received, for the queue's 疑似重复 flag.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update complaint_item set party_masked_name = null, party_masked_phone = null where type = 'report'`.execute(db)
  await db.schema
    .alterTable('complaint_item')
    .addColumn('duplicate_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('complaint_item').dropColumn('duplicate_count').execute()
}
