import { beijingDate } from '../shared/time'

/** Injectable time source. Instants are UTC ISO strings; legal dates are Asia/Shanghai calendar dates. */
export interface Clock {
  now(): Date
}
export const systemClock: Clock = { now: () => new Date() }

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. China has no DST: UTC+8 always. */
export function chinaDate(instant: Date): string {
  return beijingDate(instant)
}

/** A clock frozen at (or starting from) a given instant, for tests and the CLI. */
export function fixedClock(iso: string): Clock {
  const t = new Date(iso)
  return { now: () => new Date(t) }
}
