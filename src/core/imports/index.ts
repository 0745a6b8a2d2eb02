export { detectFileFormat, detectFormat, jsonTable, NOT_UTF8, readRows, type SourceFormat } from './source'
export { mapHeaders, missingColumnsMessage, normHeader, pickCells, type ColumnDef, type Columns, type HeaderMap } from './columns'
export { hasErrors, issue, ISSUE_VALUE_MAX, rowsWith, SEVERITY_LABEL, zodIssues, type RowIssue, type Severity } from './issues'
export {
  assertCommittable,
  checkAll,
  checkedRows,
  mappedRows,
  tooManyRows,
  zodCheck,
  type CheckedRow,
  type CommitMode,
  type MappedRow,
  type RowCheck,
  type TableSpec,
} from './rows'
export { REPORT_HEADER, writeIssueReport } from './report'
export { createIssueStore, type IssueStore } from './store'
export { createRunStore, RUN_STATUS_LABEL, type ImportHistoryEntry, type ImportKindDef, type ImportRun, type NewImportRun, type RunStore } from './runs'
export {
  createResumableImports,
  MAX_STORED_ISSUES,
  type BatchCounts,
  type ImportJobInfo,
  type ImportRow,
  type ResumableImport,
  type ResumableImports,
} from './resumable'
export { createOneRequestImports, type OneRequestImport, type OneRequestImports, type OneRequestSummary } from './oneshot'
