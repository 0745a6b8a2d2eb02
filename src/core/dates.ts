import { z } from 'zod'
import { chinaDate } from './clock'

/**
 * Date parameters of the HTTP API (request bodies and query strings). Every date an endpoint takes
 * goes through `dateParam` / `instantParam`, and every from–to pair through `periodRefine`, so no
 * request can name the year 9999 (or 0001) and make a service enumerate millions of days, and a
 * reversed range is refused before it reaches a service.
 *
 * The accepted range is DATE_MIN to the end of the year DATE_YEARS_AHEAD years after today (China
 * time, read from the system clock when the request is validated): wide enough for any statutory
 * deadline and for rules that take effect in the future, narrow enough that a period stays small.
 */
export const DATE_MIN = '2000-01-01'
export const DATE_YEARS_AHEAD = 10
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/
/** The pattern the OpenAPI document shows. */
const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000

/** The latest date a date parameter accepts: 31 December, DATE_YEARS_AHEAD years after `now`'s year (China time). */
export function dateMax(now: Date = new Date()): string {
  return `${Number(chinaDate(now).slice(0, 4)) + DATE_YEARS_AHEAD}-12-31`
}

/** True when `s` is a real calendar date written YYYY-MM-DD (any year 1000–9999). */
export function isCalendarDate(s: string): boolean {
  const m = DAY_RE.exec(s)
  if (!m) return false
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3])
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
}

/** Calendar days from `a` to `b` (b − a); both real YYYY-MM-DD dates. */
export function daySpan(a: string, b: string): number {
  const t = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)))
  return Math.round((t(b) - t(a)) / DAY_MS)
}

export interface DateBounds {
  /** Earliest accepted date (default DATE_MIN). */
  min?: string
  /** Latest accepted date (default `dateMax()`). */
  max?: string
}

/** What is wrong with a date parameter (zh-CN), or null when it is a real date inside the bounds. */
export function dateProblem(s: string, bounds: DateBounds = {}): string | null {
  if (!DAY_RE.test(s)) return '日期格式应为 YYYY-MM-DD'
  if (!isCalendarDate(s)) return `日期不存在：${s}`
  const min = bounds.min ?? DATE_MIN
  const max = bounds.max ?? dateMax()
  if (s < min) return `日期不能早于 ${min}`
  if (s > max) return `日期不能晚于 ${max}`
  return null
}

/** A legal calendar date (YYYY-MM-DD, China time) inside the accepted range. */
export function dateParam(bounds: { min?: string } = {}) {
  return z
    .string()
    .regex(DAY_FORMAT, '日期格式应为 YYYY-MM-DD')
    .superRefine((s, ctx) => {
      if (!DAY_RE.test(s)) return // reported by the regex
      const problem = dateProblem(s, bounds)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
}

/** An instant (ISO-8601 with an offset) whose China date lies inside the accepted range. */
export function instantParam(message = '时间格式应为 ISO-8601（含时区）') {
  return z
    .string()
    .datetime({ offset: true, message })
    .superRefine((s, ctx) => {
      const ms = Date.parse(s)
      if (Number.isNaN(ms)) return // reported by .datetime()
      const day = chinaDate(new Date(ms))
      const problem = dateProblem(day)
      if (problem) ctx.addIssue({ code: 'custom', message: problem.replace('日期', '时间') })
    })
}

/**
 * Checks a from–to pair of date fields on an object schema: `to` not before `from`, and the period
 * (both ends included) at most `maxDays` days. Either end may be absent (the service fills in its
 * default and checks again). Apply it to the final schema: zod does not extend refined objects.
 */
export function periodRefine<T extends z.ZodType<Record<string, unknown>>>(
  schema: T,
  opts: { from?: string; to?: string; maxDays?: number; label?: string } = {},
) {
  const fromKey = opts.from ?? 'from'
  const toKey = opts.to ?? 'to'
  const label = opts.label ?? '期间'
  return schema.superRefine((v, ctx) => {
    const a = v[fromKey]
    const b = v[toKey]
    if (typeof a !== 'string' || typeof b !== 'string' || !isCalendarDate(a) || !isCalendarDate(b)) return
    if (a > b) ctx.addIssue({ code: 'custom', path: [toKey], message: `起始日期 ${a} 晚于截止日期 ${b}` })
    else if (opts.maxDays !== undefined && daySpan(a, b) + 1 > opts.maxDays)
      ctx.addIssue({ code: 'custom', path: [toKey], message: `${label}最长 ${opts.maxDays} 天` })
  })
}
