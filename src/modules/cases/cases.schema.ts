import { z } from 'zod'
import { AvailableActions } from '../../core/matter/routes'
import { PageQuery, pageResponse } from '../../core/pagination'
import { CASE_STATES } from '../../shared/cases/case.workflow'
import { CASE_TYPE_CODES } from '../../shared/cases/vocabulary'
import { DocumentMeta } from '../documents'
import { DECISION_STAGE_FIELDS } from './cases.decision.schema'

export const CaseSummary = z
  .object({
    id: z.string(),
    caseNo: z.string(),
    title: z.string(),
    caseType: z.string(),
    caseTypeLabel: z.string(),
    partyKind: z.string(),
    partyName: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    filedOn: z.string(),
    state: z.enum(CASE_STATES),
    stateLabel: z.string(),
    nextDueOn: z.string().nullable().describe('最近的未完成期限（办案、陈述申辩、送达、缴款等）'),
    fineFen: z.number().int(),
    gainsFen: z.number().int(),
    decisionNo: z.string().nullable(),
    leadNo: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'CaseSummary' })
export type CaseSummary = z.infer<typeof CaseSummary>
export const CasePage = pageResponse(CaseSummary)

const Pause = z.object({ from: z.string(), to: z.string().nullable(), reason: z.string() })
const CaseClock = z.object({
  kind: z.string(),
  label: z.string(),
  ruleId: z.string().nullable(),
  ruleVersionId: z.string().nullable(),
  unit: z.string().nullable(),
  length: z.number().nullable(),
  startOn: z.string(),
  dueOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  extensions: z.number().int(),
  paused: z.boolean(),
  pauses: z.array(Pause),
  provisional: z.boolean(),
})

export const CaseDetail = CaseSummary.extend({
  source: z.string(),
  leadId: z.string(),
  partyKindLabel: z.string(),
  entityId: z.string().nullable(),
  partyUscc: z.string().nullable(),
  partyIdMasked: z.string().nullable().describe('自然人当事人的身份证件号码（脱敏）'),
  partyAddress: z.string().nullable(),
  facts: z.string(),
  major: z.boolean(),
  hearingRight: z.boolean(),
  notifiedOn: z.string().nullable(),
  intendedPenalty: z.string().nullable(),
  hearingRequestedOn: z.string().nullable(),
  legalReviewedOn: z.string().nullable(),
  penaltyType: z.string().nullable(),
  penaltyLabel: z.string().nullable(),
  goodsValueFen: z.number().int(),
  decidedOn: z.string().nullable(),
  servedOn: z.string().nullable(),
  serviceMethodLabel: z.string().nullable(),
  serviceRecipient: z.string().nullable(),
  paymentDueOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  closureReasonLabel: z.string().nullable(),
  closureNote: z.string().nullable(),
  balance: z.object({
    asOf: z.string(),
    decidedFen: z.number().int(),
    surchargeFen: z.number().int(),
    paidFen: z.number().int(),
    outstandingFen: z.number().int(),
    daysLate: z.number().int(),
    capped: z.boolean(),
  }),
  officers: z.array(z.object({ userId: z.string(), name: z.string(), certNo: z.string() })),
  clocks: z.array(CaseClock),
  timeline: z.array(
    z.object({ at: z.string(), eventOn: z.string(), kind: z.string(), label: z.string(), note: z.string().nullable(), actorName: z.string().nullable() }),
  ),
  evidence: z.array(
    z.object({
      id: z.string(),
      seq: z.number().int(),
      kind: z.string(),
      kindLabel: z.string(),
      title: z.string(),
      description: z.string().nullable(),
      collectedOn: z.string(),
    }),
  ),
  seizures: z.array(
    z.object({
      id: z.string(),
      measure: z.string(),
      measureLabel: z.string(),
      reason: z.string(),
      decidedOn: z.string(),
      docNo: z.string().nullable(),
      extendedOn: z.string().nullable(),
      releasedOn: z.string().nullable(),
      disposalLabel: z.string().nullable(),
      clock: CaseClock.nullable(),
    }),
  ),
  seizedItems: z.array(
    z.object({
      id: z.string(),
      seizureId: z.string(),
      seq: z.number().int(),
      name: z.string(),
      quantity: z.number(),
      unit: z.string(),
      location: z.string(),
      disposal: z.string(),
      disposalLabel: z.string(),
    }),
  ),
  payments: z.array(
    z.object({ id: z.string(), kind: z.string(), kindLabel: z.string(), amountFen: z.number().int(), paidOn: z.string(), receiptNo: z.string() }),
  ),
  documents: z.array(DocumentMeta),
  documentKinds: z.record(z.string(), z.string()),
  actions: AvailableActions,
  ...DECISION_STAGE_FIELDS,
}).meta({ id: 'CaseDetail' })
export type CaseDetail = z.infer<typeof CaseDetail>

const flag = z
  .enum(['1', '0', 'true', 'false'], '取值应为 1 或 0')
  .transform((v) => v === '1' || v === 'true')
  .optional()
export const CaseListQuery = PageQuery.extend({
  state: z.enum(CASE_STATES, '案件状态无效').optional(),
  caseType: z.enum(CASE_TYPE_CODES as [string, ...string[]], '案件类型无效').optional(),
  entityId: z.string().uuid('经营主体 ID 无效').optional(),
  mine: flag.describe('仅本人承办的案件'),
  open: flag.describe('仅未结案件'),
  sort: z.enum(['filed_desc', 'filed_asc', 'due'], '排序方式无效').default('filed_desc'),
})
export type CaseListQuery = z.infer<typeof CaseListQuery>
