/**
 * Penalty publicity (行政处罚信息公示, Order 45 of 2021): pure rules. Which decisions are published,
 * which display period applies, when the display ends, whether the party is registered in another
 * province. No IO; the time limits themselves (20 WD / 10 WD / 3 WD, 3 months / 3 years) are rules of
 * the catalogue (publicity.penalty_*), passed in.
 */
import type { DisplayKind } from '../../shared/cases/publicity'

export interface DecidedPenalty {
  /** ordinary (普通程序) | simplified (当场). */
  procedure: string
  penaltyType: string | null
  fineFen: number
  gainsFen: number
  goodsValueFen: number
}

/** Penalty types with no money and no other effect than a reprimand. */
const REPRIMANDS = new Set(['warning', 'criticism'])
/** Penalty types whose display may run for the restriction period (Order 45 Art 13(3)). */
export const RESTRICTION_TYPES = new Set(['restrict_business', 'restrict_employment'])

const money = (p: DecidedPenalty) => p.fineFen + p.gainsFen + p.goodsValueFen

/**
 * Order 45 Art 2: decisions of the ordinary procedure are published, except a bare warning. A
 * simplified-procedure (当场) decision is not; a non-penalty decision (不予处罚) never reaches here.
 */
export function publicityApplies(p: DecidedPenalty): boolean {
  if (p.procedure !== 'ordinary') return false
  if (!p.penaltyType) return false
  return !(p.penaltyType === 'warning' && money(p) === 0)
}

/**
 * Order 45 Art 13: 3 months for public criticism or a "lower-amount fine" (the province sets the
 * threshold: `lowerFineFen`, 0 = not set), 3 years for everything else, the restriction period when a
 * business or employment restriction ends later than the 3 years.
 */
export function displayKindOf(p: DecidedPenalty, lowerFineFen: number, restrictionEndOn?: string | null, threeYearEndOn?: string): DisplayKind {
  if (p.penaltyType && RESTRICTION_TYPES.has(p.penaltyType) && restrictionEndOn && threeYearEndOn && restrictionEndOn > threeYearEndOn) return 'restriction'
  const onlyReprimandOrFine = !p.penaltyType || REPRIMANDS.has(p.penaltyType) || p.penaltyType === 'fine'
  if (!onlyReprimandOrFine || p.gainsFen > 0 || p.goodsValueFen > 0) return 'long'
  if (p.fineFen === 0) return 'short'
  return lowerFineFen > 0 && p.fineFen <= lowerFineFen ? 'short' : 'long'
}

const DAY = 86_400_000
const toNum = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY
const toDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10)

/**
 * `start` + n months on the calendar (Civil Code Art 201–203: the period starts the next day and ends
 * on the corresponding day of the last month; with no such day, on the month's last day). No
 * roll-forward to a working day: the display end is when the record leaves the public list, not a
 * time limit the bureau must meet.
 */
export function addCalendarMonths(start: string, n: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + n
  const ny = Math.floor(total / 12)
  const nm = total % 12
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate()
  return toDay(Date.UTC(ny, nm, Math.min(d, last)) / DAY)
}

/** The period of a rule in months (unit M or Y of the catalogue). */
export function monthsOf(rule: { unit: string; length: number }): number {
  if (rule.unit === 'M') return rule.length
  if (rule.unit === 'Y') return rule.length * 12
  throw new Error(`公示期规则单位应为月或年，实际为 ${rule.unit}`)
}

/** The last day on display: publication + the period, or the restriction's end when later (Art 13(3)). */
export function displayEndOn(publishedOn: string, kind: DisplayKind, periods: { short: number; long: number }, restrictionEndOn?: string | null): string {
  if (kind === 'short') return addCalendarMonths(publishedOn, periods.short)
  const long = addCalendarMonths(publishedOn, periods.long)
  if (kind === 'restriction' && restrictionEndOn && restrictionEndOn > long) return restrictionEndOn
  return long
}

/**
 * Order 45 Art 10: a party registered in another province is pushed through the provincial bureau
 * (10 WD) instead of published here (20 WD). Divisions are GB/T 2260 codes; the first two digits are
 * the province. Unknown on either side → same province (the 20 WD rule).
 */
export function isOtherProvince(bureauDivision: string | null | undefined, partyDivision: string | null | undefined): boolean {
  if (!bureauDivision || !partyDivision || bureauDivision.length < 2 || partyDivision.length < 2) return false
  return bureauDivision.slice(0, 2) !== partyDivision.slice(0, 2)
}

/** The registration division in a USCC (positions 3–8, GB 32100). */
export function usccDivision(uscc: string | null | undefined): string | null {
  return uscc && uscc.length === 18 && /^\d{6}$/.test(uscc.slice(2, 8)) ? uscc.slice(2, 8) : null
}

/** Whole calendar days between two dates (b − a). */
export const daysBetween = (a: string, b: string) => toNum(b) - toNum(a)
