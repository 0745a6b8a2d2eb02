import { describe, expect, it } from 'vitest'
import {
  checkTemplates,
  docDate,
  docDateUpper,
  docNoSequence,
  fallbackAbbreviation,
  fill,
  formatDocNo,
  renderDocument,
  renderPage,
  selectTemplate,
  sha256Hex,
  type DocumentTemplate,
} from '.'

const T: DocumentTemplate = {
  kind: 'test.notice',
  version: 1,
  regime: null,
  validFrom: '2020-01-01',
  validTo: null,
  title: '测试告知书',
  numberCode: '测告',
  addressee: '{name}',
  paragraphs: ['你于{receivedOn}提出的申请收悉。'],
  closing: ['特此告知。'],
  service: true,
}
const facts = (values: Record<string, string>, template = T) => ({
  template,
  unit: { id: 'u1', name: '焦作市解放区市场监督管理局', abbreviation: '焦解市监' },
  docNo: '焦解市监测告〔2026〕3号',
  issueDate: '2026-12-07',
  values,
  handler: { name: '赵志强', phone: '0391-1234567' },
  serviceTo: '王小明',
})

describe('document numbers (文号, GB/T 9704-2012 §7.2.4)', () => {
  it('abbreviation + kind code, full year in 〔〕, serial without padding or 第, then 号', () => {
    expect(formatDocNo('焦市监', '投告', 2026, 12)).toBe('焦市监投告〔2026〕12号')
    expect(formatDocNo('焦解市监', '投受告', 2026, 1)).toBe('焦解市监投受告〔2026〕1号')
    expect(() => formatDocNo('焦市监', '投告', 2026, 0)).toThrow()
  })
  it('one gap-free series per issuing unit, year and kind', () => {
    expect(docNoSequence('u1', 2026, 'complaint.acceptance')).not.toBe(docNoSequence('u1', 2027, 'complaint.acceptance'))
    expect(docNoSequence('u1', 2026, 'complaint.acceptance')).not.toBe(docNoSequence('u2', 2026, 'complaint.acceptance'))
    expect(docNoSequence('u1', 2026, 'complaint.acceptance')).not.toBe(docNoSequence('u1', 2026, 'complaint.termination'))
  })
  it('falls back to the unit name with 市场监督管理局 shortened to 市监', () => {
    expect(fallbackAbbreviation('焦作市解放区市场监督管理局')).toBe('焦作市解放区市监')
    expect(fallbackAbbreviation('消费者权益保护股')).toBe('消费者权益保护股')
  })
})

describe('document dates', () => {
  it('prints the official date in Arabic numerals without padding (GB/T 9704-2012 §7.3.5.1)', () => {
    expect(docDate('2026-12-07')).toBe('2026年12月7日')
    expect(docDate('2026-04-15')).toBe('2026年4月15日')
  })
  it('also offers the Chinese-numeral style', () => {
    expect(docDateUpper('2026-12-07')).toBe('二〇二六年十二月七日')
    expect(docDateUpper('2020-10-20')).toBe('二〇二〇年十月二十日')
    expect(docDateUpper('2019-01-31')).toBe('二〇一九年一月三十一日')
  })
  it('refuses an instant or a malformed date', () => {
    expect(() => docDate('2026-12-06T16:30:00Z')).toThrow()
  })
})

describe('template selection', () => {
  const v1 = { ...T, regime: 'old', validTo: '2026-04-14' }
  const v2 = { ...T, version: 2, regime: 'new', validFrom: '2026-04-15' }
  it('picks the version whose validity covers the regime date', () => {
    expect(selectTemplate([v1, v2], 'test.notice', '2026-04-14').version).toBe(1)
    expect(selectTemplate([v1, v2], 'test.notice', '2026-04-15').version).toBe(2)
    expect(() => selectTemplate([v1, v2], 'test.nope', '2026-04-15')).toThrow()
    expect(() => selectTemplate([v1, v2], 'test.notice', '2019-12-31')).toThrow()
  })
  it('finds overlapping versions', () => {
    expect(checkTemplates([v1, v2])).toEqual([])
    expect(checkTemplates([T, { ...T, version: 2, validFrom: '2025-01-01' }])).toHaveLength(1)
  })
  it('refuses to render what the template must not cite', () => {
    expect(() => renderDocument(facts({ name: '总局令第20号', receivedOn: 'x' }, { ...T, mustNotCite: ['总局令第20号'] }))).toThrow(/must not cite/)
  })
})

describe('rendering', () => {
  it('escapes every placeholder value: a name with <script> arrives as text', () => {
    const html = renderDocument(facts({ name: '<script>alert(1)</script>王', receivedOn: '2026年12月1日' }))
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;王')
    expect(fill('{a}', { a: `"&'` })).toBe('&quot;&amp;&#39;')
  })
  it("a line break in a value prints as a line break, after escaping (a record's Q&A turns)", () => {
    expect(fill('{qa}', { qa: '问：<b>\n答：是\r\n问：2' })).toBe('问：&lt;b&gt;<br>答：是<br>问：2')
  })
  it('a placeholder without a value is an error, never a hole in the document', () => {
    expect(() => renderDocument(facts({ name: '王小明' }))).toThrow(/receivedOn/)
  })
  it('prints number, unit, decision date, seal block, handler line and a 送达回证 page on A4', () => {
    const html = renderDocument(facts({ name: '王小明', receivedOn: '2026年12月1日' }))
    expect(html).toContain('@page{size:A4')
    expect(html).toContain('Noto Serif CJK SC')
    expect(html).toContain('焦解市监测告〔2026〕3号')
    expect(html).toContain('<div data-issue-date>2026年12月7日</div>')
    expect(html).toContain('（印章）')
    expect(html).toContain('承办人：赵志强　　联系电话：0391-1234567')
    expect(html).toContain('送达回证')
    expect(renderDocument(facts({ name: '王小明', receivedOn: 'x' }, { ...T, service: false }))).not.toContain('送达回证')
  })
  it('the same facts render the same bytes, so the hash identifies the copy', () => {
    const a = renderDocument(facts({ name: '王小明', receivedOn: '2026年12月1日' }))
    expect(sha256Hex(a)).toBe(sha256Hex(renderDocument(facts({ name: '王小明', receivedOn: '2026年12月1日' }))))
    expect(sha256Hex(a)).toMatch(/^[0-9a-f]{64}$/)
    expect(renderPage({ title: '<b>', body: '' })).toContain('<title>&lt;b&gt;</title>')
  })
})
