import type { Kysely } from 'kysely'

/*
 * Optimistic versions for the matters moved onto the records kernel (core/matter/records.ts):
 * case_lead and credit_proposal get a `version` that every write increments; a write carrying a
 * stale version is refused (409) instead of silently overwriting another officer's change.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('case_lead')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .alterTable('credit_proposal')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('credit_proposal').dropColumn('version').execute()
  await db.schema.alterTable('case_lead').dropColumn('version').execute()
}
