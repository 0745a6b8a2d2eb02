export interface DeadlineRuleTable {
  id: string
  ruleId: string
  version: number
  name: string
  legalBasis: string
  unit: string
  length: number
  startEvent: string
  extensionJson: string | null
  validFrom: string
  validTo: string | null
  needsLegalReview: number
  source: string
  notes: string
  rowVersion: number
  createdAt: string
  updatedAt: string
}

declare module '../../core/db/types' {
  interface Database {
    deadlineRule: DeadlineRuleTable
  }
}
