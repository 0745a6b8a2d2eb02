/**
 * The double-random inspections' vocabulary shared by server and web: business lines, results (with
 * whether each is a problem and its follow-up), target outcomes, conflict kinds, strata and default
 * ratios. Task states are declared with the task workflow, not here.
 */

/** Business lines (业务条线) an item belongs to and an inspector is qualified for. */
export const BUSINESS_LINES = {
  registration: '登记注册与信息公示',
  food: '食品安全',
  product_quality: '产品质量',
  special_equipment: '特种设备',
  measurement: '计量',
  standards: '标准化与认证认可',
  price: '价格监督',
  advertising: '广告监管',
  competition: '反不正当竞争',
  drugs: '药品医疗器械',
  consumer: '消费者权益保护',
} as const
export type BusinessLine = keyof typeof BUSINESS_LINES
export const BUSINESS_LINE_CODES = Object.keys(BUSINESS_LINES) as [BusinessLine, ...BusinessLine[]]

/** What an inspector's visit may find; `followUp` says what the platform does about it. */
export const RESULT_OPTIONS = {
  no_problem: { label: '未发现问题', problem: false, followUp: 'none' },
  no_activity: { label: '未发现开展本次抽查涉及的经营活动', problem: false, followUp: 'none' },
  corrected: { label: '发现问题已责令改正', problem: true, followUp: 'lead' },
  pending_followup: { label: '发现问题待后续处理', problem: true, followUp: 'lead' },
  not_publicised: { label: '未按规定公示应当公示的信息', problem: true, followUp: 'abnormal' },
  false_publicity: { label: '公示信息隐瞒真实情况、弄虚作假', problem: true, followUp: 'lead_and_abnormal' },
  unreachable: { label: '通过登记的住所（经营场所）无法联系', problem: true, followUp: 'abnormal' },
  refused: { label: '不配合检查情节严重', problem: true, followUp: 'lead' },
} as const
export type ResultCode = keyof typeof RESULT_OPTIONS
export const RESULT_CODES = Object.keys(RESULT_OPTIONS) as [ResultCode, ...ResultCode[]]

export const OUTCOME_LABEL: Record<string, string> = {
  no_problem: '未发现问题',
  problem: '发现问题',
  unreachable: '通过登记的住所（经营场所）无法联系',
  no_activity: '未发现开展相关经营活动',
}

/** Kinds of declared conflict of interest (利害关系). */
export const CONFLICT_KINDS = { relative: '近亲属关系', former_employer: '曾任职单位', recent_inspection: '近期检查过该主体', other: '其他利害关系' } as const
export type ConflictKind = keyof typeof CONFLICT_KINDS

/** Strata: the credit-risk classes, plus 'N' for entities not yet classified. */
export const STRATA = ['A', 'B', 'C', 'D', 'N'] as const
export type Stratum = (typeof STRATA)[number]
export const STRATUM_LABEL: Record<Stratum, string> = { A: 'A 类（低风险）', B: 'B 类（一般风险）', C: 'C 类（较高风险）', D: 'D 类（高风险）', N: '未分类' }

/**
 * Default ratios per risk class (差异化抽查): A 1 %, B 4 %, C 8 %, D 100 % (Henan 2020 style, RULES.md
 * §4); unclassified entities as B. Every plan or task may override them.
 */
export const DEFAULT_RATIOS: Record<Stratum, number> = { A: 0.01, B: 0.04, C: 0.08, D: 1, N: 0.04 }
