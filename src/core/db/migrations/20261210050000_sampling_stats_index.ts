import type { Kysely } from 'kysely'

/*
 * Sampling statistics (issue 16) read a year's batches grouped by unit or category with their
 * state and conclusions: a covering index lets both engines answer from the index alone (no table
 * lookup per batch) at 1,000,000 batches a year.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('sampling_sample_stats_idx')
    .on('sampling_sample')
    .columns(['year', 'check_type', 'unit_id', 'category_code', 'state', 'conclusion', 'retest_conclusion'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sampling_sample_stats_idx').execute()
}
