/**
 * The 12315 centre's vocabulary shared by server and web (投诉 complaint, 举报 report, 咨询
 * consultation): item types, channels, categories, product codes, respondent kinds, outcomes, pause
 * kinds, not-filed reasons, clock names and statuses, notice channels, identity documents,
 * attachment kinds, party roles, with their zh-CN names. The state machine is declared elsewhere.
 */

export const ITEM_TYPES = ['complaint', 'report', 'consultation'] as const
export type ItemType = (typeof ITEM_TYPES)[number]
export const ITEM_TYPE_LABEL: Record<ItemType, string> = { complaint: '投诉', report: '举报', consultation: '咨询' }
/** Item number prefixes: 投诉 TS, 举报 JB, 咨询 ZX. */
export const ITEM_NO_PREFIX: Record<ItemType, string> = { complaint: 'TS', report: 'JB', consultation: 'ZX' }

export const CHANNELS = ['hotline', 'web', 'counter', 'letter', 'national_platform'] as const
export type Channel = (typeof CHANNELS)[number]
export const CHANNEL_LABEL: Record<Channel, string> = {
  hotline: '12315热线',
  web: '网上投诉举报',
  counter: '窗口接待',
  letter: '来信',
  national_platform: '全国12315平台转办',
}

export type Regime = 'order20' | 'order121'
export const REGIME_LABEL: Record<Regime, string> = { order20: '总局令第20号', order121: '总局令第121号' }

/** Complaint categories (投诉举报分类). */
export const CATEGORIES = {
  price: '价格',
  quality: '质量',
  contract: '合同',
  food_safety: '食品安全',
  drug_device: '药品医疗器械',
  cosmetics: '化妆品',
  advertising: '广告',
  measurement: '计量',
  special_equipment: '特种设备',
  ip: '知识产权',
  online_shopping: '网络购物',
  unfair_competition: '不正当竞争',
  unlicensed: '无照经营',
  other: '其他',
} as const
export type Category = keyof typeof CATEGORIES

/** A small built-in product/service classification (商品和服务分类, after the 12315 code list). */
export const PRODUCT_CODES = {
  '01': '食品',
  '0101': '粮油及制品',
  '0102': '肉禽蛋及制品',
  '0103': '乳制品',
  '0104': '酒类与饮料',
  '0105': '保健食品',
  '02': '药品及医疗器械',
  '0201': '药品',
  '0202': '医疗器械',
  '0203': '口罩及防护用品',
  '0204': '消毒用品',
  '03': '日用品',
  '0301': '服装鞋帽',
  '0302': '化妆品',
  '0303': '家用电器',
  '0304': '家具',
  '0305': '通讯及电子产品',
  '04': '交通工具',
  '0401': '汽车及配件',
  '0402': '电动自行车',
  '05': '房屋及装修建材',
  '06': '服务',
  '0601': '餐饮住宿服务',
  '0602': '美容美发服务',
  '0603': '教育培训服务',
  '0604': '电信及互联网服务',
  '0605': '预付卡消费',
  '0606': '旅游服务',
  '0607': '维修服务',
  '0608': '物业服务',
  '0609': '快递物流服务',
  '0610': '文化娱乐体育服务',
  '99': '其他',
} as const
export type ProductCode = keyof typeof PRODUCT_CODES

/** How the respondent trades, for jurisdiction (RULES.md §1.2). */
export const RESPONDENT_KINDS = ['offline', 'platform', 'own_site', 'platform_seller'] as const
export type RespondentKind = (typeof RESPONDENT_KINDS)[number]
export const RESPONDENT_KIND_LABEL: Record<RespondentKind, string> = {
  offline: '线下经营者',
  platform: '电子商务平台经营者',
  own_site: '自建网站经营者',
  platform_seller: '平台内经营者',
}

/** How a decision or result reached a person (notification, feedback). */
export const NOTIFY_CHANNELS = ['phone', 'sms', 'mail', 'in_person', 'platform'] as const
/** Identity documents a person may give. */
export const ID_TYPES = ['resident_id', 'passport', 'other'] as const
/** What an attachment is. */
export const ATTACHMENT_KINDS = ['evidence', 'power_of_attorney', 'other'] as const
/** The roles of an item's persons (complaint_party.role). */
export const PARTY_ROLES = ['complainant', 'reporter', 'consultant', 'agent'] as const
export type PartyRole = (typeof PARTY_ROLES)[number]

export const MEDIATION_OUTCOMES = ['agreement_with_doc', 'agreement_no_doc', 'settled', 'withdrawn'] as const
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number]
/** Every value of complaint_item.outcome. */
export const OUTCOME_LABEL = {
  agreement_with_doc: '达成调解协议（制作调解书）',
  agreement_no_doc: '达成调解协议（未制作调解书）',
  settled: '双方自行和解',
  withdrawn: '投诉人撤回投诉',
  terminated: '终止调解',
  not_accepted: '不予受理',
  filed: '立案',
  not_filed: '不予立案',
  answered: '已答复',
  no_jurisdiction: '已告知向有权部门举报',
  merged: '已合并',
} as const
export type Outcome = keyof typeof OUTCOME_LABEL
/** Outcomes counted as "mediated successfully" (调解成功) in statistics. */
export const SUCCESSFUL_MEDIATION: readonly Outcome[] = ['agreement_with_doc', 'agreement_no_doc', 'settled']

export const PAUSE_KINDS = { testing: '检定、检验、检测、鉴定', avoidance: '回避申请待决定' } as const
export type PauseKind = keyof typeof PAUSE_KINDS

/** Reasons a report is not filed (不予立案): Penalty Procedure Provisions Art 20-style grounds. */
export const NOT_FILED_REASONS = {
  NO_VIOLATION: '经核查，违法事实不成立',
  MINOR_CORRECTED: '违法行为轻微并及时改正，没有造成危害后果',
  INSUFFICIENT_EVIDENCE: '证据不足，无法核实',
  OUT_OF_JURISDICTION: '不属于本部门管辖',
  TIME_BARRED: '超过行政处罚追责时效',
  OTHER: '其他不予立案情形',
} as const
export type NotFiledReason = keyof typeof NOT_FILED_REASONS

// Clocks (RULES.md §9.3)
export const CLOCK_KINDS = ['accept', 'mediation', 'termination_notice', 'verify', 'reporter_notice', 'answer', 'dispute'] as const
export type ClockKind = (typeof CLOCK_KINDS)[number]
export const CLOCK_LABEL: Record<ClockKind, string> = {
  accept: '受理决定期限',
  mediation: '调解期限',
  termination_notice: '终止调解告知期限',
  verify: '核查并决定是否立案期限',
  reporter_notice: '告知实名举报人期限',
  answer: '咨询答复目标',
  dispute: '管辖争议协商期限',
}

export type ClockStatus = 'on_time' | 'due_soon' | 'overdue' | 'done' | 'done_late'
export const CLOCK_STATUS_LABEL: Record<ClockStatus, string> = {
  on_time: '正常',
  due_soon: '即将到期',
  overdue: '已超期',
  done: '按期完成',
  done_late: '超期完成',
}

/** zh-CN names of the party roles. */
export const PARTY_ROLE_LABEL: Record<PartyRole, string> = { complainant: '投诉人', reporter: '举报人', consultant: '咨询人', agent: '代理人' }
/** How a decision reached a person (告知方式). */
export const NOTIFY_CHANNEL_LABEL: Record<(typeof NOTIFY_CHANNELS)[number], string> = {
  phone: '电话',
  sms: '短信',
  mail: '邮寄',
  in_person: '当面',
  platform: '平台消息',
}
export const ID_TYPE_LABEL: Record<(typeof ID_TYPES)[number], string> = { resident_id: '居民身份证', passport: '护照', other: '其他证件' }
export const ATTACHMENT_KIND_LABEL: Record<(typeof ATTACHMENT_KINDS)[number], string> = { evidence: '证据材料', power_of_attorney: '授权委托书', other: '其他' }
/** The clock of a queue row: a clock status, or none when the item has no running deadline. */
export type QueueClock = 'on_time' | 'due_soon' | 'overdue' | 'none'
export const QUEUE_CLOCK_LABEL: Record<QueueClock, string> = {
  on_time: CLOCK_STATUS_LABEL.on_time,
  due_soon: CLOCK_STATUS_LABEL.due_soon,
  overdue: CLOCK_STATUS_LABEL.overdue,
  none: '无期限',
}
