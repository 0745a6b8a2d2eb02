import { z } from 'zod'
import { dateParam } from '../../core/dates'
import { AvailableActions } from '../../core/matter/routes'
import { PageQuery, pageResponse } from '../../core/pagination'
import { LEAD_REASON_MAX, LEAD_SOURCES, LEAD_STATES, MANUAL_LEAD_SOURCES } from '../../shared/enforcement/lead.workflow'

export { LEAD_SOURCES, LEAD_SOURCE_LABEL, LEAD_STATES, LEAD_STATE_LABEL, type LeadState } from '../../shared/enforcement/lead.workflow'

const day = dateParam()

/** What another module passes when it turns a finding into a lead (案源线索). */
export const CreateLeadInput = z.object({
  source: z.enum(LEAD_SOURCES),
  sourceId: z.string().min(1).max(80),
  sourceNo: z.string().max(60).nullable(),
  unitId: z.string().min(1).max(80),
  entityId: z.string().max(80).nullable(),
  entityName: z.string().max(200).nullable(),
  uscc: z.string().max(40).nullable(),
  summary: z.string().trim().min(1, '线索摘要不能为空').max(4000, '线索摘要最多 4000 字'),
  foundOn: day,
})
export type CreateLeadInput = z.infer<typeof CreateLeadInput>

export const Lead = z
  .object({
    id: z.string(),
    leadNo: z.string(),
    source: z.enum(LEAD_SOURCES),
    sourceLabel: z.string(),
    sourceId: z.string(),
    sourceNo: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    entityId: z.string().nullable(),
    entityName: z.string().nullable(),
    uscc: z.string().nullable(),
    summary: z.string(),
    foundOn: z.string(),
    state: z.enum(LEAD_STATES),
    stateLabel: z.string(),
    decisionReason: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
    verifyDueOn: z.string().nullable().describe('核查期限（15个工作日，检测鉴定期间不计入）'),
    verifyDoneOn: z.string().nullable(),
    verifyPaused: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'CaseLead' })
export type Lead = z.infer<typeof Lead>
/** One lead with the actions the actor may take on it. */
export const LeadDetail = Lead.extend({
  verifyClock: z
    .object({
      label: z.string(),
      ruleId: z.string().nullable(),
      startOn: z.string(),
      dueOn: z.string().nullable(),
      doneOn: z.string().nullable(),
      extensions: z.number().int(),
      pauses: z.array(z.object({ from: z.string(), to: z.string().nullable(), reason: z.string() })),
    })
    .nullable(),
  approvals: z.array(
    z.object({
      id: z.string(),
      kindLabel: z.string(),
      state: z.string(),
      stateLabel: z.string(),
      reason: z.string(),
      proposedByName: z.string().nullable(),
      proposedAt: z.string(),
      decidedByName: z.string().nullable(),
      decidedAt: z.string().nullable(),
      decisionNote: z.string().nullable(),
    }),
  ),
  pendingApproval: z.boolean(),
  actions: AvailableActions,
}).meta({ id: 'CaseLeadDetail' })
export type LeadDetail = z.infer<typeof LeadDetail>
export const LeadPage = pageResponse(Lead)

export const LeadQuery = PageQuery.extend({
  state: z.enum(LEAD_STATES).optional(),
  source: z.enum(LEAD_SOURCES).optional(),
  entityId: z.string().uuid('经营主体 ID 无效').optional(),
  sort: z.enum(['created_desc', 'created_asc', 'found_desc', 'found_asc'], '排序方式无效').default('created_desc').describe('列表排序（白名单）'),
})
export type LeadQuery = z.infer<typeof LeadQuery>

export const LeadDecisionBody = z
  .object({
    state: z.enum(['filed', 'not_filed', 'transferred'], '处理结果应为 立案/不予立案/移送'),
    reason: z.string().trim().max(LEAD_REASON_MAX, `理由最多 ${LEAD_REASON_MAX} 字`).optional(),
  })
  .refine((b) => b.state === 'filed' || (b.reason && b.reason.length > 0), { message: '不予立案或移送须写明理由', path: ['reason'] })
export type LeadDecisionBody = z.infer<typeof LeadDecisionBody>

/** A lead entered by a handler (POST /leads). */
export const ManualLeadBody = z.object({
  source: z.enum(MANUAL_LEAD_SOURCES, '线索来源无效'),
  sourceNo: z.string().trim().max(60, '来文编号最多 60 字').optional().describe('交办、移送、协查函号或来源编号'),
  unitId: z.string().uuid('承办单位无效'),
  entityId: z.string().uuid('经营主体 ID 无效').optional(),
  entityName: z.string().trim().max(200, '当事人名称最多 200 字').optional(),
  summary: z.string({ error: '线索摘要不能为空' }).trim().min(1, '线索摘要不能为空').max(4000, '线索摘要最多 4000 字'),
  foundOn: day,
})
export type ManualLeadBody = z.infer<typeof ManualLeadBody>

/** The handler proposes 不予立案 or 移送 for the head's approval (立案: POST /cases/filing-proposals). */
export const LeadProposalBody = z.object({
  decision: z.enum(['not_file', 'transfer'], '提请事项应为 不予立案/移送'),
  reason: z.string({ error: '请写明理由' }).trim().min(1, '请写明理由').max(LEAD_REASON_MAX, `理由最多 ${LEAD_REASON_MAX} 字`),
  version: z.number({ error: '缺少版本号' }).int().positive(),
})
export type LeadProposalBody = z.infer<typeof LeadProposalBody>
