import { COLLECTION_CLASSES, type CollectionClass } from '../../shared/collection/vocabulary'

/** Pure rules of 涉企信息归集: months of a period, the key a record is replaced by, the rate table. */

/** Every month from `from` to `to` (YYYY-MM, inclusive), in order. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = []
  let y = Number(from.slice(0, 4))
  let m = Number(from.slice(5, 7))
  const endY = Number(to.slice(0, 4))
  const endM = Number(to.slice(5, 7))
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    if (++m > 12) {
      m = 1
      y++
    }
  }
  return out
}

/** The last day of a month (YYYY-MM → YYYY-MM-DD), leap years included. */
export function lastDayOf(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${month}-${String(d).padStart(2, '0')}`
}

/** A record sent again (same department, kind and document number) replaces the earlier one. */
export const dedupeKeyOf = (departmentId: string, kind: string, docNo: string) => `${departmentId}|${kind}|${docNo.trim().toUpperCase()}`

/** Percent with one decimal, or null when nothing was expected (a rate of nothing is not 0 %). */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null
  return Math.round((part / whole) * 1000) / 10
}

export interface RateCell {
  collected: number
  onTime: number
  expected: number
  /** collected ÷ expected, %; above 100 when a department sent more than it reported producing. */
  rate: number | null
  /** onTime ÷ collected, %. */
  timelyRate: number | null
}
export interface RateRow {
  departmentId: string
  byClass: Record<CollectionClass, RateCell>
}

/**
 * The rate table: one row per department, a cell per class, from the counts grouped in SQL
 * (records by decision month) and the expected counts of the period's months.
 */
export function rateTable(
  departmentIds: string[],
  collected: Array<{ departmentId: string; infoClass: string; n: number; onTime: number }>,
  expected: Array<{ departmentId: string; infoClass: string; n: number }>,
): { rows: RateRow[]; total: Record<CollectionClass, RateCell> } {
  const classes = Object.keys(COLLECTION_CLASSES) as CollectionClass[]
  const empty = (): Record<CollectionClass, RateCell> =>
    Object.fromEntries(classes.map((c) => [c, { collected: 0, onTime: 0, expected: 0, rate: null, timelyRate: null }])) as Record<CollectionClass, RateCell>
  const rows = new Map(departmentIds.map((id) => [id, empty()]))
  const total = empty()
  for (const c of collected) {
    const cell = rows.get(c.departmentId)?.[c.infoClass as CollectionClass]
    if (!cell) continue
    cell.collected += c.n
    cell.onTime += c.onTime
    total[c.infoClass as CollectionClass].collected += c.n
    total[c.infoClass as CollectionClass].onTime += c.onTime
  }
  for (const e of expected) {
    const cell = rows.get(e.departmentId)?.[e.infoClass as CollectionClass]
    if (!cell) continue
    cell.expected += e.n
    total[e.infoClass as CollectionClass].expected += e.n
  }
  const finish = (r: Record<CollectionClass, RateCell>) => {
    for (const c of classes) {
      r[c].rate = percent(r[c].collected, r[c].expected)
      r[c].timelyRate = percent(r[c].onTime, r[c].collected)
    }
  }
  for (const r of rows.values()) finish(r)
  finish(total)
  return { rows: [...rows].map(([departmentId, byClass]) => ({ departmentId, byClass })), total }
}
