/**
 * Shapes of the 12315 analytics API (see src/modules/complaints/analytics.schema.ts and
 * ANALYTICS.md): statistics table, dashboard, hot topics, alerts, alert rules, daily report.
 */
import type { Permission } from '../../api/types'

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

export interface StatsTable {
  from: string
  to: string
  asOf: string
  unit: UnitRef
  groupBy: Dimension[]
  rows: StatsRow[]
  total: Measures
}

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

export interface Dashboard {
  from: string
  to: string
  asOf: string
  unit: UnitRef
  totals: Measures
  trend: { xAxis: string[]; series: Series[] }
  typeMix: PieDatum[]
  categoryMix: PieDatum[]
  units: { xAxis: string[]; unitIds: string[]; series: Series[] }
  onTime: Array<{ name: string; value: number | null; numerator: number; denominator: number }>
  hotTerms: Array<{ name: string; value: number }>
}

export interface RankedTerm {
  term: string
  items: number
  share: number
  prevItems: number
  prevShare: number
  growth: number | null
}

export interface HotTopics {
  from: string
  to: string
  previous: { from: string; to: string }
  unit: UnitRef
  totalItems: number
  previousTotalItems: number
  terms: RankedTerm[]
  rising: RankedTerm[]
  products: Array<{ code: string; label: string; items: number; share: number }>
  categories: Array<{ category: string; label: string; items: number; share: number }>
  termCategory: { terms: string[]; categories: Array<{ category: string; label: string }>; items: number[][] }
}

export type AlertKind = 'volume_spike' | 'category_share' | 'term_share' | 'monitored_product'

export const ALERT_KIND_LABEL: Record<AlertKind, string> = {
  volume_spike: '日登记量激增',
  category_share: '单一分类占比过高',
  term_share: '单一热词占比过高',
  monitored_product: '重点监测商品价格投诉',
}

export interface AlertItem {
  id: string
  ruleId: string
  ruleName: string | null
  day: string
  unitId: string
  unitName: string | null
  kind: string
  kindLabel: string
  title: string
  message: string
  value: number
  threshold: number
  detail: Record<string, unknown>
  createdAt: string
  acknowledgedAt: string | null
  acknowledgedByName: string | null
  ackNote: string | null
}

export interface AlertRule {
  id: string
  name: string
  kind: AlertKind
  kindLabel: string
  unitId: string
  unitName: string | null
  params: Record<string, unknown>
  active: boolean
  version: number
  createdAt: string
  updatedAt: string
}

export interface DailyReport {
  day: string
  unit: { id: string; name: string }
  generatedAt: string
  totals: Measures
  byType: Array<{ itemType: string; label: string; received: number }>
  byCategory: Array<{ category: string; label: string; received: number; share: number }>
  byUnit: Array<{ unitId: string; unitName: string; measures: Measures }>
  closed: Array<{ itemType: string; label: string; items: number; recoveredFen: number }>
  hotTerms: RankedTerm[]
  products: Array<{ code: string; label: string; items: number }>
  notable: Array<{ itemNo: string; type: string; category: string; summary: string; respondentName: string; unitName: string; state: string; reasons: string[] }>
  overdue: Array<{ itemNo: string; type: string; category: string; summary: string; receivedOn: string; unitName: string; state: string; dueOn: string; dueKind: string | null }>
  overdueTotal: number
  alerts: AlertItem[]
}
