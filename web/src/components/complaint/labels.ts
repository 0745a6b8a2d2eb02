/**
 * zh-CN labels of the 12315 vocabulary for forms and filters (the server also sends labels with
 * every item: typeLabel, stateLabel, …). States, actions, final states and who may act come from the
 * declarations in src/shared/complaints/workflow.ts; the rest is mirrored from
 * src/modules/complaints/complaints.domain.ts and held equal by
 * src/modules/complaints/web-mirror.unit.test.ts (values) and `npm run typecheck` (the unions).
 */
import { ACTION_DEFS, ACTIONS, STATE_LABEL } from '../../../../src/shared/complaints/workflow'
import type { Action, Channel, ClockStatus, ItemType, QueueClock, RespondentKind, State } from './types'

export const TYPE_LABEL: Record<ItemType, string> = { complaint: '投诉', report: '举报', consultation: '咨询' }
export const TYPE_COLOR: Record<ItemType, string> = { complaint: 'blue', report: 'purple', consultation: 'cyan' }
export const TYPE_OPTIONS = (Object.keys(TYPE_LABEL) as ItemType[]).map((value) => ({ value, label: TYPE_LABEL[value] }))

export const CHANNEL_LABEL: Record<Channel, string> = { hotline: '12315热线', web: '网上投诉举报', counter: '窗口接待', letter: '来信', national_platform: '全国12315平台转办' }
export const CHANNEL_OPTIONS = (Object.keys(CHANNEL_LABEL) as Channel[]).map((value) => ({ value, label: CHANNEL_LABEL[value] }))
/** Channels a staff member registers (web items come from the public portal only). */
export const INTAKE_CHANNEL_OPTIONS = CHANNEL_OPTIONS.filter((o) => o.value !== 'web')

export const CATEGORIES: Record<string, string> = {
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
}
export const CATEGORY_OPTIONS = Object.entries(CATEGORIES).map(([value, label]) => ({ value, label }))

export const PRODUCT_CODES: Record<string, string> = {
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
}
/** Product classification as a two-level tree for a TreeSelect (searchable by code or name). */
export const PRODUCT_TREE = Object.entries(PRODUCT_CODES)
  .filter(([code]) => code.length === 2)
  .map(([code, label]) => {
    const children = Object.entries(PRODUCT_CODES)
      .filter(([c]) => c.length === 4 && c.startsWith(code))
      .map(([c, l]) => ({ value: c, title: `${c} ${l}` }))
    return { value: code, title: `${code} ${label}`, children: children.length ? children : undefined }
  })
export const productLabel = (code: string | null | undefined) => (code ? `${PRODUCT_CODES[code] ?? code}` : '—')

/** State and action words, final states and who may act: from the 12315 declarations (server and web alike). */
export { ACTION_LABEL, FINAL_STATES, STATE_LABEL } from '../../../../src/shared/complaints/workflow'
export const STATE_COLOR: Partial<Record<State, string>> = {
  received: 'gold',
  returned: 'orange',
  disputed: 'magenta',
  pending_acceptance: 'blue',
  not_accepted: 'default',
  mediating: 'processing',
  mediation_paused: 'warning',
  mediated: 'cyan',
  terminated: 'volcano',
  verifying: 'processing',
  filed: 'purple',
  not_filed: 'default',
  answering: 'processing',
  follow_up: 'geekblue',
  closed: 'success',
  merged: 'default',
}
export const STATE_OPTIONS = (Object.keys(STATE_LABEL) as State[]).map((value) => ({ value, label: STATE_LABEL[value] }))

/** The main step of each state first (primary button), the rest after it. */
export const PRIMARY_ACTION: Partial<Record<State, Action>> = {
  received: 'dispatch',
  returned: 'dispatch',
  disputed: 'resolve_dispute',
  pending_acceptance: 'accept',
  not_accepted: 'close',
  mediating: 'conclude',
  mediation_paused: 'resume',
  mediated: 'follow_up',
  terminated: 'notify_termination',
  follow_up: 'close',
  verifying: 'file_case',
  filed: 'notify_reporter',
  not_filed: 'notify_reporter',
  answering: 'answer',
}
/** Actions that end or turn away an item (declared `danger`): shown as danger buttons. */
export const DANGER_ACTIONS: readonly Action[] = ACTIONS.filter((a) => ACTION_DEFS[a].danger)

export const CLOCK_META: Record<ClockStatus | QueueClock, { label: string; color: string; hex: string }> = {
  on_time: { label: '正常', color: 'green', hex: '#389e0d' },
  due_soon: { label: '即将到期', color: 'orange', hex: '#d46b08' },
  overdue: { label: '已超期', color: 'red', hex: '#cf1322' },
  done: { label: '按期完成', color: 'default', hex: '#595959' },
  done_late: { label: '超期完成', color: 'volcano', hex: '#d4380d' },
  none: { label: '无期限', color: 'default', hex: '#8c8c8c' },
}
export const CLOCK_FILTER_OPTIONS = [
  { value: 'overdue', label: '已超期' },
  { value: 'due_soon', label: '即将到期' },
  { value: 'on_time', label: '正常' },
]

export const RESPONDENT_KIND_OPTIONS: { value: RespondentKind; label: string }[] = [
  { value: 'offline', label: '线下经营者' },
  { value: 'platform_seller', label: '平台内经营者' },
  { value: 'platform', label: '电子商务平台经营者' },
  { value: 'own_site', label: '自建网站经营者' },
]
export const respondentKindLabel = (k: string) => RESPONDENT_KIND_OPTIONS.find((o) => o.value === k)?.label ?? k

export const MEDIATION_OUTCOME_OPTIONS = [
  { value: 'agreement_with_doc', label: '达成调解协议（制作调解书）' },
  { value: 'agreement_no_doc', label: '达成调解协议（未制作调解书）' },
  { value: 'settled', label: '双方自行和解' },
  { value: 'withdrawn', label: '投诉人撤回投诉' },
]
export const PAUSE_KIND_OPTIONS = [
  { value: 'testing', label: '检定、检验、检测、鉴定' },
  { value: 'avoidance', label: '回避申请待决定' },
]
export const NOTIFY_CHANNEL_OPTIONS = [
  { value: 'phone', label: '电话' },
  { value: 'sms', label: '短信' },
  { value: 'mail', label: '邮寄' },
  { value: 'in_person', label: '当面' },
  { value: 'platform', label: '平台消息' },
]
export const notifyChannelLabel = (c: unknown) => NOTIFY_CHANNEL_OPTIONS.find((o) => o.value === c)?.label ?? String(c ?? '')
export const ID_TYPE_OPTIONS = [
  { value: 'resident_id', label: '居民身份证' },
  { value: 'passport', label: '护照' },
  { value: 'other', label: '其他证件' },
]
export const PERSON_ROLE_LABEL: Record<string, string> = { complainant: '投诉人', reporter: '举报人', consultant: '咨询人', agent: '代理人' }
export const ATTACHMENT_KIND_OPTIONS = [
  { value: 'evidence', label: '证据材料' },
  { value: 'power_of_attorney', label: '授权委托书' },
  { value: 'other', label: '其他' },
]
export const attachmentKindLabel = (k: string) => ATTACHMENT_KIND_OPTIONS.find((o) => o.value === k)?.label ?? k

/** Bounds shared with the server (complaints.schema.ts LIMITS). */
export const LIMITS = { summary: 200, request: 2000, facts: 5000, note: 2000, name: 50, address: 200, persons: 20, attachmentBytes: 5 * 1024 * 1024, attachmentsPerItem: 20, portalFacts: 3000, portalAttachments: 4, portalAttachmentBytes: 3 * 1024 * 1024 }

/** Fen shown as yuan: 12050 → "120.50". */
export function fenToYuan(fen: number | null | undefined): string {
  const f = Number(fen ?? 0)
  const sign = f < 0 ? '-' : ''
  const a = Math.abs(f)
  return `${sign}${Math.floor(a / 100).toLocaleString('zh-CN')}.${String(a % 100).padStart(2, '0')}`
}
/** Yuan typed by a person (up to 2 decimals) as integer fen, without float drift: 120.5 → 12050. */
export function yuanToFen(yuan: number | string | null | undefined): number {
  if (yuan === null || yuan === undefined || yuan === '') return 0
  const s = typeof yuan === 'number' ? yuan.toFixed(2) : yuan.trim()
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return Math.round(Number(s) * 100)
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
