import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { dateMax, dateParam, dateProblem, daySpan, instantParam, isCalendarDate, periodRefine } from './dates'

describe('date parameters', () => {
  const bounds = { max: '2036-12-31' }
  it('accepts real dates inside the range and says in zh-CN what is wrong with the rest', () => {
    expect(dateProblem('2026-02-28', bounds)).toBeNull()
    expect(dateProblem('2000-01-01', bounds)).toBeNull()
    expect(dateProblem('2036-12-31', bounds)).toBeNull()
    expect(dateProblem('2026-13-01', bounds)).toBe('日期不存在：2026-13-01')
    expect(dateProblem('2026-02-29', bounds)).toBe('日期不存在：2026-02-29')
    expect(dateProblem('9999-12-31', bounds)).toBe('日期不能晚于 2036-12-31')
    expect(dateProblem('1999-12-31', bounds)).toBe('日期不能早于 2000-01-01')
    expect(dateProblem('1985-06-01', { min: '1900-01-01', ...bounds })).toBeNull()
    expect(dateProblem('2026-1-5', bounds)).toBe('日期格式应为 YYYY-MM-DD')
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(daySpan('2024-02-28', '2024-03-01')).toBe(2)
  })

  it('ends the range at 31 December ten years after today in China', () => {
    expect(dateMax(new Date('2026-12-31T16:00:00Z'))).toBe('2037-12-31')
    expect(dateMax(new Date('2026-12-31T15:59:59Z'))).toBe('2036-12-31')
  })

  it('refuses far dates and instants in the schema, and reversed or too long periods on the object', () => {
    const max = dateMax()
    expect(dateParam().safeParse('9999-12-31').error?.issues[0]?.message).toBe(`日期不能晚于 ${max}`)
    expect(dateParam().safeParse('2026-01-01').success).toBe(true)
    expect(instantParam().safeParse('9999-12-31T00:00:00Z').error?.issues[0]?.message).toBe(`时间不能晚于 ${max}`)
    expect(instantParam().safeParse('2026-01-01T08:00:00+08:00').success).toBe(true)
    const q = periodRefine(z.object({ from: dateParam().optional(), to: dateParam().optional() }), { maxDays: 31, label: '统计期间' })
    expect(q.safeParse({ from: '2026-03-01', to: '2026-02-01' }).error?.issues[0]).toMatchObject({
      path: ['to'],
      message: '起始日期 2026-03-01 晚于截止日期 2026-02-01',
    })
    expect(q.safeParse({ from: '2026-01-01', to: '2026-02-01' }).error?.issues[0]?.message).toBe('统计期间最长 31 天')
    expect(q.safeParse({ from: '2026-01-01', to: '2026-01-31' }).success).toBe(true)
    expect(q.safeParse({ to: '2026-01-31' }).success).toBe(true)
  })
})
