/**
 * Demo history of the 12315 centre of 焦作 (issue #4 point 9), deterministic for a given day:
 * receipt dates from 2019-07-01 continuously up to today (Beijing), so "近30天" dashboards are alive
 * on a fresh start. Items whose course reaches past today are still open, in the state their last
 * past event left them. From 2021 the daily volume is a twentieth of the 2019–2020 baseline (keeps the
 * load quick) until the last 60 days, which run at the full baseline.
 * Shaped like the seeds: a normal baseline of about 40 items a day, then
 * from 2020-01-24 (除夕) a surge to about 3× for seven weeks in which mask, disinfectant and
 * daily-necessity price items are over half of the volume (seed 000: 5,809 items in weeks, 952
 * complaints, 315 reports, 4,542 consultations), decaying through March. Outcomes and timings give
 * mediation success ≈ 96 % and on-time verification ≈ 97.5 % (seed 002: 96.9 %, 97.56 %).
 *
 * Due dates come from the rule catalogue and the calendar exactly as the service computes them;
 * complaints received before 2020-01-01 have no acceptance or mediation clock because Order 20
 * took effect then and its predecessor is not in the catalogue (never guessed).
 */
import { SYSTEM_ACTOR, systemCtx } from '../core/actor'
import { newId } from '../core/ids'
import type { Services } from '../app'
import { addWorkingDays, computeDeadline, type CalendarData } from '../modules/calendar'
import {
  createComplaintsRepo,
  fillRuleVersions,
  itemDefaults,
  legacyClockRows,
  withoutDueDates,
  maskedParty,
  partyRows,
  type BulkItem,
} from '../modules/complaints'
import { ORDER_121_EFFECTIVE_DATE, regimeFor, type RuleVersion } from '../modules/rules'
import { beijingDate } from '../shared/time'

export const HISTORY_FROM = '2019-07-01'
/** The end of the seeds' period: after it the history runs at a lower rate up to the last FULL_RATE_DAYS days. */
const SEED_PERIOD_END = '2020-12-31'
const FULL_RATE_DAYS = 60
const QUIET_RATE = 0.05
const SURGE_START = '2020-01-24'

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
type Rnd = () => number
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
function weighted<T extends string>(r: Rnd, w: Readonly<Partial<Record<T, number>>>): T {
  const entries = Object.entries(w) as Array<[T, number]>
  let x = r() * entries.reduce((s, [, v]) => s + v, 0)
  for (const [k, v] of entries) if ((x -= v) < 0) return k
  return entries[entries.length - 1]![0]
}
const DAY = 86_400_000
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
const dayDiff = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY)
/** A China-time instant on `day` at hh:mm, as ISO UTC. */
const at = (day: string, hh: number, mm: number) => new Date(Date.parse(`${day}T00:00:00+08:00`) + (hh * 60 + mm) * 60_000).toISOString()

/** Surge factor of a day: ramps to 3× within five days of 除夕, holds through February, decays through March. */
export function surgeFactor(day: string): number {
  const d = dayDiff(SURGE_START, day)
  if (d < 0) return 1
  if (d < 5) return 1 + (2 * (d + 1)) / 5
  if (d < 40) return 3
  if (d < 70) return 3 - (2 * (d - 40)) / 30
  return 1
}
const inSurge = (day: string) => surgeFactor(day) >= 2

// ---- vocabulary --------------------------------------------------------------------------------

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅飞鹏辉晓东海波宁慧颖琳雪梅建华春梅凤英文博浩然子涵一诺欣怡梓轩'
const STREETS = ['解放路', '民主路', '人民路', '塔南路', '丰收路', '建设路', '山阳路', '焦东路', '太行路', '迎宾路', '站前路', '和平街', '中原路', '文昌路']
const SHOP_PREFIX = [
  '惠民',
  '百姓',
  '康宁',
  '仁和',
  '鑫源',
  '万家',
  '金盾',
  '福瑞',
  '天润',
  '永安',
  '众信',
  '华联',
  '佳佳',
  '益康',
  '同仁',
  '兴旺',
  '顺发',
  '嘉禾',
]
const DISTRICTS: Record<string, { name: string; weight: number }> = {
  '410802': { name: '解放区', weight: 18 },
  '410803': { name: '中站区', weight: 7 },
  '410804': { name: '马村区', weight: 6 },
  '410811': { name: '山阳区', weight: 16 },
  '410821': { name: '修武县', weight: 7 },
  '410822': { name: '博爱县', weight: 8 },
  '410823': { name: '武陟县', weight: 11 },
  '410825': { name: '温县', weight: 8 },
  '410882': { name: '沁阳市', weight: 10 },
  '410883': { name: '孟州市', weight: 9 },
}

interface Topic {
  category: string
  product: string | null
  respondent: (r: Rnd) => string
  texts: Array<(v: Vars) => [summary: string, facts: string, request: string]>
}
interface Vars {
  shop: string
  street: string
  price: number
  times: number
  amount: number
  date: string
  district: string
}

const shop = (kind: string) => (r: Rnd) => `焦作市${pick(r, SHOP_PREFIX)}${kind}`
const TOPICS: Record<string, Topic> = {
  mask_price: {
    category: 'price',
    product: '0203',
    respondent: shop('大药房'),
    texts: [
      (v) => [
        `药店口罩价格过高`,
        `${v.date}在${v.district}${v.street}${v.shop}购买一次性医用口罩，每只售价${v.price}元，比平时贵了${v.times}倍，店员称进价上涨。怀疑商家哄抬价格。`,
        `要求查处哄抬口罩价格的行为，退还差价${v.amount}元`,
      ],
      (v) => [
        `口罩涨价且不明码标价`,
        `${v.shop}销售的口罩没有标价，结账时一包10只收费${v.price * 10}元，询问价格时店员态度恶劣。`,
        `要求商家明码标价并退还多收的钱`,
      ],
      (v) => [
        `N95口罩高价销售`,
        `在${v.street}一家药店看到N95口罩每只${v.price * 4}元，远高于正常价格，其他药店都买不到口罩。`,
        `请市场监管部门核查价格，打击囤积居奇`,
      ],
    ],
  },
  disinfectant_price: {
    category: 'price',
    product: '0204',
    respondent: shop('超市'),
    texts: [
      (v) => [
        `84消毒液价格翻倍`,
        `${v.date}在${v.shop}购买84消毒液，一瓶售价${v.price + 20}元，平时只要${v.price}元左右，涨了${v.times}倍。`,
        `要求退还差价，查处哄抬物价行为`,
      ],
      (v) => [`酒精消毒液涨价`, `${v.district}${v.street}的${v.shop}把75%酒精从每瓶十几元涨到${v.price + 40}元，还限购。`, `希望部门管一管消毒用品的价格`],
    ],
  },
  necessity_price: {
    category: 'price',
    product: '0102',
    respondent: shop('生鲜超市'),
    texts: [
      (v) => [`蔬菜价格上涨明显`, `疫情期间${v.shop}的白菜、土豆等蔬菜价格比上周涨了${v.times}倍，青菜每斤${v.price}元。`, `请求平抑菜价，查处乱涨价`],
      (v) => [
        `鸡蛋猪肉价格过高`,
        `${v.shop}鸡蛋每斤${v.price}元，猪肉每斤${v.price * 5}元，比附近菜市场贵很多，且价签与结算价格不一致。`,
        `要求核查价格欺诈并退还差价`,
      ],
    ],
  },
  mask_quality: {
    category: 'drug_device',
    product: '0203',
    respondent: shop('医疗器械店'),
    texts: [
      (v) => [
        `购买的口罩疑似假冒伪劣`,
        `在${v.shop}购买的“医用外科口罩”没有生产厂家和合格证，包装简陋，疑似三无产品。`,
        `要求退款并查处销售假冒伪劣口罩的行为`,
      ],
    ],
  },
  quality: {
    category: 'quality',
    product: '0303',
    respondent: shop('电器城'),
    texts: [
      (v) => [`空调质量问题拒绝维修`, `${v.date}在${v.shop}购买的空调使用不到一个月就不制冷，商家以人为损坏为由拒绝三包。`, `要求按三包规定更换或退货`],
      (v) => [`电动自行车电池鼓包`, `在${v.shop}购买的电动车电池半年就鼓包，续航只有十几公里，商家推给厂家。`, `要求更换电池，赔偿损失${v.amount}元`],
      (v) => [`手机屏幕质量问题`, `新买的手机屏幕出现绿线，${v.shop}称需要自费维修${v.amount}元。`, `要求免费更换新机`],
    ],
  },
  contract: {
    category: 'contract',
    product: '0605',
    respondent: shop('健身俱乐部'),
    texts: [
      (v) => [
        `健身房关门无法退卡`,
        `在${v.district}${v.street}的${v.shop}办理健身卡，交费${v.amount}元，现在健身房关门跑路，电话无人接听。`,
        `要求退还剩余预付卡费用`,
      ],
      (v) => [`美容院预付卡退费难`, `在${v.shop}充值会员卡${v.amount}元，只消费两次，现要求退卡被拒绝，还要扣除高额手续费。`, `要求退还预付款`],
      (v) => [`装修公司拖延工期`, `与${v.shop}签订装修合同，约定六十天完工，现已超期一个多月，装修质量也有问题。`, `要求按合同赔偿违约金${v.amount}元`],
    ],
  },
  online: {
    category: 'online_shopping',
    product: '0305',
    respondent: shop('电子商务有限公司'),
    texts: [
      (v) => [`网购商品与描述不符`, `在网店${v.shop}购买的蓝牙耳机与宣传图片不一致，申请退货被商家拒绝。`, `要求七天无理由退货并退款${v.amount}元`],
      (v) => [`直播带货商品质量差`, `通过直播间在${v.shop}购买的保健品，收到后发现是三无产品，客服不予理睬。`, `要求退款并查处虚假宣传`],
    ],
  },
  food: {
    category: 'food_safety',
    product: '0101',
    respondent: shop('餐饮店'),
    texts: [
      (v) => [`超市销售过期食品`, `${v.date}在${v.shop}购买的酸奶已经过期三天，喝后腹痛。`, `要求十倍赔偿${v.amount}元并查处`],
      (v) => [`外卖饭菜中有异物`, `在外卖平台点的${v.shop}米线中吃出异物，联系商家只同意退一半钱。`, `要求退款赔偿，检查后厨卫生`],
    ],
  },
  measure: {
    category: 'measurement',
    product: '0102',
    respondent: shop('农贸市场摊位'),
    texts: [(v) => [`菜市场短斤缺两`, `在${v.street}农贸市场${v.shop}买了两斤猪肉，回家称只有一斤六两，怀疑电子秤作弊。`, `要求查处缺斤短两并退还差价`]],
  },
  advertising: {
    category: 'advertising',
    product: '0105',
    respondent: shop('健康科技有限公司'),
    texts: [(v) => [`保健品虚假宣传`, `${v.shop}在社区讲座中宣传其保健品能治疗高血压、糖尿病，老人花费${v.amount}元购买。`, `要求退款并查处虚假广告`]],
  },
  service: {
    category: 'contract',
    product: '0607',
    respondent: shop('家电维修部'),
    texts: [(v) => [`家电维修乱收费`, `请${v.shop}上门维修洗衣机，只换了一个零件收费${v.amount}元，没有明码标价。`, `要求退还多收费用`]],
  },
  other: {
    category: 'other',
    product: null,
    respondent: shop('商贸有限公司'),
    texts: [(v) => [`经营者拒绝开具发票`, `在${v.shop}消费${v.amount}元，要求开具发票被拒绝。`, `要求商家依法开具发票`]],
  },
}
const CONSULT_TEXTS = [
  ['咨询口罩在哪里可以买到', '询问全市哪些药店有口罩销售，预约购买的方式。', '请告知口罩投放和预约方式'],
  ['咨询哄抬价格如何举报', '看到有商家高价卖消毒液，想知道怎样举报、需要哪些证据。', '请告知举报渠道'],
  ['咨询复工复产办理执照', '个体工商户想了解疫情期间营业执照能否网上办理。', '请告知办理流程'],
  ['咨询预付卡退费政策', '健身卡未到期商家停业，想了解能否退费。', '请告知维权途径'],
  ['咨询网购退货规定', '网购商品不满意，询问七天无理由退货的规定。', '请告知相关规定'],
  ['咨询食品经营许可证', '想开一家小吃店，咨询食品经营许可证如何办理。', '请告知办理条件'],
] as const

const BASE_TOPICS = {
  quality: 24,
  contract: 22,
  online: 16,
  food: 12,
  necessity_price: 5,
  mask_price: 1,
  disinfectant_price: 1,
  measure: 5,
  advertising: 5,
  service: 6,
  other: 6,
}
const SURGE_TOPICS = {
  mask_price: 30,
  disinfectant_price: 16,
  necessity_price: 14,
  mask_quality: 8,
  quality: 8,
  contract: 8,
  online: 6,
  food: 6,
  measure: 2,
  other: 2,
}

// ---- generation --------------------------------------------------------------------------------

interface Ctx {
  r: Rnd
  districts: Record<string, { name: string; weight: number }>
  cal: CalendarData
  rules: Map<string, RuleVersion | null>
  resolveRule(ruleId: string, day: string): RuleVersion | null
  stations: Map<string, string[]>
  bureaus: Map<string, string>
  centre: string
  seq: Map<string, number>
}

const wd = (c: Ctx, day: string, n: number) => addWorkingDays(c.cal, day, n).date
function due(c: Ctx, ruleId: string, received: string, start: string, extensions = 0): string | null {
  const rule = c.resolveRule(ruleId, received)
  if (!rule) return null
  const ext =
    rule.extension && extensions > 0
      ? Array.from({ length: extensions }, () => ({ length: rule.extension!.length, unit: rule.extension!.unit as 'WD' | 'CD' }))
      : []
  return computeDeadline(c.cal, { start, length: rule.length, unit: rule.unit, extensions: ext, asOf: start }).date
}

function person(r: Rnd) {
  const name = pick(r, [...SURNAMES]) + pick(r, [...GIVEN]) + (r() < 0.6 ? pick(r, [...GIVEN]) : '')
  const phone = `1${pick(r, ['38', '39', '37', '35', '58', '59', '86', '87'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`
  return { name, phone }
}

function itemNo(c: Ctx, type: string, day: string): string {
  const prefix = type === 'complaint' ? 'TS' : type === 'report' ? 'JB' : 'ZX'
  const key = `${prefix}${day}`
  const n = (c.seq.get(key) ?? 0) + 1
  c.seq.set(key, n)
  return `${prefix}${day.replace(/-/g, '')}${String(n).padStart(5, '0')}`
}

/** One historical item with its outcome, timeline and people. */
function makeItem(c: Ctx, day: string): BulkItem {
  const { r } = c
  const surge = inSurge(day)
  const type = weighted(r, surge ? { complaint: 16.4, report: 5.4, consultation: 78.2 } : { complaint: 44, report: 12, consultation: 44 })
  const divCode = weighted(r, Object.fromEntries(Object.entries(c.districts).map(([k, v]) => [k, v.weight])) as Record<string, number>)
  const stationList = c.stations.get(divCode)!
  const station = pick(r, stationList)
  const bureau = c.bureaus.get(divCode)!
  const vars: Vars = {
    shop: '',
    street: pick(r, STREETS),
    price: 2 + Math.floor(r() * 8),
    times: 2 + Math.floor(r() * 5),
    amount: 50 + Math.floor(r() * 30) * 20,
    date: `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`,
    district: DISTRICTS[divCode]!.name,
  }
  let topicKey: string
  let summary: string
  let facts: string
  let request: string
  let category: string
  let productCode: string | null
  let respondentName: string
  if (type === 'consultation') {
    const ct = surge ? pick(r, CONSULT_TEXTS.slice(0, 3)) : pick(r, CONSULT_TEXTS.slice(2))
    ;[summary, facts, request] = ct
    topicKey = 'consult'
    category = surge && r() < 0.6 ? 'price' : weighted(r, { other: 4, contract: 2, online_shopping: 2, food_safety: 1, unlicensed: 1 })
    productCode = category === 'price' ? pick(r, ['0203', '0204', '0102']) : null
    respondentName = '（咨询，无被投诉人）'
  } else {
    topicKey = weighted<string>(r, surge ? SURGE_TOPICS : BASE_TOPICS)
    const topic = TOPICS[topicKey]!
    respondentName = topic.respondent(r)
    vars.shop = respondentName.replace(/^焦作市/, '')
    ;[summary, facts, request] = pick(r, topic.texts)(vars)
    category = topic.category
    productCode = topic.product
  }
  const id = newId()
  const channel = weighted<string>(
    r,
    day >= '2019-08-31' ? { hotline: 55, national_platform: 30, counter: 8, web: 5, letter: 2 } : { hotline: 62, web: 26, counter: 10, letter: 2 },
  )
  const receivedAt = at(day, 8 + Math.floor(r() * 10), Math.floor(r() * 60))
  const anonymous = type === 'report' && r() < 0.3
  const p = person(r)
  const events: BulkItem['events'] = [
    {
      at: receivedAt,
      eventOn: day,
      kind: 'received',
      toState: 'received',
      unitId: c.centre,
      public: 1,
      publicText: '您的诉求已登记',
      actorName: '12315指挥中心',
    },
  ]
  const ev = (kind: string, on: string, from: string, to: string, unit = station, extra: Partial<BulkItem['events'][number]> = {}) =>
    events.push({
      at: at(on, 9 + Math.floor(r() * 8), Math.floor(r() * 60)),
      eventOn: on,
      kind,
      fromState: from,
      toState: to,
      unitId: unit,
      public: 1,
      actorName: '承办人',
      ...extra,
    })
  const dispatchOn = r() < 0.8 ? day : wd(c, day, 1)
  const item: Record<string, unknown> = {}
  let closedOn: string
  if (type === 'complaint') {
    ev('dispatch', dispatchOn, 'received', 'pending_acceptance', c.centre, { toUnitId: station })
    const acceptDueOn = due(c, 'complaint.accept', day, day)
    // About 2 % of decisions come after the 7 working days.
    const decidedOn = wd(c, day, r() < 0.02 ? 8 + Math.floor(r() * 3) : 1 + Math.floor(r() * 5))
    Object.assign(item, { acceptDueOn, acceptDecidedOn: decidedOn })
    if (r() < 0.03) {
      ev('reject', decidedOn, 'pending_acceptance', 'not_accepted')
      Object.assign(item, { accepted: 0, nonAcceptReason: pick(r, ['1', '3', '5']), outcome: 'not_accepted' })
      closedOn = decidedOn
      ev('close', closedOn, 'not_accepted', 'closed')
    } else {
      ev('accept', decidedOn, 'pending_acceptance', 'mediating')
      const mediationDueOn = due(c, 'complaint.mediation', day, decidedOn)
      const x = r()
      const outcome = x < 0.1 ? 'agreement_with_doc' : x < 0.7 ? 'agreement_no_doc' : x < 0.962 ? 'settled' : x < 0.98 ? 'withdrawn' : 'terminated'
      const endOn = wd(c, decidedOn, r() < 0.01 ? 46 + Math.floor(r() * 5) : 2 + Math.floor(r() * 25))
      Object.assign(item, { accepted: 1, mediationDueOn, outcome })
      if (outcome === 'terminated') {
        const noticeDue = due(c, 'complaint.termination_notice', day, endOn)
        const notified = wd(c, endOn, 1 + Math.floor(r() * 4))
        Object.assign(item, { terminatedOn: endOn, terminationGround: pick(r, ['3', '4']), terminationNoticeDueOn: noticeDue, terminationNotifiedOn: notified })
        ev('terminate', endOn, 'mediating', 'terminated')
        ev('notify_termination', notified, 'terminated', 'terminated')
        closedOn = notified
      } else {
        const success = outcome !== 'withdrawn'
        // Recovered losses: about ¥415 per successful mediation on average (seed 002: ¥4.024 M over 9,681).
        const recovered = success ? Math.round((40 + Math.exp(4.6 + r() * 2.2) + (r() < 0.03 ? 3000 + r() * 12000 : 0)) * 100) : 0
        Object.assign(item, {
          concludedOn: endOn,
          mediationDoc: outcome === 'agreement_with_doc' ? 1 : outcome === 'agreement_no_doc' ? 0 : null,
          recoveredFen: recovered,
          amountClaimedFen: Math.round(recovered * (1 + r())) || null,
        })
        ev('conclude', endOn, 'mediating', 'mediated', station, { note: null })
        closedOn = wd(c, endOn, r() < 0.5 ? 0 : 1)
      }
      ev('close', closedOn, outcome === 'terminated' ? 'terminated' : 'mediated', 'closed')
      Object.assign(item, { satisfaction: outcome === 'terminated' ? 2 + Math.floor(r() * 2) : r() < 0.85 ? 5 : 4, satisfactionAt: at(closedOn, 18, 0) })
    }
  } else if (type === 'report') {
    ev('dispatch', dispatchOn, 'received', 'verifying', c.centre, { toUnitId: station })
    const extended = r() < 0.04
    const verifyDueOn = due(c, 'report.verify', day, day, extended ? 1 : 0)
    // About 2.4 % of verifications come late (seed 002: on-time rate 97.56 %).
    const late = r() < 0.03
    const decidedOn = wd(c, day, extended ? 16 + Math.floor(r() * 8) : late ? 16 + Math.floor(r() * 5) : 3 + Math.floor(r() * 11))
    const lateFinal = late && !extended ? wd(c, day, 16 + Math.floor(r() * 5)) : decidedOn
    if (extended) ev('extend_verification', wd(c, day, 12), 'verifying', 'verifying')
    const filed = r() < (topicKey.endsWith('_price') ? 0.35 : 0.22)
    Object.assign(item, {
      verifyDueOn,
      verifyExtensions: extended ? 1 : 0,
      filingDecidedOn: lateFinal,
      outcome: filed ? 'filed' : 'not_filed',
      notFiledReason: filed ? null : pick(r, ['NO_VIOLATION', 'MINOR_CORRECTED', 'INSUFFICIENT_EVIDENCE']),
    })
    if (filed) Object.assign(item, { leadNo: `XS${day.slice(0, 4)}${String(Math.floor(r() * 1e5)).padStart(5, '0')}` })
    ev(filed ? 'file_case' : 'not_file', lateFinal, 'verifying', filed ? 'filed' : 'not_filed')
    if (!anonymous) {
      const notifyDue = due(c, 'report.notify_filing', day, lateFinal)
      const notified = wd(c, lateFinal, 1 + Math.floor(r() * 4))
      Object.assign(item, { reporterNotifyDueOn: notifyDue, reporterNotifiedOn: notified })
      ev('notify_reporter', notified, filed ? 'filed' : 'not_filed', filed ? 'filed' : 'not_filed')
      closedOn = notified
    } else closedOn = lateFinal
    ev('close', closedOn, filed ? 'filed' : 'not_filed', 'closed')
  } else {
    const answerDueOn = wd(c, day, 3)
    const answeredOn = r() < 0.97 ? (r() < 0.7 ? day : wd(c, day, 1 + Math.floor(r() * 2))) : wd(c, day, 4 + Math.floor(r() * 3))
    Object.assign(item, { answerDueOn, answeredOn, outcome: 'answered' })
    ev('answer', answeredOn, 'received', 'closed', c.centre)
    closedOn = answeredOn
  }
  const closedAt = at(closedOn, 17, Math.floor(r() * 60))
  return {
    item: {
      id,
      itemNo: itemNo(c, type, day),
      type,
      channel,
      regime: regimeFor(day),
      receivedAt,
      receivedOn: day,
      externalNo: channel === 'national_platform' ? `${day.replace(/-/g, '')}${Math.floor(r() * 1e8)}` : null,
      submissionId: id,
      intakeUnitId: c.centre,
      competentUnitId: type === 'consultation' ? null : bureau,
      handlingUnitId: type === 'consultation' ? c.centre : station,
      state: 'closed',
      category,
      productCode,
      summary,
      requestText: request,
      factsText: facts,
      respondentName,
      respondentAddress: type === 'consultation' ? null : `${DISTRICTS[divCode]!.name}${vars.street}${1 + Math.floor(r() * 300)}号`,
      respondentDivision: type === 'consultation' ? null : divCode,
      respondentKind: topicKey === 'online' ? 'platform_seller' : 'offline',
      anonymous: anonymous ? 1 : 0,
      closedOn,
      closedAt,
      feedbackAt: closedAt,
      createdAt: receivedAt,
      updatedAt: closedAt,
      ...item,
    } as BulkItem['item'],
    events,
    parties: anonymous
      ? []
      : [
          {
            role: type === 'complaint' ? 'complainant' : type === 'report' ? 'reporter' : 'consultant',
            name: p.name,
            phone: p.phone,
            address: `焦作市${DISTRICTS[divCode]!.name}${pick(r, STREETS)}${1 + Math.floor(r() * 200)}号`,
          },
        ],
  }
}

/** States in which an item has an outcome recorded. */
const OUTCOME_STATES = new Set(['not_accepted', 'mediated', 'terminated', 'filed', 'not_filed', 'closed'])

/**
 * The item as it stands at `now`: events after today are not yet, so the state is the last past
 * event's, and the dates, instants and results those events would have set are still empty (due
 * dates stay). Null when it is received later today than `now`.
 */
export function asOf(b: BulkItem, today: string, nowIso: string): BulkItem | null {
  const item = b.item as unknown as Record<string, unknown>
  if (String(item.receivedAt) > nowIso) return null
  const events = b.events.filter((e) => e.eventOn <= today && e.at <= nowIso)
  if (events.length === b.events.length) return b
  const last = events[events.length - 1]!
  const state = String(last.toState)
  const kinds = new Set(events.map((e) => e.kind))
  const out: Record<string, unknown> = { ...item, state, updatedAt: last.at }
  for (const [k, v] of Object.entries(out)) {
    if (typeof v !== 'string' || k.endsWith('DueOn') || k === 'receivedOn') continue
    if ((/On$/.test(k) && v > today) || (/At$/.test(k) && k !== 'receivedAt' && k !== 'createdAt' && v > nowIso)) out[k] = null
  }
  if (!OUTCOME_STATES.has(state)) Object.assign(out, { outcome: null })
  if (!kinds.has('accept') && !kinds.has('reject')) Object.assign(out, { accepted: null, acceptDecidedOn: null, nonAcceptReason: null })
  if (!kinds.has('conclude')) Object.assign(out, { concludedOn: null, mediationDoc: null, recoveredFen: 0, amountClaimedFen: null })
  if (!kinds.has('terminate')) Object.assign(out, { terminatedOn: null, terminationGround: null })
  if (!kinds.has('file_case') && !kinds.has('not_file')) Object.assign(out, { filingDecidedOn: null, notFiledReason: null, leadNo: null })
  if (!kinds.has('accept')) Object.assign(out, { mediationDueOn: null })
  if (!kinds.has('terminate')) Object.assign(out, { terminationNoticeDueOn: null })
  if (!kinds.has('file_case') && !kinds.has('not_file')) Object.assign(out, { reporterNotifyDueOn: null })
  // Not yet dispatched: still with the 12315 centre.
  if (!kinds.has('dispatch')) Object.assign(out, { handlingUnitId: item.intakeUnitId })
  if (state !== 'closed') Object.assign(out, { closedOn: null, closedAt: null, feedbackAt: null, satisfaction: null, satisfactionAt: null })
  return { ...b, item: out as unknown as BulkItem['item'], events }
}

const snake = (k: string) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)
const EVENT_DEFAULTS = {
  fromState: null,
  toState: null,
  unitId: null,
  toUnitId: null,
  actorId: null,
  actorName: null,
  public: 0,
  publicText: null,
  note: null,
  dataJson: null,
}

/**
 * Writes a batch of history items. SQLite: one prepared statement per table, run row by row in one
 * transaction (an order of magnitude faster than compiling multi-row INSERTs); the rows are built
 * with the complaints repository's own helpers (defaults, masked columns, party hashes), so they
 * are the rows `bulkInsert` would write. PostgreSQL: the repository's `bulkInsert`.
 */
export async function writeHistoryBatch(s: Services, items: BulkItem[], opts: { withPeople?: boolean } = {}): Promise<void> {
  const withPeople = opts.withPeople ?? true
  const sqlite = s.handle.sqlite
  if (!sqlite) {
    await s.deps.db
      .transaction()
      .execute((trx) => createComplaintsRepo().bulkInsert(trx, withPeople ? items : items.map((b) => ({ ...b, events: [], parties: [] }))))
    return
  }
  const now = new Date().toISOString()
  // The due dates an item carries become its matter_clock rows; the item row goes without them
  // (one column set per prepared statement: every row has the defaults' columns).
  const fullRows = items.map((b) => Object.assign(itemDefaults(), maskedParty(b.parties), b.item) as Record<string, unknown>)
  const clockRows = fullRows.flatMap((r) => legacyClockRows(r, now))
  const itemRows = fullRows.map((r) => withoutDueDates(r))
  await fillRuleVersions(s.deps.db, clockRows)
  const eventRows = withPeople ? items.flatMap((b) => b.events.map((e, i) => ({ ...EVENT_DEFAULTS, ...e, id: newId(), itemId: b.item.id, seq: i + 1 }))) : []
  const partyRowsAll = withPeople ? items.flatMap((b) => partyRows(b.item.id, b.parties, now) as Array<Record<string, unknown>>) : []
  const stmt = (table: string, cols: string[]) =>
    sqlite.prepare(`insert into ${table} (${cols.map(snake).join(', ')}) values (${cols.map(() => '?').join(', ')})`)
  const write = (table: string, rows: Array<Record<string, unknown>>) => {
    if (rows.length === 0) return
    const cols = Object.keys(rows[0]!)
    const st = stmt(table, cols)
    for (const r of rows) st.run(...cols.map((c) => (r[c] === undefined ? null : r[c])))
  }
  sqlite.transaction(() => {
    write('complaint_item', itemRows)
    write('complaint_event', eventRows)
    write('complaint_party', partyRowsAll)
    write('matter_clock', clockRows)
  })()
}

/** Items per day: about 40 on a weekday, fewer at weekends and over the Spring Festival, × the surge. */
function volumeOf(r: Rnd, day: string, scale: number, today: string): number {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay()
  if (day > SEED_PERIOD_END && dayDiff(day, today) >= FULL_RATE_DAYS) scale *= QUIET_RATE
  let base = dow === 0 || dow === 6 ? 26 : 42
  if (day.slice(5) === '03-15') base *= 1.6 // 3·15 consumer rights day
  if (day.slice(5) >= '11-11' && day.slice(5) <= '11-20') base *= 1.3 // online shopping festival returns
  const n = base * surgeFactor(day) * scale * (0.85 + r() * 0.3)
  // Rounded at random by the fraction, so a small daily rate (quiet years, small scales) still adds up.
  if (day > SEED_PERIOD_END) return Math.max(0, Math.floor(n) + (r() < n - Math.floor(n) ? 1 : 0))
  return Math.max(0, Math.round(n))
}

/**
 * Loads the history into a database that holds the demo city (loadDemoCity), then rebuilds the
 * analytics aggregates, adds the centre's standing alert rules and evaluates them over the surge.
 * `scale` multiplies the daily volume (1 ≈ 27,000 items). Returns the number of items.
 */
export async function loadComplaintsHistory(s: Services, opts: { scale?: number; log?: (line: string) => void } = {}): Promise<number> {
  const log = opts.log ?? (() => {})
  const scale = opts.scale ?? 1
  const t0 = Date.now()
  const units = await s.org.listAll()
  const byCode = new Map(units.map((u) => [u.code, u]))
  const centre = byCode.get('JZ-12315')
  if (!centre) throw new Error('演示机构未载入（缺少 JZ-12315）')
  const stations = new Map<string, string[]>()
  const bureaus = new Map<string, string>()
  for (const code of Object.keys(DISTRICTS)) {
    const b = byCode.get(`JZ-${code}`)
    if (!b) continue
    bureaus.set(code, b.id)
    stations.set(
      code,
      units.filter((u) => u.parentId === b.id && u.kind === 'station').map((u) => u.id),
    )
  }
  const districts = Object.fromEntries(Object.entries(DISTRICTS).filter(([k]) => (stations.get(k)?.length ?? 0) > 0))
  const cal = await s.calendar.calendar()
  const ruleCache = new Map<string, RuleVersion | null>()
  const c: Ctx = {
    r: mulberry32(20200124),
    districts,
    cal,
    rules: ruleCache,
    stations,
    bureaus,
    centre: centre.id,
    seq: new Map(),
    resolveRule: () => null,
  }
  // Rule versions by rule and period (the history spans the Order 20 start on 2020-01-01 and Order 121's on 2026-04-15).
  const probeOf = (day: string) => (day < '2020-01-01' ? '2019-07-01' : day < ORDER_121_EFFECTIVE_DATE ? '2020-01-01' : ORDER_121_EFFECTIVE_DATE)
  const versions = new Map<string, RuleVersion | null>()
  for (const ruleId of ['complaint.accept', 'complaint.mediation', 'complaint.termination_notice', 'report.verify', 'report.notify_filing']) {
    for (const probe of ['2019-07-01', '2020-01-01', ORDER_121_EFFECTIVE_DATE])
      versions.set(`${ruleId}@${probe}`, await s.rules.resolve(ruleId, probe).catch(() => null))
  }
  c.resolveRule = (ruleId, day) => versions.get(`${ruleId}@${probeOf(day)}`) ?? null

  let total = 0
  let batch: BulkItem[] = []
  let insertMs = 0
  const flush = async () => {
    if (batch.length === 0) return
    const b = batch
    batch = []
    const t1 = Date.now()
    await writeHistoryBatch(s, b)
    insertMs += Date.now() - t1
  }
  const now = s.deps.clock.now()
  const today = beijingDate(now)
  for (let day = HISTORY_FROM; day <= today; day = addDays(day, 1)) {
    const n = volumeOf(c.r, day, scale, today)
    for (let i = 0; i < n; i++) {
      const b = asOf(makeItem(c, day), today, now.toISOString())
      if (!b) continue
      batch.push(b)
      total++
    }
    if (batch.length >= 2000) await flush()
  }
  await flush()
  log(
    `已载入 12315 演示历史 ${total} 件（${HISTORY_FROM} 至 ${today}，${((Date.now() - t0) / 1000).toFixed(1)} 秒，其中写库 ${(insertMs / 1000).toFixed(1)} 秒）`,
  )

  const { analytics, alerts } = s.analytics
  await analytics.rebuildAggregates()
  const city = byCode.get('JZ')!
  const ctx = systemCtx('demo')
  const rules = [
    {
      name: '全市日登记量激增（≥前28日日均3倍）',
      kind: 'volume_spike' as const,
      unitId: city.id,
      params: { multiplier: 3, minItems: Math.max(5, Math.round(50 * scale)), types: [] },
      active: true,
    },
    {
      name: '价格类诉求占比超过50%',
      kind: 'category_share' as const,
      unitId: city.id,
      params: { sharePct: 50, category: 'price' as const, minItems: Math.max(5, Math.round(50 * scale)) },
      active: true,
    },
    {
      name: '口罩、消毒用品价格投诉举报',
      kind: 'monitored_product' as const,
      unitId: city.id,
      params: {
        productCodes: ['0203', '0204'] as Array<'0203' | '0204'>,
        keywords: ['口罩', '消毒液', '酒精'],
        categories: ['price' as const],
        minItems: Math.max(3, Math.round(20 * scale)),
      },
      active: true,
    },
  ]
  for (const rule of rules) await alerts.createRule({ ...ctx, actor: SYSTEM_ACTOR }, rule)
  let fired = 0
  for (let day = '2020-01-10'; day <= '2020-04-10'; day = addDays(day, 1)) fired += (await alerts.evaluate(day)).created
  log(`已建立 12315 统计汇总与 ${rules.length} 条预警规则，疫情期间触发预警 ${fired} 条（合计 ${((Date.now() - t0) / 1000).toFixed(1)} 秒）`)
  return total
}
