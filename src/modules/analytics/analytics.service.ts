import type { Writable } from 'node:stream'
import { assertCan, unitPathInScope, type Ctx, type ScopeSet } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import { openReadConnection, type Executor } from '../../core/db/database'
import { forUpdate } from '../../core/db/dialect'
import { notFound, validation } from '../../core/errors'
import type { AuditService } from '../audit'
import type { OrgService } from '../org'
import {
  addCounters,
  addDays,
  categoryLabel,
  daysBetween,
  groupCells,
  measuresOf,
  previousPeriod,
  ratio,
  trendSeries,
  typeLabel,
  zeroCounters,
  type Cell,
  type Dimension,
  type Series,
  type UnitNode,
} from './analytics.domain'
import { ITEM_PAGE_ROWS, writeItemsWorkbook, writeStatsWorkbook } from './analytics.export'
import { createAnalyticsRepo, type StatFilter } from './analytics.repo'
import { MAX_PERIOD_DAYS, type PeriodQuery, type StatsQuery } from './analytics.schema'
import { CATEGORIES, PRODUCT_CODES, type Category, type ProductCode } from '../complaints'
import { rankTerms, risingTerms } from './hot-topics.domain'
import { createTermExtractor } from './hot-topics'
import './analytics.tables'

/** Changes committed later than this after their updated_at instant may be missed by an incremental refresh. */
const REFRESH_MARGIN_MS = 5 * 60_000
const EXPORT_MAX_ROWS = 1_000_000

export interface ResolvedScope {
  root: UnitNode
  units: UnitNode[]
  scope: ScopeSet
  filter: StatFilter
}

/**
 * 12315 statistics, hot topics, dashboard data and exports: a read model over complaint_item,
 * maintained incrementally (see README.md). Data scope (complaint.stats / complaint.export) is
 * applied in SQL on the handling unit.
 */
export function createAnalyticsService({
  db,
  dialect,
  clock,
  audit,
  org,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { audit: AuditService; org: OrgService }) {
  const repo = createAnalyticsRepo()
  const extractor = createTermExtractor()
  const today = () => chinaDate(clock.now())

  async function unitNodes(): Promise<UnitNode[]> {
    return (await org.listAll()).map((u) => ({
      id: u.id,
      parentId: u.parentId,
      name: u.name,
      shortName: u.shortName,
      path: u.path,
      depth: u.depth,
      sortOrder: u.sortOrder,
    }))
  }

  /**
   * The unit a query is about (checked against the actor's scope: out of scope looks missing) and
   * the validated period. The default unit is the top of the actor's data scope.
   * @throws VALIDATION for a reversed or too long period; NOT_FOUND for a unit out of scope.
   */
  async function resolve(ctx: Ctx, permission: string, q: PeriodQuery, defaults: { from?: string; to?: string } = {}): Promise<ResolvedScope> {
    const scope = assertCan(ctx.actor, permission)
    const t = today()
    const to = q.to ?? defaults.to ?? t
    const from = q.from ?? defaults.from ?? `${to.slice(0, 8)}01`
    if (from > to) throw validation(`起始日期 ${from} 晚于截止日期 ${to}`)
    if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) throw validation(`统计期间最长 ${MAX_PERIOD_DAYS} 天`)
    const units = await unitNodes()
    const byId = new Map(units.map((u) => [u.id, u]))
    let root: UnitNode | undefined
    if (q.unitId) {
      root = byId.get(q.unitId)
      if (!root || !unitPathInScope(scope, root.id, root.path)) throw notFound('机构', q.unitId)
    } else if (scope.all) {
      root = units.filter((u) => !u.parentId).sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name))[0]
    } else {
      const anchor = scope.treePaths[0]?.split('/').filter(Boolean).pop() ?? scope.unitIds[0]
      root = anchor ? byId.get(anchor) : undefined
    }
    if (!root) throw validation('尚未建立机构，无法统计')
    return { root, units, scope, filter: { from, to, rootPath: root.path, types: q.types, categories: q.categories } }
  }

  // -------------------------------------------------------------------------------------------
  // Maintenance of the aggregates
  // -------------------------------------------------------------------------------------------

  const lockState = (trx: Executor, key: 'stats' | 'terms') =>
    forUpdate(dialect, trx.selectFrom('complaintAnalyticsState').selectAll().where('key', '=', key)).executeTakeFirstOrThrow()
  const minus = (iso: string, ms: number) => new Date(Date.parse(iso) - ms).toISOString()

  async function doRefreshStats(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const st = await lockState(trx, 'stats')
      const max = await repo.maxUpdatedAt(trx)
      if (!max) return 0
      const now = clock.now()
      // Nothing changed since a refresh that ran well after the watermark: skip the rescan.
      if (st.watermark && max <= st.watermark && st.refreshedAt && Date.parse(st.refreshedAt) - Date.parse(st.watermark) > REFRESH_MARGIN_MS) return 0
      const days = await repo.touchedDays(trx, st.watermark ? minus(st.watermark, REFRESH_MARGIN_MS) : null)
      if (days.length > 0) await repo.recomputeStatDays(trx, days)
      const watermark = st.watermark && st.watermark > max ? st.watermark : max
      await trx.updateTable('complaintAnalyticsState').set({ watermark, refreshedAt: now.toISOString() }).where('key', '=', 'stats').execute()
      return days.length
    })
  }

  async function extractTermsPaged(
    trx: Executor,
    page: (afterId: string) => Promise<Array<{ id: string; receivedOn: string; summary: string; requestText: string; factsText: string }>>,
  ): Promise<Set<string>> {
    const days = new Set<string>()
    let after = ''
    for (;;) {
      const items = await page(after)
      if (items.length === 0) break
      const rows: Array<{ itemId: string; term: string }> = []
      for (const it of items) {
        days.add(it.receivedOn)
        for (const term of extractor.extract(`${it.summary}。${it.requestText}。${it.factsText}`)) rows.push({ itemId: it.id, term })
      }
      await repo.replaceItemTerms(
        trx,
        items.map((i) => i.id),
        rows,
      )
      after = items[items.length - 1]!.id
    }
    return days
  }

  async function doRefreshTerms(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const st = await lockState(trx, 'terms')
      const max = await repo.maxUpdatedAt(trx)
      if (!max) return 0
      const now = clock.now()
      if (st.watermark && max <= st.watermark && st.refreshedAt && Date.parse(st.refreshedAt) - Date.parse(st.watermark) > REFRESH_MARGIN_MS) return 0
      let days: Set<string>
      if (st.watermark) {
        const ids = (await repo.changedItemIds(trx, minus(st.watermark, REFRESH_MARGIN_MS))).sort()
        days = await extractTermsPaged(trx, async (after) => {
          const start = after ? ids.findIndex((x) => x > after) : 0
          return start < 0 ? [] : repo.itemTexts(trx, ids.slice(start, start + 500))
        })
      } else days = await extractTermsPaged(trx, (after) => repo.itemTextsPage(trx, after, 2000))
      if (days.size > 0) await repo.recomputeTermDays(trx, [...days])
      const watermark = st.watermark && st.watermark > max ? st.watermark : max
      await trx.updateTable('complaintAnalyticsState').set({ watermark, refreshedAt: now.toISOString() }).where('key', '=', 'terms').execute()
      return days.size
    })
  }

  // One refresh at a time per process; callers arriving meanwhile share it.
  let statsFlight: Promise<number> | null = null
  let termsFlight: Promise<number> | null = null
  /** Folds every item changed since the watermark into complaint_daily_stat. Idempotent. */
  function refreshStats(): Promise<number> {
    statsFlight ??= doRefreshStats().finally(() => {
      statsFlight = null
    })
    return statsFlight
  }
  /** Re-extracts the terms of items changed since the watermark and rebuilds their days' term counts. */
  function refreshTerms(): Promise<number> {
    termsFlight ??= doRefreshTerms().finally(() => {
      termsFlight = null
    })
    return termsFlight
  }

  /**
   * Recomputes every aggregate from the raw items (all receipt days), e.g. after a bulk history
   * load whose updated_at instants lie before the watermark. `terms: false` skips keyword
   * extraction (statistics only).
   */
  async function rebuildAggregates(opts: { terms?: boolean } = {}): Promise<{ days: number }> {
    const { min, max } = await repo.minMaxReceivedOn(db)
    const maxUpdated = await repo.maxUpdatedAt(db)
    const now = clock.now().toISOString()
    await db.transaction().execute(async (trx) => {
      await lockState(trx, 'stats')
      await trx.deleteFrom('complaintDailyStat').execute()
      await trx.deleteFrom('complaintMonthlyStat').execute()
      if (min && max) {
        for (let from = min; from <= max; from = addDays(from, 31)) {
          const to = addDays(from, 30) < max ? addDays(from, 30) : max
          await repo.recomputeStatRange(trx, from, to)
        }
      }
      await trx.updateTable('complaintAnalyticsState').set({ watermark: maxUpdated, refreshedAt: now }).where('key', '=', 'stats').execute()
    })
    if (opts.terms !== false) {
      await db.transaction().execute(async (trx) => {
        await lockState(trx, 'terms')
        await trx.deleteFrom('complaintDailyTerm').execute()
        const days = await extractTermsPaged(trx, (after) => repo.itemTextsPage(trx, after, 2000))
        await repo.recomputeTermDays(trx, [...days].sort())
        await trx.updateTable('complaintAnalyticsState').set({ watermark: maxUpdated, refreshedAt: now }).where('key', '=', 'terms').execute()
      })
    }
    return { days: min && max ? daysBetween(min, max) + 1 : 0 }
  }

  // -------------------------------------------------------------------------------------------
  // Statistics
  // -------------------------------------------------------------------------------------------

  /** `monthly: false` reads every day from the daily aggregate (the reference for the monthly roll-up). */
  async function cellsOf(r: ResolvedScope, ctx: Ctx, asOf: string, o: { monthly?: boolean } = {}): Promise<Cell[]> {
    await refreshStats()
    const stored = await repo.statCells(db, r.filter, r.scope, ctx.actor, o)
    const live = await repo.openOverdueCells(db, r.filter, asOf, r.scope, ctx.actor)
    return [...stored, ...live]
  }

  /**
   * The statistics table: one row per value of the grouping dimensions (unit = direct children
   * of the unit plus its own items), with the total. Whole months are read from the monthly
   * roll-up; `{ monthly: false }` reads the daily aggregate alone (same answer, slower over long
   * periods; the tests compare the two).
   */
  async function statistics(ctx: Ctx, q: StatsQuery, o: { monthly?: boolean } = {}) {
    const r = await resolve(ctx, 'complaint.stats', q)
    const dims = (q.groupBy ?? ['unit']) as Dimension[]
    if (dims.length > 2) throw validation('分组维度最多两个')
    const asOf = q.asOf ?? today()
    const { rows, total } = groupCells(await cellsOf(r, ctx, asOf, o), r.units, r.root.id, dims)
    return {
      from: r.filter.from,
      to: r.filter.to,
      asOf,
      unit: { id: r.root.id, name: r.root.name, path: r.root.path },
      groupBy: dims,
      rows: rows.map(({ counters, ...row }) => ({ ...row, measures: measuresOf(counters) })),
      total: measuresOf(total),
    }
  }

  /** The statistics table as an Excel workbook (streamed). */
  async function statisticsXlsx(ctx: Ctx, q: StatsQuery, out: Writable): Promise<void> {
    const t = await statistics(ctx, q)
    await writeStatsWorkbook(out, t)
    await db.transaction().execute((trx) =>
      audit.record(trx, ctx, {
        action: 'complaint.stats.export',
        targetType: 'complaint_stats',
        targetLabel: `${t.unit.name} ${t.from}～${t.to} 统计表`,
        unitId: t.unit.id,
        after: { from: t.from, to: t.to, groupBy: t.groupBy, rows: t.rows.length },
      }),
    )
  }

  /** Checked before a streamed export starts: afterwards no error can change the status. */
  async function assertCanExportItems(ctx: Ctx, q: PeriodQuery): Promise<void> {
    assertCan(ctx.actor, 'complaint.read')
    await resolve(ctx, 'complaint.export', q)
  }

  /**
   * Raw items of the period as Excel, streamed in keyset pages (memory stays flat up to a million
   * rows). Personal data is masked; reporters' identity is never written, not even masked. On a
   * SQLite file the pages are read through a connection of their own with a small page cache
   * (`openReadConnection`), so a million-row export neither grows the process by the app's 64 MiB
   * cache nor evicts what other requests need; a period holding a large share of the table is read
   * by walking the primary key (see `itemExportPage`).
   */
  async function exportItems(ctx: Ctx, q: PeriodQuery, out: Writable, onRows?: (n: number) => void): Promise<number> {
    assertCan(ctx.actor, 'complaint.read')
    const r = await resolve(ctx, 'complaint.export', q)
    const unitName = new Map(r.units.map((u) => [u.id, u.shortName ?? u.name]))
    const reader = await openReadConnection(db, dialect)
    let n: number
    try {
      // Walking the key reads the table once; the receipt-date index reads the period once a page.
      let walkIds = false
      if (dialect === 'sqlite') {
        const inPeriod = await repo.periodItemCount(reader.db, r.filter.from, r.filter.to)
        walkIds = inPeriod > ITEM_PAGE_ROWS && inPeriod * Math.ceil(inPeriod / ITEM_PAGE_ROWS) > (await repo.itemCount(reader.db))
      }
      n = await writeItemsWorkbook(out, {
        maxRows: EXPORT_MAX_ROWS,
        unitName: (id) => unitName.get(id) ?? '',
        today: today(),
        page: (afterId, limit) => repo.itemExportPage(reader.db, r.filter, r.scope, ctx.actor, afterId, limit, { walkIds }),
        onRows,
      })
    } finally {
      await reader.close()
    }
    await db.transaction().execute((trx) =>
      audit.record(trx, ctx, {
        action: 'complaint.export',
        targetType: 'complaint_item',
        targetLabel: `导出 ${n} 件（${r.filter.from}～${r.filter.to}）`,
        unitId: r.root.id,
        after: { from: r.filter.from, to: r.filter.to, unitId: r.root.id, types: r.filter.types ?? null, categories: r.filter.categories ?? null, rows: n },
      }),
    )
    return n
  }

  // -------------------------------------------------------------------------------------------
  // Hot topics
  // -------------------------------------------------------------------------------------------

  /** Items received in the period (whole months from the monthly roll-up). */
  async function totalReceived(f: StatFilter, scope: ScopeSet, ctx: Ctx): Promise<number> {
    return (await repo.statCells(db, f, scope, ctx.actor)).reduce((s, c) => s + c.counters.received, 0)
  }

  /** Top terms and products, rising terms against the previous period of the same length, shares per term and category. */
  async function hotTopics(ctx: Ctx, q: PeriodQuery & { limit: number }) {
    const r = await resolve(ctx, 'complaint.stats', q)
    await refreshStats()
    await refreshTerms()
    const prevP = previousPeriod(r.filter.from, r.filter.to)
    const prevF: StatFilter = { ...r.filter, ...prevP }
    const [curTotal, prevTotal] = await Promise.all([totalReceived(r.filter, r.scope, ctx), totalReceived(prevF, r.scope, ctx)])
    const cur = await repo.termCounts(db, 'term', r.filter, r.scope, ctx.actor, { limit: 300 })
    const prev = await repo.termCounts(db, 'term', prevF, r.scope, ctx.actor, { terms: cur.map((c) => c.term) })
    const products = await repo.termCounts(db, 'product', r.filter, r.scope, ctx.actor, { limit: 20 })
    const share = (n: number) => (curTotal > 0 ? Math.round((n / curTotal) * 10_000) / 10_000 : 0)
    const cells = await repo.statCells(db, r.filter, r.scope, ctx.actor)
    const perCat = new Map<string, number>()
    for (const c of cells) perCat.set(c.category, (perCat.get(c.category) ?? 0) + c.counters.received)
    const categories = [...perCat.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([category, items]) => ({ category, label: categoryLabel(category), items, share: share(items) }))
    const terms = rankTerms(cur, prev, curTotal, prevTotal, q.limit)
    const matrixTerms = terms.slice(0, 10).map((t) => t.term)
    const tc = await repo.termCategoryCounts(db, r.filter, r.scope, ctx.actor, matrixTerms)
    const catKeys = categories.map((c) => c.category)
    return {
      from: r.filter.from,
      to: r.filter.to,
      previous: prevP,
      unit: { id: r.root.id, name: r.root.name, path: r.root.path },
      totalItems: curTotal,
      previousTotalItems: prevTotal,
      terms,
      rising: risingTerms(cur, prev, curTotal, prevTotal, q.limit),
      products: products.map((p) => ({ code: p.term, label: PRODUCT_CODES[p.term as ProductCode] ?? p.term, items: p.items, share: share(p.items) })),
      categories,
      termCategory: {
        terms: matrixTerms,
        categories: catKeys.map((c) => ({ category: c, label: categoryLabel(c) })),
        items: catKeys.map((c) => matrixTerms.map((t) => tc.find((x) => x.term === t && x.category === c)?.items ?? 0)),
      },
    }
  }

  // -------------------------------------------------------------------------------------------
  // Leader dashboard
  // -------------------------------------------------------------------------------------------

  /** Everything the leader dashboard draws, in ECharts-ready shapes. Default period: the last 30 days. */
  async function dashboard(ctx: Ctx, q: PeriodQuery) {
    const t = today()
    const r = await resolve(ctx, 'complaint.stats', q, { from: addDays(q.to ?? t, -29) })
    const cells = await cellsOf(r, ctx, t)
    const total = zeroCounters()
    for (const c of cells) addCounters(total, c.counters)
    const totals = measuresOf(total)
    const trend = trendSeries(await repo.dailyVolume(db, r.filter, r.scope, ctx.actor), r.filter.from, r.filter.to)
    const byType = groupCells(cells, r.units, r.root.id, ['type'])
    const byCat = groupCells(cells, r.units, r.root.id, ['category'])
    const byUnit = groupCells(cells, r.units, r.root.id, ['unit'])
    const pct = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 100)
    const unitRows = byUnit.rows.map((row) => ({ row, m: measuresOf(row.counters) }))
    // Consultations apart: the 12315 centre answers most of them itself, and one bar of all items
    // would flatten every other unit (the web shows the 咨询 series only on demand).
    const consultations = new Map(
      groupCells(
        cells.filter((c) => c.itemType === 'consultation'),
        r.units,
        r.root.id,
        ['unit'],
      ).rows.map((row) => [row.unitId, row.counters.received]),
    )
    const unitsSeries: Series[] = [
      { name: '投诉、举报', type: 'bar', stack: 'received', data: unitRows.map((u) => u.m.received - (consultations.get(u.row.unitId) ?? 0)), yAxisIndex: 0 },
      { name: '咨询', type: 'bar', stack: 'received', data: unitRows.map((u) => consultations.get(u.row.unitId) ?? 0), yAxisIndex: 0 },
      { name: '按时受理率', type: 'line', data: unitRows.map((u) => pct(u.m.onTimeAcceptanceRate)), yAxisIndex: 1 },
      { name: '按时核查率', type: 'line', data: unitRows.map((u) => pct(u.m.onTimeVerificationRate)), yAxisIndex: 1 },
      { name: '调解成功率', type: 'line', data: unitRows.map((u) => pct(u.m.mediationSuccessRate)), yAxisIndex: 1 },
    ]
    await refreshTerms()
    const hot = await repo.termCounts(db, 'term', r.filter, r.scope, ctx.actor, { limit: 50 })
    return {
      from: r.filter.from,
      to: r.filter.to,
      asOf: t,
      unit: { id: r.root.id, name: r.root.name, path: r.root.path },
      totals,
      trend,
      typeMix: byType.rows.map((row) => ({ key: row.itemType!, name: typeLabel(row.itemType!), value: row.counters.received })),
      categoryMix: byCat.rows
        .filter((row) => row.counters.received > 0)
        .sort((a, b) => b.counters.received - a.counters.received)
        .map((row) => ({ key: row.category!, name: CATEGORIES[row.category as Category] ?? row.category!, value: row.counters.received })),
      units: { xAxis: unitRows.map((u) => u.row.unitName ?? ''), unitIds: unitRows.map((u) => u.row.unitId ?? ''), series: unitsSeries },
      onTime: [
        { name: '按时受理率', value: pct(totals.onTimeAcceptanceRate), numerator: totals.acceptOnTime, denominator: totals.acceptDue },
        { name: '按时核查率', value: pct(totals.onTimeVerificationRate), numerator: totals.verifyOnTime, denominator: totals.verifyDue },
        { name: '调解成功率', value: pct(ratio(totals.mediatedOk, totals.mediationEnded)), numerator: totals.mediatedOk, denominator: totals.mediationEnded },
      ],
      hotTerms: hot.map((h) => ({ name: h.term, value: h.items })),
    }
  }

  return {
    resolve,
    refreshStats,
    refreshTerms,
    rebuildAggregates,
    statistics,
    statisticsXlsx,
    assertCanExportItems,
    exportItems,
    hotTopics,
    dashboard,
    /** Cells of a resolved scope (daily report and alerts). */
    cellsOf,
    repo,
    today,
  }
}
export type AnalyticsService = ReturnType<typeof createAnalyticsService>
