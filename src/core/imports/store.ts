import type { Writable } from 'node:stream'
import type { Db, Executor } from '../db/database'
import { offsetOf } from '../pagination'
import { ISSUE_VALUE_MAX, type RowIssue, type Severity } from './issues'
import { writeIssueReport } from './report'
import './imports.tables'

const INSERT_CHUNK = 500
const REPORT_PAGE = 5000

/**
 * The one store of import row issues (table `import_issue`) for every import kind: written with the
 * batch they belong to (same transaction), paged for the UI, streamed into the error report.
 */
export function createIssueStore(db: Db) {
  async function add(exec: Executor, runId: string, issues: readonly RowIssue[]): Promise<void> {
    for (let i = 0; i < issues.length; i += INSERT_CHUNK)
      await exec
        .insertInto('importIssue')
        .values(
          issues.slice(i, i + INSERT_CHUNK).map((x) => ({
            runId,
            rowNo: x.rowNo,
            columnName: x.column,
            value: x.value === null ? null : x.value.slice(0, ISSUE_VALUE_MAX),
            reason: x.message,
            severity: x.severity,
          })),
        )
        .execute()
  }

  async function clear(exec: Executor, runId: string): Promise<void> {
    await exec.deleteFrom('importIssue').where('runId', '=', runId).execute()
  }

  async function count(runId: string, severity?: Severity, exec: Executor = db): Promise<number> {
    let q = exec
      .selectFrom('importIssue')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('runId', '=', runId)
    if (severity) q = q.where('severity', '=', severity)
    return Number((await q.executeTakeFirstOrThrow()).n)
  }

  /** Rows with a warning per run (for a page of a history). */
  async function warnedRows(runIds: readonly string[]): Promise<Map<string, number>> {
    if (runIds.length === 0) return new Map()
    const rows = await db
      .selectFrom('importIssue')
      .select((eb) => ['runId', eb.fn.count<number>('rowNo').distinct().as('n')])
      .where('runId', 'in', [...runIds])
      .where('severity', '=', 'warning')
      .groupBy('runId')
      .execute()
    return new Map(rows.map((r) => [r.runId, Number(r.n)]))
  }

  /** One page of a run's issues in row order (the API's error list). */
  async function page(runId: string, q: { page: number; pageSize: number }) {
    const base = db.selectFrom('importIssue').where('runId', '=', runId)
    const [items, n] = await Promise.all([
      base
        .select(['rowNo', 'columnName', 'value', 'reason', 'severity'])
        .orderBy('rowNo')
        .orderBy('columnName')
        .limit(q.pageSize)
        .offset(offsetOf(q))
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return {
      items: items.map((i) => ({ rowNo: i.rowNo, columnName: i.columnName, value: i.value, reason: i.reason, severity: i.severity as Severity })),
      total: Number(n.n),
      page: q.page,
      pageSize: q.pageSize,
    }
  }

  /** A run's issues in row order, whole rows per page (a row's issues never split across pages). */
  async function* pages(runId: string): AsyncGenerator<RowIssue[]> {
    let after = -1
    for (;;) {
      const rows = await db
        .selectFrom('importIssue')
        .select(['rowNo', 'columnName', 'value', 'reason', 'severity'])
        .where('runId', '=', runId)
        .where('rowNo', '>', after)
        .orderBy('rowNo')
        .orderBy('columnName')
        .limit(REPORT_PAGE)
        .execute()
      if (rows.length === 0) return
      const lastRow = rows[rows.length - 1]!.rowNo
      const whole = rows.length === REPORT_PAGE ? rows.filter((r) => r.rowNo < lastRow) : rows
      const use = whole.length > 0 ? whole : rows
      yield use.map((r) => ({ rowNo: r.rowNo, column: r.columnName, value: r.value, message: r.reason, severity: r.severity as Severity }))
      after = use[use.length - 1]!.rowNo
      if (rows.length < REPORT_PAGE) return
    }
  }

  /** Streams the run's error report (.xlsx). */
  const writeReport = (runId: string, out: Writable) => writeIssueReport(out, pages(runId))

  return { add, clear, count, warnedRows, page, pages, writeReport }
}
export type IssueStore = ReturnType<typeof createIssueStore>
