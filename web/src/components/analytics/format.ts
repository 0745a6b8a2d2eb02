/**
 * Number formats of the 12315 analytics pages (千分位, 百分比 1 位小数, 元 2 位小数) and the
 * measure columns with their definitions (统计口径, from src/modules/analytics/README.md).
 */
import type { MeasureColumn } from '../../../../src/shared/analytics/vocabulary'
import type { Measures } from './types'

const intFmt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 })
const yuanFmt = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const oneFmt = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

/** 12345 → "12,345". */
export const fmtInt = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : intFmt.format(n))
/** A 0–1 rate → "96.9%"; null → "—". */
export const fmtRate = (r: number | null | undefined): string => (r === null || r === undefined ? '—' : `${oneFmt.format(r * 100)}%`)
/** A 0–100 percentage → "96.9%". */
export const fmtPct = (p: number | null | undefined): string => (p === null || p === undefined ? '—' : `${oneFmt.format(p)}%`)
/** Integer fen → "4,024,000.00" (yuan). */
export const fmtYuan = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '—' : yuanFmt.format(fen / 100))
/** Days → "23.4". */
export const fmtDays = (d: number | null | undefined): string => (d === null || d === undefined ? '—' : oneFmt.format(d))
/** Bytes → "1.2 MB". */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${oneFmt.format(n / 1024)} KB`
  return `${oneFmt.format(n / 1024 / 1024)} MB`
}

/** The measures with their names and definitions (统计口径) are the server's own (src/shared/analytics/vocabulary.ts). */
export { MEASURE_COLUMNS, type MeasureColumn, type MeasureKind } from '../../../../src/shared/analytics/vocabulary'

/** The display text of a measure. */
export function fmtMeasure(m: Measures, c: MeasureColumn): string {
  const v = m[c.key]
  if (c.kind === 'rate') return fmtRate(v as number | null)
  if (c.kind === 'yuan') return fmtYuan(m.recoveredFen)
  if (c.kind === 'days') return fmtDays(v as number | null)
  return fmtInt(v as number)
}
