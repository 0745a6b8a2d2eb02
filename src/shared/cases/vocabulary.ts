/**
 * Enforcement case files (行政处罚案件): the words of the case module, shared by the server
 * (src/modules/cases) and the web (我的案件, 案件详情). Pure data and pure money arithmetic.
 */

/** Case types (案件类型): a configurable list; the bureau may add codes here. */
export const CASE_TYPES = {
  price: '价格',
  quality: '假冒伪劣与产品质量',
  food: '食品安全',
  drug_device: '药品医疗器械',
  advertising: '广告',
  online: '网络交易',
  ip: '知识产权',
  competition: '不正当竞争',
  special_equipment: '特种设备',
  metrology: '计量',
  registration: '登记注册',
  other: '其他',
} as const
export type CaseType = keyof typeof CASE_TYPES
export const CASE_TYPE_CODES = Object.keys(CASE_TYPES) as CaseType[]

/** Party kinds (当事人): an entity from the register, or a natural person (identity masked by default). */
export const PARTY_KINDS = { entity: '经营主体', person: '自然人' } as const
export type PartyKind = keyof typeof PARTY_KINDS

/** Penalty types of Penalty Law Art 9 that a market-supervision bureau imposes (no detention). */
export const PENALTY_TYPES = {
  warning: '警告',
  criticism: '通报批评',
  fine: '罚款',
  confiscate_gains: '没收违法所得',
  confiscate_goods: '没收非法财物',
  suspend_licence: '暂扣许可证件',
  lower_grade: '降低资质等级',
  revoke_licence: '吊销许可证件',
  restrict_business: '限制开展生产经营活动',
  suspend_business: '责令停产停业',
  close: '责令关闭',
  restrict_employment: '限制从业',
} as const
export type PenaltyType = keyof typeof PENALTY_TYPES
export const PENALTY_TYPE_CODES = Object.keys(PENALTY_TYPES) as PenaltyType[]

/** Closure grounds (结案事由, RULES.md §11.3 — UNCONFIRMED wording, an enumeration as the design says). */
export const CLOSURE_REASONS = {
  performed: '行政处罚决定已履行或者已执行',
  court_terminated: '人民法院裁定终结执行',
  terminated: '案件终止调查',
  no_penalty: '作出不予行政处罚、移送等决定',
  other: '其他应予结案的情形',
} as const
export type ClosureReason = keyof typeof CLOSURE_REASONS

/** Service methods (送达方式, RULES.md §11.2: 7 methods; electronic needs the party's consent). */
export const SERVICE_METHODS = {
  direct: '直接送达',
  left: '留置送达',
  electronic: '电子送达',
  post: '邮寄送达',
  entrusted: '委托送达',
  forwarded: '转交送达',
  notice: '公告送达',
} as const
export type ServiceMethod = keyof typeof SERVICE_METHODS

/** Evidence kinds (证据种类, Administrative Litigation Law Art 33). */
export const EVIDENCE_KINDS = {
  documentary: '书证',
  physical: '物证',
  audio_video: '视听资料',
  electronic: '电子数据',
  witness: '证人证言',
  statement: '当事人的陈述',
  expert: '鉴定意见',
  record: '勘验笔录、现场笔录',
} as const
export type EvidenceKind = keyof typeof EVIDENCE_KINDS

/** Disposal of seized goods (涉案物品处理). */
export const DISPOSALS = { held: '在押', returned: '解除并退还', confiscated: '没收', destroyed: '销毁', transferred: '移送' } as const
export type Disposal = keyof typeof DISPOSALS

/** Payment kinds (罚没款缴纳). */
export const PAYMENT_KINDS = { fine: '罚款', gains: '没收违法所得', surcharge: '加处罚款' } as const
export type PaymentKind = keyof typeof PAYMENT_KINDS

export const CASE_LIMITS = {
  text: 4000,
  short: 200,
  /** ≥ 2 certified officers (Penalty Law Art 42). */
  officersMin: 2,
  officersMax: 6,
  /** One amount may not exceed CNY 100 million (10^10 fen): a typo guard, not a legal maximum. */
  amountMaxFen: 10_000_000_000,
} as const

/** Yuan text of an amount in fen (presentation only): 150000 → "1,500.00". */
export function yuan(fen: number): string {
  const neg = fen < 0
  const abs = Math.abs(Math.trunc(fen))
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${neg ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * Grounds of a decision not to penalise (不予行政处罚决定书, catalogue No. 46). RULES.md names the
 * limitation period (Penalty Law Art 36, PRIMARY); the other grounds are the Penalty Law's Arts 30,
 * 31 and 33 as we read them — not yet in RULES.md, so flagged for legal review (UNCONFIRMED). The
 * first-offence ground (首违不罚) applies to the items of the provincial/SAMR list of minor
 * violations (the list is the bureau's to configure).
 */
export const NO_PENALTY_GROUNDS = {
  minor_corrected: { label: '违法行为轻微并及时改正，没有造成危害后果', basis: '《中华人民共和国行政处罚法》第三十三条第一款', source: 'UNCONFIRMED' },
  first_offence: {
    label: '初次违法且危害后果轻微并及时改正（首违不罚清单事项）',
    basis: '《中华人民共和国行政处罚法》第三十三条第一款',
    source: 'UNCONFIRMED',
  },
  no_fault: { label: '当事人有证据足以证明没有主观过错', basis: '《中华人民共和国行政处罚法》第三十三条第二款', source: 'UNCONFIRMED' },
  limitation: { label: '违法行为在二年（五年）内未被发现，超过追责时效', basis: '《中华人民共和国行政处罚法》第三十六条', source: 'PRIMARY' },
  minor_age: { label: '不满十四周岁的未成年人有违法行为', basis: '《中华人民共和国行政处罚法》第三十条', source: 'UNCONFIRMED' },
  mental_illness: {
    label: '精神病人、智力残疾人在不能辨认或者控制自己行为时有违法行为',
    basis: '《中华人民共和国行政处罚法》第三十一条',
    source: 'UNCONFIRMED',
  },
  not_established: { label: '违法事实不能成立', basis: '《市场监督管理行政处罚程序规定》', source: 'UNCONFIRMED' },
} as const
export type NoPenaltyGround = keyof typeof NO_PENALTY_GROUNDS
