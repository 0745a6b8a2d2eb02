/**
 * Input schemas of the 12315 centre shared by the server (complaints.schema.ts) and the web's
 * forms (intake, public portal, tracking): bounds, patterns and zh-CN messages live here once.
 * Dates are added by the server (their accepted range is the server's, src/core/dates.ts).
 */
import { z } from 'zod'
import { CATEGORIES, CHANNELS, ID_TYPES, ITEM_TYPES, PRODUCT_CODES, RESPONDENT_KINDS } from './vocabulary'

/** Input bounds (the web sizes its inputs by them). */
export const LIMITS = {
  summary: 200,
  request: 2000,
  facts: 5000,
  note: 2000,
  name: 50,
  address: 200,
  persons: 20,
  attachmentBytes: 5 * 1024 * 1024,
  attachmentsPerItem: 20,
  portalFacts: 3000,
  /** Public form: photos and receipts (JPG, PNG, PDF), this many, each at most portalAttachmentBytes. */
  portalAttachments: 4,
  portalAttachmentBytes: 3 * 1024 * 1024,
} as const

/** File types the public may upload (recognised from the bytes, not the name). */
export const PORTAL_ATTACHMENT_MIMES = ['image/jpeg', 'image/png', 'application/pdf'] as const

/** The keys of a label map as a zod enum's values. */
export const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]
/** A required text of at most `max` characters, with zh-CN messages naming the field. */
export const text = (max: number, label: string) => z.string().trim().min(1, `${label}不能为空`).max(max, `${label}最多 ${max} 字`)
/** An optional text of at most `max` characters. */
export const optText = (max: number, label: string) => z.string().trim().max(max, `${label}最多 ${max} 字`).optional()
/** 6-digit county or 9-digit township division code. */
export const Division = z
  .string()
  .trim()
  .regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字')
/** A phone number as people write it (digits, +, -, spaces, brackets). */
export const Phone = z
  .string()
  .trim()
  .regex(/^[\d+\-\s()]{5,20}$/, '联系电话格式不正确')
export const Id = z.string().uuid('ID 无效')
/** 统一社会信用代码: 18 characters of the code alphabet (the checksum is checked by the register). */
export const Uscc = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码应为 18 位（不含 I、O、Z、S、V）')
/** The platform's own number of an item forwarded by the national 12315 platform. */
export const ExternalNo = z
  .string()
  .trim()
  .max(40, '平台编号最多 40 个字符')
  .regex(/^[A-Za-z0-9-]+$/, '平台编号只能包含字母、数字和连字符')

export const Person = z
  .object({
    name: text(LIMITS.name, '姓名'),
    phone: Phone.optional(),
    address: optText(LIMITS.address, '通讯地址'),
    idType: z.enum(ID_TYPES).optional(),
    idNo: z.string().trim().max(30, '证件号码最多 30 位').optional(),
    email: z.string().trim().email('电子邮箱格式不正确').max(100).optional(),
    isRepresentative: z.boolean().default(false).describe('共同投诉推选的代表人'),
  })
  .meta({ id: 'ComplaintPerson' })

export const Agent = Person.omit({ isRepresentative: true })
  .extend({
    authorization: text(1000, '授权委托书（委托事项、权限和期限）').describe('授权委托书载明的委托事项、权限和期限'),
  })
  .meta({ id: 'ComplaintAgent' })

export const Respondent = z
  .object({
    entityId: Id.optional().describe('名录中的经营主体；未登记的可不填'),
    name: text(100, '被投诉（举报）人名称'),
    uscc: Uscc.optional(),
    address: optText(LIMITS.address, '被投诉（举报）人地址'),
    division: Division.optional().describe('经营地行政区划（未登记主体必填之一）'),
    domicileDivision: Division.optional(),
    conductDivision: Division.optional().describe('举报：违法行为发生地'),
    kind: z.enum(RESPONDENT_KINDS).default('offline'),
    platformEntityId: Id.optional(),
    platformName: optText(100, '平台名称'),
    sellerAddressUnavailable: z.boolean().default(false).describe('平台内经营者未公示地址或无法联系（总局令第121号）'),
  })
  .meta({ id: 'ComplaintRespondent' })
export type Respondent = z.infer<typeof Respondent>

/** Fields of an intake (登记) other than the receipt time, in the order of the API. */
export const IntakeFields = {
  types: z
    .array(z.enum(ITEM_TYPES))
    .min(1, '请选择诉求类型')
    .max(2)
    .refine((a) => new Set(a).size === a.length, '类型不能重复')
    .refine((a) => a.length === 1 || (a.includes('complaint') && a.includes('report')), '只有投诉与举报可以同时提出（分别处理）')
    .describe('一次诉求同时含投诉和举报的，拆分为两件分别处理'),
  channel: z.enum(CHANNELS),
  externalNo: ExternalNo.optional(),
  category: z.enum(keys(CATEGORIES)),
  productCode: z.enum(keys(PRODUCT_CODES)).optional(),
  summary: text(LIMITS.summary, '诉求摘要'),
  request: text(LIMITS.request, '具体诉求'),
  facts: text(LIMITS.facts, '事实与理由'),
  persons: z.array(Person).max(LIMITS.persons, `投诉人最多 ${LIMITS.persons} 人`).default([]).describe('投诉人（共同投诉为多人）/ 举报人 / 咨询人'),
  anonymous: z.boolean().default(false).describe('匿名举报（仅举报）'),
  agent: Agent.optional(),
  respondent: Respondent.optional(),
  amountClaimedFen: z.number().int('金额须为整数（分）').min(0).max(1e12).optional(),
  dispatchToUnitId: Id.optional().describe('登记后立即分送到该单位'),
  answerNow: text(LIMITS.request, '答复内容').optional().describe('咨询当场答复：登记并答复办结（一步完成，留痕）'),
  answerId: Id.optional().describe('当场答复所用的常用语'),
}

/** What an intake's fields may not combine to (an answer given on the spot is for a consultation only). */
export function intakeProblems(b: { types: readonly string[]; answerNow?: string; answerId?: string; dispatchToUnitId?: string }, ctx: z.RefinementCtx): void {
  if (b.answerNow === undefined && b.answerId === undefined) return
  if (b.types.length !== 1 || b.types[0] !== 'consultation') ctx.addIssue({ code: 'custom', path: ['answerNow'], message: '只有咨询可以当场答复' })
  if (b.answerNow === undefined) ctx.addIssue({ code: 'custom', path: ['answerNow'], message: '请填写答复内容' })
  if (b.dispatchToUnitId) ctx.addIssue({ code: 'custom', path: ['dispatchToUnitId'], message: '当场答复的咨询即时办结，不再分送' })
}

/** Fields of the public portal's form other than the purchase date, in the order of the API. */
export const PortalFields = {
  challenge: z.string().max(400),
  nonce: z.string().max(40).describe('工作量证明：sha256(challenge + ":" + nonce) 前 difficulty 位二进制为 0'),
  website: z.string().max(200).optional().describe('蜜罐字段：必须留空'),
  type: z.enum(['complaint', 'report', 'consultation']),
  category: z.enum(keys(CATEGORIES)),
  summary: text(LIMITS.summary, '诉求摘要'),
  request: text(LIMITS.request, '具体诉求'),
  facts: text(LIMITS.portalFacts, '事实与理由'),
  name: text(LIMITS.name, '姓名').optional(),
  phone: Phone.optional(),
  address: optText(LIMITS.address, '通讯地址'),
  anonymous: z.boolean().default(false),
  respondentName: text(100, '被投诉（举报）人名称').optional().describe('投诉、举报必填；咨询可不填'),
  respondentEntityId: Id.optional().describe('从联想中选择的名录主体（GET /api/public/complaints/respondents）'),
  respondentAddress: optText(LIMITS.address, '被投诉（举报）人地址'),
  respondentUscc: Uscc.optional(),
  respondentDivision: Division.optional(),
  amountFen: z.number().int('金额须为整数（分）').min(0, '金额不能为负数').max(1e10, '金额过大').optional().describe('涉及金额（分）'),
  attachments: z
    .array(
      z.object({
        fileName: z
          .string()
          .trim()
          .min(1)
          .max(120)
          .refine((s) => !/[\\/\0]/.test(s), '文件名不能包含路径'),
        contentBase64: z
          .string()
          .min(4)
          .max(Math.ceil((LIMITS.portalAttachmentBytes * 4) / 3) + 4, `每个附件不能超过 ${LIMITS.portalAttachmentBytes / 1024 / 1024} MB`)
          .regex(/^[A-Za-z0-9+/=\s]+$/, '附件内容应为 Base64'),
      }),
    )
    .max(LIMITS.portalAttachments, `最多上传 ${LIMITS.portalAttachments} 个附件`)
    .default([])
    .describe('照片、购物凭证（JPG、PNG、PDF）'),
  privacyAccepted: z.literal(true, '请阅读并同意个人信息保护说明').describe('已阅读个人信息保护说明'),
}

/** Looking an item up on the portal: its number and the query code given at submission. */
export const ItemNo = z.string().trim().min(1, '请填写诉求编号').max(30, '诉求编号最多 30 个字符')
export const QueryCode = z.string().trim().max(40, '查询码最多 40 个字符')

/** A supervision order's instructions (督办意见); the due date is added by the server. */
export const SupervisionNote = text(LIMITS.note, '督办意见')
