/**
 * Credit proposals (信用事项提议): vocabulary and workflow, shared by the server (credit module) and
 * the web (CreditProposals page). A credit officer accepts (采纳) or rejects (不采纳, with a reason).
 */
import { z } from 'zod'
import { defineWorkflow } from '../kernel/workflow'

/** Statutory grounds for the abnormal-operations list (RULES.md §3.2). */
export const ABNORMAL_REASONS = {
  unreachable_at_registered_address: '通过登记的住所或者经营场所无法联系',
  annual_report_not_filed: '未按规定期限公示年度报告',
  info_not_publicised: '未按规定期限公示有关企业信息',
  false_publicity: '公示企业信息隐瞒真实情况、弄虚作假',
} as const
export type AbnormalReason = keyof typeof ABNORMAL_REASONS
export const PROPOSAL_KIND_LABEL: Record<string, string> = { abnormal_list: '列入经营异常名录' }
export const PROPOSAL_STATES = ['proposed', 'accepted', 'rejected'] as const
export type ProposalState = (typeof PROPOSAL_STATES)[number]
export const PROPOSAL_NOTE_MAX = 2000

const note = z
  .string({ error: '不采纳须写明理由' })
  .trim()
  .min(1, '不采纳须写明理由')
  .max(PROPOSAL_NOTE_MAX, `说明最多 ${PROPOSAL_NOTE_MAX} 字`)
  .describe('理由')
const optionalNote = z.string().trim().max(PROPOSAL_NOTE_MAX, `说明最多 ${PROPOSAL_NOTE_MAX} 字`).describe('说明（可选）').optional()

export const proposalWorkflow = defineWorkflow({
  type: 'credit_proposal',
  label: '信用事项提议',
  initial: 'proposed',
  states: {
    proposed: { label: '待审核' },
    accepted: { label: '已采纳', final: true },
    rejected: { label: '未采纳', final: true },
  },
  actions: {
    accept: {
      label: '采纳',
      from: ['proposed'],
      to: 'accepted',
      permission: ['credit.manage'],
      input: z.object({ note: optionalNote }),
      audit: 'credit.decide',
    },
    reject: {
      label: '不采纳',
      from: ['proposed'],
      to: 'rejected',
      permission: ['credit.manage'],
      input: z.object({ note }),
      audit: 'credit.decide',
      danger: true,
    },
  },
})
export type ProposalAction = (typeof proposalWorkflow.actionList)[number]

export const PROPOSAL_STATE_LABEL = Object.fromEntries(PROPOSAL_STATES.map((s) => [s, proposalWorkflow.states[s].label])) as Record<ProposalState, string>

/** The decision endpoint's vocabulary (POST /credit/proposals/:id/decision {state}) → the workflow's action. */
export const PROPOSAL_DECISION_ACTION = { accepted: 'accept', rejected: 'reject' } as const satisfies Record<Exclude<ProposalState, 'proposed'>, ProposalAction>
