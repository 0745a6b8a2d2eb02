import { addWorkingDays, type CalendarData } from '../calendar'

/** The clock colour of a due date, as the 12315 queue shows it: red overdue, orange due soon, green on time. */
export type ClockStatus = 'overdue' | 'due_soon' | 'on_time' | 'none'
export const CLOCK_STATUS_LABEL: Record<ClockStatus, string> = { overdue: '已超期', due_soon: '即将到期', on_time: '期限内', none: '无期限' }

/** Working days from `from` (exclusive) to `to` (inclusive), per the calendar (weekends, holidays, 调休). */
export function workingDaysBetween(cal: CalendarData, from: string, to: string): number {
  let n = 0
  const d = new Date(`${from}T00:00:00Z`)
  for (let i = 0; i < 4000; i++) {
    d.setUTCDate(d.getUTCDate() + 1)
    const s = d.toISOString().slice(0, 10)
    if (s > to) break
    const dow = d.getUTCDay()
    if (cal.workDays.has(s) || (!cal.offDays.has(s) && dow !== 0 && dow !== 6)) n++
  }
  return n
}

/**
 * Colour and working days left of a due date on `today`: overdue when past, due soon when at most
 * `dueSoonWd` working days are left (the 12315 queue's rule), on time otherwise.
 */
export function clockOf(cal: CalendarData, today: string, dueOn: string | null, dueSoonWd: number): { status: ClockStatus; workingDaysLeft: number | null } {
  if (!dueOn) return { status: 'none', workingDaysLeft: null }
  if (dueOn < today) return { status: 'overdue', workingDaysLeft: -workingDaysBetween(cal, dueOn, today) }
  const left = workingDaysBetween(cal, today, dueOn)
  return { status: left <= dueSoonWd ? 'due_soon' : 'on_time', workingDaysLeft: left }
}

/** The last day that counts as "due soon" on `today`. */
export function dueSoonUntil(cal: CalendarData, today: string, dueSoonWd: number): string {
  return addWorkingDays(cal, today, dueSoonWd).date
}

/** Order of the list: overdue first, then by due date, undated last, then newest. */
export function compareWork(a: { dueOn: string | null; at: string | null }, b: { dueOn: string | null; at: string | null }): number {
  if (a.dueOn && b.dueOn && a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1
  if (a.dueOn && !b.dueOn) return -1
  if (!a.dueOn && b.dueOn) return 1
  return (b.at ?? '').localeCompare(a.at ?? '')
}
