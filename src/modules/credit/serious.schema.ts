import { z } from 'zod'
import { AvailableActions } from '../../core/matter/routes'
import { PageQuery, pageResponse } from '../../core/pagination'
import { SERIOUS_SOURCES, SERIOUS_STATES, type SeriousSource, type SeriousState } from '../../shared/credit/serious.workflow'

const states = SERIOUS_STATES as unknown as [SeriousState, ...SeriousState[]]
export const SeriousQuery = PageQuery.extend({
  state: z.enum(states, '状态无效').optional(),
  source: z.enum(Object.keys(SERIOUS_SOURCES) as [SeriousSource, ...SeriousSource[]], '来源无效').optional(),
  entityId: z.string().max(80).optional(),
})
export const Serious = z.object({
  id: z.string(),
  seriousNo: z.string().nullable(),
  entityId: z.string(),
  entityName: z.string().nullable(),
  uscc: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  source: z.string(),
  sourceLabel: z.string(),
  sourceId: z.string(),
  sourceRef: z.string().nullable(),
  field: z.string(),
  fieldLabel: z.string(),
  ground: z.string(),
  basis: z.string(),
  triggerOn: z.string(),
  needsUpper: z.boolean(),
  notifiedOn: z.string().nullable(),
  statementText: z.string().nullable(),
  statementOn: z.string().nullable(),
  waived: z.boolean(),
  referredOn: z.string().nullable(),
  upperApprovedOn: z.string().nullable(),
  listedOn: z.string().nullable(),
  decisionDocId: z.string().nullable(),
  publishedOn: z.string().nullable(),
  legalRep: z.string().nullable(),
  restrictionEndOn: z.string().nullable(),
  autoRemovalOn: z.string().nullable(),
  earlyFromOn: z.string().nullable(),
  earlyText: z.string().nullable(),
  earlyAppliedOn: z.string().nullable(),
  removedOn: z.string().nullable(),
  removalKind: z.string().nullable(),
  removalLabel: z.string().nullable(),
  decisionNote: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  state: z.enum(states),
  stateLabel: z.string(),
  version: z.number(),
  createdAt: z.string(),
})
export const SeriousPage = pageResponse(Serious)
export const SeriousDetail = Serious.extend({
  actions: AvailableActions,
  clocks: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      startOn: z.string(),
      dueOn: z.string().nullable(),
      doneOn: z.string().nullable(),
      ruleId: z.string().nullable(),
    }),
  ),
})
export const SeriousWarnings = z.object({
  items: z.array(
    z.object({
      listingId: z.string(),
      listingNo: z.string().nullable(),
      entityId: z.string(),
      entityName: z.string(),
      uscc: z.string().nullable(),
      listedOn: z.string(),
      pointOn: z.string(),
    }),
  ),
})

/** The public credit page's serious-list, penalty and inspection sections (optional: reports issued before them lack them). */
export const PublicCreditExtras = {
  seriousInForce: z.boolean().optional().describe('是否处于严重违法失信名单中'),
  serious: z
    .array(
      z.object({
        seriousNo: z.string().nullable(),
        fieldLabel: z.string(),
        ground: z.string().describe('列入事由'),
        basis: z.string().describe('列入依据'),
        listedOn: z.string().nullable(),
        decidedBy: z.string().nullable().describe('作出决定机关'),
        inForce: z.boolean(),
        stateLabel: z.string(),
        autoRemovalOn: z.string().nullable().describe('届满移出日期（列入满3年）'),
        earliestRepairOn: z.string().nullable().describe('最早可申请提前移出日期（列入满1年）'),
        howToApply: z.string().nullable().describe('如何申请提前移出（信用修复）'),
        restrictionEndOn: z.string().nullable().describe('法定代表人（负责人）任职限制截止日期'),
        removedOn: z.string().nullable(),
        removalLabel: z.string().nullable(),
      }),
    )
    .optional(),
  penalties: z
    .array(
      z.object({
        decisionNo: z.string(),
        caseTypeLabel: z.string(),
        penaltyLabel: z.string(),
        penaltyContent: z.string(),
        authority: z.string(),
        decidedOn: z.string(),
        publishedOn: z.string().nullable(),
        displayEndOn: z.string().nullable(),
        earliestRepairOn: z.string().nullable().describe('最早可申请提前停止公示日期'),
        howToApply: z.string(),
      }),
    )
    .optional()
    .describe('公示期内的行政处罚信息'),
  inspections: z
    .array(
      z.object({
        taskNo: z.string(),
        taskName: z.string(),
        unitName: z.string().nullable(),
        inspectedOn: z.string().nullable(),
        outcomeLabel: z.string().nullable(),
      }),
    )
    .optional()
    .describe('“双随机、一公开”抽查检查结果'),
}
