import { describe, expect, it } from 'vitest'
import { checkTemplates, renderDocument, selectTemplate } from '../../core/documents'
import { COMPLAINT_TEMPLATES } from './complaints.templates'

const facts = (values: Record<string, string>, template: ReturnType<typeof selectTemplate>) => ({
  template,
  unit: { id: 'u1', name: '焦作市解放区市场监督管理局', abbreviation: '焦解市监' },
  docNo: '焦解市监投受告〔2026〕3号',
  issueDate: '2026-12-07',
  values,
})

describe('12315 templates by regime date (receipt date, not print date)', () => {
  it('Order 20 texts until 2026-04-14, Order 121 texts from 2026-04-15', () => {
    expect(selectTemplate(COMPLAINT_TEMPLATES, 'complaint.acceptance', '2026-04-14').regime).toBe('order20')
    expect(selectTemplate(COMPLAINT_TEMPLATES, 'complaint.acceptance', '2026-04-15').regime).toBe('order121')
    expect(selectTemplate(COMPLAINT_TEMPLATES, 'complaint.termination', '2021-06-01').regime).toBe('order20')
  })
  it('an unknown kind or a date no version covers is an error, not a guess', () => {
    expect(() => selectTemplate(COMPLAINT_TEMPLATES, 'complaint.nope', '2026-05-01')).toThrow()
    expect(() => selectTemplate(COMPLAINT_TEMPLATES, 'complaint.acceptance', '2019-12-31')).toThrow()
  })
  it('the 12315 template set has no overlapping versions', () => {
    expect(checkTemplates(COMPLAINT_TEMPLATES)).toEqual([])
  })
  it('an Order 121 text refuses to render an Order 20 citation, and vice versa', () => {
    const t121 = selectTemplate(COMPLAINT_TEMPLATES, 'complaint.acceptance', '2026-05-01')
    const base = { complainants: '王小明', receivedOn: '2026年5月1日', respondent: '某商行', itemNo: 'TS1', decidedOn: '2026年5月6日' }
    expect(() => renderDocument(facts({ ...base, basis: '《市场监督管理投诉举报处理暂行办法》（总局令第20号）第十四条' }, t121))).toThrow(/must not cite/)
    expect(renderDocument(facts({ ...base, basis: '《市场监督管理投诉举报处理办法》（总局令第121号）' }, t121))).toContain('总局令第121号')
    const t20 = selectTemplate(COMPLAINT_TEMPLATES, 'complaint.acceptance', '2026-04-14')
    expect(() => renderDocument(facts({ ...base, basis: '《市场监督管理投诉举报处理办法》（总局令第121号）' }, t20))).toThrow(/must not cite/)
  })
})
