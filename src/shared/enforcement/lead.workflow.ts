/**
 * Case leads (案源线索): vocabulary and workflow, shared by the server (enforcement module) and the
 * web (Leads page). A lead is decided once: filed (立案), not filed (不予立案) or transferred (移送);
 * the latter two need a written reason. The decision is the bureau head's (`case.approve`): a
 * handler proposes it and the head approves it in the approval inbox (core/matter/approvals.ts),
 * which then takes the action. The 15-working-day verification clock (`case.lead_verify`) starts
 * when the lead is found, pauses for testing/appraisal and is extended once by the head.
 */
import { z } from 'zod'
import { caseDay } from '../cases/case.workflow'
import { defineWorkflow } from '../kernel/workflow'

export const LEAD_SOURCES = [
  'complaint',
  'report',
  'inspection',
  'sampling',
  'mediation',
  'manual',
  'patrol',
  'assigned',
  'transfer_in',
  'assist',
  'other',
] as const
export type LeadSource = (typeof LEAD_SOURCES)[number]
export const LEAD_SOURCE_LABEL: Record<LeadSource, string> = {
  complaint: '投诉',
  report: '举报',
  inspection: '双随机抽查',
  sampling: '抽检不合格',
  mediation: '调解中发现',
  manual: '执法人员发现',
  patrol: '日常巡查',
  assigned: '上级交办',
  transfer_in: '部门移送',
  assist: '异地协查',
  other: '其他',
}
/** Sources a handler enters by hand (POST /leads); the others arrive from their modules with a link back. */
export const MANUAL_LEAD_SOURCES = ['manual', 'patrol', 'assigned', 'transfer_in', 'assist', 'mediation', 'other'] as const satisfies readonly LeadSource[]
export type ManualLeadSource = (typeof MANUAL_LEAD_SOURCES)[number]
export const LEAD_CLOCKS = { verify: { label: '线索核查期限', rule: 'case.lead_verify' } } as const
export const LEAD_STATES = ['new', 'filed', 'not_filed', 'transferred', 'onspot'] as const
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
  clocks: LEAD_CLOCKS,
  onCreate: [{ op: 'start', clock: 'verify' }],
  states: {
    new: { label: '待核查' },
    filed: { label: '已立案', final: true },
    not_filed: { label: '不予立案', final: true },
    transferred: { label: '已移送', final: true },
    onspot: { label: '已当场处罚', final: true },
  },
  actions: {
    file: {
      label: '立案',
      from: ['new'],
      to: 'filed',
      permission: ['case.approve'],
      input: z.object({ reason: optionalReason }),
      clocks: [{ op: 'stop', clock: 'verify' }],
      audit: 'lead.decide',
    },
    not_file: {
      label: '不予立案',
      from: ['new'],
      to: 'not_filed',
      permission: ['case.approve'],
      input: z.object({ reason }),
      clocks: [{ op: 'stop', clock: 'verify' }],
      audit: 'lead.decide',
      danger: true,
    },
    transfer: {
      label: '移送',
      from: ['new'],
      to: 'transferred',
      permission: ['case.approve'],
      input: z.object({ reason }),
      clocks: [{ op: 'stop', clock: 'verify' }],
      audit: 'lead.decide',
    },
    // The simplified procedure (当场处罚, Penalty Law Art 51): no 立案; the on-the-spot decision is the case (cases module).
    onspot: {
      label: '当场处罚（简易程序）',
      from: ['new'],
      to: 'onspot',
      permission: ['case.handle'],
      input: z.object({ reason: optionalReason }),
      clocks: [{ op: 'stop', clock: 'verify' }],
      audit: 'lead.decide',
    },
    extend_verify: {
      label: '延长核查期限',
      from: ['new'],
      to: 'same',
      permission: ['case.approve'],
      input: z.object({
        reason: z
          .string({ error: '请写明延长理由' })
          .trim()
          .min(1, '请写明延长理由')
          .max(LEAD_REASON_MAX, `理由最多 ${LEAD_REASON_MAX} 字`)
          .describe('延长理由'),
        on: caseDay('批准日期'),
      }),
      clocks: [{ op: 'extend', clock: 'verify' }],
      audit: 'lead.verify_extend',
    },
    start_testing: {
      label: '委托检测鉴定',
      from: ['new'],
      to: 'same',
      permission: ['lead.manage'],
      input: z.object({
        subject: z.string({ error: '请填写检测鉴定事项' }).trim().min(1, '请填写检测鉴定事项').max(200, '检测鉴定事项最多 200 字').describe('检测鉴定事项'),
        on: caseDay('委托日期'),
      }),
      clocks: [{ op: 'pause', clock: 'verify', reason: '检测、检验、检疫、鉴定期间' }],
      audit: 'lead.testing_start',
    },
    end_testing: {
      label: '检测鉴定结果',
      from: ['new'],
      to: 'same',
      permission: ['lead.manage'],
      input: z.object({
        result: z.string({ error: '请填写检测鉴定结果' }).trim().min(1, '请填写检测鉴定结果').max(2000, '检测鉴定结果最多 2000 字').describe('检测鉴定结果'),
        on: caseDay('收到结果日期'),
      }),
      clocks: [{ op: 'resume', clock: 'verify' }],
      audit: 'lead.testing_end',
    },
  },
})
export type LeadAction = (typeof leadWorkflow.actionList)[number]

export const LEAD_STATE_LABEL = Object.fromEntries(LEAD_STATES.map((s) => [s, leadWorkflow.states[s].label])) as Record<LeadState, string>

/** The decision endpoint's vocabulary (POST /leads/:id/decision {state}) → the workflow's action. */
export const LEAD_DECISION_ACTION = { filed: 'file', not_filed: 'not_file', transferred: 'transfer' } as const satisfies Record<
  Exclude<LeadState, 'new' | 'onspot'>,
  LeadAction
>
