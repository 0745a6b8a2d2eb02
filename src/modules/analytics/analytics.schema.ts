import { z } from 'zod'
import { dateParam, periodRefine } from '../../core/dates'
import { PageQuery, pageResponse } from '../../core/pagination'
import { ALERT_KINDS } from '../../shared/analytics/vocabulary'
import { AlertRuleName, CategoryShareParams, MonitoredProductParams, TermShareParams, VolumeSpikeParams } from '../../shared/analytics/schema'
import { CATEGORIES, ITEM_TYPES } from '../complaints'

export { CategoryShareParams, MonitoredProductParams, TermShareParams, VolumeSpikeParams }

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]

/** Longest period a statistics query may span (about three years of receipt days). */
export const MAX_PERIOD_DAYS = 1100

export const DayParam = dateParam()
const Id = z.string().uuid('ID 无效')

/** A comma-separated list in a query string (`types=complaint,report`), each value checked. */
function csv<T extends string>(values: readonly [T, ...T[]], label: string) {
  return z
    .string()
    .max(400, `${label}过长`)
    .transform((s, ctx) => {
      const parts = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
      const bad = parts.filter((p) => !(values as readonly string[]).includes(p))
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `${label}无效：${bad.slice(0, 3).join('、')}` })
        return z.NEVER
      }
      return [...new Set(parts)] as T[]
    })
}

const PeriodFields = z.object({
  from: DayParam.optional().describe('起始登记日期（含），默认本月 1 日'),
  to: DayParam.optional().describe('截止登记日期（含），默认今天'),
  unitId: Id.optional().describe('统计单位（含下级），默认为数据范围的顶层单位'),
  types: csv(ITEM_TYPES, '类型').optional().describe('类型，逗号分隔：complaint,report,consultation'),
  categories: csv(keys(CATEGORIES), '分类').optional().describe('分类，逗号分隔'),
})
/** A statistics period: `to` not before `from`, at most MAX_PERIOD_DAYS days. */
const period = <T extends z.ZodType<Record<string, unknown>>>(schema: T) => periodRefine(schema, { maxDays: MAX_PERIOD_DAYS, label: '统计期间' })
export const PeriodQuery = period(PeriodFields)
export type PeriodQuery = z.infer<typeof PeriodQuery>

/** The dimensions a statistics table can be grouped by. */
export const STATS_DIMENSIONS = ['unit', 'type', 'category'] as const

export const StatsQuery = period(
  PeriodFields.extend({
    groupBy: csv(STATS_DIMENSIONS, '分组维度').optional().describe('分组维度（最多两个），逗号分隔：unit,type,category；默认 unit'),
    asOf: DayParam.optional().describe('超期与按时率的判断日，默认今天'),
  }),
)
export type StatsQuery = z.infer<typeof StatsQuery>

const Rate = z.number().nullable()
export const MeasuresOut = z
  .object({
    received: z.number(),
    accepted: z.number(),
    notAccepted: z.number(),
    mediatedOk: z.number(),
    mediationEnded: z.number(),
    mediationSuccessRate: Rate,
    recoveredFen: z.number(),
    recoveredYuan: z.string(),
    acceptDue: z.number(),
    acceptOnTime: z.number(),
    onTimeAcceptanceRate: Rate,
    verifyDue: z.number(),
    verifyOnTime: z.number(),
    onTimeVerificationRate: Rate,
    closed: z.number(),
    avgHandlingDays: z.number().nullable(),
    overdue: z.number(),
  })
  .meta({ id: 'ComplaintMeasures' })

export const UnitRef = z.object({ id: z.string(), name: z.string(), path: z.string() })

export const StatsOut = z
  .object({
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
    unit: UnitRef,
    groupBy: z.array(z.enum(STATS_DIMENSIONS)),
    rows: z.array(
      z.object({
        key: z.string(),
        unitId: z.string().nullable(),
        unitName: z.string().nullable(),
        ownItems: z.boolean(),
        itemType: z.string().nullable(),
        itemTypeLabel: z.string().nullable(),
        category: z.string().nullable(),
        categoryLabel: z.string().nullable(),
        measures: MeasuresOut,
      }),
    ),
    total: MeasuresOut,
  })
  .meta({ id: 'ComplaintStats' })

export const HotTopicsQuery = period(
  PeriodFields.extend({
    limit: z.coerce.number('条数应为数字').int().min(1, '至少 1 条').max(100, '最多 100 条').default(20),
  }),
)
const RankedTermOut = z.object({
  term: z.string(),
  items: z.number(),
  share: z.number(),
  prevItems: z.number(),
  prevShare: z.number(),
  growth: z.number().nullable(),
})
export const HotTopicsOut = z
  .object({
    from: z.string(),
    to: z.string(),
    previous: z.object({ from: z.string(), to: z.string() }),
    unit: UnitRef,
    totalItems: z.number(),
    previousTotalItems: z.number(),
    terms: z.array(RankedTermOut),
    rising: z.array(RankedTermOut),
    products: z.array(z.object({ code: z.string(), label: z.string(), items: z.number(), share: z.number() })),
    categories: z.array(z.object({ category: z.string(), label: z.string(), items: z.number(), share: z.number() })),
    termCategory: z
      .object({ terms: z.array(z.string()), categories: z.array(z.object({ category: z.string(), label: z.string() })), items: z.array(z.array(z.number())) })
      .describe('热词 × 分类的件数矩阵（ECharts heatmap：x 为热词，y 为分类）'),
  })
  .meta({ id: 'ComplaintHotTopics' })

const SeriesOut = z.object({
  name: z.string(),
  type: z.enum(['line', 'bar']),
  data: z.array(z.number().nullable()),
  yAxisIndex: z.number().optional(),
  stack: z.string().optional(),
})
const PieOut = z.array(z.object({ name: z.string(), value: z.number(), key: z.string() }))
export const DashboardOut = z
  .object({
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
    unit: UnitRef,
    totals: MeasuresOut,
    trend: z.object({ xAxis: z.array(z.string()), series: z.array(SeriesOut) }).describe('按日登记量（柱：各类型堆叠；线：合计）'),
    typeMix: PieOut,
    categoryMix: PieOut,
    units: z
      .object({ xAxis: z.array(z.string()), unitIds: z.array(z.string()), series: z.array(SeriesOut) })
      .describe('下级单位对比：登记量（柱，左轴）与按时率、调解成功率（线，右轴，0–100）'),
    onTime: z
      .array(z.object({ name: z.string(), value: z.number().nullable(), numerator: z.number(), denominator: z.number() }))
      .describe('仪表盘：按时受理率、按时核查率、调解成功率（百分数）'),
    hotTerms: z.array(z.object({ name: z.string(), value: z.number() })).describe('词云 / 条形图'),
  })
  .meta({ id: 'ComplaintDashboard' })

export const ExportItemsQuery = PeriodQuery

// ---------------------------------------------------------------------------------------------
// Alerts
// ---------------------------------------------------------------------------------------------

export { ALERT_KIND_LABEL, ALERT_KINDS } from '../../shared/analytics/vocabulary'

const RuleBase = z.object({
  name: AlertRuleName,
  unitId: Id.describe('监测范围：该单位及下级办理的件'),
  active: z.boolean().default(true),
})
export const CreateAlertRuleBody = z.discriminatedUnion('kind', [
  RuleBase.extend({ kind: z.literal('volume_spike'), params: VolumeSpikeParams }),
  RuleBase.extend({ kind: z.literal('category_share'), params: CategoryShareParams }),
  RuleBase.extend({ kind: z.literal('term_share'), params: TermShareParams }),
  RuleBase.extend({ kind: z.literal('monitored_product'), params: MonitoredProductParams }),
])
export type CreateAlertRule = z.infer<typeof CreateAlertRuleBody>
export const UpdateAlertRuleBody = z.object({
  expectedVersion: z.number().int().min(1),
  name: AlertRuleName.optional(),
  active: z.boolean().optional(),
  params: z.record(z.string(), z.unknown()).optional().describe('与规则类型对应的参数（整体替换）'),
})
export type UpdateAlertRule = z.infer<typeof UpdateAlertRuleBody>

export const AlertRuleOut = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ALERT_KINDS),
    kindLabel: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    params: z.record(z.string(), z.unknown()),
    active: z.boolean(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ComplaintAlertRule' })

export const AlertOut = z
  .object({
    id: z.string(),
    ruleId: z.string(),
    ruleName: z.string().nullable(),
    day: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    kind: z.string(),
    kindLabel: z.string(),
    title: z.string(),
    message: z.string(),
    value: z.number(),
    threshold: z.number(),
    detail: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedByName: z.string().nullable(),
    ackNote: z.string().nullable(),
  })
  .meta({ id: 'ComplaintAlert' })
export const AlertQuery = periodRefine(
  PageQuery.extend({
    status: z.enum(['open', 'acknowledged', 'all']).default('open'),
    from: DayParam.optional(),
    to: DayParam.optional(),
    recent: z.enum(['0', '1']).optional().describe('1 = 只看近期（首页与领导看板：近 ALERT_HOME_DAYS 天，默认 14 天）'),
  }),
)
export const AlertPage = pageResponse(AlertOut)
export const AcknowledgeBody = z.object({ note: z.string().trim().max(500, '处理意见最多 500 字').default('') })
export const AcknowledgeManyBody = z.object({
  ids: z.array(z.string().uuid('预警 ID 无效')).min(1, '请选择要确认的预警').max(200, '一次最多确认 200 条预警'),
  note: z.string().trim().max(500, '处理意见最多 500 字').default(''),
})
export const EvaluateBody = z.object({ day: DayParam.optional().describe('评估的登记日期，默认今天') })

// ---------------------------------------------------------------------------------------------
// Daily report
// ---------------------------------------------------------------------------------------------

export const DailyReportQuery = z.object({
  day: DayParam.optional().describe('日报日期，默认今天'),
  unitId: Id.optional(),
  format: z.enum(['json', 'html', 'xlsx']).default('json'),
})

/** The JSON form of the daily report (format=json); the HTML and Excel forms render the same data. */
export const DailyReportOut = z
  .object({
    day: z.string(),
    unit: z.object({ id: z.string(), name: z.string() }),
    generatedAt: z.string(),
    totals: MeasuresOut,
    byType: z.array(z.object({ itemType: z.string(), label: z.string(), received: z.number() })),
    byCategory: z.array(z.object({ category: z.string(), label: z.string(), received: z.number(), share: z.number() })),
    byUnit: z.array(z.object({ unitId: z.string(), unitName: z.string(), measures: MeasuresOut })),
    closed: z.array(z.object({ itemType: z.string(), label: z.string(), items: z.number(), recoveredFen: z.number() })),
    hotTerms: z.array(RankedTermOut),
    products: z.array(z.object({ code: z.string(), label: z.string(), items: z.number() })),
    notable: z
      .array(
        z.object({
          itemNo: z.string(),
          type: z.string(),
          category: z.string(),
          summary: z.string(),
          respondentName: z.string(),
          unitName: z.string(),
          state: z.string(),
          reasons: z.array(z.string()),
        }),
      )
      .describe('当日值得关注的件：安全风险类、共同投诉、大额争议、已移送案源'),
    overdue: z.array(
      z.object({
        itemNo: z.string(),
        type: z.string(),
        category: z.string(),
        summary: z.string(),
        receivedOn: z.string(),
        unitName: z.string(),
        state: z.string(),
        dueOn: z.string(),
        dueKind: z.string().nullable(),
      }),
    ),
    overdueTotal: z.number(),
    alerts: z.array(AlertOut),
  })
  .meta({ id: 'ComplaintDailyReport' })
