/**
 * The 12315 analytics vocabulary shared by server and web: the measures of the statistics table
 * (names, short headers, kinds, definitions) and the kinds of alert rule.
 */

/** The measures a statistics row carries (the server's Measures type has each of them). */
export type MeasureKey =
  | 'received'
  | 'accepted'
  | 'notAccepted'
  | 'mediatedOk'
  | 'mediationEnded'
  | 'mediationSuccessRate'
  | 'recoveredFen'
  | 'recoveredYuan'
  | 'acceptDue'
  | 'acceptOnTime'
  | 'onTimeAcceptanceRate'
  | 'verifyDue'
  | 'verifyOnTime'
  | 'onTimeVerificationRate'
  | 'closed'
  | 'avgHandlingDays'
  | 'overdue'

export type MeasureKind = 'count' | 'rate' | 'yuan' | 'days'

export interface MeasureColumn {
  key: MeasureKey
  label: string
  /** Shorter header for narrow tables. */
  short: string
  kind: MeasureKind
  definition: string
  /** For rates: the numerator and denominator shown in the cell's tooltip. */
  parts?: [MeasureKey, MeasureKey]
}

/** The measures of the statistics table and exports, in display order, with their definitions (统计口径, src/modules/analytics/README.md). */
export const MEASURE_COLUMNS: readonly MeasureColumn[] = [
  {
    key: 'received',
    label: '登记量',
    short: '登记',
    kind: 'count',
    definition: '期间内登记的投诉、举报、咨询件数（按登记日期归期，按当前办理单位归属，含下级单位；已合并的件不计）。',
  },
  { key: 'accepted', label: '受理', short: '受理', kind: 'count', definition: '作出受理决定的投诉件数。' },
  { key: 'notAccepted', label: '不予受理', short: '不予受理', kind: 'count', definition: '作出不予受理决定的投诉件数。' },
  { key: 'mediatedOk', label: '调解成功', short: '调解成功', kind: 'count', definition: '调解达成协议（含制作调解书）或双方自行和解的投诉件数。' },
  {
    key: 'mediationSuccessRate',
    label: '调解成功率',
    short: '调解成功率',
    kind: 'rate',
    parts: ['mediatedOk', 'mediationEnded'],
    definition: '调解成功 ÷ 调解已结束的受理投诉（达成协议、和解、撤回或终止调解）。调解中的件不计入分母，全部结束后分母即受理投诉数。',
  },
  { key: 'recoveredFen', label: '挽回经济损失（元）', short: '挽回损失（元）', kind: 'yuan', definition: '期间内登记的件累计为消费者挽回的经济损失（元）。' },
  {
    key: 'onTimeAcceptanceRate',
    label: '按时受理率',
    short: '按时受理率',
    kind: 'rate',
    parts: ['acceptOnTime', 'acceptDue'],
    definition:
      '在受理期限内（含到期当日）作出受理或不予受理决定的投诉 ÷（已作出决定的投诉 + 截至统计日已过受理期限仍未决定的投诉）。无适用期限规则的投诉（如 2020 年以前登记）不计入。',
  },
  {
    key: 'onTimeVerificationRate',
    label: '按时核查率',
    short: '按时核查率',
    kind: 'rate',
    parts: ['verifyOnTime', 'verifyDue'],
    definition:
      '在核查期限内（含批准延长）完成核查并作出立案与否决定（或因无管辖权等办结）的举报 ÷（已完成核查的举报 + 截至统计日已过核查期限仍未完成的举报）。',
  },
  {
    key: 'avgHandlingDays',
    label: '平均办理时长（天）',
    short: '平均时长（天）',
    kind: 'days',
    definition: '已办结件从登记到办结的自然日数之和 ÷ 已办结件数。',
  },
  {
    key: 'overdue',
    label: '超期件数',
    short: '超期',
    kind: 'count',
    definition:
      '任一期限（受理、调解、终止告知、核查、告知举报人、咨询答复）逾期完成的件，加上截至统计日仍未办结且已过下一到期日的件（每件只计一次；到期当日仍为按时）。',
  },
]

export const ALERT_KINDS = ['volume_spike', 'category_share', 'term_share', 'monitored_product'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]
export const ALERT_KIND_LABEL: Record<AlertKind, string> = {
  volume_spike: '日登记量激增',
  category_share: '单一分类占比过高',
  term_share: '单一热词占比过高',
  monitored_product: '重点监测商品价格投诉',
}
