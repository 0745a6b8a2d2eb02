import type { ZodError } from 'zod'

/**
 * Row-level findings of an import: the row number as the user sees it in the file (the header is
 * row 1), the column label, the offending value, a zh-CN message and a severity. An `error` keeps
 * the row out; a `warning` is reported and the row is imported (e.g. a USCC issued under a retired
 * division code). Pure.
 */
export type Severity = 'error' | 'warning'
export interface RowIssue {
  rowNo: number
  column: string
  value: string | null
  message: string
  severity: Severity
}
export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告' }

/** Stored values are cut to this many characters (a report is for finding the cell, not a copy of it). */
export const ISSUE_VALUE_MAX = 200

export function issue(rowNo: number, column: string, value: string | null | undefined, message: string, severity: Severity = 'error'): RowIssue {
  return { rowNo, column, value: value ? value.slice(0, ISSUE_VALUE_MAX) : null, message, severity }
}

/**
 * A zod error on a row as row issues, one per column (the first message of each): `columnOf`
 * names the column of an issue path (the module knows where a nested field came from).
 */
export function zodIssues(rowNo: number, error: ZodError, columnOf: (path: string) => { column: string; value?: string | null }): RowIssue[] {
  const out: RowIssue[] = []
  const seen = new Set<string>()
  for (const i of error.issues) {
    const { column, value } = columnOf(i.path.map(String).join('.'))
    if (seen.has(column)) continue
    seen.add(column)
    out.push(issue(rowNo, column, value ?? null, i.message))
  }
  return out
}

export const hasErrors = (issues: readonly RowIssue[]) => issues.some((i) => i.severity === 'error')

/** How many distinct rows have at least one issue of the severity. */
export function rowsWith(issues: readonly RowIssue[], severity: Severity): number {
  return new Set(issues.filter((i) => i.severity === severity).map((i) => i.rowNo)).size
}
