/**
 * Beijing time (Asia/Shanghai) for every date and time a person reads: screens, printouts, file
 * names. The one formatting helper of server and web (web/ imports this file directly), so an
 * instant stored as ISO-8601 UTC is never shown 8 hours off, nor a day off before 08:00.
 *
 * China has kept UTC+8 without daylight saving since 1991, so the conversion is a fixed offset;
 * it does not depend on the machine's or the browser's time zone. A value that is already a
 * calendar date (YYYY-MM-DD, the `*_on` columns) is a legal date in China time and is never shifted.
 */

export const BEIJING_TZ = 'Asia/Shanghai'
const OFFSET_MS = 8 * 3600_000
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

export type TimeInput = string | number | Date | null | undefined

interface Parts {
  y: number
  m: number
  d: number
  hh: number
  mm: number
  ss: number
  weekday: number
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The Beijing wall-clock parts of an instant, or of a calendar date as it is. Null when unreadable. */
function partsOf(v: TimeInput): Parts | null {
  if (v === null || v === undefined || v === '') return null
  if (typeof v === 'string' && DATE_ONLY.test(v)) {
    const t = Date.parse(`${v}T00:00:00Z`)
    if (Number.isNaN(t)) return null
    const u = new Date(t)
    return { y: u.getUTCFullYear(), m: u.getUTCMonth() + 1, d: u.getUTCDate(), hh: 0, mm: 0, ss: 0, weekday: u.getUTCDay() }
  }
  const t = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(v)
  if (Number.isNaN(t)) return null
  const u = new Date(t + OFFSET_MS)
  return {
    y: u.getUTCFullYear(),
    m: u.getUTCMonth() + 1,
    d: u.getUTCDate(),
    hh: u.getUTCHours(),
    mm: u.getUTCMinutes(),
    ss: u.getUTCSeconds(),
    weekday: u.getUTCDay(),
  }
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

/** Beijing calendar date, YYYY-MM-DD (also for file names and comparisons with `*_on` dates). */
export function beijingDate(v: TimeInput): string {
  const p = partsOf(v)
  return p ? `${p.y}-${pad(p.m)}-${pad(p.d)}` : ''
}

/** Today's Beijing date (YYYY-MM-DD). */
export function beijingToday(now: Date = new Date()): string {
  return beijingDate(now)
}

/** For tables: 2026-12-06 02:00:00 (Beijing; `seconds: false` drops :ss). Unreadable input is returned as it is; empty → —. */
export function fmtDateTime(v: TimeInput, opts: { seconds?: boolean } = {}): string {
  const p = partsOf(v)
  if (!p) return v === null || v === undefined || v === '' ? '—' : String(v)
  return `${p.y}-${pad(p.m)}-${pad(p.d)} ${pad(p.hh)}:${pad(p.mm)}${opts.seconds === false ? '' : `:${pad(p.ss)}`}`
}

/** For tables: 2026-12-06 (Beijing). Empty → —. */
export function fmtDate(v: TimeInput): string {
  const p = partsOf(v)
  if (!p) return v === null || v === undefined || v === '' ? '—' : String(v)
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`
}

/** For documents and headings: 2026年12月6日 (Beijing); `weekday` adds 星期日. Empty → —. */
export function fmtDateCn(v: TimeInput, opts: { weekday?: boolean } = {}): string {
  const p = partsOf(v)
  if (!p) return v === null || v === undefined || v === '' ? '—' : String(v)
  return `${p.y}年${p.m}月${p.d}日${opts.weekday ? ` ${WEEKDAYS[p.weekday]}` : ''}`
}

/** For documents: 2026年12月6日 02:00 (Beijing; `seconds` adds :ss). Empty → —. */
export function fmtDateTimeCn(v: TimeInput, opts: { seconds?: boolean } = {}): string {
  const p = partsOf(v)
  if (!p) return v === null || v === undefined || v === '' ? '—' : String(v)
  return `${p.y}年${p.m}月${p.d}日 ${pad(p.hh)}:${pad(p.mm)}${opts.seconds ? `:${pad(p.ss)}` : ''}`
}

/** Beijing hour of day (0–23) of an instant, e.g. for a greeting. */
export function beijingHour(v: TimeInput = new Date()): number {
  return partsOf(v)?.hh ?? 0
}

/**
 * A calendar date (YYYY-MM-DD) plus `days` whole days. Pure date arithmetic: the date has no time
 * zone, so it is done on UTC midnight and cut back to the date (no Beijing conversion is involved).
 */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}
