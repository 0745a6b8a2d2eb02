/**
 * Kysely table of core/imports (migration 20261208010000_import_issue): every import's row issues,
 * whatever the kind. `run_id` is the import's id in its module (entity import job, 12315 batch,
 * inspection import); ids are unique across kinds, so no kind column is needed to find them.
 */
export interface ImportIssueTable {
  runId: string
  rowNo: number
  columnName: string
  value: string | null
  reason: string
  /** error | warning */
  severity: string
}

declare module '../db/types' {
  interface Database {
    importIssue: ImportIssueTable
  }
}
