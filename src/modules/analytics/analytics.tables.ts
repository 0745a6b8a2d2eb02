/**
 * Kysely tables of the 12315 analytics read model (migration 20261122030000_complaint_analytics).
 * Counters are cohort counts by receipt day; see README.md for each measure's definition.
 */
export interface ComplaintDailyStatTable {
  day: string
  unitId: string
  itemType: string
  category: string
  received: number
  accepted: number
  notAccepted: number
  mediationEnded: number
  mediatedOk: number
  recoveredFen: number
  acceptDecided: number
  acceptOnTime: number
  verifyDone: number
  verifyOnTime: number
  closed: number
  handlingDays: number
  lateDone: number
}

/**
 * The same counters per receipt month (`month` = YYYY-MM): the sum of the month's daily rows
 * (migration 20261206080000_complaint_monthly_stat), rewritten whenever one of its days is.
 */
export type ComplaintMonthlyStatTable = Omit<ComplaintDailyStatTable, 'day'> & { month: string }

export interface ComplaintItemTermTable {
  itemId: string
  term: string
}

export interface ComplaintDailyTermTable {
  day: string
  unitId: string
  itemType: string
  category: string
  /** term | product */
  kind: string
  term: string
  items: number
}

export interface ComplaintAnalyticsStateTable {
  /** stats | terms */
  key: string
  /** Highest complaint_item.updated_at already folded in. */
  watermark: string | null
  refreshedAt: string | null
}

export interface ComplaintAlertRuleTable {
  id: string
  name: string
  kind: string
  /** The rule watches items handled in this unit's subtree. */
  unitId: string
  paramsJson: string
  active: number
  createdBy: string | null
  version: number
  createdAt: string
  updatedAt: string
}

export interface ComplaintAlertTable {
  id: string
  ruleId: string
  day: string
  unitId: string
  kind: string
  title: string
  message: string
  value: number
  threshold: number
  detailJson: string
  createdAt: string
  acknowledgedAt: string | null
  acknowledgedBy: string | null
  acknowledgedByName: string | null
  ackNote: string | null
}

declare module '../../core/db/types' {
  interface Database {
    complaintDailyStat: ComplaintDailyStatTable
    complaintMonthlyStat: ComplaintMonthlyStatTable
    complaintItemTerm: ComplaintItemTermTable
    complaintDailyTerm: ComplaintDailyTermTable
    complaintAnalyticsState: ComplaintAnalyticsStateTable
    complaintAlertRule: ComplaintAlertRuleTable
    complaintAlert: ComplaintAlertTable
  }
}
