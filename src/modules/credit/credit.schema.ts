import { z } from 'zod'
import { PageQuery, pageResponse } from '../../core/pagination'

/** Statutory grounds for the abnormal-operations list (RULES.md §3.2). */
export const ABNORMAL_REASONS = {
  unreachable_at_registered_address: '通过登记的住所或者经营场所无法联系',
  annual_report_not_filed: '未按规定期限公示年度报告',
  info_not_publicised: '未按规定期限公示有关企业信息',
  false_publicity: '公示企业信息隐瞒真实情况、弄虚作假',
} as const
export type AbnormalReason = keyof typeof ABNORMAL_REASONS
export const PROPOSAL_STATES = ['proposed', 'accepted', 'rejected'] as const
export type ProposalState = (typeof PROPOSAL_STATES)[number]
export const PROPOSAL_STATE_LABEL: Record<ProposalState, string> = { proposed: '待审核', accepted: '已采纳', rejected: '未采纳' }

export const ProposeAbnormalInput = z.object({
  entityId: z.string().min(1).max(80),
  reason: z.enum(Object.keys(ABNORMAL_REASONS) as [AbnormalReason, ...AbnormalReason[]], '列入经营异常名录的事由无效'),
  sourceType: z.string().min(1).max(40),
  sourceId: z.string().min(1).max(80),
  unitId: z.string().min(1).max(80),
  note: z.string().max(2000).nullable(),
})
export type ProposeAbnormalInput = z.infer<typeof ProposeAbnormalInput>

export const Proposal = z.object({
  id: z.string(), proposalNo: z.string(), kind: z.string(), kindLabel: z.string(), reason: z.string(), reasonLabel: z.string(),
  entityId: z.string(), entityName: z.string().nullable(), uscc: z.string().nullable(), unitId: z.string(), unitName: z.string().nullable(),
  sourceType: z.string(), sourceId: z.string(), note: z.string().nullable(), state: z.enum(PROPOSAL_STATES), stateLabel: z.string(),
  decisionNote: z.string().nullable(), decidedAt: z.string().nullable(), createdAt: z.string(),
}).meta({ id: 'CreditProposal' })
export type Proposal = z.infer<typeof Proposal>
export const ProposalPage = pageResponse(Proposal)
export const ProposalQuery = PageQuery.extend({
  state: z.enum(PROPOSAL_STATES).optional(), entityId: z.string().uuid('经营主体 ID 无效').optional(),
  sort: z.enum(['created_desc', 'created_asc'], '排序方式无效').default('created_desc').describe('列表排序（白名单）'),
})
export type ProposalQuery = z.infer<typeof ProposalQuery>
export const ProposalDecisionBody = z
  .object({ state: z.enum(['accepted', 'rejected'], '审核结果应为 采纳/不采纳'), note: z.string().trim().max(2000, '说明最多 2000 字').optional() })
  .refine((b) => b.state === 'accepted' || (b.note && b.note.length > 0), { message: '不采纳须写明理由', path: ['note'] })
export type ProposalDecisionBody = z.infer<typeof ProposalDecisionBody>
