import type { Generated } from 'kysely'

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

/**
 * One import of one file, whatever the kind (migration 20261209010000_import_run): the history of
 * every import page, the run's counts and state, and (for a resumable import) its checkpoint.
 */
export interface ImportRunTable {
  id: string
  /** The history it belongs to, declared by the importing module (`ImportKindDef.kind`). */
  kind: string
  /** The file type within the kind, e.g. inspections: items | special_list. */
  variant: string | null
  fileName: string
  /** The uploaded file while the run may still read it; null once it ended (or for a file read in one request). */
  filePath: string | null
  fileSize: number | null
  sha256: string | null
  /** csv | xlsx | json */
  format: string | null
  /** validating → validated → importing → done | failed | cancelled (a kind uses the states it needs). */
  status: string
  /** Module-defined step while running (e.g. validate | import | single). */
  phase: string | null
  /** all | valid_only (CommitMode), once chosen. */
  mode: string | null
  totalRows: Generated<number>
  validRows: Generated<number>
  errorRows: Generated<number>
  /** Rows imported with a warning (reported in the error report, not kept out). */
  warningRows: Generated<number>
  processedRows: Generated<number>
  insertedRows: Generated<number>
  updatedRows: Generated<number>
  /** Rows written (new or changed records). */
  importedRows: Generated<number>
  /** Last source row committed: a resumed run goes on after it. */
  checkpointRow: Generated<number>
  /** JSON: the user's column mapping (column key → header). */
  mapping: string | null
  /** zh-CN note for people (why it failed, errors truncated…). */
  message: string | null
  /** JSON: module state (the 12315 batch's rows awaiting import, the special list created…). */
  data: string | null
  /** The background job running it (core/jobs), if any. */
  jobId: string | null
  createdBy: string | null
  unitId: string | null
  /** Started (uploaded). */
  createdAt: string
  updatedAt: string
  finishedAt: string | null
}

declare module '../db/types' {
  interface Database {
    importIssue: ImportIssueTable
    importRun: ImportRunTable
  }
}
