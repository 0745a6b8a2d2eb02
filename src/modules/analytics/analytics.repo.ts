import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely'
import type { Actor, ScopeSet } from '../../core/actor'
import { inScope } from '../../core/actor'
import type { Executor } from '../../core/db/database'
import type { Database } from '../../core/db/types'
import { addDays, splitByMonths, zeroCounters, type Cell } from './analytics.domain'
import { SUCCESSFUL_MEDIATION } from '../complaints'

/*
 * SQL of the 12315 statistics. The measures are computed from complaint_item in one INSERT …
 * SELECT per batch of receipt days (portable SQL: text date comparisons, CASE sums, integer
 * arithmetic), so the maintained aggregate is exactly the grouped raw computation.
 */

const ENDED = ['agreement_with_doc', 'agreement_no_doc', 'settled', 'withdrawn', 'terminated'] as const
const FINAL = ['closed', 'merged'] as const

const ref = (c: string) => sql.ref(`complaint_item.${c}`)
/**
 * The due date of the item's clock `kind` in the clock table (matter_clock, see
 * complaints.clocks.ts): one primary-key lookup per row; null when the clock never started.
 */
const due = (kind: string) =>
  sql<
    string | null
  >`(select mc.due_on from matter_clock mc where mc.matter_type = 'complaint' and mc.matter_id = complaint_item.id and mc.kind = ${sql.lit(kind)})`
const inList = (vals: readonly string[]) => sql.join(vals.map((v) => sql.lit(v)))

/**
 * A date column as a day number (days since an epoch), in integer arithmetic both engines share,
 * so that the difference of two dates is a number of calendar days without dialect functions.
 */
function dayNumber(col: string): RawBuilder<number> {
  const y = sql`cast(substr(${ref(col)}, 1, 4) as integer)`
  const m = sql`cast(substr(${ref(col)}, 6, 2) as integer)`
  const d = sql`cast(substr(${ref(col)}, 9, 2) as integer)`
  const mp = sql`((${m} + 9) % 12)`
  const yy = sql`(${y} - ${mp} / 10)`
  return sql<number>`(365 * ${yy} + ${yy} / 4 - ${yy} / 100 + ${yy} / 400 + (153 * ${mp} + 2) / 5 + ${d})`
}

/** The item had at least one clock completed after its due date (SQL NULLs make a clock not count). */
const LATE_DONE = sql<SqlBool>`(
  ${ref('accept_decided_on')} > ${due('accept')}
  or coalesce(${ref('concluded_on')}, ${ref('terminated_on')}) > ${due('mediation')}
  or ${ref('termination_notified_on')} > ${due('termination_notice')}
  or (${ref('type')} = 'report' and coalesce(${ref('filing_decided_on')}, ${ref('closed_on')}) > ${due('verify')})
  or ${ref('reporter_notified_on')} > ${due('reporter_notice')}
  or ${ref('answered_on')} > ${due('answer')}
)`

const when = (cond: RawBuilder<unknown>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`

/** The stored counters of complaint_daily_stat, as SELECT expressions over complaint_item. */
function statSelect() {
  const isComplaint = sql`${ref('type')} = 'complaint'`
  const isReport = sql`${ref('type')} = 'report'`
  const verifyDoneOn = sql`coalesce(${ref('filing_decided_on')}, ${ref('closed_on')})`
  return sql`
    ${ref('received_on')}, ${ref('handling_unit_id')}, ${ref('type')}, ${ref('category')},
    count(*),
    ${when(sql`${isComplaint} and ${ref('accepted')} = 1`)},
    ${when(sql`${isComplaint} and ${ref('accepted')} = 0`)},
    ${when(sql`${isComplaint} and ${ref('accepted')} = 1 and ${ref('outcome')} in (${inList(ENDED)})`)},
    ${when(sql`${isComplaint} and ${ref('outcome')} in (${inList(SUCCESSFUL_MEDIATION)})`)},
    coalesce(sum(${ref('recovered_fen')}), 0),
    ${when(sql`${isComplaint} and ${ref('accept_decided_on')} is not null and ${due('accept')} is not null`)},
    ${when(sql`${isComplaint} and ${ref('accept_decided_on')} <= ${due('accept')}`)},
    ${when(sql`${isReport} and ${verifyDoneOn} is not null and ${due('verify')} is not null`)},
    ${when(sql`${isReport} and ${verifyDoneOn} <= ${due('verify')}`)},
    ${when(sql`${ref('closed_on')} is not null`)},
    coalesce(sum(case when ${ref('closed_on')} is not null then ${dayNumber('closed_on')} - ${dayNumber('received_on')} else 0 end), 0),
    ${when(LATE_DONE)}`
}

const STAT_COLUMNS =
  'day, unit_id, item_type, category, received, accepted, not_accepted, mediation_ended, mediated_ok, recovered_fen, accept_decided, accept_on_time, verify_done, verify_on_time, closed, handling_days, late_done'

/** Filters of a statistics query, already validated. */
export interface StatFilter {
  from: string
  to: string
  /** Materialised path of the root unit: only its subtree counts. */
  rootPath: string
  types?: readonly string[]
  categories?: readonly string[]
}

const num = (v: unknown) => Number(v ?? 0)

/** The counters complaint_daily_stat and complaint_monthly_stat store (the as-of ones are read live). */
const STORED_COUNTERS = [
  'received',
  'accepted',
  'notAccepted',
  'mediationEnded',
  'mediatedOk',
  'recoveredFen',
  'acceptDecided',
  'acceptOnTime',
  'verifyDone',
  'verifyOnTime',
  'closed',
  'handlingDays',
  'lateDone',
] as const
const MONTH_COLUMNS = STAT_COLUMNS.replace(/^day, /, '')
const MONTH_SUMS = MONTH_COLUMNS.split(', ')
  .slice(3)
  .map((c) => `sum(${c})`)
  .join(', ')

/**
 * Rewrites complaint_monthly_stat for the given months (YYYY-MM) as the sums of their rows in
 * complaint_daily_stat, which must be current for those months: a month's row is always exactly
 * the sum of its days.
 */
async function recomputeStatMonths(exec: Executor, months: readonly string[]): Promise<void> {
  for (const m of [...new Set(months)].sort()) {
    await exec.deleteFrom('complaintMonthlyStat').where('month', '=', m).execute()
    await sql`insert into complaint_monthly_stat (month, ${sql.raw(MONTH_COLUMNS)})
      select ${m}, unit_id, item_type, category, ${sql.raw(MONTH_SUMS)} from complaint_daily_stat
      where day >= ${`${m}-01`} and day <= ${`${m}-31`}
      group by unit_id, item_type, category`.execute(exec)
  }
}

const MONTH_KEY = ['month', 'unit_id', 'item_type', 'category']

/**
 * Adds (`sign` 1) or subtracts (−1) the daily rows of the given days to or from their months'
 * rows (an upsert per key). The incremental refresh subtracts a day's rows before rewriting them
 * and adds the new ones after, so a change costs the rows of the days it touched, not of their
 * whole months. Rows left at zero are removed by `dropEmptyMonthRows`.
 */
async function addDaysToMonths(exec: Executor, days: readonly string[], sign: 1 | -1): Promise<void> {
  const counters = MONTH_COLUMNS.split(', ').slice(3)
  await sql`insert into complaint_monthly_stat (month, ${sql.raw(MONTH_COLUMNS)})
    select substr(day, 1, 7), unit_id, item_type, category, ${sql.raw(counters.map((c) => `${sign} * sum(${c})`).join(', '))}
    from complaint_daily_stat where day in (${sql.join([...days])})
    group by substr(day, 1, 7), unit_id, item_type, category
    on conflict (${sql.raw(MONTH_KEY.join(', '))}) do update set ${sql.raw(counters.map((c) => `${c} = complaint_monthly_stat.${c} + excluded.${c}`).join(', '))}`.execute(
    exec,
  )
}

/** A month row whose items all left it (received 0: every counter is then 0) is removed, as a rewrite would. */
async function dropEmptyMonthRows(exec: Executor, months: readonly string[]): Promise<void> {
  await exec
    .deleteFrom('complaintMonthlyStat')
    .where('month', 'in', [...new Set(months)])
    .where('received', '=', 0)
    .execute()
}

export function createAnalyticsRepo() {
  /** Rows of `table` whose unit lies in the root's subtree and in the actor's scope. */
  function unitFilter(unitCol: string, f: StatFilter, scope: ScopeSet, actor: Actor) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- used on several tables
    return (eb: ExpressionBuilder<Database, any>): Expression<SqlBool> =>
      eb.and([sql<SqlBool>`${sql.ref(unitCol)} in (select ou.id from org_unit ou where ou.path like ${f.rootPath + '%'})`, inScope(eb, scope, actor, unitCol)])
  }

  return {
    /** Distinct receipt days of items changed after `since` (all days when null). */
    async touchedDays(exec: Executor, since: string | null): Promise<string[]> {
      if (!since) return (await exec.selectFrom('complaintItem').select('receivedOn').distinct().execute()).map((r) => r.receivedOn)
      // No DISTINCT here: with it SQLite walks the receipt-date index over every item instead of
      // the updated_at range, which is what makes an incremental refresh cheap.
      const rows = await exec.selectFrom('complaintItem').select('receivedOn').where('updatedAt', '>', since).execute()
      return [...new Set(rows.map((r) => r.receivedOn))]
    },
    async maxUpdatedAt(exec: Executor): Promise<string | null> {
      const r = await exec
        .selectFrom('complaintItem')
        .select((eb) => eb.fn.max('updatedAt').as('m'))
        .executeTakeFirst()
      return (r?.m as string | null | undefined) ?? null
    },
    async minMaxReceivedOn(exec: Executor): Promise<{ min: string | null; max: string | null }> {
      const r = await exec
        .selectFrom('complaintItem')
        .select((eb) => [eb.fn.min('receivedOn').as('min'), eb.fn.max('receivedOn').as('max')])
        .executeTakeFirst()
      return { min: (r?.min as string | null) ?? null, max: (r?.max as string | null) ?? null }
    },

    /**
     * Recomputes complaint_daily_stat for the given receipt days (delete, then insert the grouped
     * raw computation), and moves their months' rows by the difference.
     */
    async recomputeStatDays(exec: Executor, days: readonly string[]): Promise<void> {
      for (let i = 0; i < days.length; i += 400) {
        const chunk = days.slice(i, i + 400)
        await addDaysToMonths(exec, chunk, -1)
        await exec.deleteFrom('complaintDailyStat').where('day', 'in', chunk).execute()
        await sql`insert into complaint_daily_stat (${sql.raw(STAT_COLUMNS)})
          select ${statSelect()} from complaint_item
          where ${ref('received_on')} in (${sql.join(chunk)}) and ${ref('state')} <> 'merged'
          group by ${ref('received_on')}, ${ref('handling_unit_id')}, ${ref('type')}, ${ref('category')}`.execute(exec)
        await addDaysToMonths(exec, chunk, 1)
      }
      await dropEmptyMonthRows(
        exec,
        days.map((d) => d.slice(0, 7)),
      )
    },
    /** Recomputes complaint_daily_stat for a contiguous range of receipt days (and its months). */
    async recomputeStatRange(exec: Executor, from: string, to: string): Promise<void> {
      await exec.deleteFrom('complaintDailyStat').where('day', '>=', from).where('day', '<=', to).execute()
      await sql`insert into complaint_daily_stat (${sql.raw(STAT_COLUMNS)})
        select ${statSelect()} from complaint_item
        where ${ref('received_on')} >= ${from} and ${ref('received_on')} <= ${to} and ${ref('state')} <> 'merged'
        group by ${ref('received_on')}, ${ref('handling_unit_id')}, ${ref('type')}, ${ref('category')}`.execute(exec)
      const months: string[] = []
      for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addDays(`${m}-01`, 31).slice(0, 7)) months.push(m)
      await recomputeStatMonths(exec, months)
    },
    recomputeStatMonths,

    /**
     * Stored counters per unit × type × category over the period (root subtree, actor's scope):
     * whole calendar months from complaint_monthly_stat, the partial edge months from
     * complaint_daily_stat (`splitByMonths`). `{ monthly: false }` reads every day from the daily
     * table (the reference the roll-up is tested against). Cells come out in key order.
     */
    async statCells(exec: Executor, f: StatFilter, scope: ScopeSet, actor: Actor, o: { monthly?: boolean } = {}): Promise<Cell[]> {
      const split = o.monthly === false ? { months: null, dayRanges: [{ from: f.from, to: f.to }] } : splitByMonths(f.from, f.to)
      const out = new Map<string, Cell>()
      const fold = (rows: ReadonlyArray<Record<string, unknown> & { unitId: string; itemType: string; category: string }>) => {
        for (const r of rows) {
          const key = `${r.unitId}|${r.itemType}|${r.category}`
          let c = out.get(key)
          if (!c) out.set(key, (c = { unitId: r.unitId, itemType: r.itemType, category: r.category, counters: zeroCounters() }))
          for (const k of STORED_COUNTERS) c.counters[k] += num(r[k])
        }
      }
      if (split.dayRanges.length > 0) {
        let q = exec
          .selectFrom('complaintDailyStat')
          .select((eb) => ['unitId', 'itemType', 'category', ...STORED_COUNTERS.map((k) => eb.fn.sum<number>(k).as(k))])
          .where((eb) => eb.or(split.dayRanges.map((r) => eb.and([eb('day', '>=', r.from), eb('day', '<=', r.to)]))))
          .where(unitFilter('complaint_daily_stat.unit_id', f, scope, actor))
        if (f.types?.length) q = q.where('itemType', 'in', [...f.types])
        if (f.categories?.length) q = q.where('category', 'in', [...f.categories])
        fold(await q.groupBy(['unitId', 'itemType', 'category']).execute())
      }
      if (split.months) {
        let q = exec
          .selectFrom('complaintMonthlyStat')
          .select((eb) => ['unitId', 'itemType', 'category', ...STORED_COUNTERS.map((k) => eb.fn.sum<number>(k).as(k))])
          .where('month', '>=', split.months.from)
          .where('month', '<=', split.months.to)
          .where(unitFilter('complaint_monthly_stat.unit_id', f, scope, actor))
        if (f.types?.length) q = q.where('itemType', 'in', [...f.types])
        if (f.categories?.length) q = q.where('category', 'in', [...f.categories])
        fold(await q.groupBy(['unitId', 'itemType', 'category']).execute())
      }
      return [...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, c]) => c)
    },

    /**
     * The as-of part of the measures, read live: open items past their next due date (the
     * next_due_on index keeps this to open items), per unit × type × category.
     */
    async openOverdueCells(exec: Executor, f: StatFilter, asOf: string, scope: ScopeSet, actor: Actor): Promise<Cell[]> {
      // The open items past due are taken first, through the next_due_on index, in a materialised
      // CTE: left to itself a planner would walk the handling-unit or receipt-date index over every
      // item of the units or of the period.
      const o = expressionBuilder<Database, 'complaintItem'>()
      const filters: RawBuilder<unknown>[] = [
        sql`o.received_on >= ${f.from}`,
        sql`o.received_on <= ${f.to}`,
        sql`o.handling_unit_id in (select ou.id from org_unit ou where ou.path like ${f.rootPath + '%'})`,
        sql`${inScope(o, scope, actor, 'o.handling_unit_id')}`,
      ]
      if (f.types?.length) filters.push(sql`o.type in (${sql.join([...f.types])})`)
      if (f.categories?.length) filters.push(sql`o.category in (${sql.join([...f.categories])})`)
      const rows = await sql<{ unitId: string; itemType: string; category: string; ao: number; vo: number; oo: number }>`
        with o as materialized (
          select ${ref('handling_unit_id')} as handling_unit_id, ${ref('type')} as type, ${ref('category')} as category, ${ref('received_on')} as received_on,
            case when ${ref('type')} = 'complaint' and ${ref('accept_decided_on')} is null and ${due('accept')} < ${asOf} then 1 else 0 end as ao,
            case when ${ref('type')} = 'report' and ${ref('filing_decided_on')} is null and ${ref('closed_on')} is null and ${due('verify')} < ${asOf} then 1 else 0 end as vo,
            case when ${LATE_DONE} then 0 else 1 end as oo
          from complaint_item
          where ${ref('next_due_on')} < ${asOf} and ${ref('state')} not in (${inList(FINAL)})
        )
        select o.handling_unit_id as unit_id, o.type as item_type, o.category as category, sum(o.ao) as ao, sum(o.vo) as vo, sum(o.oo) as oo
        from o where ${sql.join(filters, sql` and `)}
        group by o.handling_unit_id, o.type, o.category`.execute(exec)
      return rows.rows.map((r) => {
        const c = zeroCounters()
        c.acceptOpenOverdue = num(r.ao)
        c.verifyOpenOverdue = num(r.vo)
        c.openOverdue = num(r.oo)
        return { unitId: r.unitId, itemType: r.itemType, category: r.category, counters: c }
      })
    },

    /** Daily received counts per type (trend), root subtree and scope. */
    async dailyVolume(exec: Executor, f: StatFilter, scope: ScopeSet, actor: Actor) {
      let q = exec
        .selectFrom('complaintDailyStat')
        .select((eb) => ['day', 'itemType', eb.fn.sum<number>('received').as('received')])
        .where('day', '>=', f.from)
        .where('day', '<=', f.to)
        .where(unitFilter('complaint_daily_stat.unit_id', f, scope, actor))
      if (f.types?.length) q = q.where('itemType', 'in', [...f.types])
      if (f.categories?.length) q = q.where('category', 'in', [...f.categories])
      const rows = await q.groupBy(['day', 'itemType']).orderBy('day').execute()
      return rows.map((r) => ({ day: r.day, itemType: r.itemType, received: num(r.received) }))
    },

    /** Daily received counts per category (alerts). */
    async dailyByCategory(exec: Executor, f: StatFilter, scope: ScopeSet, actor: Actor) {
      let q = exec
        .selectFrom('complaintDailyStat')
        .select((eb) => ['day', 'category', eb.fn.sum<number>('received').as('received')])
        .where('day', '>=', f.from)
        .where('day', '<=', f.to)
        .where(unitFilter('complaint_daily_stat.unit_id', f, scope, actor))
      if (f.types?.length) q = q.where('itemType', 'in', [...f.types])
      const rows = await q.groupBy(['day', 'category']).execute()
      return rows.map((r) => ({ day: r.day, category: r.category, received: num(r.received) }))
    },

    // -----------------------------------------------------------------------------------------
    // Raw item export
    // -----------------------------------------------------------------------------------------

    /** Items received in the period, all units (the receipt-date index alone answers). */
    async periodItemCount(exec: Executor, from: string, to: string): Promise<number> {
      return num(
        (
          await exec
            .selectFrom('complaintItem')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('receivedOn', '>=', from)
            .where('receivedOn', '<=', to)
            .executeTakeFirst()
        )?.n,
      )
    },
    async itemCount(exec: Executor): Promise<number> {
      return num(
        (
          await exec
            .selectFrom('complaintItem')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n,
      )
    },
    /**
     * One keyset page of the raw item export: items of the period in the root's subtree and the
     * actor's scope, in id order, after `afterId`. `walkIds` (SQLite only) has the planner walk the
     * primary key and test each row on the way: the filters are wrapped in a unary `+`, which hides
     * the receipt-date and handling-unit indexes from it. Left to itself SQLite takes the
     * receipt-date index and sorts the whole period for every page (2–3 s a page over a
     * 1,000,000-item period); walking the key reads the table once over the whole export. The
     * caller decides from the counts (walking is wrong for a short period of a large table).
     */
    async itemExportPage(exec: Executor, f: StatFilter, scope: ScopeSet, actor: Actor, afterId: string, limit: number, o: { walkIds: boolean }) {
      const e = expressionBuilder<Database, 'complaintItem'>()
      const filters: Array<RawBuilder<unknown> | Expression<SqlBool>> = [
        sql`${ref('received_on')} >= ${f.from}`,
        sql`${ref('received_on')} <= ${f.to}`,
        sql`${ref('handling_unit_id')} in (select ou.id from org_unit ou where ou.path like ${f.rootPath + '%'})`,
        // Data scope in SQL, as everywhere.
        inScope(e, scope, actor, 'complaint_item.handling_unit_id'),
      ]
      if (f.types?.length) filters.push(sql`${ref('type')} in (${sql.join([...f.types])})`)
      if (f.categories?.length) filters.push(sql`${ref('category')} in (${sql.join([...f.categories])})`)
      const all = sql.join(
        filters.map((x) => sql`(${x})`),
        sql` and `,
      )
      return exec
        .selectFrom('complaintItem')
        .select([
          'id',
          'itemNo',
          'type',
          'channel',
          'receivedOn',
          'category',
          'productCode',
          'summary',
          'respondentName',
          'respondentUscc',
          'partyMaskedName',
          'partyMaskedPhone',
          'anonymous',
          'handlingUnitId',
          'state',
          'outcome',
          'amountClaimedFen',
          'recoveredFen',
          due('accept').as('acceptDueOn'),
          'acceptDecidedOn',
          due('mediation').as('mediationDueOn'),
          'concludedOn',
          'terminatedOn',
          due('termination_notice').as('terminationNoticeDueOn'),
          'terminationNotifiedOn',
          due('reporter_notice').as('reporterNotifyDueOn'),
          'reporterNotifiedOn',
          due('verify').as('verifyDueOn'),
          'filingDecidedOn',
          due('answer').as('answerDueOn'),
          'answeredOn',
          'nextDueOn',
          'closedOn',
          'satisfaction',
        ])
        .where('id', '>', afterId)
        .where(o.walkIds ? sql<SqlBool>`+(${all})` : sql<SqlBool>`(${all})`)
        .orderBy('id')
        .limit(limit)
        .execute()
    },

    // -----------------------------------------------------------------------------------------
    // Terms
    // -----------------------------------------------------------------------------------------

    /** Items changed after `since` (all when null), a page at a time in id order. */
    /** Every item in id order, a page at a time (full rebuilds). */
    async itemTextsPage(exec: Executor, afterId: string, limit: number) {
      return exec
        .selectFrom('complaintItem')
        .select(['id', 'receivedOn', 'summary', 'requestText', 'factsText'])
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute()
    },
    /** Ids of items changed after `since`, through the updated_at index. */
    async changedItemIds(exec: Executor, since: string): Promise<string[]> {
      return (await exec.selectFrom('complaintItem').select('id').where('updatedAt', '>', since).execute()).map((r) => r.id)
    },
    async itemTexts(exec: Executor, ids: readonly string[]) {
      return exec
        .selectFrom('complaintItem')
        .select(['id', 'receivedOn', 'summary', 'requestText', 'factsText'])
        .where('id', 'in', [...ids])
        .orderBy('id')
        .execute()
    },
    async replaceItemTerms(exec: Executor, itemIds: readonly string[], rows: ReadonlyArray<{ itemId: string; term: string }>): Promise<void> {
      for (let i = 0; i < itemIds.length; i += 500)
        await exec
          .deleteFrom('complaintItemTerm')
          .where('itemId', 'in', itemIds.slice(i, i + 500))
          .execute()
      for (let i = 0; i < rows.length; i += 2000)
        await exec
          .insertInto('complaintItemTerm')
          .values(rows.slice(i, i + 2000))
          .execute()
    },
    /** Recomputes complaint_daily_term (terms and product codes) for the given receipt days. */
    async recomputeTermDays(exec: Executor, days: readonly string[]): Promise<void> {
      for (let i = 0; i < days.length; i += 400) {
        const chunk = days.slice(i, i + 400)
        await exec.deleteFrom('complaintDailyTerm').where('day', 'in', chunk).execute()
        await sql`insert into complaint_daily_term (day, unit_id, item_type, category, kind, term, items)
          select ${ref('received_on')}, ${ref('handling_unit_id')}, ${ref('type')}, ${ref('category')}, 'term', t.term, count(*)
          from complaint_item_term t join complaint_item on complaint_item.id = t.item_id
          where ${ref('received_on')} in (${sql.join(chunk)}) and ${ref('state')} <> 'merged'
          group by ${ref('received_on')}, ${ref('handling_unit_id')}, ${ref('type')}, ${ref('category')}, t.term`.execute(exec)
        await sql`insert into complaint_daily_term (day, unit_id, item_type, category, kind, term, items)
          select ${ref('received_on')}, ${ref('handling_unit_id')}, ${ref('type')}, ${ref('category')}, 'product', ${ref('product_code')}, count(*)
          from complaint_item
          where ${ref('received_on')} in (${sql.join(chunk)}) and ${ref('state')} <> 'merged' and ${ref('product_code')} is not null
          group by ${ref('received_on')}, ${ref('handling_unit_id')}, ${ref('type')}, ${ref('category')}, ${ref('product_code')}`.execute(exec)
      }
    },
    /** Items per term (or product code) over the period; `terms` limits to those terms. */
    async termCounts(
      exec: Executor,
      kind: 'term' | 'product',
      f: StatFilter,
      scope: ScopeSet,
      actor: Actor,
      opts: { limit?: number; terms?: readonly string[] } = {},
    ) {
      let q = exec
        .selectFrom('complaintDailyTerm')
        .select((eb) => ['term', eb.fn.sum<number>('items').as('items')])
        .where('kind', '=', kind)
        .where('day', '>=', f.from)
        .where('day', '<=', f.to)
        .where(unitFilter('complaint_daily_term.unit_id', f, scope, actor))
      if (f.types?.length) q = q.where('itemType', 'in', [...f.types])
      if (f.categories?.length) q = q.where('category', 'in', [...f.categories])
      if (opts.terms) {
        if (opts.terms.length === 0) return []
        q = q.where('term', 'in', [...opts.terms])
      }
      let q2 = q
        .groupBy('term')
        .orderBy(sql`sum(items)`, 'desc')
        .orderBy('term')
      if (opts.limit) q2 = q2.limit(opts.limit)
      return (await q2.execute()).map((r) => ({ term: r.term, items: num(r.items) }))
    },
    /** Items per term × category for the given terms. */
    async termCategoryCounts(exec: Executor, f: StatFilter, scope: ScopeSet, actor: Actor, terms: readonly string[]) {
      if (terms.length === 0) return []
      let q = exec
        .selectFrom('complaintDailyTerm')
        .select((eb) => ['term', 'category', eb.fn.sum<number>('items').as('items')])
        .where('kind', '=', 'term')
        .where('term', 'in', [...terms])
        .where('day', '>=', f.from)
        .where('day', '<=', f.to)
        .where(unitFilter('complaint_daily_term.unit_id', f, scope, actor))
      if (f.types?.length) q = q.where('itemType', 'in', [...f.types])
      if (f.categories?.length) q = q.where('category', 'in', [...f.categories])
      return (await q.groupBy(['term', 'category']).execute()).map((r) => ({ term: r.term, category: r.category, items: num(r.items) }))
    },
    /** Items of one day matching a monitored product (product code or a term), in the root's subtree. */
    async monitoredProductCount(
      exec: Executor,
      day: string,
      rootPath: string,
      p: { categories: readonly string[]; productCodes: readonly string[]; keywords: readonly string[] },
    ): Promise<number> {
      const ors: RawBuilder<SqlBool>[] = []
      if (p.productCodes.length) ors.push(sql<SqlBool>`${ref('product_code')} in (${sql.join([...p.productCodes])})`)
      if (p.keywords.length)
        ors.push(sql<SqlBool>`${ref('id')} in (select t.item_id from complaint_item_term t where t.term in (${sql.join([...p.keywords])}))`)
      if (ors.length === 0) return 0
      let q = exec
        .selectFrom('complaintItem')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('receivedOn', '=', day)
        .where('state', '<>', 'merged')
        .where(sql<SqlBool>`${ref('handling_unit_id')} in (select ou.id from org_unit ou where ou.path like ${rootPath + '%'})`)
        .where(sql<SqlBool>`(${sql.join(ors, sql` or `)})`)
      if (p.categories.length) q = q.where('category', 'in', [...p.categories])
      return num((await q.executeTakeFirst())?.n)
    },
  }
}
export type AnalyticsRepo = ReturnType<typeof createAnalyticsRepo>
