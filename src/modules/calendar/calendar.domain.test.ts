import { describe, expect, it } from 'vitest'
import data from 'chinese-days/dist/chinese-days.json'
import { AppError } from '../../core/errors'
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  addYears,
  buildCalendar,
  CalendarInputError,
  computeDeadline,
  countWorkingDays,
  dayKind,
  isValidDate,
  isWorkingDay,
  loadBuiltinCalendarEntries,
  mergeCalendarSources,
  missingYearsBetween,
  parseCalendarRows,
  parseHolidayCnYear,
  workingDaysBetween,
  workingDaysLeft,
  type CalendarData,
  type CalendarEntry,
} from './calendar.domain'

// Every expected date below was worked out by hand from the published State Council schedules
// (as listed in chinese-days / holiday-cn), never by calling the code under test.

const builtin = loadBuiltinCalendarEntries(data)
const cal = buildCalendar(builtin.entries, builtin.years)

/** Consecutive dates from..to inclusive (test helper, plain UTC arithmetic). */
function days(from: string, to: string): string[] {
  const out: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10))
  }
  return out
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

const off = (dates: string[], name: string): CalendarEntry[] => dates.map((date) => ({ date, kind: 'off', name }))
const work = (dates: string[], name: string): CalendarEntry[] => dates.map((date) => ({ date, kind: 'work', name }))

/**
 * 2020 as first published (国办发明电〔2019〕16号), before the COVID-19 extension:
 * Spring Festival off 01-24..01-30, Sun 01-19 and Sat 02-01 working days.
 */
const original2020: CalendarData = buildCalendar(
  [...off(['2020-01-01'], '元旦'), ...work(['2020-01-19', '2020-02-01'], '春节'), ...off(days('2020-01-24', '2020-01-30'), '春节')],
  [2020],
)

/** A hypothetical 2027 schedule in holiday-cn format. NOT the official 2027 schedule: a test fixture. */
const holidayCn2027 = {
  $schema: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json',
  year: 2027,
  papers: ['https://example.invalid/fixture'],
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '元旦', date: '2027-01-02', isOffDay: true },
    { name: '元旦', date: '2027-01-03', isOffDay: true },
    { name: '春节', date: '2027-02-20', isOffDay: false },
  ],
}

function expectInputError(fn: () => unknown, message: RegExp | string) {
  let caught: unknown
  try {
    fn()
  } catch (e) {
    caught = e
  }
  expect(caught).toBeInstanceOf(CalendarInputError)
  expect(caught).toBeInstanceOf(AppError)
  expect((caught as AppError).code).toBe('VALIDATION')
  expect((caught as Error).message).toMatch(message)
}

describe('built-in data (chinese-days)', () => {
  it('loads every year 2004–2026 and keeps the Chinese holiday name', () => {
    for (let y = 2004; y <= 2026; y++) expect(builtin.years).toContain(y)
    expect(cal.offDays.get('2025-01-28')).toBe('春节')
    expect(cal.offDays.get('2025-10-06')).toBe('中秋')
    expect(cal.workDays.get('2024-09-14')).toBe('中秋')
    expect(cal.workDays.get('2026-01-04')).toBe('元旦')
  })

  it('does not contain 2027 yet (update the 2027 tests when chinese-days publishes it)', () => {
    expect(builtin.years).not.toContain(2027)
    expect(cal.years.has(2027)).toBe(false)
  })

  it('lists make-up working days only on Saturdays and Sundays', () => {
    for (const date of cal.workDays.keys()) expect([0, 6]).toContain(weekday(date))
  })

  it('rejects a value without the Chinese name field', () => {
    expectInputError(() => loadBuiltinCalendarEntries({ holidays: { '2024-01-01': "New Year's Day" }, workdays: {} }), /2024-01-01 的名称无法识别/)
  })

  it('rejects the wrong shape and bad dates', () => {
    expectInputError(() => loadBuiltinCalendarEntries({ holidays: {} } as never), /holidays 与 workdays/)
    expectInputError(() => loadBuiltinCalendarEntries({ holidays: { '2024-02-30': 'x,春节,3' }, workdays: {} }), /内置节假日数据：日期不存在：“2024-02-30”/)
  })

  it('ignores extra keys such as inLieuDays', () => {
    const r = loadBuiltinCalendarEntries({
      holidays: { '2026-01-02': "New Year's Day,元旦,1" },
      workdays: { '2026-01-04': "New Year's Day,元旦,1" },
      inLieuDays: { '2026-01-02': "New Year's Day,元旦,1" },
    } as never)
    expect(r).toEqual({
      years: [2026],
      entries: [
        { date: '2026-01-02', kind: 'off', name: '元旦' },
        { date: '2026-01-04', kind: 'work', name: '元旦' },
      ],
    })
  })
})

describe('2020 Spring Festival extension (RULES.md §6.3, §9.2 regression)', () => {
  it('complaint received Mon 2020-01-20 + 7 WD = Thu 2020-02-06 under the extended calendar', () => {
    // 01-21, 01-22, 01-23 (3); 01-24..02-02 off (incl. former make-up Sat 02-01); 02-03..02-06 (7)
    expect(addWorkingDays(cal, '2020-01-20', 7)).toEqual({ date: '2020-02-06', provisional: false, missingYears: [] })
  })

  it('would be Tue 2020-02-04 under the original schedule', () => {
    // 01-21..01-23 (3); 01-24..01-30 off; Fri 01-31 (4); Sat 02-01 make-up (5); Sun off; 02-03 (6), 02-04 (7)
    expect(addWorkingDays(original2020, '2020-01-20', 7).date).toBe('2020-02-04')
  })

  it('classifies the affected days under both schedules', () => {
    expect(dayKind(cal, '2020-01-19')).toBe('adjusted_workday')
    expect(dayKind(cal, '2020-01-31')).toBe('holiday')
    expect(dayKind(cal, '2020-02-01')).toBe('holiday')
    expect(dayKind(cal, '2020-02-02')).toBe('holiday')
    expect(dayKind(original2020, '2020-01-31')).toBe('workday')
    expect(dayKind(original2020, '2020-02-01')).toBe('adjusted_workday')
    expect(dayKind(original2020, '2020-02-02')).toBe('weekend')
  })

  it('counts the working days in between consistently', () => {
    expect(countWorkingDays(cal, '2020-01-20', '2020-02-06').count).toBe(7)
    // 01-21, 01-22, 01-23, 01-31, 02-01, 02-03, 02-04, 02-05, 02-06
    expect(countWorkingDays(original2020, '2020-01-20', '2020-02-06').count).toBe(9)
  })

  it('gives the same answer from the holiday-cn 2020 file (extended schedule)', () => {
    const y = parseHolidayCnYear({
      year: 2020,
      papers: ['http://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm', 'http://www.gov.cn/zhengce/content/2020-01/27/content_5472352.htm'],
      days: [
        { name: '元旦', date: '2020-01-01', isOffDay: true },
        { name: '春节', date: '2020-01-19', isOffDay: false },
        ...days('2020-01-24', '2020-02-02').map((date) => ({ name: '春节', date, isOffDay: true })),
      ],
    })
    const c = buildCalendar(y.entries, [y.year])
    expect(addWorkingDays(c, '2020-01-20', 7).date).toBe('2020-02-06')
  })

  it('an imported original 2020 schedule overrides the built-in year', () => {
    const rows = [
      { date: '2020-01-01', kind: '休', name: '元旦' },
      { date: '2020-01-19', kind: '班', name: '春节' },
      ...days('2020-01-24', '2020-01-30').map((date) => ({ date, kind: '休', name: '春节' })),
      { date: '2020-02-01', kind: '班', name: '春节' },
    ]
    const merged = mergeCalendarSources(builtin, [parseCalendarRows(2020, rows)])
    const c = buildCalendar(merged.entries, merged.years)
    expect(addWorkingDays(c, '2020-01-20', 7).date).toBe('2020-02-04')
    // other years untouched
    expect(addWorkingDays(c, '2024-02-09', 1).date).toBe('2024-02-18')
  })
})

describe('make-up working days (调休上班)', () => {
  const makeUp: Record<number, string[]> = {
    2024: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
    2025: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    2026: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  }

  for (const [year, dates] of Object.entries(makeUp)) {
    it(`${year}: each listed Saturday/Sunday is a working day`, () => {
      for (const date of dates) {
        expect([0, 6], date).toContain(weekday(date))
        expect(isWorkingDay(cal, date), date).toBe(true)
        expect(dayKind(cal, date), date).toBe('adjusted_workday')
      }
    })
  }

  it('2024: the neighbouring ordinary weekend days stay rest days', () => {
    for (const date of ['2024-02-03', '2024-04-27', '2024-05-12', '2024-09-28', '2024-10-13']) {
      expect(isWorkingDay(cal, date), date).toBe(false)
      expect(dayKind(cal, date), date).toBe('weekend')
    }
  })

  it('2024 Spring Festival: Fri 02-02 + 1 WD = Sun 02-04; Fri 02-09 + 1 WD = Sun 02-18; + 3 WD = Tue 02-20', () => {
    expect(addWorkingDays(cal, '2024-02-02', 1).date).toBe('2024-02-04')
    expect(addWorkingDays(cal, '2024-02-09', 1).date).toBe('2024-02-18')
    expect(addWorkingDays(cal, '2024-02-09', 3).date).toBe('2024-02-20')
  })

  it('2024 Qingming: Wed 04-03 + 1 WD = Sun 04-07 (04-04..04-06 off)', () => {
    expect(addWorkingDays(cal, '2024-04-03', 1).date).toBe('2024-04-07')
  })

  it('2024 Labour Day: Fri 04-26 + 1 WD = Sun 04-28, + 4 WD = Mon 05-06, + 9 WD = Sat 05-11', () => {
    expect(addWorkingDays(cal, '2024-04-26', 1).date).toBe('2024-04-28')
    expect(addWorkingDays(cal, '2024-04-26', 4).date).toBe('2024-05-06')
    expect(addWorkingDays(cal, '2024-04-26', 9).date).toBe('2024-05-11')
  })

  it('2024 Mid-Autumn: Fri 09-13 + 1 WD = Sat 09-14, + 2 WD = Wed 09-18', () => {
    expect(addWorkingDays(cal, '2024-09-13', 1).date).toBe('2024-09-14')
    expect(addWorkingDays(cal, '2024-09-13', 2).date).toBe('2024-09-18')
  })

  it('2024 National Day: Fri 09-27 + 7 WD = Sat 10-12 (09-29, 09-30, 10-08..10-12)', () => {
    expect(addWorkingDays(cal, '2024-09-27', 3).date).toBe('2024-10-08')
    expect(addWorkingDays(cal, '2024-09-27', 7).date).toBe('2024-10-12')
  })

  it('2025 Spring Festival: Fri 01-24 + 1 WD = Sun 01-26, + 6 WD = Sat 02-08, + 7 WD = Mon 02-10', () => {
    expect(addWorkingDays(cal, '2025-01-24', 1).date).toBe('2025-01-26')
    expect(addWorkingDays(cal, '2025-01-24', 3).date).toBe('2025-02-05')
    expect(addWorkingDays(cal, '2025-01-24', 6).date).toBe('2025-02-08')
    expect(addWorkingDays(cal, '2025-01-24', 7).date).toBe('2025-02-10')
  })

  it('2025 Labour Day: Fri 04-25 + 1 WD = Sun 04-27, + 5 WD = Tue 05-06', () => {
    expect(addWorkingDays(cal, '2025-04-25', 1).date).toBe('2025-04-27')
    expect(addWorkingDays(cal, '2025-04-25', 5).date).toBe('2025-05-06')
  })

  it('2025 National Day + Mid-Autumn: Fri 09-26 + 1 WD = Sun 09-28, + 4 WD = Thu 10-09, + 6 WD = Sat 10-11', () => {
    expect(addWorkingDays(cal, '2025-09-26', 1).date).toBe('2025-09-28')
    expect(addWorkingDays(cal, '2025-09-26', 4).date).toBe('2025-10-09')
    expect(addWorkingDays(cal, '2025-09-26', 6).date).toBe('2025-10-11')
  })

  it('2026 Spring Festival: Fri 02-13 + 1 WD = Sat 02-14, + 2 WD = Tue 02-24, + 6 WD = Sat 02-28', () => {
    expect(addWorkingDays(cal, '2026-02-13', 1).date).toBe('2026-02-14')
    expect(addWorkingDays(cal, '2026-02-13', 2).date).toBe('2026-02-24')
    expect(addWorkingDays(cal, '2026-02-13', 6).date).toBe('2026-02-28')
  })
})

describe('dayKind and isWorkingDay', () => {
  it('distinguishes the four kinds', () => {
    expect(dayKind(cal, '2024-10-01')).toBe('holiday')
    expect(dayKind(cal, '2024-02-10')).toBe('holiday') // a Saturday inside the Spring Festival break
    expect(dayKind(cal, '2024-10-12')).toBe('adjusted_workday')
    expect(dayKind(cal, '2024-10-13')).toBe('weekend')
    expect(dayKind(cal, '2024-10-14')).toBe('workday')
  })

  it('treats a year without schedule as weekends only', () => {
    expect(isWorkingDay(cal, '2027-01-01')).toBe(true) // Friday; the real 2027 schedule is unknown
    expect(isWorkingDay(cal, '2027-01-02')).toBe(false)
    expect(dayKind(cal, '2027-01-01')).toBe('workday')
  })

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true)
    expect(isValidDate('2023-02-29')).toBe(false)
    expect(isValidDate('2024-2-29')).toBe(false)
    expect(isValidDate(20240229)).toBe(false)
    expectInputError(() => isWorkingDay(cal, '2024-13-01'), '日期格式应为 YYYY-MM-DD：“2024-13-01”')
    expectInputError(() => dayKind(cal, '2023-02-29'), '日期不存在：“2023-02-29”')
  })
})

describe('year boundaries and missing years', () => {
  it('Mon 2025-12-29 + 7 WD across New Year = Thu 2026-01-08 (01-01..01-03 off, Sun 01-04 worked)', () => {
    // 12-30 (1), 12-31 (2), 01-04 (3), 01-05 (4), 01-06 (5), 01-07 (6), 01-08 (7)
    expect(addWorkingDays(cal, '2025-12-29', 7)).toEqual({ date: '2026-01-08', provisional: false, missingYears: [] })
  })

  it('Mon 2026-12-28 + 7 WD into 2027 is provisional (2027 not loaded): weekends only → Wed 2027-01-06', () => {
    // 12-29, 12-30, 12-31 (3); Fri 01-01 assumed working (4); 01-04, 01-05, 01-06 (7)
    expect(addWorkingDays(cal, '2026-12-28', 7)).toEqual({ date: '2027-01-06', provisional: true, missingYears: [2027] })
  })

  it('with a parsed holiday-cn 2027 year the same computation is final: Thu 2027-01-07', () => {
    const y2027 = parseHolidayCnYear(holidayCn2027)
    const merged = mergeCalendarSources(builtin, [y2027])
    const c = buildCalendar(merged.entries, merged.years)
    // 12-29, 12-30, 12-31 (3); 01-01..01-03 off; 01-04 (4) .. 01-07 (7)
    expect(addWorkingDays(c, '2026-12-28', 7)).toEqual({ date: '2027-01-07', provisional: false, missingYears: [] })
    expect(dayKind(c, '2027-02-20')).toBe('adjusted_workday')
  })

  it('a calendar-day period ending in a missing year is provisional too', () => {
    // 2026-12-20 + 15 = Mon 2027-01-04
    expect(addCalendarDays(cal, '2026-12-20', 15)).toEqual({ date: '2027-01-04', provisional: true, missingYears: [2027] })
  })

  it('lists every missing year touched, and nothing when the range stays in loaded years', () => {
    const r = addWorkingDays(cal, '2026-06-01', 600) // about 2.4 years of working days
    expect(r.provisional).toBe(true)
    expect(r.missingYears).toEqual([2027, 2028])
    expect(missingYearsBetween(cal, '2026-12-31', '2029-01-01')).toEqual([2027, 2028, 2029])
    expect(missingYearsBetween(cal, '2026-12-31', '2026-12-31')).toEqual([])
    expect(missingYearsBetween(cal, '2003-12-31', '2004-01-05')).toEqual([])
    expect(missingYearsBetween(cal, '2003-12-30', '2004-01-05')).toEqual([2003])
    expect(missingYearsBetween(cal, '2003-11-30', '2003-12-01')).toEqual([2003])
  })

  it('a start in a missing year does not count: only (start, result] matters', () => {
    expect(addWorkingDays(cal, '2003-12-31', 1)).toEqual({ date: '2004-01-02', provisional: false, missingYears: [] })
    // 2004-01-01 was off (元旦), so the first working day after 2003-12-31 is Fri 2004-01-02
  })

  it('n = 0 returns the start unchanged, even on a holiday', () => {
    expect(addWorkingDays(cal, '2024-10-01', 0)).toEqual({ date: '2024-10-01', provisional: false, missingYears: [] })
    expect(addCalendarDays(cal, '2024-10-01', 0).date).toBe('2024-10-01')
    expect(addMonths(cal, '2024-10-01', 0).date).toBe('2024-10-01')
    expect(addYears(cal, '2024-10-01', 0).date).toBe('2024-10-01')
  })
})

describe('calendar-day periods roll forward (Civil Procedure Law Art 85 analogy)', () => {
  it('a 15-day period ending on 2024-10-01 ends on Tue 2024-10-08', () => {
    // 09-16 + 15 = 10-01; 10-01..10-07 off
    expect(addCalendarDays(cal, '2024-09-16', 15)).toEqual({ date: '2024-10-08', provisional: false, missingYears: [] })
  })

  it('rolls from an ordinary Saturday onto a make-up Sunday: Fri 2024-09-13 + 15 = Sat 09-28 → Sun 09-29', () => {
    expect(addCalendarDays(cal, '2024-09-13', 15).date).toBe('2024-09-29')
  })

  it('does not roll when the last day is a make-up working day: 2024-09-14 + 15 = Sun 2024-09-29', () => {
    expect(addCalendarDays(cal, '2024-09-14', 15).date).toBe('2024-09-29')
  })

  it('rolls over an ordinary weekend: Fri 2024-03-01 + 15 = Sat 03-16 → Mon 03-18', () => {
    expect(addCalendarDays(cal, '2024-03-01', 15).date).toBe('2024-03-18')
  })

  it('keeps an ordinary weekday: 2024-03-01 + 5 = Wed 03-06', () => {
    expect(addCalendarDays(cal, '2024-03-01', 5).date).toBe('2024-03-06')
  })

  it('rolls past the whole 2025 Spring Festival: 2025-01-18 + 10 = Tue 01-28 → Wed 02-05', () => {
    expect(addCalendarDays(cal, '2025-01-18', 10).date).toBe('2025-02-05')
  })
})

describe('months and years', () => {
  it('clamps to the end of the month', () => {
    expect(addMonths(cal, '2024-01-31', 1).date).toBe('2024-02-29') // leap year, Thursday
    expect(addMonths(cal, '2023-01-31', 1).date).toBe('2023-02-28') // Tuesday
    expect(addMonths(cal, '2024-03-31', 1).date).toBe('2024-04-30') // Tuesday
    expect(addMonths(cal, '2024-11-30', 3).date).toBe('2025-02-28') // Friday
  })

  it('rolls forward after clamping', () => {
    expect(addMonths(cal, '2024-08-01', 2).date).toBe('2024-10-08') // 10-01 off
    expect(addMonths(cal, '2024-07-06', 3).date).toBe('2024-10-08') // Sun 10-06 off, Mon 10-07 off
    expect(addMonths(cal, '2025-12-31', 2).date).toBe('2026-02-28') // clamped to Sat 02-28, a make-up day
  })

  it('adds years with 29 February clamped and the same roll-forward', () => {
    expect(addYears(cal, '2024-02-29', 1).date).toBe('2025-02-28') // Friday
    expect(addYears(cal, '2021-10-01', 3).date).toBe('2024-10-08')
    expect(addYears(cal, '2023-10-08', 3).date).toBe('2026-10-08') // Thursday after National Day
    expect(addYears(cal, '2025-05-01', 1).date).toBe('2026-05-06') // 05-01..05-05 off
  })

  it('flags a missing year at the end of a multi-year period', () => {
    // 2027-06-01 is a Tuesday
    expect(addYears(cal, '2024-06-01', 3)).toEqual({ date: '2027-06-01', provisional: true, missingYears: [2027] })
  })
})

describe('ranges and working days left', () => {
  it('workingDaysBetween is a closed range', () => {
    expect(workingDaysBetween(cal, '2024-09-28', '2024-10-13')).toEqual([
      '2024-09-29',
      '2024-09-30',
      '2024-10-08',
      '2024-10-09',
      '2024-10-10',
      '2024-10-11',
      '2024-10-12',
    ])
    expect(workingDaysBetween(cal, '2024-09-29', '2024-10-08')).toEqual(['2024-09-29', '2024-09-30', '2024-10-08'])
    expect(workingDaysBetween(cal, '2024-10-01', '2024-10-01')).toEqual([])
    expect(workingDaysBetween(cal, '2024-10-08', '2024-10-08')).toEqual(['2024-10-08'])
  })

  it('countWorkingDays counts (from, to]', () => {
    expect(countWorkingDays(cal, '2024-09-27', '2024-10-12')).toEqual({ count: 7, provisional: false, missingYears: [] })
    expect(countWorkingDays(cal, '2024-10-08', '2024-10-08').count).toBe(0)
    expect(countWorkingDays(cal, '2026-12-31', '2027-01-04')).toEqual({ count: 2, provisional: true, missingYears: [2027] })
  })

  it('workingDaysLeft is positive before, 0 on, and negative after the due date', () => {
    // (09-27, 10-08]: 09-29, 09-30, 10-08
    expect(workingDaysLeft(cal, '2024-09-27', '2024-10-08')).toEqual({ count: 3, overdue: false, provisional: false, missingYears: [] })
    expect(workingDaysLeft(cal, '2024-10-08', '2024-10-08').count).toBe(0)
    expect(workingDaysLeft(cal, '2024-10-09', '2024-10-08')).toEqual({ count: -1, overdue: true, provisional: false, missingYears: [] })
    // (09-30, 10-14]: 10-08, 10-09, 10-10, 10-11, Sat 10-12 (make-up), 10-14
    expect(workingDaysLeft(cal, '2024-10-14', '2024-09-30').count).toBe(-6)
  })

  it('overdue during a holiday shows 0 (not -0) working days but overdue = true', () => {
    const r = workingDaysLeft(cal, '2024-10-05', '2024-09-30')
    expect(r.count).toBe(0)
    expect(Object.is(r.count, -0)).toBe(false)
    expect(r.overdue).toBe(true)
  })

  it('rejects reversed or huge ranges', () => {
    expectInputError(() => workingDaysBetween(cal, '2024-10-02', '2024-10-01'), /早于开始日期/)
    expectInputError(() => countWorkingDays(cal, '2024-10-02', '2024-10-01'), /早于开始日期/)
    expectInputError(() => workingDaysBetween(cal, '1900-01-01', '2024-01-01'), /日期区间过长/)
  })
})

describe('computeDeadline: base and extensions', () => {
  it('reproduces the 2020 regression', () => {
    const r = computeDeadline(cal, { start: '2020-01-20', length: 7, unit: 'WD' })
    expect(r).toEqual({
      date: '2020-02-06',
      baseDate: '2020-02-06',
      extendedDate: '2020-02-06',
      pausedDays: 0,
      pauseOpen: false,
      provisional: false,
      missingYears: [],
    })
  })

  it('15 WD from Mon 2024-07-01 = Mon 07-22; +15 WD extension runs from there = Mon 08-12', () => {
    const r = computeDeadline(cal, { start: '2024-07-01', length: 15, unit: 'WD', extensions: [{ length: 15, unit: 'WD' }] })
    expect(r.baseDate).toBe('2024-07-22')
    expect(r.extendedDate).toBe('2024-08-12')
    expect(r.date).toBe('2024-08-12')
  })

  it('a CD extension runs from the rolled-forward base deadline', () => {
    // seizure: 2024-09-01 + 30 = 10-01 → 10-08; + 30 = Thu 11-07
    const r = computeDeadline(cal, { start: '2024-09-01', length: 30, unit: 'CD', extensions: [{ length: 30, unit: 'CD' }] })
    expect(r.baseDate).toBe('2024-10-08')
    expect(r.date).toBe('2024-11-07')
  })

  it('a WD extension on a CD rule counts from the rolled deadline, not the nominal end', () => {
    // 2024-09-16 + 15 = 10-01 → 10-08; + 5 WD = 10-09, 10-10, 10-11, Sat 10-12 (make-up), Mon 10-14
    const r = computeDeadline(cal, { start: '2024-09-16', length: 15, unit: 'CD', extensions: [{ length: 5, unit: 'WD' }] })
    expect(r).toMatchObject({ baseDate: '2024-10-08', extendedDate: '2024-10-14', date: '2024-10-14' })
  })

  it('case decision: 90 days from 2024-03-01 = Thu 05-30; + 30 days = Sat 06-29 → Mon 07-01', () => {
    expect(computeDeadline(cal, { start: '2024-03-01', length: 90, unit: 'CD' }).date).toBe('2024-05-30')
    const r = computeDeadline(cal, { start: '2024-03-01', length: 90, unit: 'CD', extensions: [{ length: 30, unit: 'CD' }] })
    expect(r.date).toBe('2024-07-01')
  })

  it('month and year units', () => {
    expect(computeDeadline(cal, { start: '2024-07-06', length: 3, unit: 'M' }).date).toBe('2024-10-08')
    expect(computeDeadline(cal, { start: '2024-02-29', length: 1, unit: 'Y' }).date).toBe('2025-02-28')
  })

  it('flags a deadline in a missing year', () => {
    // Mon 2026-12-21: 12-21..12-25 (5), 12-28..12-31 (9), Fri 2027-01-01 (10, assumed), 01-04..01-08 (15)
    const r = computeDeadline(cal, { start: '2026-12-20', length: 15, unit: 'WD' })
    expect(r).toMatchObject({ date: '2027-01-08', provisional: true, missingYears: [2027] })
  })
})

describe('computeDeadline: pauses on working-day rules', () => {
  // Base for all: Mon 2024-07-01 + 15 WD = Mon 2024-07-22 (no holidays in July 2024).
  const base = { start: '2024-07-01', length: 15, unit: 'WD' as const }

  it('a pause inside the window pushes by its working days: 07-10..07-12 (3 WD) → Thu 07-25', () => {
    const r = computeDeadline(cal, { ...base, pauses: [{ from: '2024-07-10', to: '2024-07-12', reason: '检测' }] })
    expect(r).toMatchObject({ date: '2024-07-25', baseDate: '2024-07-22', pausedDays: 3, pauseOpen: false })
  })

  it('a pause after the deadline changes nothing', () => {
    const r = computeDeadline(cal, { ...base, pauses: [{ from: '2024-07-23', to: '2024-07-30', reason: '检测' }] })
    expect(r).toMatchObject({ date: '2024-07-22', pausedDays: 0 })
  })

  it('a pause before or on the start day changes nothing', () => {
    const r = computeDeadline(cal, { ...base, pauses: [{ from: '2024-06-20', to: '2024-07-01', reason: '检测' }] })
    expect(r).toMatchObject({ date: '2024-07-22', pausedDays: 0 })
  })

  it('only working days of a pause count: Fri 07-12..Mon 07-15 = 2 WD → Wed 07-24', () => {
    const r = computeDeadline(cal, { ...base, pauses: [{ from: '2024-07-12', to: '2024-07-15', reason: '回避' }] })
    expect(r).toMatchObject({ date: '2024-07-24', pausedDays: 2 })
  })

  it('a pause on the last day itself pushes by one: 07-22 → Tue 07-23', () => {
    const r = computeDeadline(cal, { ...base, pauses: [{ from: '2024-07-22', to: '2024-07-22', reason: '回避' }] })
    expect(r).toMatchObject({ date: '2024-07-23', pausedDays: 1 })
  })

  it('overlapping pauses count each day once: 07-10..07-12 ∪ 07-11..07-15 = 4 WD → Fri 07-26', () => {
    const r = computeDeadline(cal, {
      ...base,
      pauses: [
        { from: '2024-07-10', to: '2024-07-12', reason: '检测' },
        { from: '2024-07-11', to: '2024-07-15', reason: '回避' },
      ],
    })
    expect(r).toMatchObject({ date: '2024-07-26', pausedDays: 4 })
  })

  it('a pause straddling the deadline is followed until stable: Fri 07-19..Wed 07-24 → Fri 07-26', () => {
    // running days: 07-02..07-18 = 13; paused 19, 22, 23, 24; 07-25 (14), 07-26 (15)
    const r = computeDeadline(cal, { ...base, pauses: [{ from: '2024-07-19', to: '2024-07-24', reason: '检测' }] })
    expect(r).toMatchObject({ date: '2024-07-26', pausedDays: 4 })
  })

  it('an open pause runs up to asOf: from 07-10, asOf Tue 07-16 = 5 WD → Mon 07-29', () => {
    const r = computeDeadline(cal, { ...base, pauses: [{ from: '2024-07-10', to: null, reason: '检测' }], asOf: '2024-07-16' })
    expect(r).toMatchObject({ date: '2024-07-29', pausedDays: 5, pauseOpen: true })
  })

  it('an open pause starting after asOf has not begun', () => {
    const r = computeDeadline(cal, { ...base, pauses: [{ from: '2024-07-10', to: null, reason: '检测' }], asOf: '2024-07-05' })
    expect(r).toMatchObject({ date: '2024-07-22', pausedDays: 0 })
  })

  it('an open pause without asOf is an input error', () => {
    expectInputError(() => computeDeadline(cal, { ...base, pauses: [{ from: '2024-07-10', to: null, reason: '检测' }] }), /尚未结束，需提供计算基准日 asOf/)
  })

  it('holidays inside a pause do not count: 09-30..10-08 pauses 2 WD; Fri 09-27 + 5 WD = 10-10 → Sat 10-12', () => {
    const r = computeDeadline(cal, {
      start: '2024-09-27',
      length: 5,
      unit: 'WD',
      pauses: [{ from: '2024-09-30', to: '2024-10-08', reason: '检测' }],
    })
    expect(r).toMatchObject({ baseDate: '2024-10-10', date: '2024-10-12', pausedDays: 2 })
  })

  it('a pause inside the extension period counts: 15 + 15 WD with 08-01..08-02 paused → Wed 08-14', () => {
    const r = computeDeadline(cal, {
      ...base,
      extensions: [{ length: 15, unit: 'WD' }],
      pauses: [{ from: '2024-08-01', to: '2024-08-02', reason: '检测' }],
    })
    expect(r).toMatchObject({ baseDate: '2024-07-22', extendedDate: '2024-08-12', date: '2024-08-14', pausedDays: 2 })
  })
})

describe('computeDeadline: pauses on calendar-day rules', () => {
  // Base: 2024-03-01 + 90 days = Thu 2024-05-30.
  const base = { start: '2024-03-01', length: 90, unit: 'CD' as const }

  it('10 paused days push the nominal end to Sun 06-09, which rolls past Dragon Boat (Mon 06-10) to Tue 06-11', () => {
    const r = computeDeadline(cal, { ...base, pauses: [{ from: '2024-04-10', to: '2024-04-19', reason: '检测' }] })
    expect(r).toMatchObject({ date: '2024-06-11', baseDate: '2024-05-30', pausedDays: 10 })
  })

  it('overlapping pauses count once: 04-10..04-19 ∪ 04-15..04-22 = 13 days → Wed 06-12', () => {
    const r = computeDeadline(cal, {
      ...base,
      pauses: [
        { from: '2024-04-10', to: '2024-04-19', reason: '检测' },
        { from: '2024-04-15', to: '2024-04-22', reason: '听证' },
      ],
    })
    expect(r).toMatchObject({ date: '2024-06-12', pausedDays: 13 })
  })

  it('a pause after the deadline changes nothing', () => {
    const r = computeDeadline(cal, { ...base, pauses: [{ from: '2024-06-01', to: '2024-06-05', reason: '检测' }] })
    expect(r).toMatchObject({ date: '2024-05-30', pausedDays: 0 })
  })

  it('a pause straddling the nominal end is followed: 30 days from 07-01 (= 07-31), paused 07-25..08-05 → Mon 08-12', () => {
    // 07-02..07-24 run 23 days; 12 days paused; 08-06..08-12 run the last 7
    const r = computeDeadline(cal, {
      start: '2024-07-01',
      length: 30,
      unit: 'CD',
      pauses: [{ from: '2024-07-25', to: '2024-08-05', reason: '中止' }],
    })
    expect(r).toMatchObject({ date: '2024-08-12', pausedDays: 12 })
  })

  it('pause days only in the roll-forward grace days do not count', () => {
    // 2024-03-01 + 15 = Sat 03-16 → Mon 03-18; a pause on Sun 03-17..Mon 03-18 is after the nominal end
    const r = computeDeadline(cal, {
      start: '2024-03-01',
      length: 15,
      unit: 'CD',
      pauses: [{ from: '2024-03-17', to: '2024-03-18', reason: '中止' }],
    })
    expect(r).toMatchObject({ date: '2024-03-18', pausedDays: 0 })
  })

  it('extension then pause: 90 + 30 days (nominal Sat 06-29) + 10 paused days = Tue 07-09', () => {
    const r = computeDeadline(cal, {
      ...base,
      extensions: [{ length: 30, unit: 'CD' }],
      pauses: [{ from: '2024-04-10', to: '2024-04-19', reason: '检测' }],
    })
    expect(r).toMatchObject({ extendedDate: '2024-07-01', date: '2024-07-09', pausedDays: 10 })
  })

  it('month rules pause in calendar days: 2024-01-31 + 1 month (02-29) + 5 paused days = Tue 03-05', () => {
    const r = computeDeadline(cal, {
      start: '2024-01-31',
      length: 1,
      unit: 'M',
      pauses: [{ from: '2024-02-01', to: '2024-02-05', reason: '中止' }],
    })
    expect(r).toMatchObject({ baseDate: '2024-02-29', date: '2024-03-05', pausedDays: 5 })
  })
})

describe('input validation', () => {
  it('rejects bad dates with a zh-CN message naming the value', () => {
    expectInputError(() => addWorkingDays(cal, '2020-13-01', 1), '日期格式应为 YYYY-MM-DD：“2020-13-01”')
    expectInputError(() => addWorkingDays(cal, '2020-1-5', 1), '日期格式应为 YYYY-MM-DD：“2020-1-5”')
    expectInputError(() => addWorkingDays(cal, '', 1), '日期格式应为 YYYY-MM-DD：“”')
    expectInputError(() => addCalendarDays(cal, '2023-02-29', 1), '日期不存在：“2023-02-29”')
    expectInputError(() => addMonths(cal, '1899-12-31', 1), /日期超出支持范围/)
  })

  it('rejects negative, fractional and too large lengths', () => {
    expectInputError(() => addWorkingDays(cal, '2024-01-01', -1), /不得为负数/)
    expectInputError(() => addWorkingDays(cal, '2024-01-01', 1.5), /应为整数/)
    expectInputError(() => addCalendarDays(cal, '2024-01-01', Number.NaN), /应为整数/)
    expectInputError(() => addCalendarDays(cal, '2024-01-01', 10_001), /不得超过 10000/)
    expectInputError(() => addYears(cal, '2024-01-01', 10_001), /不得超过 10000/)
    expectInputError(() => addYears(cal, '2024-01-01', 10_000), /超出支持的日期范围/)
  })

  it('accepts the largest length', () => {
    const r = addWorkingDays(cal, '2024-01-01', 10_000)
    expect(r.provisional).toBe(true)
    expect(r.missingYears[0]).toBe(2027)
  })

  it('rejects bad computeDeadline input', () => {
    const base = { start: '2024-07-01', length: 15, unit: 'WD' as const }
    expectInputError(() => computeDeadline(cal, { ...base, unit: 'D' as never }), /期限单位无效/)
    expectInputError(() => computeDeadline(cal, { ...base, length: -3 }), /期限长度不得为负数/)
    expectInputError(() => computeDeadline(cal, { ...base, extensions: [{ length: 1, unit: 'M' as never }] }), /第 1 次延长的单位无效/)
    expectInputError(
      () => computeDeadline(cal, { ...base, pauses: [{ from: '2024-07-10', to: '2024-07-09', reason: 'x' }] }),
      /第 1 个中止期间的结束日期 2024-07-09 早于开始日期 2024-07-10/,
    )
    expectInputError(
      () => computeDeadline(cal, { ...base, pauses: [{ from: '2024-07-32', to: '2024-08-01', reason: 'x' }] }),
      /第 1 个中止期间的开始日期：日期不存在/,
    )
    expectInputError(() => computeDeadline(cal, { ...base, asOf: '2024/07/01' }), /asOf：日期格式应为/)
  })
})

describe('buildCalendar', () => {
  it('rejects a date that is both off and work', () => {
    expectInputError(
      () =>
        buildCalendar(
          [
            { date: '2024-02-04', kind: 'work', name: '春节' },
            { date: '2024-02-04', kind: 'off', name: '春节' },
          ],
          [2024],
        ),
      /同时被标记为休息日和调休上班日/,
    )
  })

  it('rejects a make-up working day on a weekday', () => {
    expectInputError(() => buildCalendar([{ date: '2024-02-05', kind: 'work', name: '春节' }], [2024]), /是周一至周五/)
  })

  it('rejects invalid years and kinds', () => {
    expectInputError(() => buildCalendar([], [2024.5]), /年份无效/)
    expectInputError(() => buildCalendar([{ date: '2024-02-04', kind: 'x' as never, name: '春节' }], [2024]), /类型无效/)
  })
})

describe('parseHolidayCnYear', () => {
  const valid = () => structuredClone(holidayCn2027)

  it('parses a year file into sorted entries', () => {
    const j = valid()
    j.days.reverse()
    expect(parseHolidayCnYear(j)).toEqual({
      year: 2027,
      entries: [
        { date: '2027-01-01', kind: 'off', name: '元旦' },
        { date: '2027-01-02', kind: 'off', name: '元旦' },
        { date: '2027-01-03', kind: 'off', name: '元旦' },
        { date: '2027-02-20', kind: 'work', name: '春节' },
      ],
    })
  })

  it('rejects the wrong shape', () => {
    expectInputError(() => parseHolidayCnYear(null), /应为 JSON 对象/)
    expectInputError(() => parseHolidayCnYear([]), /应为 JSON 对象/)
    expectInputError(() => parseHolidayCnYear({ year: '2027', days: [] }), /缺少整数字段 year/)
    expectInputError(() => parseHolidayCnYear({ year: 2027 }), /缺少数组字段 days/)
    expectInputError(() => parseHolidayCnYear({ year: 2027, papers: 'x', days: [] }), /papers 应为字符串数组/)
    expectInputError(() => parseHolidayCnYear({ year: 2027, days: ['2027-01-01'] }), /第 1 项格式错误：应为对象/)
    expectInputError(() => parseHolidayCnYear({ year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: 'true' }] }), /isOffDay 应为 true 或 false/)
    expectInputError(() => parseHolidayCnYear({ year: 2027, days: [{ name: '', date: '2027-01-01', isOffDay: true }] }), /缺少节日名称/)
  })

  it('rejects an empty year (schedule not published yet)', () => {
    expectInputError(() => parseHolidayCnYear({ year: 2027, papers: [], days: [] }), /未包含任何日期/)
  })

  it('rejects a date outside the year', () => {
    const j = valid()
    j.days.push({ name: '端午', date: '2026-06-19', isOffDay: true })
    expectInputError(() => parseHolidayCnYear(j), /第 5 项：日期 2026-06-19 不属于 2027 年/)
    const k = valid()
    k.days.push({ name: '元旦', date: '2028-01-01', isOffDay: true })
    expectInputError(() => parseHolidayCnYear(k), /不属于 2027 年/)
  })

  it('accepts a New Year break that starts in the last days of the previous year', () => {
    const j = valid()
    j.days.unshift({ name: '元旦', date: '2026-12-31', isOffDay: true })
    expect(parseHolidayCnYear(j).entries[0]).toEqual({ date: '2026-12-31', kind: 'off', name: '元旦' })
  })

  it('rejects an impossible date', () => {
    const j = valid()
    j.days.push({ name: '春节', date: '2027-02-30', isOffDay: true })
    expectInputError(() => parseHolidayCnYear(j), /第 5 项：日期不存在：“2027-02-30”/)
  })

  it('rejects a duplicate date', () => {
    const j = valid()
    j.days.push({ name: '元旦', date: '2027-01-02', isOffDay: true })
    expectInputError(() => parseHolidayCnYear(j), /第 5 项：日期 2027-01-02 重复（与节假日文件第 2 项相同）/)
  })

  it('rejects isOffDay: false on a weekday and accepts isOffDay: true on a weekend', () => {
    const j = valid()
    j.days.push({ name: '元旦', date: '2027-01-04', isOffDay: false }) // Monday
    expectInputError(() => parseHolidayCnYear(j), /2027-01-04 是周一至周五，本来就是工作日/)
    // 2027-01-02 (Sat) and 01-03 (Sun) isOffDay: true are in the valid fixture
    expect(parseHolidayCnYear(valid()).entries.filter((e) => e.kind === 'off')).toHaveLength(3)
  })
})

describe('parseCalendarRows', () => {
  it('accepts 休/班 and off/work in any case', () => {
    const r = parseCalendarRows(2027, [
      { date: ' 2027-01-01 ', kind: '休', name: ' 元旦 ' },
      { date: '2027-01-02', kind: 'OFF', name: '元旦' },
      { date: '2027-02-20', kind: '班', name: '春节' },
      { date: '2027-02-21', kind: 'Work', name: '春节' },
    ])
    expect(r).toEqual({
      year: 2027,
      entries: [
        { date: '2027-01-01', kind: 'off', name: '元旦' },
        { date: '2027-01-02', kind: 'off', name: '元旦' },
        { date: '2027-02-20', kind: 'work', name: '春节' },
        { date: '2027-02-21', kind: 'work', name: '春节' },
      ],
    })
  })

  it('names the row of the first problem', () => {
    expectInputError(
      () =>
        parseCalendarRows(2027, [
          { date: '2027-01-01', kind: '休', name: '元旦' },
          { date: '2027-01-02', kind: '假', name: '元旦' },
        ]),
      /第 2 行：类型应为“休”或“班”：“假”/,
    )
    expectInputError(() => parseCalendarRows(2027, [{ date: '2027/01/01', kind: '休', name: '元旦' }]), /第 1 行：日期格式应为 YYYY-MM-DD/)
    expectInputError(() => parseCalendarRows(2027, [{ date: '2027-01-05', kind: '班', name: '元旦' }]), /第 1 行：2027-01-05 是周一至周五/)
    expectInputError(() => parseCalendarRows(2027, [{ date: '2026-05-01', kind: '休', name: '劳动节' }]), /不属于 2027 年/)
    expectInputError(
      () =>
        parseCalendarRows(2027, [
          { date: '2027-01-01', kind: '休', name: '元旦' },
          { date: '2027-01-01', kind: '休', name: '元旦' },
        ]),
      /第 2 行：日期 2027-01-01 重复（与第 1 行相同）/,
    )
    expectInputError(() => parseCalendarRows(2027, []), /未包含任何日期/)
    expectInputError(() => parseCalendarRows(20270, [{ date: '2027-01-01', kind: '休', name: '元旦' }]), /年份无效/)
    expectInputError(() => parseCalendarRows(2027, [{ date: '2027-01-01', kind: 'constructor', name: '元旦' }]), /类型应为/)
  })
})

describe('mergeCalendarSources', () => {
  it('replaces whole years and lets a spill-over date win over the base', () => {
    const base = {
      years: [2026],
      entries: [
        { date: '2026-12-31', kind: 'off' as const, name: '其他' },
        { date: '2026-10-01', kind: 'off' as const, name: '国庆节' },
      ],
    }
    const y2027 = parseHolidayCnYear({
      year: 2027,
      days: [
        { name: '元旦', date: '2026-12-31', isOffDay: true },
        { name: '元旦', date: '2027-01-01', isOffDay: true },
      ],
    })
    const merged = mergeCalendarSources(base, [y2027])
    expect(merged.years).toEqual([2026, 2027])
    expect(merged.entries).toEqual([
      { date: '2026-10-01', kind: 'off', name: '国庆节' },
      { date: '2026-12-31', kind: 'off', name: '元旦' },
      { date: '2027-01-01', kind: 'off', name: '元旦' },
    ])
  })
})
