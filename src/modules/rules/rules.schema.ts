import { z } from 'zod'
import { dateParam } from '../../core/dates'

const ChinaDate = dateParam()
const Unit = z.enum(['WD', 'CD', 'M', 'Y'])
export const Extension = z.object({ length: z.number().int().min(1).max(3650), unit: Unit, approval: z.string().trim().min(1).max(200) })

export const Rule = z
  .object({
    id: z.string(),
    ruleId: z.string(),
    version: z.number().int(),
    name: z.string(),
    legalBasis: z.string(),
    unit: Unit,
    unitLabel: z.string(),
    length: z.number().int(),
    startEvent: z.string(),
    extension: Extension.nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    needsLegalReview: z.boolean(),
    source: z.enum(['PRIMARY', 'SECONDARY', 'UNCONFIRMED']),
    notes: z.string(),
    inForce: z.boolean().describe('在查询日期（默认今天）有效'),
    rowVersion: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'DeadlineRule' })
export type Rule = z.infer<typeof Rule>

const editable = {
  name: z.string().trim().min(2).max(100).optional(),
  legalBasis: z.string().trim().min(2).max(500).optional(),
  unit: Unit.optional(),
  length: z.number().int().min(0).max(10_000).optional(),
  startEvent: z.string().trim().min(1).max(200).optional(),
  extension: Extension.nullable().optional(),
  validTo: ChinaDate.nullable().optional(),
  needsLegalReview: z.boolean().optional(),
  source: z.enum(['PRIMARY', 'SECONDARY', 'UNCONFIRMED']).optional(),
  notes: z.string().trim().max(2000).optional(),
}

export const AmendRuleBody = z
  .object({ expectedRowVersion: z.number().int().min(1), reason: z.string().trim().min(2, '请填写修订理由').max(500), ...editable })
  .meta({ id: 'AmendRuleBody' })
export type AmendRule = z.infer<typeof AmendRuleBody>

export const NewRuleVersionBody = z
  .object({ validFrom: ChinaDate, reason: z.string().trim().min(2, '请填写修订理由').max(500), ...editable })
  .meta({ id: 'NewRuleVersionBody' })
export type NewRuleVersion = z.infer<typeof NewRuleVersionBody>

export const RuleQuery = z.object({
  q: z.string().trim().max(64).optional(),
  at: ChinaDate.optional().describe('有效性判断日期，默认今天'),
  needsLegalReview: z.enum(['0', '1']).optional(),
})
export const ResolveQuery = z.object({ ruleId: z.string().trim().max(64), date: ChinaDate })
export const DeadlineQuery = ResolveQuery.extend({ extensions: z.coerce.number().int().min(0).max(5).default(0).describe('已批准的延长次数') })
