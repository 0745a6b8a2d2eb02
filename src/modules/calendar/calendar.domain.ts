/**
 * Working-day engine (工作日计算) for statutory time limits. Pure: no IO, no clock, no ids.
 *
 * Dates are legal calendar dates in Asia/Shanghai written as `YYYY-MM-DD`. Arithmetic runs on whole
 * day numbers built with Date.UTC, so the host time zone never matters.
 *
 * Counting conventions (RULES.md §6.1, §9.2):
 * - the start day is never counted;
 * - a working day is a Mon–Fri that is not an official day off, or a weekend day that the State
 *   Council schedule designates as a working day (调休上班);
 * - a calendar-day, month or year period whose last day is not a working day ends on the next working
 *   day (Civil Procedure Law Art 85, applied by analogy);
 * - for a year whose official schedule is not loaded only weekends are assumed, and every result that
 *   depends on such a year says so (`provisional`, `missingYears`). Missing years never throw.
 */
import { AppError } from '../../core/errors'

/** Invalid input to the calendar engine. Maps to HTTP 400 `VALIDATION`; the message is zh-CN. */
export class CalendarInputError extends AppError {
  constructor(message: string, details?: unknown) {
    super('VALIDATION', message, details)
    this.name = 'CalendarInputError'
  }
}

/** The official holiday schedule the engine counts with. */
export interface CalendarData {
  /** Years whose official schedule is loaded. Other years are computed with weekends only. */
  years: ReadonlySet<number>
  /** Official days off (法定节假日及调休放假), including those on weekends; value = holiday name. */
  offDays: ReadonlyMap<string, string>
  /** Weekend days designated working days (调休上班); value = holiday name. */
  workDays: ReadonlyMap<string, string>
}

/** One day of an official schedule: `off` = day off, `work` = weekend day designated a working day. */
export interface CalendarEntry {
  date: string
  kind: 'off' | 'work'
  name: string
}

/** One year's official schedule, as parsed from an import. */
export interface CalendarYear {
  year: number
  entries: CalendarEntry[]
}

/** A computed date. `provisional` = some year the computation touched has no loaded schedule. */
export interface DateResult {
  date: string
  /** True when a year in `missingYears` was touched: only weekends were assumed there. Show a warning. */
  provisional: boolean
  /** Years touched by the computation whose official schedule is not loaded, ascending. */
  missingYears: number[]
}

/** A computed count of working days, flagged like {@link DateResult}. */
export interface CountResult {
  count: number
  provisional: boolean
  missingYears: number[]
}

/** Kind of a single day. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday'

/** Unit of a period: working days, calendar days, months, years. */
export type PeriodUnit = 'WD' | 'CD' | 'M' | 'Y'

/** An interval of calendar dates (both ends included) during which the clock does not run (期限中止). */
export interface Pause {
  from: string
  /** Last paused day; null = still paused, counted up to `asOf`. */
  to: string | null
  reason: string
}

/** An approved extension (延长) of a time limit. */
export interface Extension {
  length: number
  unit: 'WD' | 'CD'
}

/** Input of {@link computeDeadline}. */
export interface DeadlineInput {
  /** The start event's date; not counted. */
  start: string
  length: number
  unit: PeriodUnit
  pauses?: Pause[]
  extensions?: Extension[]
  /** The day the computation is made for; required when a pause is still open. */
  asOf?: string
}

/** Result of {@link computeDeadline}. */
export interface DeadlineResult extends DateResult {
  /** Deadline from `length` alone: no extensions, no pauses. */
  baseDate: string
  /** Deadline after extensions, before pauses. */
  extendedDate: string
  /** Paused days that pushed the deadline: working days for WD rules, calendar days otherwise. */
  pausedDays: number
  /** True when a pause is still open (`to: null`): the deadline keeps moving until it ends. */
  pauseOpen: boolean
}

const DAY_MS = 86_400_000
const MIN_YEAR = 1900
const MAX_YEAR = 9999
/** Upper bound on any period length, and on the number of days a range may span (about 100 years). */
export const MAX_PERIOD_LENGTH = 10_000
const MAX_RANGE_DAYS = 36_600
/** No official schedule keeps the country off work this long; a longer run means corrupt data. */
const MAX_ROLL_FORWARD_DAYS = 400
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

// ---------------------------------------------------------------------------------------------
// Date primitives (day numbers = days since 1970-01-01 UTC)
// ---------------------------------------------------------------------------------------------

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate()
}

function parseParts(date: unknown): { y: number; m: number; d: number } | null {
  if (typeof date !== 'string') return null
  const match = DATE_RE.exec(date)
  if (!match) return null
  const y = Number(match[1])
  const m = Number(match[2])
  const d = Number(match[3])
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null
  return { y, m, d }
}

/** True when `date` is a real calendar date written `YYYY-MM-DD` (years 1900–9999). */
export function isValidDate(date: unknown): date is string {
  return parseParts(date) !== null
}

function dateError(date: unknown, label?: string): CalendarInputError {
  const shown = typeof date === 'string' ? date : String(date)
  const prefix = label ? `${label}：` : ''
  const match = typeof date === 'string' ? DATE_RE.exec(date) : null
  const month = match ? Number(match[2]) : 0
  if (match && month >= 1 && month <= 12) {
    const y = Number(match[1])
    if (y < MIN_YEAR || y > MAX_YEAR) {
      return new CalendarInputError(`${prefix}日期超出支持范围（${MIN_YEAR}–${MAX_YEAR} 年）：“${shown}”`)
    }
    // Well-formed but impossible, e.g. 2027-02-30.
    return new CalendarInputError(`${prefix}日期不存在：“${shown}”`)
  }
  return new CalendarInputError(`${prefix}日期格式应为 YYYY-MM-DD：“${shown}”`)
}

function toDay(date: unknown, label?: string): number {
  const p = parseParts(date)
  if (!p) throw dateError(date, label)
  return Date.UTC(p.y, p.m - 1, p.d) / DAY_MS
}

function fromDay(day: number): string {
  const dt = new Date(day * DAY_MS)
  const y = dt.getUTCFullYear()
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new CalendarInputError(`计算结果超出支持的日期范围（${MIN_YEAR}–${MAX_YEAR} 年）`)
  }
  const m = String(dt.getUTCMonth() + 1).padStart(2, '0')
  const d = String(dt.getUTCDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear()
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

function isWeekendDay(day: number): boolean {
  const w = weekdayOfDay(day)
  return w === 0 || w === 6
}

function checkLength(n: unknown, label = '天数'): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new CalendarInputError(`${label}应为整数：“${String(n)}”`)
  }
  if (n < 0) throw new CalendarInputError(`${label}不得为负数：${n}`)
  if (n > MAX_PERIOD_LENGTH) throw new CalendarInputError(`${label}不得超过 ${MAX_PERIOD_LENGTH}：${n}`)
  return n
}

function workingDayNum(cal: CalendarData, day: number): boolean {
  const date = fromDay(day)
  if (cal.workDays.has(date)) return true
  if (cal.offDays.has(date)) return false
  return !isWeekendDay(day)
}

function missingYearsIn(cal: CalendarData, fromExclusive: number, toInclusive: number): number[] {
  if (toInclusive <= fromExclusive) return []
  const out: number[] = []
  for (let y = yearOfDay(fromExclusive + 1); y <= yearOfDay(toInclusive); y++) {
    if (!cal.years.has(y)) out.push(y)
  }
  return out
}

function dateResult(cal: CalendarData, start: number, result: number): DateResult {
  const missingYears = missingYearsIn(cal, start, result)
  return { date: fromDay(result), provisional: missingYears.length > 0, missingYears }
}

function addWorkingDaysNum(cal: CalendarData, start: number, n: number): number {
  let day = start
  let left = n
  while (left > 0) {
    day++
    if (workingDayNum(cal, day)) left--
  }
  return day
}

function rollForwardNum(cal: CalendarData, day: number): number {
  let d = day
  for (let i = 0; i <= MAX_ROLL_FORWARD_DAYS; i++, d++) {
    if (workingDayNum(cal, d)) return d
  }
  throw new CalendarInputError(`节假日数据异常：${fromDay(day)} 之后连续 ${MAX_ROLL_FORWARD_DAYS} 天均无工作日`)
}

function addMonthsNum(start: number, months: number): number {
  const dt = new Date(start * DAY_MS)
  const index = dt.getUTCMonth() + months
  const y = dt.getUTCFullYear() + Math.floor(index / 12)
  const m0 = ((index % 12) + 12) % 12
  if (y > MAX_YEAR) throw new CalendarInputError(`计算结果超出支持的日期范围（${MIN_YEAR}–${MAX_YEAR} 年）`)
  // End-of-month clamping: 01-31 + 1 month = last day of February.
  const d = Math.min(dt.getUTCDate(), daysInMonth(y, m0 + 1))
  return Date.UTC(y, m0, d) / DAY_MS
}

// ---------------------------------------------------------------------------------------------
// Building a calendar
// ---------------------------------------------------------------------------------------------

/**
 * Builds the lookup structure from schedule entries.
 * @param years years whose official schedule is complete in `entries`
 * @throws CalendarInputError for an invalid date, a `work` day that is not a weekend day, or a date
 *   that is both `off` and `work`. A repeated date of the same kind is accepted (last name wins).
 */
export function buildCalendar(entries: Iterable<CalendarEntry>, years: Iterable<number>): CalendarData {
  const offDays = new Map<string, string>()
  const workDays = new Map<string, string>()
  for (const e of entries) {
    const day = toDay(e.date)
    if (e.kind === 'off') {
      if (workDays.has(e.date)) throw new CalendarInputError(`${e.date} 同时被标记为休息日和调休上班日`)
      offDays.set(e.date, e.name)
    } else if (e.kind === 'work') {
      if (offDays.has(e.date)) throw new CalendarInputError(`${e.date} 同时被标记为休息日和调休上班日`)
      if (!isWeekendDay(day)) {
        throw new CalendarInputError(`${e.date} 是周一至周五，不能标记为调休上班日`)
      }
      workDays.set(e.date, e.name)
    } else {
      throw new CalendarInputError(`${e.date} 的类型无效：“${String(e.kind)}”`)
    }
  }
  const yearSet = new Set<number>()
  for (const y of years) {
    if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) {
      throw new CalendarInputError(`年份无效：“${String(y)}”`)
    }
    yearSet.add(y)
  }
  return { years: yearSet, offDays, workDays }
}

/**
 * Combines a base schedule with per-year overrides (e.g. the built-in chinese-days data plus an
 * imported holiday-cn year). For every override year, base entries dated in that year are dropped
 * and the override's entries used instead.
 */
export function mergeCalendarSources(
  base: { years: Iterable<number>; entries: Iterable<CalendarEntry> },
  overrides: Iterable<CalendarYear>,
): { years: number[]; entries: CalendarEntry[] } {
  const list = [...overrides]
  const replaced = new Set(list.map((o) => o.year))
  const years = new Set<number>(base.years)
  const entries: CalendarEntry[] = []
  for (const e of base.entries) {
    if (!replaced.has(Number(e.date.slice(0, 4)))) entries.push(e)
  }
  // Override entries may spill into the previous year (a New Year break starting 12-31): they win
  // over a base entry for the same date.
  const overrideDates = new Set(list.flatMap((o) => o.entries.map((e) => e.date)))
  const kept = entries.filter((e) => !overrideDates.has(e.date))
  for (const o of list) {
    years.add(o.year)
    kept.push(...o.entries)
  }
  return { years: [...years].sort((a, b) => a - b), entries: kept }
}

/**
 * Converts chinese-days' `dist/chinese-days.json` into entries. Values look like
 * `"Spring Festival,春节,3"`; the Chinese name (second field) is kept. `inLieuDays` is ignored: those
 * days are already listed in `holidays`. `years` = every year with at least one entry.
 * @throws CalendarInputError when the shape or a value is not as expected
 */
export function loadBuiltinCalendarEntries(json: { holidays: Record<string, string>; workdays: Record<string, string> }): {
  years: number[]
  entries: CalendarEntry[]
} {
  if (!isRecord(json) || !isRecord(json.holidays) || !isRecord(json.workdays)) {
    throw new CalendarInputError('内置节假日数据格式错误：应包含 holidays 与 workdays 两个对象')
  }
  const entries: CalendarEntry[] = []
  const years = new Set<number>()
  const add = (source: Record<string, unknown>, kind: CalendarEntry['kind']) => {
    for (const [date, value] of Object.entries(source)) {
      toDay(date, '内置节假日数据')
      const name = typeof value === 'string' ? value.split(',')[1]?.trim() : undefined
      if (!name) throw new CalendarInputError(`内置节假日数据中 ${date} 的名称无法识别：“${String(value)}”`)
      entries.push({ date, kind, name })
      years.add(Number(date.slice(0, 4)))
    }
  }
  add(json.holidays, 'off')
  add(json.workdays, 'work')
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  return { years: [...years].sort((a, b) => a - b), entries }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Checks one imported year and returns its entries. Rules: real dates; each date in the year, except
 * that a New Year break may start in the last days of the previous year (the 2023 schedule put
 * 2022-12-31 off, and holiday-cn lists it in 2023's file); no duplicate dates; a working day (调休上班)
 * must fall on a Saturday or Sunday; the year must list at least one day (an empty file means the
 * schedule is not published yet, and loading it would wrongly mark the year as known).
 */
function validateYear(year: number, rows: Array<{ date: unknown; kind: CalendarEntry['kind']; name: unknown }>, where: (i: number) => string): CalendarYear {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new CalendarInputError(`年份无效：“${String(year)}”`)
  }
  if (rows.length === 0) {
    throw new CalendarInputError(`${year} 年的节假日安排未包含任何日期（国务院办公厅可能尚未发布该年度安排）`)
  }
  const seen = new Map<string, number>()
  const spillFrom = `${year - 1}-12-25`
  const entries: CalendarEntry[] = rows.map((row, i) => {
    const at = where(i)
    const day = toDay(row.date, at)
    const date = row.date as string
    if (!date.startsWith(`${year}-`) && !(date >= spillFrom && date <= `${year - 1}-12-31`)) {
      throw new CalendarInputError(`${at}：日期 ${date} 不属于 ${year} 年`)
    }
    const prev = seen.get(date)
    if (prev !== undefined) throw new CalendarInputError(`${at}：日期 ${date} 重复（与${where(prev)}相同）`)
    seen.set(date, i)
    if (typeof row.name !== 'string' || row.name.trim() === '') {
      throw new CalendarInputError(`${at}：缺少节日名称`)
    }
    if (row.kind === 'work' && !isWeekendDay(day)) {
      throw new CalendarInputError(`${at}：${date} 是周一至周五，本来就是工作日，不能标记为调休上班`)
    }
    return { date, kind: row.kind, name: row.name.trim() }
  })
  entries.sort((a, b) => (a.date < b.date ? -1 : 1))
  return { year, entries }
}

/**
 * Parses one NateScarlet/holiday-cn year file:
 * `{ year: 2027, papers: [...], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }, ...] }`.
 * `isOffDay: false` means a weekend day designated a working day.
 * @throws CalendarInputError for a wrong shape, an impossible date, a date outside the year, a
 *   duplicate date, `isOffDay: false` on a weekday, or an empty `days` list
 */
export function parseHolidayCnYear(json: unknown): CalendarYear {
  if (!isRecord(json)) throw new CalendarInputError('节假日文件格式错误：应为 JSON 对象')
  const { year, days, papers } = json
  if (typeof year !== 'number' || !Number.isInteger(year)) {
    throw new CalendarInputError('节假日文件格式错误：缺少整数字段 year')
  }
  if (papers !== undefined && (!Array.isArray(papers) || papers.some((p) => typeof p !== 'string'))) {
    throw new CalendarInputError('节假日文件格式错误：papers 应为字符串数组')
  }
  if (!Array.isArray(days)) throw new CalendarInputError('节假日文件格式错误：缺少数组字段 days')
  const rows = days.map((d: unknown, i) => {
    if (!isRecord(d)) throw new CalendarInputError(`节假日文件第 ${i + 1} 项格式错误：应为对象`)
    if (typeof d.isOffDay !== 'boolean') {
      throw new CalendarInputError(`节假日文件第 ${i + 1} 项格式错误：isOffDay 应为 true 或 false`)
    }
    return { date: d.date, name: d.name, kind: d.isOffDay ? ('off' as const) : ('work' as const) }
  })
  return validateYear(year, rows, (i) => `节假日文件第 ${i + 1} 项`)
}

const KIND_ALIASES = new Map<string, CalendarEntry['kind']>([
  ['休', 'off'],
  ['off', 'off'],
  ['班', 'work'],
  ['work', 'work'],
])

/**
 * Parses rows of a simple CSV/Excel import (columns 日期, 类型, 名称). `kind` is 休 or 班 (also
 * `off` / `work`, any case). Same checks as {@link parseHolidayCnYear}.
 * @throws CalendarInputError naming the 1-based row of the first problem
 */
export function parseCalendarRows(year: number, rows: Array<{ date: string; kind: string; name: string }>): CalendarYear {
  if (!Array.isArray(rows)) throw new CalendarInputError('导入数据格式错误：应为行数组')
  const mapped = rows.map((r, i) => {
    const raw = typeof r?.kind === 'string' ? r.kind.trim() : ''
    const kind = KIND_ALIASES.get(raw.toLowerCase())
    if (!kind) {
      throw new CalendarInputError(`第 ${i + 1} 行：类型应为“休”或“班”：“${String(r?.kind)}”`)
    }
    return { date: typeof r.date === 'string' ? r.date.trim() : r.date, name: r.name, kind }
  })
  return validateYear(year, mapped, (i) => `第 ${i + 1} 行`)
}

// ---------------------------------------------------------------------------------------------
// Day queries
// ---------------------------------------------------------------------------------------------

/**
 * True when `date` is a working day: a 调休 workday → true; an official day off → false;
 * Saturday/Sunday → false; otherwise true.
 * @throws CalendarInputError for an invalid date
 */
export function isWorkingDay(cal: CalendarData, date: string): boolean {
  return workingDayNum(cal, toDay(date))
}

/**
 * Kind of `date`: `adjusted_workday` (weekend day designated working), `holiday` (official day off,
 * also when on a weekend), `weekend`, or `workday`.
 * @throws CalendarInputError for an invalid date
 */
export function dayKind(cal: CalendarData, date: string): DayKind {
  const day = toDay(date)
  if (cal.workDays.has(date)) return 'adjusted_workday'
  if (cal.offDays.has(date)) return 'holiday'
  return isWeekendDay(day) ? 'weekend' : 'workday'
}

/** Years in (from, to] whose official schedule is not loaded; [] when `to <= from`. */
export function missingYearsBetween(cal: CalendarData, from: string, to: string): number[] {
  return missingYearsIn(cal, toDay(from, '开始日期'), toDay(to, '结束日期'))
}

// ---------------------------------------------------------------------------------------------
// Period arithmetic
// ---------------------------------------------------------------------------------------------

/**
 * The n-th working day after `start` (the start day is not counted); n = 0 returns `start`.
 * @throws CalendarInputError for an invalid date or n outside 0–10000
 */
export function addWorkingDays(cal: CalendarData, start: string, n: number): DateResult {
  const s = toDay(start, '开始日期')
  return dateResult(cal, s, addWorkingDaysNum(cal, s, checkLength(n, '工作日天数')))
}

/**
 * `start` + n calendar days; if that day is not a working day (an official day off, or a weekend
 * that is not a 调休 workday), the next working day. n = 0 returns `start` unchanged.
 * @throws CalendarInputError for an invalid date or n outside 0–10000
 */
export function addCalendarDays(cal: CalendarData, start: string, n: number): DateResult {
  const s = toDay(start, '开始日期')
  const len = checkLength(n, '天数')
  return dateResult(cal, s, len === 0 ? s : rollForwardNum(cal, s + len))
}

/**
 * `start` + n months, clamped to the month's end (2024-01-31 + 1 = 2024-02-29), then rolled
 * forward to a working day. n = 0 returns `start` unchanged.
 * @throws CalendarInputError for an invalid date or n outside 0–10000
 */
export function addMonths(cal: CalendarData, start: string, n: number): DateResult {
  const s = toDay(start, '开始日期')
  const len = checkLength(n, '月数')
  return dateResult(cal, s, len === 0 ? s : rollForwardNum(cal, addMonthsNum(s, len)))
}

/**
 * `start` + n years (02-29 → 02-28 in a common year), then rolled forward to a working day.
 * n = 0 returns `start` unchanged.
 * @throws CalendarInputError for an invalid date or n outside 0–10000
 */
export function addYears(cal: CalendarData, start: string, n: number): DateResult {
  const s = toDay(start, '开始日期')
  const len = checkLength(n, '年数')
  return dateResult(cal, s, len === 0 ? s : rollForwardNum(cal, addMonthsNum(s, len * 12)))
}

function checkRange(from: string, to: string): [number, number] {
  const f = toDay(from, '开始日期')
  const t = toDay(to, '结束日期')
  if (t < f) throw new CalendarInputError(`结束日期 ${to} 早于开始日期 ${from}`)
  if (t - f > MAX_RANGE_DAYS) throw new CalendarInputError(`日期区间过长（超过 ${MAX_RANGE_DAYS} 天）`)
  return [f, t]
}

/**
 * Every working day in the closed range [from, to], ascending. Call {@link missingYearsBetween}
 * to know whether a year in the range was computed with weekends only.
 * @throws CalendarInputError for an invalid date, `to < from`, or a range over 36600 days
 */
export function workingDaysBetween(cal: CalendarData, from: string, to: string): string[] {
  const [f, t] = checkRange(from, to)
  const out: string[] = []
  for (let d = f; d <= t; d++) if (workingDayNum(cal, d)) out.push(fromDay(d))
  return out
}

/**
 * Number of working days in (from, to]: the start day is not counted, so
 * `countWorkingDays(cal, s, addWorkingDays(cal, s, n).date).count === n`.
 * @throws CalendarInputError for an invalid date, `to < from`, or a range over 36600 days
 */
export function countWorkingDays(cal: CalendarData, from: string, to: string): CountResult {
  const [f, t] = checkRange(from, to)
  let count = 0
  for (let d = f + 1; d <= t; d++) if (workingDayNum(cal, d)) count++
  const missingYears = missingYearsIn(cal, f, t)
  return { count, provisional: missingYears.length > 0, missingYears }
}

/**
 * Working days left until `due`, seen on `today`:
 * - `due >= today`: the working days in (today, due] — 0 on the due date itself, 1 the working day
 *   before, and so on;
 * - `due < today` (overdue): minus the working days in (due, today] — -1 on the first working day
 *   after the due date. A weekend right after the due date gives 0, so read `overdue`, not the sign.
 * @throws CalendarInputError for an invalid date or a span over 36600 days
 */
export function workingDaysLeft(cal: CalendarData, today: string, due: string): CountResult & { overdue: boolean } {
  const t = toDay(today, '当前日期')
  const d = toDay(due, '截止日期')
  if (d >= t) return { ...countWorkingDays(cal, today, due), overdue: false }
  const r = countWorkingDays(cal, due, today)
  return { ...r, count: r.count === 0 ? 0 : -r.count, overdue: true }
}

// ---------------------------------------------------------------------------------------------
// Deadlines with extensions and pauses
// ---------------------------------------------------------------------------------------------

type Interval = [number, number]

function normalisePauses(pauses: Pause[], asOf: number | null): { intervals: Interval[]; open: boolean } {
  const raw: Interval[] = []
  let open = false
  pauses.forEach((p, i) => {
    const label = `第 ${i + 1} 个中止期间`
    if (!isRecord(p)) throw new CalendarInputError(`${label}格式错误`)
    const from = toDay(p.from, `${label}的开始日期`)
    let to: number
    if (p.to === null) {
      if (asOf === null) {
        throw new CalendarInputError(`${label}（自 ${p.from} 起）尚未结束，需提供计算基准日 asOf`)
      }
      open = true
      to = asOf
    } else {
      to = toDay(p.to, `${label}的结束日期`)
      if (to < from) throw new CalendarInputError(`${label}的结束日期 ${p.to} 早于开始日期 ${p.from}`)
    }
    if (to - from > MAX_RANGE_DAYS) throw new CalendarInputError(`${label}过长（超过 ${MAX_RANGE_DAYS} 天）`)
    // An open pause whose start is after asOf has not begun yet.
    if (to >= from) raw.push([from, to])
  })
  raw.sort((a, b) => a[0] - b[0])
  const merged: Interval[] = []
  for (const iv of raw) {
    const last = merged[merged.length - 1]
    // Overlapping or touching pauses are one pause: a day is paused once.
    if (last && iv[0] <= last[1] + 1) last[1] = Math.max(last[1], iv[1])
    else merged.push([iv[0], iv[1]])
  }
  return { intervals: merged, open }
}

function countPaused(cal: CalendarData, intervals: Interval[], fromExcl: number, toIncl: number, workingOnly: boolean): number {
  let n = 0
  for (const [a, b] of intervals) {
    const lo = Math.max(a, fromExcl + 1)
    const hi = Math.min(b, toIncl)
    if (hi < lo) continue
    if (!workingOnly) {
      n += hi - lo + 1
      continue
    }
    for (let d = lo; d <= hi; d++) if (workingDayNum(cal, d)) n++
  }
  return n
}

/**
 * Deadline of a statutory time limit with approved extensions and pauses (期限中止).
 *
 * Semantics:
 * 1. Base: `start` + `length` in `unit` (WD, or CD/M/Y rolled forward to a working day) = `baseDate`.
 * 2. Extensions, in order, each counted from the deadline then in force (the period "expires" on the
 *    rolled date, and the extension runs from there): a `+15 WD` approval adds 15 working days to the
 *    base deadline; a CD extension adds calendar days and rolls forward again. Result = `extendedDate`.
 * 3. Pauses: the clock does not run on paused days. Only paused days inside (start, deadline] count,
 *    so a pause that begins after the deadline changes nothing; overlapping pauses count each day
 *    once; a pause with `to: null` runs up to and including `asOf`.
 *    - WD rules: each paused *working* day pushes the deadline by one working day. The window grows
 *      with the deadline, so this is iterated until stable (the result is the day on which the
 *      required number of unpaused working days is reached).
 *    - CD/M/Y rules: each paused calendar day up to the nominal end (before roll-forward) pushes the
 *      nominal end by one day, iterated until stable; the result is then rolled forward. Pause days
 *      that fall only in the roll-forward grace days do not count.
 * `provisional`/`missingYears` cover every year in (start, result].
 * @throws CalendarInputError for invalid dates or lengths, a pause ending before it starts, or an
 *   open pause without `asOf`
 */
export function computeDeadline(cal: CalendarData, input: DeadlineInput): DeadlineResult {
  if (!isRecord(input)) throw new CalendarInputError('期限计算参数格式错误')
  const s = toDay(input.start, '开始日期')
  const length = checkLength(input.length, '期限长度')
  const unit = input.unit
  if (unit !== 'WD' && unit !== 'CD' && unit !== 'M' && unit !== 'Y') {
    throw new CalendarInputError(`期限单位无效：“${String(unit)}”（应为 WD、CD、M 或 Y）`)
  }
  const asOf = input.asOf === undefined ? null : toDay(input.asOf, '计算基准日 asOf')
  const extensions = input.extensions ?? []
  const pauses = input.pauses ?? []
  if (!Array.isArray(extensions)) throw new CalendarInputError('延长期限列表格式错误')
  if (!Array.isArray(pauses)) throw new CalendarInputError('中止期间列表格式错误')

  // `nominal` is the unrolled end of the last step; `due` the deadline in force after that step.
  let nominal: number
  if (length === 0) nominal = s
  else if (unit === 'WD') nominal = addWorkingDaysNum(cal, s, length)
  else if (unit === 'CD') nominal = s + length
  else nominal = addMonthsNum(s, unit === 'M' ? length : length * 12)
  let due = unit === 'WD' || length === 0 ? nominal : rollForwardNum(cal, nominal)
  const base = due

  extensions.forEach((ext, i) => {
    const label = `第 ${i + 1} 次延长的天数`
    if (!isRecord(ext)) throw new CalendarInputError(`第 ${i + 1} 次延长格式错误`)
    const n = checkLength(ext.length, label)
    if (ext.unit === 'WD') {
      nominal = addWorkingDaysNum(cal, due, n)
      due = nominal
    } else if (ext.unit === 'CD') {
      nominal = due + n
      due = n === 0 ? due : rollForwardNum(cal, nominal)
    } else {
      throw new CalendarInputError(`第 ${i + 1} 次延长的单位无效：“${String(ext.unit)}”（应为 WD 或 CD）`)
    }
  })
  const extended = due

  const { intervals, open } = normalisePauses(pauses, asOf)
  let paused = 0
  if (intervals.length > 0) {
    if (unit === 'WD') {
      let k = countPaused(cal, intervals, s, extended, true)
      let candidate = addWorkingDaysNum(cal, extended, k)
      for (;;) {
        const next = countPaused(cal, intervals, s, candidate, true)
        if (next === k) break
        k = next
        candidate = addWorkingDaysNum(cal, extended, k)
      }
      paused = k
      due = candidate
    } else {
      let k = countPaused(cal, intervals, s, nominal, false)
      for (;;) {
        const next = countPaused(cal, intervals, s, nominal + k, false)
        if (next === k) break
        k = next
      }
      paused = k
      if (k > 0) due = rollForwardNum(cal, nominal + k)
    }
  }

  return {
    ...dateResult(cal, s, due),
    baseDate: fromDay(base),
    extendedDate: fromDay(extended),
    pausedDays: paused,
    pauseOpen: open,
  }
}
