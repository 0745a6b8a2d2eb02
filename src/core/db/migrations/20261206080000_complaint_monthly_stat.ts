import { sql, type Kysely } from 'kysely'

/*
 * complaint_monthly_stat: the 12315 statistics counters per receipt month × handling unit × type ×
 * category, the sum of complaint_daily_stat's rows of the month (see
 * src/modules/analytics/README.md). A period of a year or more reads whole months here and only
 * its partial edge months from the daily table: ~30× fewer rows than one per day.
 * Backfilled from the daily aggregate, so an existing database answers the same right away; from
 * then on the analytics service rewrites a month whenever it rewrites one of its days.
 */
const COUNTERS = [
  'received',
  'accepted',
  'not_accepted',
  'mediation_ended',
  'mediated_ok',
  'recovered_fen',
  'accept_decided',
  'accept_on_time',
  'verify_done',
  'verify_on_time',
  'closed',
  'handling_days',
  'late_done',
]
const BIG = new Set(['recovered_fen', 'handling_days'])

export async function up(db: Kysely<any>): Promise<void> {
  let t = db.schema
    .createTable('complaint_monthly_stat')
    /** YYYY-MM of the receipt date (China calendar). */
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
  for (const col of COUNTERS) t = t.addColumn(col, BIG.has(col) ? 'bigint' : 'integer', (c) => c.notNull())
  await t.addPrimaryKeyConstraint('complaint_monthly_stat_pk', ['month', 'unit_id', 'item_type', 'category']).execute()
  await db.schema.createIndex('complaint_monthly_stat_unit_idx').on('complaint_monthly_stat').columns(['unit_id', 'month']).execute()

  // Backfill: every month of the daily aggregate, summed.
  const cols = COUNTERS.join(', ')
  const sums = COUNTERS.map((c) => `sum(${c})`).join(', ')
  await sql
    .raw(
      `insert into complaint_monthly_stat (month, unit_id, item_type, category, ${cols})
    select substr(day, 1, 7), unit_id, item_type, category, ${sums}
    from complaint_daily_stat group by substr(day, 1, 7), unit_id, item_type, category`,
    )
    .execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('complaint_monthly_stat').ifExists().execute()
}
