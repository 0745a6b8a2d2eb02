import { describe, expect, it } from 'vitest'
import { checkImportRow, parseImportDate, yuanToFen, type ReportImportCol } from './annual-report.import.domain'

const row = (over: Partial<Record<ReportImportCol, string>> = {}): Record<ReportImportCol, string> => ({
  uscc: '91410802MA00000011',
  reportYear: '2025',
  filedOn: '2026-03-01',
  address: '焦作市解放区民主路1号',
  postcode: '454000',
  phone: '0391-1234567',
  email: '',
  operatingStatus: '开业',
  members: '',
  employees: '12',
  revenue: '1,234,567.89',
  tax: '',
  publishOptional: '否',
  ...over,
})
const ent = { id: 'e1', entityKind: 'enterprise', registeredOn: '2020-05-01' }
const TODAY = '2026-03-02'
const messages = (r: { issues: { message: string }[] }) => r.issues.map((i) => i.message).join('|')

describe('parseImportDate', () => {
  it('reads the national system formats and refuses impossible days', () => {
    expect(parseImportDate('2026-03-01')).toEqual({ date: '2026-03-01' })
    expect(parseImportDate('2026/3/1 10:22')).toEqual({ date: '2026-03-01' })
    expect(parseImportDate('2026年3月1日')).toEqual({ date: '2026-03-01' })
    expect(parseImportDate('20260301')).toEqual({ date: '2026-03-01' })
    expect(parseImportDate('2024-02-29')).toEqual({ date: '2024-02-29' })
    expect(parseImportDate('2025-02-29')).toMatchObject({ reason: expect.stringContaining('没有 29 日') })
    expect(parseImportDate('2026-13-01')).toMatchObject({ reason: expect.stringContaining('月份 13') })
    expect(parseImportDate('2026-04-31')).toMatchObject({ reason: expect.stringContaining('没有 31 日') })
    expect(parseImportDate('1月1日')).toMatchObject({ reason: expect.stringContaining('格式') })
    expect(parseImportDate('1899-01-01')).toMatchObject({ reason: expect.stringContaining('年份') })
  })
})

describe('yuanToFen', () => {
  it('converts yuan with commas and two decimals exactly', () => {
    expect(yuanToFen('1,234,567.89')).toBe(123456789)
    expect(yuanToFen('0.1')).toBe(10)
    expect(yuanToFen('-5')).toBe(-500)
    expect(yuanToFen('1.234')).toBeNull()
    expect(yuanToFen('abc')).toBeNull()
  })
})

describe('checkImportRow', () => {
  it('accepts a good enterprise row: items by the form, late after 30 June', () => {
    const r = checkImportRow(2, row(), ent, TODAY)
    expect(r.issues).toEqual([])
    expect(r.value).toMatchObject({ entityId: 'e1', reportYear: 2025, form: 'enterprise', filedOn: '2026-03-01', late: false, publishOptional: false })
    expect(r.value!.optionalPart).toEqual({ employees: 12, revenueFen: 123456789 })
    expect(r.value!.publicPart).toMatchObject({ contact: { address: '焦作市解放区民主路1号', postcode: '454000' }, operatingStatus: 'operating' })
    const late = checkImportRow(2, row({ reportYear: '2024', filedOn: '2025-07-01' }), ent, TODAY)
    expect(late.value!.late).toBe(true)
    expect(checkImportRow(2, row({ reportYear: '2024', filedOn: '2025-06-30' }), ent, TODAY).value!.late).toBe(false)
  })

  it('refuses an unknown or malformed USCC', () => {
    expect(messages(checkImportRow(2, row(), undefined, TODAY))).toContain('没有该统一社会信用代码')
    expect(messages(checkImportRow(2, row({ uscc: '123' }), undefined, TODAY))).toContain('18 位')
  })

  it('refuses a year out of range: before 2013, not yet closed, before the entity existed', () => {
    expect(messages(checkImportRow(2, row({ reportYear: '2012', filedOn: '2013-03-01' }), ent, TODAY))).toContain('不能早于 2013')
    expect(messages(checkImportRow(2, row({ reportYear: '2026' }), ent, TODAY))).toContain('尚未结束')
    expect(messages(checkImportRow(2, row({ reportYear: '2019', filedOn: '2020-03-01' }), ent, TODAY))).toContain('成立于 2020 年')
    expect(messages(checkImportRow(2, row({ reportYear: '二〇二五' }), ent, TODAY))).toContain('4 位年份')
  })

  it('refuses future, impossible and premature filing dates', () => {
    expect(messages(checkImportRow(2, row({ filedOn: '2026-03-03' }), ent, TODAY))).toContain('晚于今天')
    expect(messages(checkImportRow(2, row({ filedOn: '2026-02-30' }), ent, TODAY))).toContain('没有 30 日')
    expect(messages(checkImportRow(2, row({ filedOn: '2025-12-31' }), ent, TODAY))).toContain('早于 2025 年度报告报送期的开始（2026-01-01）')
    expect(messages(checkImportRow(2, row({ filedOn: '' }), ent, TODAY))).toContain('不能为空')
  })

  it('checks the items against the entity form, column by column', () => {
    const bad = checkImportRow(2, row({ operatingStatus: '营业中', postcode: '12', employees: '-1', revenue: '1.234', publishOptional: '也许' }), ent, TODAY)
    expect(bad.value).toBeUndefined()
    expect(bad.issues.map((i) => i.column).sort()).toEqual(['从业人数', '经营状态', '营业总收入（元）', '选择公示', '邮政编码'].sort())
    const coop = { ...ent, entityKind: 'cooperative' }
    expect(messages(checkImportRow(2, row({ employees: '' }), coop, TODAY))).toContain('须填写成员人数')
    const ok = checkImportRow(2, row({ employees: '', members: '35', publishOptional: '是' }), coop, TODAY)
    expect(ok.value).toMatchObject({ form: 'cooperative', publishOptional: true, publicPart: { members: 35 } })
    const ind = checkImportRow(2, row({ operatingStatus: '歇业' }), { ...ent, entityKind: 'individual' }, TODAY)
    expect(ind.value).toMatchObject({ form: 'individual', publicPart: { operatingStatus: 'suspended' } })
  })
})
