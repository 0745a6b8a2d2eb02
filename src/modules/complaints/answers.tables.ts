/** The 12315 knowledge base of standard answers to consultations (常用语). */
export interface ComplaintAnswerTable {
  id: string
  /** Unique, e.g. 七日无理由退货. */
  title: string
  /** A key of CATEGORIES, or null for any. */
  category: string | null
  /** Words an operator might type (space- or comma-separated), searched with the title and answer. */
  keywords: string
  answer: string
  legalBasis: string | null
  /** 0 = withdrawn (kept for the audit trail and the items that quoted it). */
  active: number
  /** How many consultations were answered with it (orders search results). */
  usedCount: number
  version: number
  createdBy: string | null
  createdAt: string
  updatedBy: string | null
  updatedAt: string
}

declare module '../../core/db/types' {
  interface Database {
    complaintAnswer: ComplaintAnswerTable
  }
}
