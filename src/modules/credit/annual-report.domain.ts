/**
 * The annual-report season (年报) as pure functions of dates (YYYY-MM-DD, China time). Publicity
 * Regulation Art 8 (RULES.md §3.1, PRIMARY): reports are filed 1 Jan – 30 Jun for the previous year;
 * an entity set up during a year reports for it from the next year. Art 12: corrections until 30 June.
 */
import { REMINDER_ROUNDS, SEASON } from '../../shared/credit/annual-report'

/** The first report year the platform asks about (the annual-report system starts with 2013; earlier years live on the national system). */
export const FIRST_REPORT_YEAR = 2013

const yearOf = (date: string) => Number(date.slice(0, 4))

/** The season open on `today` files reports for this year (the previous calendar year). */
export function seasonYear(today: string): number {
  return yearOf(today) - 1
}

/** First and last day of the season for report year `reportYear`. */
export function seasonWindow(reportYear: number): { opens: string; closes: string } {
  const y = reportYear + 1
  return { opens: `${y}-${SEASON.from}`, closes: `${y}-${SEASON.to}` }
}

/** The season for the previous year is open on `today` (1 Jan – 30 Jun inclusive). */
export function seasonOpen(today: string): boolean {
  const w = seasonWindow(seasonYear(today))
  return today >= w.opens && today <= w.closes
}

/** An entity registered on `registeredOn` must report for `reportYear` (set up in the year or before). */
export function mustReport(registeredOn: string | null, reportYear: number): boolean {
  return registeredOn === null || yearOf(registeredOn) <= reportYear
}

/**
 * Why the entity may not file a report for `reportYear` on `today`, or null when it may: the year
 * must be over; a year before the entity existed has no report. Filing after 30 June is allowed
 * (late) — it is the cure of the abnormal-list ground.
 */
export function filingProblem(registeredOn: string | null, reportYear: number, today: string): string | null {
  if (reportYear > seasonYear(today)) return `${reportYear} 年度尚未结束，${seasonWindow(reportYear).opens} 起方可报送`
  if (!mustReport(registeredOn, reportYear)) return `本主体成立于 ${registeredOn!.slice(0, 4)} 年，无需报送 ${reportYear} 年度报告`
  return null
}

/** A filed report is late when filed after its season closed. */
export function isLate(reportYear: number, filedOn: string): boolean {
  return filedOn > seasonWindow(reportYear).closes
}

/** Corrections are possible until 30 June of the season (Art 12); afterwards the bureau must agree. */
export function correctionProblem(reportYear: number, today: string): string | null {
  const { closes } = seasonWindow(reportYear)
  return today > closes ? `${reportYear} 年度报告的更正期限已于 ${closes} 届满，如需更正请向登记机关申请` : null
}

/**
 * The report years the entity owes on `today`, oldest first: every year from its first report year
 * (the year it was set up; `firstYear` bounds an unknown or old registration) up to the season's year,
 * less those in `filed`. The season's own year is owed only from 1 January.
 */
export function yearsOwed(registeredOn: string | null, today: string, filed: Iterable<number>, firstYear: number): number[] {
  const have = new Set(filed)
  const from = Math.max(firstYear, registeredOn ? yearOf(registeredOn) : firstYear)
  const out: number[] = []
  for (let y = from; y <= seasonYear(today); y++) if (!have.has(y)) out.push(y)
  return out
}

/** Days left in the season on `today` (0 on 30 June; null outside the season). */
export function daysLeft(today: string): number | null {
  if (!seasonOpen(today)) return null
  const end = Date.UTC(yearOf(today), 5, 30)
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  return Math.round((end - Date.UTC(y, m - 1, d)) / 86_400_000)
}

/** The annual-report rate: filed ÷ due, as a percentage with two decimals (null when nothing is due). */
export function reportRate(filed: number, due: number): number | null {
  if (due <= 0) return null
  return Math.round((filed / due) * 10000) / 100
}

/**
 * The reminder round due on `today`: the latest round whose date has come, within the open season
 * (null before the first round and outside the season). `rounds` are MM-DD of the season's year.
 */
export function reminderRoundDue(
  today: string,
  rounds: ReadonlyArray<{ round: number; from: string }> = REMINDER_ROUNDS,
): { reportYear: number; round: number } | null {
  if (!seasonOpen(today)) return null
  const md = today.slice(5)
  let due: number | null = null
  for (const r of rounds) if (r.from <= md && (due === null || r.round > due)) due = r.round
  return due === null ? null : { reportYear: seasonYear(today), round: due }
}

/** Fills the reminder template's {placeholders}; an unknown placeholder stays as written. */
export function fillTemplate(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(vars, k) ? String(vars[k]) : m))
}
