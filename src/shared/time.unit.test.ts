import { describe, expect, it } from 'vitest'
import { addDays, beijingDate, beijingHour, beijingToday, fmtDate, fmtDateCn, fmtDateTime, fmtDateTimeCn } from './time'
import { chinaDate, fixedClock } from '../core/clock'

// 02:00 in Beijing on 6 December is 18:00 UTC on 5 December: a UTC display is 8 hours and a day off.
const clock = fixedClock('2026-12-05T18:00:00.000Z')

describe('Beijing time formatting (one helper for server and web)', () => {
  it('shows an instant at 02:00 Beijing on the Beijing day, not the UTC day', () => {
    const now = clock.now()
    expect(beijingDate(now)).toBe('2026-12-06')
    expect(beijingToday(now)).toBe('2026-12-06')
    expect(chinaDate(now)).toBe('2026-12-06')
    expect(fmtDate(now.toISOString())).toBe('2026-12-06')
    expect(fmtDateTime(now.toISOString())).toBe('2026-12-06 02:00:00')
    expect(fmtDateTime(now, { seconds: false })).toBe('2026-12-06 02:00')
    expect(fmtDateCn(now)).toBe('2026年12月6日')
    expect(fmtDateCn(now, { weekday: true })).toBe('2026年12月6日 星期日')
    expect(fmtDateTimeCn(now)).toBe('2026年12月6日 02:00')
    expect(beijingHour(now)).toBe(2)
  })

  it('reads ISO strings with an offset and epoch milliseconds as the same instant', () => {
    expect(fmtDateTime('2026-12-06T02:00:00+08:00')).toBe('2026-12-06 02:00:00')
    expect(fmtDateTime(Date.parse('2026-12-05T18:00:00Z'))).toBe('2026-12-06 02:00:00')
    expect(fmtDateTime('2026-12-31T16:30:05.123Z')).toBe('2027-01-01 00:30:05')
  })

  it('never shifts a calendar date (a legal date is already China time)', () => {
    expect(fmtDate('2026-12-06')).toBe('2026-12-06')
    expect(beijingDate('2026-01-01')).toBe('2026-01-01')
    expect(fmtDateCn('2026-01-01')).toBe('2026年1月1日')
    expect(fmtDateCn('2026-12-06', { weekday: true })).toBe('2026年12月6日 星期日')
  })

  it('shows — for no value and the value itself when it is not a time', () => {
    expect(fmtDateTime(null)).toBe('—')
    expect(fmtDate(undefined)).toBe('—')
    expect(fmtDateCn('')).toBe('—')
    expect(fmtDateTime('不详')).toBe('不详')
    expect(beijingDate('不详')).toBe('')
  })
})

describe('addDays (calendar dates, no time zone)', () => {
  it('crosses month, year and leap-day boundaries, both ways', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(addDays('2020-01-24', 30)).toBe('2020-02-23')
    expect(addDays('2026-12-07', 0)).toBe('2026-12-07')
  })
})
