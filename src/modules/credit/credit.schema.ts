import { z } from 'zod'
import { AvailableActions } from '../../core/matter/routes'
import { PageQuery, pageResponse } from '../../core/pagination'
import { ABNORMAL_REASONS, PROPOSAL_NOTE_MAX, PROPOSAL_STATES, type AbnormalReason } from '../../shared/credit/proposal.workflow'

export { ABNORMAL_REASONS, PROPOSAL_STATES, PROPOSAL_STATE_LABEL, type AbnormalReason, type ProposalState } from '../../shared/credit/proposal.workflow'

export const ProposeAbnormalInput = z.object({
  entityId: z.string().min(1).max(80),
  reason: z.enum(Object.keys(ABNORMAL_REASONS) as [AbnormalReason, ...AbnormalReason[]], '列入经营异常名录的事由无效'),
  sourceType: z.string().min(1).max(40),
  sourceId: z.string().min(1).max(80),
  unitId: z.string().min(1).max(80),
  note: z.string().max(2000).nullable(),
})
export type ProposeAbnormalInput = z.infer<typeof ProposeAbnormalInput>

export const Proposal = z
  .object({
    id: z.string(),
    proposalNo: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    reason: z.string(),
    reasonLabel: z.string(),
    entityId: z.string(),
    entityName: z.string().nullable(),
    uscc: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    sourceType: z.string(),
    sourceId: z.string(),
    note: z.string().nullable(),
    state: z.enum(PROPOSAL_STATES),
    stateLabel: z.string(),
    decisionNote: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'CreditProposal' })
export type Proposal = z.infer<typeof Proposal>
/** One proposal with the actions the actor may take on it. */
export const ProposalDetail = Proposal.extend({ actions: AvailableActions }).meta({ id: 'CreditProposalDetail' })
export type ProposalDetail = z.infer<typeof ProposalDetail>
export const ProposalPage = pageResponse(Proposal)
export const ProposalQuery = PageQuery.extend({
  state: z.enum(PROPOSAL_STATES).optional(),
  entityId: z.string().uuid('经营主体 ID 无效').optional(),
  sort: z.enum(['created_desc', 'created_asc'], '排序方式无效').default('created_desc').describe('列表排序（白名单）'),
})
export type ProposalQuery = z.infer<typeof ProposalQuery>
export const ProposalDecisionBody = z
  .object({
    state: z.enum(['accepted', 'rejected'], '审核结果应为 采纳/不采纳'),
    note: z.string().trim().max(PROPOSAL_NOTE_MAX, `说明最多 ${PROPOSAL_NOTE_MAX} 字`).optional(),
  })
  .refine((b) => b.state === 'accepted' || (b.note && b.note.length > 0), { message: '不采纳须写明理由', path: ['note'] })
export type ProposalDecisionBody = z.infer<typeof ProposalDecisionBody>
