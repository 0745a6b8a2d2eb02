import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { SEVERITY_LABEL, type RowIssue } from './issues'

/** The columns of every import's error report, in order. */
export const REPORT_HEADER = ['行号', '列', '值', '原因', '级别'] as const

/**
 * Streams the error report of an import as an .xlsx workbook: one row per issue (行号, 列, 值, 原因,
 * 级别 错误/警告), in the order given (row order). Pages are written as they come: constant memory.
 * A row number 0 (a finding about the file, not a row) is left blank.
 */
export async function writeIssueReport(out: Writable, pages: AsyncIterable<readonly RowIssue[]> | Iterable<readonly RowIssue[]>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  const ws = wb.addWorksheet('错误明细')
  ws.columns = [
    { header: REPORT_HEADER[0], key: 'rowNo', width: 8 },
    { header: REPORT_HEADER[1], key: 'column', width: 20 },
    { header: REPORT_HEADER[2], key: 'value', width: 40 },
    { header: REPORT_HEADER[3], key: 'reason', width: 70 },
    { header: REPORT_HEADER[4], key: 'severity', width: 8 },
  ]
  ws.getRow(1).font = { bold: true }
  ws.getRow(1).commit()
  for await (const page of pages)
    for (const i of page)
      ws.addRow({ rowNo: i.rowNo || '', column: i.column, value: i.value ?? '', reason: i.message, severity: SEVERITY_LABEL[i.severity] }).commit()
  ws.commit()
  await wb.commit()
}
