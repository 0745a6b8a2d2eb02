import { describe, expect, it } from 'vitest'
import { dedupeKeyOf, lastDayOf, monthsOf, percent, rateTable } from './collection.domain'

describe('collection domain', () => {
  it('lists the months of a period across a year end, and one month alone', () => {
    expect(monthsOf('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(monthsOf('2026-05', '2026-05')).toEqual(['2026-05'])
    expect(monthsOf('2026-06', '2026-05')).toEqual([])
    expect(monthsOf('2024-01', '2026-12')).toHaveLength(36)
  })

  it('knows the last day of every month, leap Februaries included', () => {
    expect(lastDayOf('2024-02')).toBe('2024-02-29')
    expect(lastDayOf('2026-02')).toBe('2026-02-28')
    expect(lastDayOf('2000-02')).toBe('2000-02-29')
    expect(lastDayOf('2100-02')).toBe('2100-02-28')
    expect(lastDayOf('2026-04')).toBe('2026-04-30')
    expect(lastDayOf('2026-12')).toBe('2026-12-31')
  })

  it('replaces a record by department, kind and document number, whatever its case and spaces', () => {
    expect(dedupeKeyOf('d1', 'licence', ' jy14108020001 ')).toBe(dedupeKeyOf('d1', 'licence', 'JY14108020001'))
    expect(dedupeKeyOf('d1', 'licence', 'A1')).not.toBe(dedupeKeyOf('d1', 'penalty', 'A1'))
    expect(dedupeKeyOf('d1', 'licence', 'A1')).not.toBe(dedupeKeyOf('d2', 'licence', 'A1'))
  })

  it('gives no rate when nothing was expected, and rates above 100 % when more came than reported', () => {
    expect(percent(0, 0)).toBeNull()
    expect(percent(5, 0)).toBeNull()
    expect(percent(1, 3)).toBe(33.3)
    expect(percent(2, 3)).toBe(66.7)
    expect(percent(12, 10)).toBe(120)
  })

  it('builds the table per department and class, totals over the departments, ignores unknown departments', () => {
    const t = rateTable(
      ['a', 'b'],
      [
        { departmentId: 'a', infoClass: 'public', n: 6, onTime: 3 },
        { departmentId: 'a', infoClass: 'non_public', n: 10, onTime: 10 },
        { departmentId: 'b', infoClass: 'public', n: 4, onTime: 4 },
        { departmentId: 'x', infoClass: 'public', n: 99, onTime: 99 },
      ],
      [
        { departmentId: 'a', infoClass: 'public', n: 10 },
        { departmentId: 'a', infoClass: 'public', n: 2 },
        { departmentId: 'b', infoClass: 'public', n: 8 },
        { departmentId: 'a', infoClass: 'non_public', n: 10 },
      ],
    )
    const a = t.rows.find((r) => r.departmentId === 'a')!
    expect(a.byClass.public).toEqual({ collected: 6, onTime: 3, expected: 12, rate: 50, timelyRate: 50 })
    expect(a.byClass.non_public).toEqual({ collected: 10, onTime: 10, expected: 10, rate: 100, timelyRate: 100 })
    const b = t.rows.find((r) => r.departmentId === 'b')!
    expect(b.byClass.non_public).toEqual({ collected: 0, onTime: 0, expected: 0, rate: null, timelyRate: null })
    expect(t.total.public).toEqual({ collected: 10, onTime: 7, expected: 20, rate: 50, timelyRate: 70 })
  })
})
