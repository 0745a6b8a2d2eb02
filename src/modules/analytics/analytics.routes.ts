import { xlsxBuffer } from '../../core/export'
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  AcknowledgeBody,
  AcknowledgeManyBody,
  AlertOut,
  AlertPage,
  AlertQuery,
  AlertRuleOut,
  CreateAlertRuleBody,
  DailyReportOut,
  DailyReportQuery,
  DashboardOut,
  EvaluateBody,
  ExportItemsQuery,
  HotTopicsOut,
  HotTopicsQuery,
  PeriodQuery,
  StatsOut,
  StatsQuery,
  UpdateAlertRuleBody,
} from './analytics.schema'
import type { AnalyticsService } from './analytics.service'
import type { AlertsService } from './alerts.service'
import { renderHtml, writeXlsx, type createDailyReportService } from './daily-report'
import { attachment, streamDownload } from '../../core/http/download'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export interface AnalyticsRouteDeps {
  analytics: AnalyticsService
  alerts: AlertsService
  dailyReports: ReturnType<typeof createDailyReportService>
}

/**
 * 12315 analytics routes: statistics (/complaint-stats…), alerts (/complaint-alerts,
 * /complaint-alert-rules) and the daily report (/complaint-reports/daily). JSON shapes are
 * ECharts-ready where they feed charts.
 */
export function analyticsRoutes({ analytics, alerts, dailyReports }: AnalyticsRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['12315 统计分析']

    app.get(
      '/complaint-stats',
      {
        schema: {
          operationId: 'complaintStats',
          tags,
          summary: '统计表：期间 × 单位（含下级汇总）× 类型 × 分类',
          querystring: StatsQuery,
          response: { 200: StatsOut },
        },
      },
      (req) => analytics.statistics(req.ctx, req.query),
    )
    app.get(
      '/complaint-stats/export',
      { schema: { operationId: 'exportComplaintStats', tags, summary: '导出统计表（Excel）', querystring: StatsQuery } },
      async (req, reply) => {
        // Computed before the response starts, so a bad query still answers in the error shape.
        const body = await xlsxBuffer((out) => analytics.statisticsXlsx(req.ctx, req.query, out))
        return reply
          .header('content-type', XLSX)
          .header(
            'content-disposition',
            attachment(`12315统计表${req.query.from ? `-${req.query.from}` : ''}${req.query.to ? `-${req.query.to}` : ''}.xlsx`, 'stats.xlsx'),
          )
          .send(body)
      },
    )
    app.get(
      '/complaint-stats/items/export',
      {
        schema: {
          operationId: 'exportComplaintItems',
          tags,
          summary: '导出明细（Excel 流式，最多 100 万行；个人信息脱敏，不含举报人身份）',
          querystring: ExportItemsQuery,
        },
      },
      async (req, reply) => {
        await analytics.assertCanExportItems(req.ctx, req.query)
        await streamDownload(req, reply, { name: `12315明细-${analytics.today()}.xlsx`, fallback: 'items.xlsx' }, (out) =>
          analytics.exportItems(req.ctx, req.query, out),
        )
      },
    )
    app.get(
      '/complaint-stats/hot-topics',
      {
        schema: {
          operationId: 'complaintHotTopics',
          tags,
          summary: '热点分析：热词、商品、上升热词、分类占比',
          querystring: HotTopicsQuery,
          response: { 200: HotTopicsOut },
        },
      },
      (req) => analytics.hotTopics(req.ctx, req.query),
    )
    app.get(
      '/complaint-stats/dashboard',
      {
        schema: {
          operationId: 'complaintDashboard',
          tags,
          summary: '领导驾驶舱数据（ECharts 格式）',
          querystring: PeriodQuery,
          response: { 200: DashboardOut },
        },
      },
      (req) => analytics.dashboard(req.ctx, req.query),
    )

    const atags = ['12315 预警']
    app.get(
      '/complaint-alert-rules',
      { schema: { operationId: 'listComplaintAlertRules', tags: atags, response: { 200: z.object({ items: z.array(AlertRuleOut) }) } } },
      (req) => alerts.listRules(req.ctx),
    )
    app.post(
      '/complaint-alert-rules',
      { schema: { operationId: 'createComplaintAlertRule', tags: atags, body: CreateAlertRuleBody, response: { 201: AlertRuleOut } } },
      async (req, reply) => reply.code(201).send(await alerts.createRule(req.ctx, req.body)),
    )
    app.patch(
      '/complaint-alert-rules/:id',
      {
        schema: {
          operationId: 'updateComplaintAlertRule',
          tags: atags,
          summary: '修改、启用或停用预警规则',
          params: IdParams,
          body: UpdateAlertRuleBody,
          response: { 200: AlertRuleOut },
        },
      },
      (req) => alerts.updateRule(req.ctx, req.params.id, req.body),
    )
    app.get(
      '/complaint-alerts',
      { schema: { operationId: 'listComplaintAlerts', tags: atags, summary: '预警列表（领导驾驶舱）', querystring: AlertQuery, response: { 200: AlertPage } } },
      (req) => alerts.list(req.ctx, req.query),
    )
    app.post(
      '/complaint-alerts/evaluate',
      {
        schema: {
          operationId: 'evaluateComplaintAlerts',
          tags: atags,
          summary: '按规则评估某日（幂等：每条规则每日至多一条预警）',
          body: EvaluateBody,
          response: { 200: z.object({ day: z.string(), evaluated: z.number(), fired: z.number(), created: z.number() }) },
        },
      },
      (req) => alerts.evaluateDay(req.ctx, req.body.day),
    )
    app.post(
      '/complaint-alerts/acknowledge',
      {
        schema: {
          operationId: 'acknowledgeComplaintAlerts',
          tags: atags,
          summary: '批量确认预警（逐条留痕；已被确认的跳过）',
          body: AcknowledgeManyBody,
          response: { 200: z.object({ acknowledged: z.number().int(), skipped: z.number().int() }) },
        },
      },
      (req) => alerts.acknowledgeMany(req.ctx, req.body.ids, req.body.note),
    )
    app.post(
      '/complaint-alerts/:id/acknowledge',
      {
        schema: {
          operationId: 'acknowledgeComplaintAlert',
          tags: atags,
          summary: '确认预警（留痕）',
          params: IdParams,
          body: AcknowledgeBody,
          response: { 200: AlertOut },
        },
      },
      (req) => alerts.acknowledge(req.ctx, req.params.id, req.body.note),
    )

    app.get(
      '/complaint-reports/daily',
      {
        schema: {
          operationId: 'complaintDailyReport',
          tags,
          summary: '日报（JSON / 可打印 HTML / Excel）',
          querystring: DailyReportQuery,
          response: { 200: DailyReportOut },
        },
      },
      async (req, reply) => {
        const r = await dailyReports.build(req.ctx, req.query)
        // The declared 200 body is the JSON form; the HTML page and the workbook are sent as they are
        // (Fastify serialises objects only), so those two replies step outside the typed schema.
        const raw = reply as unknown as FastifyReply
        if (req.query.format === 'html') {
          return raw
            .header('content-type', 'text/html; charset=utf-8')
            .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
            .send(renderHtml(r))
        }
        if (req.query.format === 'xlsx') {
          const body = await xlsxBuffer((out) => writeXlsx(r, out))
          return raw
            .header('content-type', XLSX)
            .header('content-disposition', attachment(`12315日报-${r.day}.xlsx`, `daily-${r.day}.xlsx`))
            .send(body)
        }
        return r
      },
    )
  }
}
