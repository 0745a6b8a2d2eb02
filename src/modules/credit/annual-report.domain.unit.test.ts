import { describe, expect, it } from 'vitest'
import {
  correctionProblem,
  daysLeft,
  filingProblem,
  isLate,
  mustReport,
  reportRate,
  seasonOpen,
  seasonWindow,
  seasonYear,
  yearsOwed,
} from './annual-report.domain'

describe('the annual-report season (Publicity Regulation Art 8)', () => {
  it('opens on 1 January and closes on 30 June for the previous year', () => {
    expect(seasonWindow(2025)).toEqual({ opens: '2026-01-01', closes: '2026-06-30' })
    expect(seasonYear('2026-01-01')).toBe(2025)
    expect(seasonYear('2025-12-31')).toBe(2024)
    expect(seasonOpen('2025-12-31')).toBe(false)
    expect(seasonOpen('2026-01-01')).toBe(true)
    expect(seasonOpen('2026-06-30')).toBe(true)
    expect(seasonOpen('2026-07-01')).toBe(false)
    // 2026-12-07 (the demo's today): the 2025 season is over.
    expect(seasonOpen('2026-12-07')).toBe(false)
    // Leap years change nothing: the window is by calendar day.
    expect(seasonWindow(2023)).toEqual({ opens: '2024-01-01', closes: '2024-06-30' })
  })
  it('counts the days left in the season', () => {
    expect(daysLeft('2026-06-30')).toBe(0)
    expect(daysLeft('2026-06-01')).toBe(29)
    expect(daysLeft('2026-01-01')).toBe(180)
    expect(daysLeft('2024-01-01')).toBe(181)
    expect(daysLeft('2026-07-01')).toBeNull()
  })
  it('entities set up during a year report from the next year', () => {
    expect(mustReport('2025-12-31', 2025)).toBe(true)
    expect(mustReport('2026-01-01', 2025)).toBe(false)
    expect(mustReport(null, 2025)).toBe(true)
    expect(filingProblem('2026-03-01', 2025, '2026-03-02')).toMatch(/成立于 2026 年，无需报送 2025 年度报告/)
    expect(filingProblem('2020-01-01', 2026, '2026-12-07')).toMatch(/2026 年度尚未结束，2027-01-01 起方可报送/)
    expect(filingProblem('2020-01-01', 2025, '2026-01-01')).toBeNull()
    // Filing after the season is allowed (late): it cures the abnormal-list ground.
    expect(filingProblem('2020-01-01', 2024, '2026-12-07')).toBeNull()
  })
  it('marks a report filed after 30 June as late', () => {
    expect(isLate(2025, '2026-06-30')).toBe(false)
    expect(isLate(2025, '2026-07-01')).toBe(true)
  })
  it('allows corrections until 30 June only (Art 12)', () => {
    expect(correctionProblem(2025, '2026-06-30')).toBeNull()
    expect(correctionProblem(2025, '2026-07-01')).toMatch(/更正期限已于 2026-06-30 届满/)
  })
  it('lists the years owed, oldest first', () => {
    expect(yearsOwed('2022-05-01', '2026-12-07', [2022, 2024], 2013)).toEqual([2023, 2025])
    expect(yearsOwed('2026-02-01', '2026-12-07', [], 2013)).toEqual([])
    expect(yearsOwed(null, '2026-03-01', [2023, 2024, 2025], 2023)).toEqual([])
    expect(yearsOwed('2010-01-01', '2026-03-01', [], 2024)).toEqual([2024, 2025])
  })
  it('computes the rate with two decimals', () => {
    expect(reportRate(21526, 22320)).toBe(96.44)
    expect(reportRate(0, 0)).toBeNull()
    expect(reportRate(3, 3)).toBe(100)
  })
})

describe('reminder rounds', () => {
  it('is due from each round date inside the season only', async () => {
    const { reminderRoundDue, fillTemplate } = await import('./annual-report.domain')
    expect(reminderRoundDue('2026-04-30')).toBeNull()
    expect(reminderRoundDue('2026-05-01')).toEqual({ reportYear: 2025, round: 1 })
    expect(reminderRoundDue('2026-05-31')).toEqual({ reportYear: 2025, round: 1 })
    expect(reminderRoundDue('2026-06-01')).toEqual({ reportYear: 2025, round: 2 })
    expect(reminderRoundDue('2026-06-30')).toEqual({ reportYear: 2025, round: 3 })
    expect(reminderRoundDue('2026-07-01')).toBeNull()
    expect(reminderRoundDue('2026-03-01', [{ round: 1, from: '02-15' }])).toEqual({ reportYear: 2025, round: 1 })
    expect(fillTemplate('{a}-{b}-{c}', { a: 1, b: '二' })).toBe('1-二-{c}')
  })
})
