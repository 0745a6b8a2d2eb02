/**
 * Request fields of the case module shared by server and web: opening a case from a lead (立案),
 * evidence, seizure (查封/扣押) with its goods ledger, payments. Dates are YYYY-MM-DD strings here;
 * the server narrows them (not in the future, not before the filing date).
 */
import { z } from 'zod'
import { CASE_DAY_RE, caseDay, yuanAmount } from './case.inputs'
import { CASE_LIMITS, CASE_TYPES, DISPOSALS, EVIDENCE_KINDS, PARTY_KINDS, PAYMENT_KINDS } from './vocabulary'

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]
const text = (label: string, max: number = CASE_LIMITS.text) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}最多 ${max} 字`)
    .describe(label)
const optText = (label: string, max: number = CASE_LIMITS.text) => z.string().trim().max(max, `${label}最多 ${max} 字`).optional().describe(label)
const uuid = (label: string) => z.string({ error: `请选择${label}` }).uuid(`${label} ID 无效`)

/** 立案: a lead decided 立案 opens the case (案由, type, party, officers). */
export const OpenCaseBody = z
  .object({
    leadId: uuid('案源线索'),
    leadVersion: z.number({ error: '缺少线索版本号（leadVersion），请刷新后重试' }).int('版本号应为整数').min(1, '版本号应为正整数'),
    title: text('案由', CASE_LIMITS.short),
    caseType: z.enum(keys(CASE_TYPES), '请选择案件类型'),
    partyKind: z.enum(keys(PARTY_KINDS), '请选择当事人类别').default('entity'),
    /** For an entity party: the register's entity; defaults to the lead's. */
    entityId: uuid('经营主体').optional(),
    personName: optText('当事人姓名', 50),
    personIdNo: z
      .string()
      .trim()
      .regex(/^\d{17}[\dXx]$/, '身份证号码应为18位')
      .optional(),
    personAddress: optText('当事人住址', CASE_LIMITS.short),
    officerIds: z
      .array(uuid('办案人员'), { error: '请选择办案人员' })
      .min(CASE_LIMITS.officersMin, `办案人员不得少于 ${CASE_LIMITS.officersMin} 人（行政处罚法第四十二条）`)
      .max(CASE_LIMITS.officersMax, `办案人员最多 ${CASE_LIMITS.officersMax} 人`)
      .refine((a) => new Set(a).size === a.length, '办案人员不能重复'),
    facts: text('案情摘要'),
    filedOn: caseDay('立案日期'),
  })
  .superRefine((b, ctx) => {
    if (b.partyKind === 'person' && !b.personName) ctx.addIssue({ code: 'custom', path: ['personName'], message: '自然人当事人须填写姓名' })
  })
export type OpenCaseBody = z.infer<typeof OpenCaseBody>

/** The handler's proposal of 立案 (the head approves it in 审批待办, which opens the case). */
export const FilingProposalBody = OpenCaseBody.and(z.object({ reason: optText('提请立案理由', 2000) }))
export type FilingProposalBody = z.infer<typeof FilingProposalBody>

export const EvidenceBody = z.object({
  version: z.number({ error: '缺少案件版本号（version），请刷新后重试' }).int().min(1),
  kind: z.enum(keys(EVIDENCE_KINDS), '请选择证据种类'),
  title: text('证据名称', CASE_LIMITS.short),
  description: optText('证明事项', 1000),
  source: optText('证据来源', CASE_LIMITS.short),
  collectedBy: optText('取证人', 100),
  collectedOn: caseDay('取证日期'),
})
export type EvidenceBody = z.infer<typeof EvidenceBody>

export const SeizedItemFields = z.object({
  name: text('物品名称', 100),
  quantity: z.number({ error: '数量应为数字' }).positive('数量须大于 0').max(1e9, '数量超出合理范围'),
  unit: text('计量单位', 10),
  location: text('存放地点', CASE_LIMITS.short),
})
export const SeizureBody = z.object({
  version: z.number({ error: '缺少案件版本号（version），请刷新后重试' }).int().min(1),
  measure: z.enum(['seal', 'seize'], '请选择查封或扣押'),
  reason: text('理由和依据', 1000),
  items: z.array(SeizedItemFields, { error: '请填写查封、扣押物品清单' }).min(1, '物品清单不能为空').max(200, '一次最多 200 项物品'),
  on: caseDay('决定日期'),
})
export type SeizureBody = z.infer<typeof SeizureBody>
export const SeizureExtendBody = z.object({ version: z.number().int().min(1), reason: text('延长理由', 1000), on: caseDay('批准日期') })
export const SeizureReleaseBody = z.object({
  version: z.number().int().min(1),
  disposal: z.enum(keys(DISPOSALS), '请选择处理方式').refine((d) => d !== 'held', '解除时须选择处理方式'),
  on: caseDay('解除日期'),
})

export const PaymentBody = z.object({
  version: z.number({ error: '缺少案件版本号（version），请刷新后重试' }).int().min(1),
  kind: z.enum(keys(PAYMENT_KINDS), '请选择款项'),
  amountFen: z
    .number({ error: '金额应为数字（单位：分）' })
    .int('金额须为整数（单位：分）')
    .positive('金额须大于 0')
    .max(CASE_LIMITS.amountMaxFen, '金额超出合理范围，请核对'),
  paidOn: z.string({ error: '请填写缴款日期' }).regex(CASE_DAY_RE, '日期格式应为 YYYY-MM-DD'),
  receiptNo: text('缴款凭证号', 60),
})
export type PaymentBody = z.infer<typeof PaymentBody>

/** The handler proposes an action that is the head's (延期, 结案) for approval in 审批待办. */
export const CaseProposalBody = z.object({
  action: z.enum(['extend', 'close', 'collective_discussion', 'allow_instalments'], '提请事项应为 延期/结案/集体讨论/延期（分期）缴纳'),
  input: z.record(z.string(), z.unknown(), { error: '缺少操作内容' }),
  reason: text('提请理由', 2000),
  version: z.number({ error: '缺少案件版本号（version），请刷新后重试' }).int().min(1),
})
export type CaseProposalBody = z.infer<typeof CaseProposalBody>

/**
 * 当场处罚 (simplified procedure, Penalty Law Art 51): a warning, or a fine (entered in yuan) within
 * the catalogue's limits for a natural person / an organisation — checked by the server. No lead
 * needed: the officers' own finding is registered with the decision.
 */
export const OnSpotBody = z
  .object({
    caseType: z.enum(keys(CASE_TYPES), '请选择案件类型'),
    partyKind: z.enum(keys(PARTY_KINDS), '请选择当事人类别').default('entity'),
    entityId: uuid('经营主体').optional(),
    personName: optText('当事人姓名', 50),
    personIdNo: z
      .string()
      .trim()
      .regex(/^\d{17}[\dXx]$/, '身份证号码应为18位')
      .optional(),
    personAddress: optText('当事人住址', CASE_LIMITS.short),
    penaltyType: z.enum(['warning', 'fine'], '当场处罚只能是警告或者罚款'),
    fineYuan: yuanAmount('罚款金额').optional(),
    facts: text('违法事实', 2000),
    place: text('违法地点', CASE_LIMITS.short),
    evidence: text('证据', 1000),
    violated: text('违反的规定', 1000),
    basis: text('处罚依据', 1000),
    officerIds: z
      .array(uuid('执法人员'), { error: '请选择执法人员' })
      .min(CASE_LIMITS.officersMin, `执法人员不得少于 ${CASE_LIMITS.officersMin} 人`)
      .max(CASE_LIMITS.officersMax, `执法人员最多 ${CASE_LIMITS.officersMax} 人`)
      .refine((a) => new Set(a).size === a.length, '执法人员不能重复'),
    on: caseDay('处罚日期'),
  })
  .superRefine((b, ctx) => {
    if (b.partyKind === 'person' && !b.personName) ctx.addIssue({ code: 'custom', path: ['personName'], message: '自然人当事人须填写姓名' })
    if (b.partyKind === 'entity' && !b.entityId) ctx.addIssue({ code: 'custom', path: ['entityId'], message: '请选择当事人（经营主体）' })
    if (b.penaltyType === 'fine' && !b.fineYuan) ctx.addIssue({ code: 'custom', path: ['fineYuan'], message: '罚款须填写金额（元）' })
    if (b.penaltyType === 'warning' && b.fineYuan) ctx.addIssue({ code: 'custom', path: ['fineYuan'], message: '警告不能同时填写罚款金额' })
  })
export type OnSpotBody = z.infer<typeof OnSpotBody>

/** 文书更正: a new document naming the original's error and its correction (also after 结案). */
export const CorrectionBody = z.object({
  version: z.number({ error: '缺少案件版本号（version），请刷新后重试' }).int().min(1),
  documentId: uuid('被更正的文书'),
  error: text('错误内容', 1000),
  correction: text('更正内容', 1000),
  reason: text('更正理由', 1000),
})
export type CorrectionBody = z.infer<typeof CorrectionBody>
