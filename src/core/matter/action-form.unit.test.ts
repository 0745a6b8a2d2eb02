import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { dateParam } from '../dates'
import { fieldsOf, issuesOf, toInput } from '../../../web/src/components/matter/fields'
import { leadWorkflow } from '../../shared/enforcement/lead.workflow'
import { proposalWorkflow } from '../../shared/credit/proposal.workflow'
import { taskWorkflow } from '../../shared/inspections/task.workflow'

/* The web's generated action forms read the same zod inputs the server validates with. */
describe('action form fields generated from a workflow action’s zod input', () => {
  it('reads the shared workflows: required reasons as text areas, optional notes, no fields for input-less actions', () => {
    expect(fieldsOf(leadWorkflow.actions.not_file.input)).toEqual([{ name: 'reason', label: '理由', widget: 'textarea', required: true, max: 2000 }])
    expect(fieldsOf(leadWorkflow.actions.file.input)).toEqual([{ name: 'reason', label: '说明（可选）', widget: 'textarea', required: false, max: 2000 }])
    expect(fieldsOf(proposalWorkflow.actions.reject.input, { note: { label: '不采纳理由', placeholder: '如：…' } })).toEqual([
      { name: 'note', label: '不采纳理由', widget: 'textarea', required: true, max: 2000, placeholder: '如：…' },
    ])
    expect(fieldsOf(taskWorkflow.actions.announce.input)).toEqual([])
  })
  it('maps short strings, enums, booleans, numbers and dates to their widgets, with overrides', () => {
    const input = z.object({
      title: z.string().max(50).describe('标题'),
      kind: z.enum(['a', 'b']).describe('类别'),
      urgent: z.boolean().optional(),
      count: z.number().int(),
      on: z.iso.date().describe('日期'),
      found: dateParam().describe('发现日期'),
    })
    const f = fieldsOf(input, { kind: { optionLabels: { a: '甲', b: '乙' } }, count: { hidden: true } })
    expect(f.map((x) => [x.name, x.widget, x.label, x.required])).toEqual([
      ['title', 'input', '标题', true],
      ['kind', 'select', '类别', true],
      ['urgent', 'switch', 'urgent', false],
      ['on', 'date', '日期', true],
      ['found', 'date', '发现日期', true],
    ])
    expect(f[1]!.options).toEqual([
      { value: 'a', label: '甲' },
      { value: 'b', label: '乙' },
    ])
    expect(toInput(f, { title: '标题', kind: 'a', on: { format: () => '2026-12-07' } })).toEqual({ title: '标题', kind: 'a', urgent: false, on: '2026-12-07' })
    expect(fieldsOf(z.object({ s: z.string().regex(/^[A-Z]+$/) }))[0]!.widget).toBe('textarea')
  })
  it('leaves out empty optional strings and reports the schema’s own words per field', () => {
    const f = fieldsOf(leadWorkflow.actions.file.input)
    expect(toInput(f, { reason: '  ' })).toEqual({})
    const r = leadWorkflow.actions.not_file.input!.safeParse(toInput(fieldsOf(leadWorkflow.actions.not_file.input), { reason: '' }))
    expect(r.success).toBe(false)
    expect(issuesOf(r.error!)).toEqual({ byField: { reason: '不予立案或移送须写明理由' }, first: '不予立案或移送须写明理由' })
  })
})
