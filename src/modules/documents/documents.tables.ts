/** An issued document's immutable archived copy (migration 20261207030000). */
export interface DocumentTable {
  id: string
  /** The owning record's table, e.g. `complaint_item`. */
  matterType: string
  matterId: string
  /** Template kind, e.g. `complaint.acceptance`. */
  kind: string
  title: string
  /** 文号, e.g. 焦市监投受告〔2026〕1号; null for unnumbered documents. */
  docNo: string | null
  issuingUnitId: string
  issuingUnitName: string
  year: number
  serial: number | null
  /** The decision's date (成文日期), YYYY-MM-DD, China time. */
  issueDate: string
  /** Legal regime of the template (order20 | order121 | null). */
  regime: string | null
  templateVersion: number
  /** Printable legal basis cited (from the rule version in force on the matter's regime date). */
  legalBasis: string | null
  /** The exact bytes served, as UTF-8 text. */
  html: string
  sha256: string
  issuedBy: string | null
  issuedByName: string
  issuedAt: string
  voidedAt: string | null
  voidedBy: string | null
  voidReason: string | null
}

declare module '../../core/db/types' {
  interface Database {
    document: DocumentTable
  }
}
