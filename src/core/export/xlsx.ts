import { PassThrough, type Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { beijingDate, fmtDateTime } from '../../shared/time'
import { streamDownload } from '../http/download'
import { maskIdNumber, maskName, maskPhone } from '../mask'
import { XLSX_ROWS_PER_TURN, xlsxCaughtUp } from '../xlsx-stream'

/*
 * The streamed Excel export kit. A module declares its columns (zh-CN header, width, value, format)
 * and supplies its rows as an async source of pages; the kit writes the workbook through exceljs's
 * streaming writer with backpressure (`xlsx-stream.ts`: the zip's backlog stays short, a closed
 * output stops the export), so memory does not grow with the row count. The same `writeXlsx` serves
 * a route (`sendXlsx`: Content-Disposition with the Chinese name, RFC 5987) and the job runner (which
 * writes to a temporary file and moves it into the file store).
 */

/** What a cell may hold: text and numbers only (never a formula — "=HYPERLINK(…)" stays text). */
export type Cell = string | number | null | undefined

/**
 * How a value is shown:
 * - `text` (default) as given;
 * - `date`: a calendar date (YYYY-MM-DD) as it is, an instant as its Beijing date;
 * - `datetime`: an instant in Beijing time, 2026-12-06 10:00:00;
 * - `yuan`: integer fen → a number of yuan (Excel can sum it), format #,##0.00 unless `numFmt` says otherwise;
 * - `maskedName` / `maskedPhone` / `maskedId`: personal data masked (张*, 138****1234), even when the value was stored masked.
 */
export type CellFormat = 'text' | 'date' | 'datetime' | 'yuan' | 'maskedName' | 'maskedPhone' | 'maskedId'

export interface XlsxColumn<R> {
  header: string
  width?: number
  value: (row: R) => Cell
  format?: CellFormat
  /** Excel number format of the column's cells (0.00%, #,##0 …); needs `useStyles`. */
  numFmt?: string
}

export interface XlsxSheet<R> {
  /** The sheet's (tab's) name. */
  name: string
  /** A bold title row above the header (e.g. the unit and period). */
  title?: string
  columns: ReadonlyArray<XlsxColumn<R>>
  /** The rows, a page at a time (an array is one page). */
  rows: AsyncIterable<readonly R[]> | readonly R[]
  /** Header (and title) stay in view while scrolling; `columns` also freezes that many leading columns. */
  freeze?: { columns?: number }
  /** Rows to print bold (totals). */
  bold?: (row: R) => boolean
  /** Plain rows after the data (a blank row, the statistical basis). */
  footer?: ReadonlyArray<readonly Cell[]>
  /** Stop after this many rows (the source is closed, so its cursor and connection are released). */
  maxRows?: number
  /** Called after each page with the rows written so far (progress of a job). */
  onRows?: (n: number) => void
}

export interface XlsxOptions {
  /** Styles (bold header, number formats); off for the largest exports, where they cost time. Default on. */
  useStyles?: boolean
}

const fmtValue = (v: Cell, format: CellFormat | undefined): Cell => {
  if (v === null || v === undefined || v === '') return format === 'yuan' ? '' : (v ?? '')
  switch (format) {
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : beijingDate(v)
    case 'datetime':
      return fmtDateTime(v)
    case 'yuan':
      return Number(v) / 100
    case 'maskedName':
      return maskName(String(v)) ?? ''
    case 'maskedPhone':
      return maskPhone(String(v)) ?? ''
    case 'maskedId':
      return maskIdNumber(String(v)) ?? ''
    default:
      return v
  }
}

/** The cells of one row, formatted. */
export function rowCells<R>(columns: ReadonlyArray<XlsxColumn<R>>, row: R): Cell[] {
  return columns.map((c) => fmtValue(c.value(row), c.format))
}

async function writeSheet<R>(wb: ExcelJS.stream.xlsx.WorkbookWriter, out: Writable, s: XlsxSheet<R>, styles: boolean): Promise<number> {
  const headerRows = s.title ? 2 : 1
  const views = s.freeze ? [{ state: 'frozen' as const, ySplit: headerRows, ...(s.freeze.columns ? { xSplit: s.freeze.columns } : {}) }] : undefined
  const ws = wb.addWorksheet(s.name, views ? { views } : {})
  ws.columns = s.columns.map((c) => ({ width: c.width }))
  if (s.title) {
    const t = ws.addRow([s.title])
    if (styles) t.font = { bold: true, size: 13 }
    t.commit()
  }
  const h = ws.addRow(s.columns.map((c) => c.header))
  if (styles) h.font = { bold: true }
  h.commit()
  const fmts = s.columns.map((c) => c.numFmt ?? (c.format === 'yuan' ? '#,##0.00' : undefined))
  const max = s.maxRows ?? Infinity
  let n = 0
  const pages: AsyncIterable<readonly R[]> =
    Symbol.asyncIterator in s.rows
      ? s.rows
      : (async function* (rows) {
          yield rows
        })(s.rows)
  for await (const page of pages) {
    for (const r of page) {
      if (n >= max) break
      const row = ws.addRow(rowCells(s.columns, r))
      if (styles) {
        fmts.forEach((f, i) => {
          if (f) row.getCell(i + 1).numFmt = f
        })
        if (s.bold?.(r)) row.font = { bold: true }
      }
      row.commit()
      n++
      if (n % XLSX_ROWS_PER_TURN === 0) await xlsxCaughtUp(ws, out)
    }
    s.onRows?.(n)
    await xlsxCaughtUp(ws, out)
    // Leaving the loop closes an async generator (its finally releases a cursor or a read connection).
    if (n >= max) break
  }
  for (const f of s.footer ?? []) ws.addRow([...f]).commit()
  ws.commit()
  return n
}

/** A sheet whose row type was checked where it was declared (`xlsxSheet`), for workbooks of several sheets. */
export interface DeclaredSheet {
  readonly name: string
  readonly write: (wb: ExcelJS.stream.xlsx.WorkbookWriter, out: Writable, styles: boolean) => Promise<number>
}

/** Declares one sheet of a workbook of several. */
export const xlsxSheet = <R>(s: XlsxSheet<R>): DeclaredSheet => ({ name: s.name, write: (wb, out, styles) => writeSheet(wb, out, s, styles) })

/**
 * Streams a workbook of one sheet, or several (`xlsxSheet`), to `out` (a response or a file);
 * returns the data rows written (all sheets). Throws `EXPORT_CLOSED` when the output is closed midway.
 */
export async function writeXlsx<R>(out: Writable, sheets: XlsxSheet<R> | readonly DeclaredSheet[], opts: XlsxOptions = {}): Promise<number> {
  const styles = opts.useStyles ?? true
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: styles, useSharedStrings: false })
  const list: readonly DeclaredSheet[] = Array.isArray(sheets) ? (sheets as readonly DeclaredSheet[]) : [xlsxSheet(sheets as XlsxSheet<R>)]
  let n = 0
  for (const s of list) n += await s.write(wb, out, styles)
  await wb.commit()
  return n
}

/**
 * Keyset pages from a `fetch(after, limit)` that returns rows ordered by `key`: the source of a
 * large export (each page is one indexed query, never an OFFSET scan).
 */
export async function* keysetPages<R, K>(
  fetch: (after: K | undefined, limit: number) => Promise<R[]>,
  key: (row: R) => K,
  pageRows: number,
): AsyncGenerator<R[]> {
  let after: K | undefined
  for (;;) {
    const rows = await fetch(after, pageRows)
    if (rows.length > 0) yield rows
    if (rows.length < pageRows) return
    after = key(rows[rows.length - 1]!)
  }
}

/**
 * Sends a workbook as a download from a route: the Chinese file name in Content-Disposition
 * (`filename*=UTF-8''…`, RFC 5987/6266, with an ASCII fallback). Permission and input checks must
 * come first: once the headers are out, a failure breaks the connection.
 */
export function sendXlsx(
  req: FastifyRequest,
  reply: FastifyReply,
  file: { name: string; fallback?: string },
  write: (out: Writable) => Promise<unknown>,
): Promise<void> {
  return streamDownload(req, reply, { name: file.name, fallback: file.fallback ?? 'export.xlsx' }, write)
}

/**
 * A small workbook in memory (a statistics table, a daily report): written before the response
 * starts, so a failure still answers in the error shape; send it with `contentDisposition`.
 */
export async function xlsxBuffer(write: (out: Writable) => Promise<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = []
  const sink = new PassThrough()
  sink.on('data', (c: Buffer) => chunks.push(c))
  await write(sink)
  if (!sink.writableEnded) sink.end()
  return Buffer.concat(chunks)
}
