import { z } from 'zod'
import { APPROVAL_NOTE_MAX } from '../../core/matter/approvals'
import { PageQuery, pageResponse } from '../../core/pagination'

export const APPROVAL_STATES = ['pending', 'approved', 'rejected', 'withdrawn'] as const

export const ApprovalView = z
  .object({
    id: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    matterType: z.string(),
    matterId: z.string(),
    matterLabel: z.string(),
    title: z.string(),
    link: z.string(),
    reason: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    state: z.enum(APPROVAL_STATES),
    stateLabel: z.string(),
    proposedByName: z.string().nullable(),
    proposedAt: z.string(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    version: z.number().int(),
    mayDecide: z.boolean(),
  })
  .meta({ id: 'MatterApproval' })
export type ApprovalView = z.infer<typeof ApprovalView>
export const ApprovalPage = pageResponse(ApprovalView)

export const ApprovalQuery = PageQuery.extend({
  state: z.enum([...APPROVAL_STATES, 'all'], '审批状态无效').default('pending'),
  kind: z.string().max(60, '审批种类无效').optional(),
  mine: z
    .enum(['1', '0', 'true', 'false'], '取值应为 1 或 0')
    .transform((v) => v === '1' || v === 'true')
    .optional()
    .describe('我提交的申请'),
})

export const ApprovalDecisionBody = z.object({
  decision: z.enum(['approve', 'reject'], '审批意见应为 批准/不予批准'),
  note: z.string().trim().max(APPROVAL_NOTE_MAX, `审批意见最多 ${APPROVAL_NOTE_MAX} 字`).optional(),
  version: z.number({ error: '缺少版本号' }).int().positive(),
})
export const ApprovalWithdrawBody = z.object({ version: z.number({ error: '缺少版本号' }).int().positive() })
