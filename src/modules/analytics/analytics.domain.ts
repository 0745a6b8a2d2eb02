/**
 * Pure rules of the 12315 statistics (RULES.md §1.6): the counters every measure is built from,
 * the measures themselves (rates, averages), roll-up through the org tree by materialised path,
 * periods and the ECharts-friendly shapes of the leader dashboard. No IO. README.md defines each
 * measure in words; this file is the single executable definition the API uses.
 */
import { CATEGORIES, fenToYuan, ITEM_TYPE_LABEL, type Category, type ItemType } from '../complaints'
import { MEASURE_COLUMNS as SHARED_MEASURE_COLUMNS } from '../../shared/analytics/vocabulary'

// ---------------------------------------------------------------------------------------------
// Counters and measures
// ---------------------------------------------------------------------------------------------

/** Cohort counters of a set of items (all received in the period). */
export interface Counters {
  received: number
  accepted: number
  notAccepted: number
  /** Accepted complaints whose mediation has ended (agreement, settled, withdrawn, terminated). */
  mediationEnded: number
  mediatedOk: number
  recoveredFen: number
  acceptDecided: number
  acceptOnTime: number
  verifyDone: number
  verifyOnTime: number
  closed: number
  /** Σ (closed_on − received_on) in calendar days over closed items. */
  handlingDays: number
  /** Items with at least one clock completed after its due date. */
  lateDone: number
  /** As of the as-of date: complaints with no acceptance decision and the acceptance due date passed. */
  acceptOpenOverdue: number
  /** As of the as-of date: reports not yet verified with the verification due date passed. */
  verifyOpenOverdue: number
  /** As of the as-of date: open items past their next due date that are not already in lateDone. */
  openOverdue: number
}

export const COUNTER_KEYS = [
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
  'acceptOpenOverdue',
  'verifyOpenOverdue',
  'openOverdue',
] as const satisfies readonly (keyof Counters)[]

export function zeroCounters(): Counters {
  return Object.fromEntries(COUNTER_KEYS.map((k) => [k, 0])) as unknown as Counters
}

/** Adds `b` into `a` (mutates and returns `a`). */
export function addCounters(a: Counters, b: Partial<Counters>): Counters {
  for (const k of COUNTER_KEYS) a[k] += Number(b[k] ?? 0)
  return a
}

/** The published figures of a set of items. Rates are 0–1 (4 decimals), null when the denominator is 0. */
export interface Measures {
  received: number
  accepted: number
  notAccepted: number
  mediatedOk: number
  mediationEnded: number
  mediationSuccessRate: number | null
  recoveredFen: number
  /** Recovered losses in yuan for display, e.g. "4,024,000.00". */
  recoveredYuan: string
  /** Denominator of the on-time acceptance rate: decided + undecided past due. */
  acceptDue: number
  acceptOnTime: number
  onTimeAcceptanceRate: number | null
  /** Denominator of the on-time verification rate (按时核查率): verified + unverified past due. */
  verifyDue: number
  verifyOnTime: number
  onTimeVerificationRate: number | null
  closed: number
  avgHandlingDays: number | null
  overdue: number
}

export function ratio(num: number, den: number, digits = 4): number | null {
  if (den <= 0) return null
  const f = 10 ** digits
  return Math.round((num / den) * f) / f
}

export function measuresOf(c: Counters): Measures {
  const acceptDue = c.acceptDecided + c.acceptOpenOverdue
  const verifyDue = c.verifyDone + c.verifyOpenOverdue
  return {
    received: c.received,
    accepted: c.accepted,
    notAccepted: c.notAccepted,
    mediatedOk: c.mediatedOk,
    mediationEnded: c.mediationEnded,
    mediationSuccessRate: ratio(c.mediatedOk, c.mediationEnded),
    recoveredFen: c.recoveredFen,
    recoveredYuan: fenToYuan(c.recoveredFen),
    acceptDue,
    acceptOnTime: c.acceptOnTime,
    onTimeAcceptanceRate: ratio(c.acceptOnTime, acceptDue),
    verifyDue,
    verifyOnTime: c.verifyOnTime,
    onTimeVerificationRate: ratio(c.verifyOnTime, verifyDue),
    closed: c.closed,
    avgHandlingDays: ratio(c.handlingDays, c.closed, 2),
    overdue: c.lateDone + c.openOverdue,
  }
}

/** Measure names for tables and exports, in display order (src/shared/analytics: the web shows the same). */
export const MEASURE_COLUMNS: ReadonlyArray<{ key: keyof Measures; label: string; kind: 'count' | 'rate' | 'yuan' | 'days' }> = SHARED_MEASURE_COLUMNS

/** 0.96871 → "96.87%"; null → "—". */
export function percent(r: number | null): string {
  return r === null ? '—' : `${(r * 100).toFixed(2)}%`
}

// ---------------------------------------------------------------------------------------------
// Roll-up through the org tree
// ---------------------------------------------------------------------------------------------

export interface UnitNode {
  id: string
  parentId: string | null
  name: string
  shortName: string | null
  path: string
  depth: number
  sortOrder: number
}

export interface Cell {
  unitId: string
  itemType: string
  category: string
  counters: Counters
}

/**
 * The row a unit's items count towards when the table shows `root` broken down by its direct
 * children: the child on the unit's path, `root` itself for the root's own items ("本级"), or
 * null when the unit lies outside root's subtree.
 */
export function rowUnitFor(unitPath: string, rootId: string): string | null {
  const ids = unitPath.split('/').filter(Boolean)
  const i = ids.indexOf(rootId)
  if (i < 0) return null
  return ids[i + 1] ?? rootId
}

export type Dimension = 'unit' | 'type' | 'category'
export const DIMENSION_LABEL: Record<Dimension, string> = { unit: '单位', type: '类型', category: '分类' }

export interface TableRow {
  key: string
  unitId: string | null
  unitName: string | null
  /** true for the root unit's own items (本级), shown separately from its children. */
  ownItems: boolean
  itemType: string | null
  itemTypeLabel: string | null
  category: string | null
  categoryLabel: string | null
  counters: Counters
}

export const typeLabel = (t: string): string => ITEM_TYPE_LABEL[t as ItemType] ?? t
export const categoryLabel = (c: string): string => CATEGORIES[c as Category] ?? c

/**
 * Groups cells into table rows by up to two dimensions; the unit dimension rolls each cell up to
 * the direct child of `rootId` on its path. Rows come out in a stable order (unit sort order,
 * type order, category order); cells outside root's subtree are dropped.
 */
export function groupCells(
  cells: readonly Cell[],
  units: readonly UnitNode[],
  rootId: string,
  dims: readonly Dimension[],
): { rows: TableRow[]; total: Counters } {
  const byId = new Map(units.map((u) => [u.id, u]))
  const total = zeroCounters()
  const rows = new Map<string, TableRow>()
  for (const c of cells) {
    const u = byId.get(c.unitId)
    if (!u) continue
    const rowUnit = rowUnitFor(u.path, rootId)
    if (!rowUnit) continue
    addCounters(total, c.counters)
    const parts: string[] = []
    const row: Omit<TableRow, 'key' | 'counters'> = {
      unitId: null,
      unitName: null,
      ownItems: false,
      itemType: null,
      itemTypeLabel: null,
      category: null,
      categoryLabel: null,
    }
    for (const d of dims) {
      if (d === 'unit') {
        const ru = byId.get(rowUnit)!
        row.unitId = ru.id
        row.ownItems = ru.id === rootId
        row.unitName = row.ownItems ? `${ru.shortName ?? ru.name}（本级）` : (ru.shortName ?? ru.name)
        parts.push(`u:${rowUnit}`)
      } else if (d === 'type') {
        row.itemType = c.itemType
        row.itemTypeLabel = typeLabel(c.itemType)
        parts.push(`t:${c.itemType}`)
      } else {
        row.category = c.category
        row.categoryLabel = categoryLabel(c.category)
        parts.push(`c:${c.category}`)
      }
    }
    const key = parts.join('|') || 'total'
    let r = rows.get(key)
    if (!r) {
      r = { key, ...row, counters: zeroCounters() }
      rows.set(key, r)
    }
    addCounters(r.counters, c.counters)
  }
  // By unit alone: every direct subordinate unit has its row, also with nothing registered (a
  // unit missing from the table reads as "no data", not as zero).
  if (dims.length === 1 && dims[0] === 'unit') {
    for (const u of units) {
      if (u.parentId !== rootId || rows.has(`u:${u.id}`)) continue
      rows.set(`u:${u.id}`, {
        key: `u:${u.id}`,
        unitId: u.id,
        unitName: u.shortName ?? u.name,
        ownItems: false,
        itemType: null,
        itemTypeLabel: null,
        category: null,
        categoryLabel: null,
        counters: zeroCounters(),
      })
    }
  }
  const typeOrder = Object.keys(ITEM_TYPE_LABEL)
  const catOrder = Object.keys(CATEGORIES)
  const unitRank = (r: TableRow) => {
    if (!r.unitId) return [0, 0, '']
    const u = byId.get(r.unitId)!
    return [r.ownItems ? 0 : 1, u.sortOrder, u.name] as const
  }
  const sorted = [...rows.values()].sort((a, b) => {
    const ua = unitRank(a)
    const ub = unitRank(b)
    for (let i = 0; i < 3; i++) if (ua[i]! !== ub[i]!) return ua[i]! < ub[i]! ? -1 : 1
    const ta = typeOrder.indexOf(a.itemType ?? '')
    const tb = typeOrder.indexOf(b.itemType ?? '')
    if (ta !== tb) return ta - tb
    const ca = catOrder.indexOf(a.category ?? '')
    const cb = catOrder.indexOf(b.category ?? '')
    return ca - cb
  })
  return { rows: sorted, total }
}

// ---------------------------------------------------------------------------------------------
// Dates and periods (legal dates are YYYY-MM-DD, China time)
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000
const toUtc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)))
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10)

export function addDays(date: string, n: number): string {
  return fromUtc(toUtc(date) + n * DAY_MS)
}

/** Calendar days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS)
}

/** Longest run of days `daysOf` enumerates: callers validate periods far below this. */
const MAX_ENUMERATED_DAYS = 4000

/**
 * Every date from `from` to `to`, inclusive. Counts days rather than comparing strings (past year
 * 9999 the ISO form grows a sign and sorts before every date), and refuses a run no valid period has.
 */
export function daysOf(from: string, to: string): string[] {
  const n = daysBetween(from, to) + 1
  if (!Number.isFinite(n) || n > MAX_ENUMERATED_DAYS) throw new RangeError(`period too long to enumerate: ${from}..${to}`)
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(addDays(from, i))
  return out
}

/** The last day of the month of `date` (YYYY-MM-DD). */
export function monthEnd(date: string): string {
  return fromUtc(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0))
}

/**
 * How a period is read from the two aggregates: whole calendar months from the monthly one
 * (`months`, YYYY-MM, inclusive, or null when the period holds no whole month) and the partial
 * edge months from the daily one (`dayRanges`, at most two, inclusive). Together they cover every
 * day of the period exactly once.
 */
export function splitByMonths(from: string, to: string): { months: { from: string; to: string } | null; dayRanges: Array<{ from: string; to: string }> } {
  if (from > to) return { months: null, dayRanges: [] }
  // First day of the first whole month, and last day of the last whole month.
  const first = from.endsWith('-01') ? from : addDays(monthEnd(from), 1)
  const last = to === monthEnd(to) ? to : addDays(`${to.slice(0, 8)}01`, -1)
  if (first > last) return { months: null, dayRanges: [{ from, to }] }
  const dayRanges: Array<{ from: string; to: string }> = []
  if (from < first) dayRanges.push({ from, to: addDays(first, -1) })
  if (last < to) dayRanges.push({ from: addDays(last, 1), to })
  return { months: { from: first.slice(0, 7), to: last.slice(0, 7) }, dayRanges }
}

/** The period of the same length that ends the day before `from` (for "rising" comparisons). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const len = daysBetween(from, to) + 1
  return { from: addDays(from, -len), to: addDays(from, -1) }
}

// ---------------------------------------------------------------------------------------------
// Chart shapes (ECharts: xAxis.data + series[].data, or pie data [{ name, value }])
// ---------------------------------------------------------------------------------------------

export interface Series {
  name: string
  type: 'line' | 'bar'
  data: Array<number | null>
  /** Which y axis (0 counts, 1 rates) a dual-axis chart should put the series on. */
  yAxisIndex?: number
  stack?: string
}

/** Daily volume per item type over the whole period, zero-filled: one line per type plus the total. */
export function trendSeries(perDay: ReadonlyArray<{ day: string; itemType: string; received: number }>, from: string, to: string) {
  const days = daysOf(from, to)
  const idx = new Map(days.map((d, i) => [d, i]))
  const types = Object.keys(ITEM_TYPE_LABEL)
  const data = new Map(types.map((t) => [t, days.map(() => 0)]))
  const total = days.map(() => 0)
  for (const r of perDay) {
    const i = idx.get(r.day)
    const arr = data.get(r.itemType)
    if (i === undefined || !arr) continue
    arr[i]! += r.received
    total[i]! += r.received
  }
  const series: Series[] = types.map((t) => ({ name: typeLabel(t), type: 'bar', stack: 'volume', data: data.get(t)! }))
  series.push({ name: '合计', type: 'line', data: total })
  return { xAxis: days, series }
}
