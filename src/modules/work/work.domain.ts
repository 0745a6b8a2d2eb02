import { addWorkingDays, workingDaysLeft, type CalendarData } from '../calendar'
import { QUEUE_CLOCK_LABEL, type QueueClock } from '../../shared/complaints/vocabulary'

/** The clock colour of a due date, as the 12315 queue shows it (red overdue, orange due soon, green on time), in its words. */
export type ClockStatus = QueueClock
export const CLOCK_STATUS_LABEL: Record<ClockStatus, string> = QUEUE_CLOCK_LABEL

/**
 * Colour and working days left of a due date on `today` (the calendar module's `workingDaysLeft`:
 * weekends, holidays, 调休): overdue when past, due soon when at most `dueSoonWd` working days are
 * left (the 12315 queue's rule), on time otherwise.
 */
export function clockOf(cal: CalendarData, today: string, dueOn: string | null, dueSoonWd: number): { status: ClockStatus; workingDaysLeft: number | null } {
  if (!dueOn) return { status: 'none', workingDaysLeft: null }
  const left = workingDaysLeft(cal, today, dueOn)
  if (left.overdue) return { status: 'overdue', workingDaysLeft: left.count }
  return { status: left.count <= dueSoonWd ? 'due_soon' : 'on_time', workingDaysLeft: left.count }
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
