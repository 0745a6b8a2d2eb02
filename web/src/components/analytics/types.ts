/**
 * Shapes of the 12315 analytics API (see src/modules/analytics/analytics.schema.ts and
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

/** Kinds of alert rule and their names are the server's own (src/shared/analytics/vocabulary.ts). */
export { ALERT_KIND_LABEL, type AlertKind } from '../../../../src/shared/analytics/vocabulary'

export type AlertItem = Schemas['ComplaintAlert']

export type AlertRule = Schemas['ComplaintAlertRule']

export type DailyReport = Schemas['ComplaintDailyReport']
