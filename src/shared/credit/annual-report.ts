/**
 * Annual reports (年度报告) and the entity's liaison (联络员): vocabulary and form schemas shared by
 * the server (credit module) and the web (liaison filing pages). The form's items are those of the
 * Enterprise Information Publicity Regulation Art 9 (RULES.md §3.1): the must-publish part and the
 * optional part (published only when the enterprise chooses) are separate objects. Individual
 * businesses (个体工商户) and farmer cooperatives (农民专业合作社) have short forms.
 */
import { z } from 'zod'

/** The filing season: 1 Jan – 30 Jun for the previous year (Publicity Regulation Art 8, PRIMARY). */
export const SEASON = { from: '01-01', to: '06-30' } as const

/**
 * Reminder rounds before the season closes (年报催报): from each date (MM-DD of the season's
 * calendar year) the round's batch is built once. Local settings of the bureau, not law.
 */
export const REMINDER_ROUNDS: ReadonlyArray<{ round: number; from: string }> = [
  { round: 1, from: '05-01' },
  { round: 2, from: '06-01' },
  { round: 3, from: '06-20' },
]
/** The reminder text ({unit} {entity} {year} {closes} {days} are filled in). */
export const REMINDER_TEMPLATE =
  '【{unit}】{entity}：贵单位 {year} 年度报告尚未报送，报送截止日期为 {closes}（还剩 {days} 天）。请通过年度报告报送页面或国家企业信用信息公示系统报送，逾期未报将被列入经营异常名录。'

export const REPORT_FORMS = ['enterprise', 'individual', 'cooperative'] as const
export type ReportForm = (typeof REPORT_FORMS)[number]
export const REPORT_FORM_LABEL: Record<ReportForm, string> = {
  enterprise: '企业年度报告',
  individual: '个体工商户年度报告',
  cooperative: '农民专业合作社年度报告',
}
/** The register's entity kind → the form it files ('other' organisations file the enterprise form). */
export const FORM_OF_KIND: Record<string, ReportForm> = { enterprise: 'enterprise', individual: 'individual', cooperative: 'cooperative', other: 'enterprise' }

export const REPORT_SOURCES = ['liaison', 'import', 'demo'] as const
export type ReportSource = (typeof REPORT_SOURCES)[number]
export const REPORT_SOURCE_LABEL: Record<ReportSource, string> = { liaison: '联络员网上报送', import: '国家系统报送（导入）', demo: '演示数据' }

export const OPERATING_STATUSES = { operating: '开业', suspended: '歇业', liquidating: '清算' } as const
export type OperatingStatus = keyof typeof OPERATING_STATUSES

/** Liaison sessions and one-time codes: local settings, not legal rules. */
export const LIAISON = {
  /** How long an issued activation code stays valid. */
  codeHours: 72,
  /** Wrong codes before the code is void (a new one must be issued). */
  codeAttempts: 5,
  /** A liaison session's lifetime. */
  sessionMinutes: 120,
  /** Characters of the activation code (no 0/O, 1/I/L). */
  codeAlphabet: '23456789ABCDEFGHJKMNPQRSTUVWXYZ',
  codeLength: 8,
} as const
/** The header carrying the liaison session token (no cookie: the public pages need no CSRF token). */
export const LIAISON_HEADER = 'x-liaison-token'

/** Largest money amount accepted on a form: 1 trillion yuan in fen. */
export const MAX_FEN = 100_000_000_000_000
const YUAN_MAX_TEXT = '金额超出范围'

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最多 ${max} 字`)
const optText = (label: string, max: number) => z.string().trim().max(max, `${label}最多 ${max} 字`).optional()
const fen = (label: string) =>
  z
    .number({ error: `${label}应为数字（单位：分）` })
    .int(`${label}应为整数（单位：分）`)
    .min(-MAX_FEN, YUAN_MAX_TEXT)
    .max(MAX_FEN, YUAN_MAX_TEXT)
const count = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(10_000_000, `${label}超出范围`)
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
const list = <T extends z.ZodType>(item: T, label: string, max = 50) => z.array(item).max(max, `${label}最多 ${max} 项`).default([])

/** A phone number as people write it. */
export const Phone = z
  .string({ error: '请填写联系电话' })
  .trim()
  .min(5, '联系电话过短')
  .max(20, '联系电话最多 20 位')
  .regex(/^[0-9+\-() ]+$/, '联系电话只能包含数字、+、-、括号和空格')

/** 18 characters of GB 32100 (the check character is verified by the server against the register). */
export const Uscc = z
  .string({ error: '请填写统一社会信用代码' })
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码应为 18 位数字或大写字母'))

const Contact = z.object({
  address: text('通信地址', 200),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '邮政编码应为 6 位数字')
    .optional(),
  phone: Phone,
  email: z.string().trim().max(100, '电子邮箱最多 100 字').email('电子邮箱格式不正确').optional(),
})
const Website = z.object({
  kind: z.enum(['website', 'shop'], { error: '网站类型应为网站或网店' }),
  name: text('网站（网店）名称', 100),
  url: text('网址', 300),
})

/** Art 9 must-publish items, enterprise form. */
export const EnterprisePublic = z.object({
  contact: Contact,
  operatingStatus: z.enum(Object.keys(OPERATING_STATUSES) as [OperatingStatus, ...OperatingStatus[]], { error: '请选择经营状态' }),
  investments: list(z.object({ name: text('投资企业名称', 100), uscc: optText('统一社会信用代码', 18) }), '对外投资'),
  capital: list(
    z.object({
      shareholder: text('股东（发起人）', 100),
      subscribedFen: fen('认缴出资额'),
      subscribedOn: day.optional(),
      paidFen: fen('实缴出资额'),
      paidOn: day.optional(),
      method: optText('出资方式', 50),
    }),
    '股东出资',
    200,
  ),
  equityTransfers: list(
    z.object({ shareholder: text('股东', 100), beforePct: z.number().min(0).max(100), afterPct: z.number().min(0).max(100), changedOn: day }),
    '股权变更',
  ),
  websites: list(Website, '网站或网店'),
})
/** Art 9 optional items (published only when `publishOptional`). */
export const EnterpriseOptional = z.object({
  employees: count('从业人数').optional(),
  totalAssetsFen: fen('资产总额').optional(),
  liabilitiesFen: fen('负债总额').optional(),
  guaranteesFen: fen('对外提供保证担保').optional(),
  equityFen: fen('所有者权益合计').optional(),
  revenueFen: fen('营业总收入').optional(),
  mainRevenueFen: fen('主营业务收入').optional(),
  profitFen: fen('利润总额').optional(),
  netProfitFen: fen('净利润').optional(),
  taxFen: fen('纳税总额').optional(),
})
export const IndividualPublic = z.object({
  contact: Contact,
  operatingStatus: EnterprisePublic.shape.operatingStatus,
  websites: list(Website, '网站或网店'),
})
export const IndividualOptional = z.object({
  employees: count('从业人数').optional(),
  revenueFen: fen('营业额').optional(),
  taxFen: fen('纳税总额').optional(),
})
export const CooperativePublic = z.object({
  contact: Contact,
  operatingStatus: EnterprisePublic.shape.operatingStatus,
  members: count('成员人数'),
  websites: list(Website, '网站或网店'),
})
export const CooperativeOptional = z.object({
  revenueFen: fen('销售（营业）总收入').optional(),
  surplusFen: fen('盈余总额').optional(),
  subsidiesFen: fen('获得政府扶持资金、补助').optional(),
  loansFen: fen('金融贷款').optional(),
  taxFen: fen('纳税总额').optional(),
})

export const FORM_SCHEMAS = {
  enterprise: { public: EnterprisePublic, optional: EnterpriseOptional },
  individual: { public: IndividualPublic, optional: IndividualOptional },
  cooperative: { public: CooperativePublic, optional: CooperativeOptional },
} as const

/** The filing body: the form is the entity's (decided by the server), the parts are checked against it. */
export const FilingBody = z.object({
  reportYear: z.number({ error: '请选择报告年度' }).int('报告年度应为整数').min(2013, '报告年度过早').max(2100, '报告年度无效'),
  public: z.record(z.string(), z.unknown(), { error: '请填写公示信息' }),
  optional: z.record(z.string(), z.unknown()).default({}),
  publishOptional: z.boolean().default(false),
})
export type FilingBody = z.infer<typeof FilingBody>

export const LiaisonRegisterBody = z.object({ uscc: Uscc, name: text('联络员姓名', 30), phone: Phone })
export const LiaisonActivateBody = z.object({
  uscc: Uscc,
  phone: Phone,
  code: z
    .string({ error: '请填写激活码' })
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[0-9A-Z]{8}$/, '激活码应为 8 位字母或数字')),
})
