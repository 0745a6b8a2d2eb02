import type { ZodType } from 'zod'
import { validation } from '../errors'
import { mapHeaders, missingColumnsMessage, pickCells, type Columns, type HeaderMap } from './columns'
import { hasErrors, zodIssues, type RowIssue } from './issues'

/**
 * The kit's row pipeline: header → column mapping → one record per non-empty data row (numbered as
 * in the file, header = row 1) → the module's validation. Bounded (maxRows) and streaming: a
 * module that writes in batches never holds the file.
 */
export interface TableSpec<K extends string> {
  columns: Columns<K>
  required?: readonly K[]
  /** Groups of which at least one column must be present (e.g. USCC or registration number). */
  requireAny?: ReadonlyArray<readonly K[]>
  /** A saved mapping: column key → the file's header for it. */
  custom?: Partial<Record<K, string>>
  /** Data rows allowed (header not counted). */
  maxRows?: number
  /** Appended to the missing-columns message, e.g. “（请使用导入模板）”. */
  missingHint?: string
}
export interface MappedRow<K extends string> {
  rowNo: number
  record: Record<K, string>
}
export interface CheckedRow<T> {
  rowNo: number
  value?: T
  issues: RowIssue[]
}
/** A module's row check: the value to commit (absent when the row has an error) and the issues. */
export type RowCheck<K extends string, T> = (
  record: Record<K, string>,
  rowNo: number,
) => { value?: T; issues: RowIssue[] } | Promise<{ value?: T; issues: RowIssue[] }>

export const tooManyRows = (max: number) => `文件超过 ${max.toLocaleString('en-US')} 行数据的上限，请分批导入`

/** Mapped records in batches, in file order; empty rows are skipped (their numbers are kept). */
export async function* mappedRows<K extends string>(batches: AsyncIterable<string[][]>, spec: TableSpec<K>): AsyncGenerator<MappedRow<K>[]> {
  const keys = Object.keys(spec.columns) as K[]
  let map: HeaderMap<K> | undefined
  let rowNo = 0
  let data = 0
  for await (const batch of batches) {
    const out: MappedRow<K>[] = []
    for (const cells of batch) {
      rowNo++
      const empty = cells.every((c) => c === undefined || c === null || String(c).trim() === '')
      if (!map) {
        if (empty) continue
        const m = mapHeaders(cells, spec.columns, { required: spec.required, requireAny: spec.requireAny, custom: spec.custom })
        if (m.missing.length > 0) throw validation(missingColumnsMessage(m.missing, spec.columns, spec.missingHint))
        if (m.index.size === 0) throw validation(`第 1 行不是表头：没有可识别的列名（应有：${keys.map((k) => spec.columns[k].label).join('、')}）`)
        map = m
        continue
      }
      if (empty) continue
      if (spec.maxRows !== undefined && ++data > spec.maxRows) throw validation(tooManyRows(spec.maxRows))
      out.push({ rowNo, record: pickCells(cells, map, keys) })
    }
    if (out.length > 0) yield out
  }
  if (!map) throw validation('文件为空：没有表头行')
}

/** Mapped and checked rows in batches. */
export async function* checkedRows<K extends string, T>(
  batches: AsyncIterable<string[][]>,
  spec: TableSpec<K>,
  check: RowCheck<K, T>,
): AsyncGenerator<CheckedRow<T>[]> {
  for await (const rows of mappedRows(batches, spec)) {
    const out: CheckedRow<T>[] = []
    for (const r of rows) out.push({ rowNo: r.rowNo, ...(await check(r.record, r.rowNo)) })
    yield out
  }
}

/** A whole (bounded) file checked: the rows to commit, every issue, and the data-row count. */
export async function checkAll<K extends string, T>(batches: AsyncIterable<string[][]>, spec: TableSpec<K>, check: RowCheck<K, T>) {
  const good: Array<{ rowNo: number; value: T }> = []
  const issues: RowIssue[] = []
  let total = 0
  for await (const rows of checkedRows(batches, spec, check))
    for (const r of rows) {
      total++
      issues.push(...r.issues)
      if (r.value !== undefined && !hasErrors(r.issues)) good.push({ rowNo: r.rowNo, value: r.value })
    }
  if (total === 0) throw validation('文件中没有数据行')
  return { good, issues, total }
}

/**
 * A row check from a zod schema: `toInput` builds the schema's input from the record (the module's
 * mapping), `columnOf` names the column of an issue path; a failed parse gives one error per column.
 */
export function zodCheck<K extends string, T>(
  schema: ZodType<T>,
  toInput: (record: Record<K, string>) => unknown,
  columnOf: (path: string, record: Record<K, string>) => { column: string; value?: string | null },
): RowCheck<K, T> {
  return (record: Record<K, string>, rowNo: number) => {
    const r = schema.safeParse(toInput(record))
    if (r.success) return { value: r.data, issues: [] }
    return {
      issues: zodIssues(rowNo, r.error, (p) => {
        const c = columnOf(p, record)
        // By default the cell of the column the path starts with.
        return { column: c.column, value: c.value !== undefined ? c.value : ((record as Record<string, string>)[p.split('.')[0]!] ?? null) }
      }),
    }
  }
}

/**
 * The two commit modes. `all` (validate-then-commit): nothing is written unless every row is valid.
 * `valid_only`: the valid rows are written, the rest stay in the error report. Throws the zh-CN
 * refusal when the chosen mode cannot run.
 */
export type CommitMode = 'all' | 'valid_only'
export function assertCommittable(mode: CommitMode, counts: { validRows: number; errorRows: number }, unit = '行'): void {
  if (mode === 'all' && counts.errorRows > 0)
    throw validation(`文件中有 ${counts.errorRows} ${unit}错误，不能全部导入：请修改后重新上传，或选择“仅导入正确的行”`)
  if (counts.validRows === 0) throw validation('没有可导入的正确行')
}
