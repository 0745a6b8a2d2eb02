import { z } from 'zod'
import { dateParam, periodRefine } from '../../core/dates'
import { PageQuery, pageResponse } from '../../core/pagination'
import { PUBLICITY_LIMITS, PUBLICITY_STATES, PublishBody as PublishFields } from '../../shared/cases/publicity'

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]

export const PublicityListQuery = PageQuery.extend({
  state: z.enum(keys(PUBLICITY_STATES), '公示状态无效').optional(),
  caseId: z.string().uuid('案件 ID 无效').optional(),
})
/** Publishing may carry the end of a business or employment restriction (display runs until then when later than 3 years). */
export const PublishRequest = PublishFields.extend({
  restrictionEndOn: dateParam().optional().describe('限制开展生产经营活动、限制从业的期限届满日期'),
}).strict()

const PublicityFields = {
  id: z.string(),
  decisionNo: z.string(),
  partyName: z.string().describe('当事人名称（自然人姓名脱敏）'),
  partyUscc: z.string().nullable(),
  legalRep: z.string().nullable(),
  penaltyLabel: z.string(),
  penaltyContent: z.string(),
  fineFen: z.number().int(),
  confiscatedFen: z.number().int(),
  authority: z.string(),
  decidedOn: z.string(),
  displayEndOn: z.string().nullable(),
}
export const Publicity = z
  .object({
    ...PublicityFields,
    caseId: z.string(),
    unitId: z.string(),
    partyKind: z.string(),
    partyIdMasked: z.string().nullable(),
    caseType: z.string(),
    caseTypeLabel: z.string(),
    facts: z.string(),
    basis: z.string(),
    penaltyType: z.string(),
    crossProvince: z.boolean(),
    displayKind: z.string(),
    displayKindLabel: z.string(),
    restrictionEndOn: z.string().nullable(),
    state: z.string(),
    stateLabel: z.string(),
    dueOn: z.string().nullable(),
    publishedOn: z.string().nullable(),
    changedOn: z.string().nullable(),
    withdrawnOn: z.string().nullable(),
    withdrawReason: z.string().nullable(),
    stoppedOn: z.string().nullable(),
    stopReason: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'CasePublicity' })
export const PublicityPage = pageResponse(Publicity)
export const PublicityDetail = Publicity.extend({
  clocks: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      ruleId: z.string().nullable(),
      startOn: z.string(),
      dueOn: z.string().nullable(),
      doneOn: z.string().nullable(),
      late: z.boolean(),
    }),
  ),
  mayChange: z.boolean(),
})

/** The public summary (Order 45 Art 4; natural persons masked, no identity number). */
export const PublicPenalty = z
  .object({ ...PublicityFields, partyKindLabel: z.string(), caseTypeLabel: z.string(), publishedOn: z.string(), displayEndOn: z.string() })
  .meta({ id: 'PublicPenalty' })
export const PublicPenaltyDetail = PublicPenalty.extend({ facts: z.string(), basis: z.string() })
export const PublicPenaltyQuery = PageQuery.extend({
  q: z
    .string()
    .trim()
    .max(PUBLICITY_LIMITS.query, `检索词最多 ${PUBLICITY_LIMITS.query} 字`)
    .optional()
    .describe('当事人名称（至少 2 个字）或 18 位统一社会信用代码'),
  pageSize: z.coerce.number('每页条数应为数字').int('每页条数应为整数').min(1, '每页至少 1 条').max(50, '每页最多 50 条').default(20),
})
const more = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), hasMore: z.boolean(), page: z.number().int(), pageSize: z.number().int() })
export const PublicPenaltyPage = more(PublicPenalty)

export const Typical = z
  .object({
    id: z.string(),
    caseId: z.string(),
    title: z.string(),
    writeUp: z.string(),
    caseTypeLabel: z.string(),
    partyName: z.string(),
    decisionNo: z.string(),
    authority: z.string(),
    decidedOn: z.string(),
    publishedOn: z.string(),
    withdrawnOn: z.string().nullable(),
  })
  .meta({ id: 'TypicalCase' })
export const TypicalPage = pageResponse(Typical)
export const PublicTypical = Typical.omit({ caseId: true, withdrawnOn: true })
export const PublicTypicalPage = more(PublicTypical)
export const PublicPageQuery = PageQuery.extend({ pageSize: PublicPenaltyQuery.shape.pageSize })

// ---- statistics ---------------------------------------------------------------------------------
export const StatsQuery = periodRefine(z.object({ from: dateParam().describe('起始日期'), to: dateParam().describe('截止日期') }), {
  maxDays: 5 * 366,
  label: '统计期间',
})
const MeasuresShape = {
  filed: z.number(),
  closed: z.number(),
  pending: z.number(),
  decided: z.number(),
  fineFen: z.number(),
  confiscatedFen: z.number(),
  seizures: z.number(),
  seizedQuantity: z.number(),
  transfers: z.number(),
  onSpot: z.number(),
}
const Measures = z.object(MeasuresShape)
const TypeRow = z.object({ caseType: z.string(), caseTypeLabel: z.string(), ...MeasuresShape })
export const StatsTable = z
  .object({
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
    total: Measures,
    types: z.array(TypeRow),
    units: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string(),
        parentId: z.string().nullable(),
        depth: z.number().int(),
        total: Measures,
        types: z.array(TypeRow),
      }),
    ),
  })
  .meta({ id: 'CaseStatsTable' })
export const StatsMonthly = z.object({ items: z.array(z.object({ month: z.string(), filed: z.number(), closed: z.number(), amountFen: z.number() })) })
