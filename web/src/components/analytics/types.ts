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

export interface Measures {
  received: number
  accepted: number
  notAccepted: number
  mediatedOk: number
  mediationEnded: number
  mediationSuccessRate: number | null
  recoveredFen: number
  recoveredYuan: string
  acceptDue: number
  acceptOnTime: number
  onTimeAcceptanceRate: number | null
  verifyDue: number
  verifyOnTime: number
  onTimeVerificationRate: number | null
  closed: number
  avgHandlingDays: number | null
  overdue: number
}

export interface UnitRef {
  id: string
  name: string
  path: string
}

export type Dimension = 'unit' | 'type' | 'category'

export interface StatsRow {
  key: string
  unitId: string | null
  unitName: string | null
  ownItems: boolean
  itemType: string | null
  itemTypeLabel: string | null
  category: string | null
  categoryLabel: string | null
  measures: Measures
}

export type StatsTable = Schemas['ComplaintStats']

export interface Series {
  name: string
  type: 'line' | 'bar'
  data: Array<number | null>
  yAxisIndex?: number
  stack?: string
}

export interface PieDatum {
  name: string
  value: number
  key: string
}

export type Dashboard = Schemas['ComplaintDashboard']

export interface RankedTerm {
  term: string
  items: number
  share: number
  prevItems: number
  prevShare: number
  growth: number | null
}

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
