/**
 * Shapes of the 12315 analytics API (see src/modules/complaints/analytics.schema.ts and
 * ANALYTICS.md): statistics table, dashboard, hot topics, alerts, alert rules, daily report.
 */
import type { components } from '../../api/openapi.gen'
import type { Permission } from '../../api/types'

/** Response shapes are the server's own (openapi.gen.ts, generated from its zod schemas). */
type Schemas = components['schemas']

export const AP = {
  stats: 'complaint.stats' as Permission,
  alertManage: 'complaint.alert_manage' as Permission,
  export: 'complaint.export' as Permission,
  read: 'complaint.read' as Permission,
}

export type Measures = Schemas['ComplaintMeasures']

export type UnitRef = StatsTable['unit']

export type Dimension = 'unit' | 'type' | 'category'

export type StatsRow = StatsTable['rows'][number]

export type StatsTable = Schemas['ComplaintStats']

export type Series = Dashboard['trend']['series'][number]

export type PieDatum = Dashboard['typeMix'][number]

export type Dashboard = Schemas['ComplaintDashboard']

export type RankedTerm = HotTopics['terms'][number]

export type HotTopics = Schemas['ComplaintHotTopics']

export type AlertKind = 'volume_spike' | 'category_share' | 'term_share' | 'monitored_product'

export const ALERT_KIND_LABEL: Record<AlertKind, string> = {
  volume_spike: '日登记量激增',
  category_share: '单一分类占比过高',
  term_share: '单一热词占比过高',
  monitored_product: '重点监测商品价格投诉',
}

export type AlertItem = Schemas['ComplaintAlert']

export type AlertRule = Schemas['ComplaintAlertRule']

export type DailyReport = Schemas['ComplaintDailyReport']
