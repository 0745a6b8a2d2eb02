import { describe, expect, it } from 'vitest'
import { yuanAmount, yuanToFen } from './case.inputs'

describe('amounts in yuan → fen at the boundary', () => {
  it('converts exactly, without floating point', () => {
    expect(yuanToFen('150')).toBe(15000)
    expect(yuanToFen('150.5')).toBe(15050)
    expect(yuanToFen('0.07')).toBe(7)
    expect(yuanToFen('1,500.00')).toBe(150000)
    expect(yuanToFen(0.29)).toBe(29) // 0.29 * 100 = 28.999999999999996 in floating point
    expect(yuanToFen(1234.56)).toBe(123456)
    expect(yuanToFen(' 3000 ')).toBe(300000)
  })
  it('refuses what is not an amount', () => {
    for (const v of ['', 'abc', '1.234', '-1', '1e3', '١٢', '12.', Number.NaN, Number.POSITIVE_INFINITY]) expect(yuanToFen(v as string)).toBeUndefined()
  })
  it('explains refusals in Chinese', () => {
    const s = yuanAmount('罚款金额', { positive: true })
    expect(s.safeParse('200.01')).toMatchObject({ success: true, data: 20001 })
    const msg = (v: unknown) => (s.safeParse(v) as { error?: { issues: Array<{ message: string }> } }).error?.issues[0]?.message
    expect(msg('-5')).toBe('罚款金额不能为负数')
    expect(msg('12.345')).toBe('罚款金额应为金额（元），最多两位小数')
    expect(msg('0')).toBe('罚款金额须大于 0')
    expect(msg('1000000000')).toBe('罚款金额超出合理范围，请核对')
    expect(msg(true)).toBe('罚款金额应为金额（元）')
  })
})
