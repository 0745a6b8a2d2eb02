/**
 * Case leads (案源线索): vocabulary and workflow, shared by the server (enforcement module) and the
 * web (Leads page). A lead is decided once: filed (立案), not filed (不予立案) or transferred (移送);
 * the latter two need a written reason.
 */
import { z } from 'zod'
import { defineWorkflow } from '../kernel/workflow'

export const LEAD_SOURCES = ['complaint', 'report', 'inspection', 'sampling', 'other'] as const
export type LeadSource = (typeof LEAD_SOURCES)[number]
export const LEAD_SOURCE_LABEL: Record<LeadSource, string> = {
  complaint: '投诉',
  report: '举报',
  inspection: '双随机抽查',
  sampling: '抽检不合格',
  other: '其他',
}
export const LEAD_STATES = ['new', 'filed', 'not_filed', 'transferred'] as const
export type LeadState = (typeof LEAD_STATES)[number]
export const LEAD_REASON_MAX = 2000

const reason = z
  .string({ error: '不予立案或移送须写明理由' })
  .trim()
  .min(1, '不予立案或移送须写明理由')
  .max(LEAD_REASON_MAX, `理由最多 ${LEAD_REASON_MAX} 字`)
  .describe('理由')
const optionalReason = z.string().trim().max(LEAD_REASON_MAX, `理由最多 ${LEAD_REASON_MAX} 字`).describe('说明（可选）').optional()

export const leadWorkflow = defineWorkflow({
  type: 'case_lead',
  label: '线索',
  initial: 'new',
  states: {
    new: { label: '待核查' },
    filed: { label: '已立案', final: true },
    not_filed: { label: '不予立案', final: true },
    transferred: { label: '已移送', final: true },
  },
  actions: {
    file: { label: '立案', from: ['new'], to: 'filed', permission: ['lead.manage'], input: z.object({ reason: optionalReason }), audit: 'lead.decide' },
    not_file: {
      label: '不予立案',
      from: ['new'],
      to: 'not_filed',
      permission: ['lead.manage'],
      input: z.object({ reason }),
      audit: 'lead.decide',
      danger: true,
    },
    transfer: { label: '移送', from: ['new'], to: 'transferred', permission: ['lead.manage'], input: z.object({ reason }), audit: 'lead.decide' },
  },
})
export type LeadAction = (typeof leadWorkflow.actionList)[number]

export const LEAD_STATE_LABEL = Object.fromEntries(LEAD_STATES.map((s) => [s, leadWorkflow.states[s].label])) as Record<LeadState, string>

/** The decision endpoint's vocabulary (POST /leads/:id/decision {state}) → the workflow's action. */
export const LEAD_DECISION_ACTION = { filed: 'file', not_filed: 'not_file', transferred: 'transfer' } as const satisfies Record<
  Exclude<LeadState, 'new'>,
  LeadAction
>
