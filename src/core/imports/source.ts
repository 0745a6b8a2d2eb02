import { createReadStream } from 'node:fs'
import { open, readFile } from 'node:fs/promises'
import { Transform } from 'node:stream'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { AppError, validation } from '../errors'

/**
 * Reads an import file — CSV (UTF-8, with or without BOM), XLSX (first worksheet) or JSON (an array
 * of objects, or `{ items: [...] }`) — as batches of rows of cell strings, header first. CSV and
 * XLSX stream in constant memory whatever the file size; JSON is read whole (it is the small
 * machine-to-machine format). Every failure is a VALIDATION error with a zh-CN reason.
 */
export type SourceFormat = 'csv' | 'xlsx' | 'json'
const BATCH_ROWS = 1000
/** A JSON file is parsed in memory; beyond this it should be CSV or XLSX. */
const JSON_MAX_BYTES = 50 * 1024 * 1024

export const NOT_UTF8 = '文件不是 UTF-8 编码：请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”，或直接上传 .xlsx'

/** The format from the first bytes (XLSX is a zip) and the file name. */
export function detectFormat(fileName: string, head: Buffer): SourceFormat {
  // XLSX is a zip: PK\x03\x04.
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx'
  if (/\.xlsx$/i.test(fileName)) throw validation('文件扩展名为 .xlsx，但内容不是有效的 Excel 文件')
  if (/\.(xls|et)$/i.test(fileName)) throw validation('不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 CSV')
  if (head.includes(0)) throw validation('文件不是文本 CSV、JSON 或 .xlsx 文件')
  const text = head
    .toString('latin1')
    .replace(/^\xEF\xBB\xBF/, '')
    .trimStart()
  if (/\.json$/i.test(fileName) || text.startsWith('[') || text.startsWith('{')) return 'json'
  return 'csv'
}

/** The format of a file on disk (reads its first bytes). */
export async function detectFileFormat(path: string, fileName: string): Promise<SourceFormat> {
  const fh = await open(path, 'r')
  try {
    const head = Buffer.alloc(64)
    const { bytesRead } = await fh.read(head, 0, 64, 0)
    return detectFormat(fileName, head.subarray(0, bytesRead))
  } finally {
    await fh.close()
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  // exceljs gives a cell's date as that calendar day at UTC midnight (a sheet has no time zone): its UTC day is the day written.
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      // Formulas are never evaluated or trusted: the row is rejected with a clear reason.
      return `=${'formula' in v ? String(v.formula) : String((v as { sharedFormula: string }).sharedFormula)}`
    }
    if ('richText' in v) return v.richText.map((t) => t.text).join('')
    if ('text' in v) return String(v.text)
    if ('error' in v) return String(v.error)
    return ''
  }
  return String(v)
}

async function* xlsxRows(path: string): AsyncGenerator<string[][]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  })
  try {
    for await (const sheet of reader) {
      let batch: string[][] = []
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[]
        const out: string[] = []
        for (let i = 1; i < values.length; i++) out.push(cellText(values[i]))
        batch.push(out)
        if (batch.length >= BATCH_ROWS) {
          yield batch
          batch = []
        }
      }
      if (batch.length > 0) yield batch
      break // first worksheet only
    }
  } catch (e) {
    if (e instanceof AppError) throw e
    throw validation('无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式')
  }
}

async function* csvRows(path: string): AsyncGenerator<string[][]> {
  // UTF-8 only, checked over the whole file as it streams: a legacy GBK export fails with a clear
  // reason instead of importing mojibake.
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let notUtf8 = false
  const decode = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        cb(null, decoder.decode(chunk, { stream: true }))
      } catch {
        notUtf8 = true
        cb(validation(NOT_UTF8))
      }
    },
    flush(cb) {
      try {
        cb(null, decoder.decode())
      } catch {
        notUtf8 = true
        cb(validation(NOT_UTF8))
      }
    },
  })
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false, max_record_size: 64 * 1024 })
  // pipe() applies backpressure: a million-row file never sits in memory.
  const input = createReadStream(path)
  input.on('error', (e) => parser.destroy(e))
  decode.on('error', (e) => parser.destroy(e))
  input.pipe(decode).pipe(parser)
  // Records are taken in batches with read(): one await per batch instead of one per row.
  let ended = false
  let failure: Error | null = null
  let signalled = false
  let notify: (() => void) | null = null
  const wake = () => {
    signalled = true
    notify?.()
    notify = null
  }
  parser.on('readable', wake)
  parser.on('end', () => {
    ended = true
    wake()
  })
  parser.on('error', (e: Error) => {
    failure = e
    wake()
  })
  try {
    for (;;) {
      signalled = false
      const batch: string[][] = []
      let rec: string[] | null
      while (batch.length < BATCH_ROWS && (rec = parser.read() as string[] | null) !== null) batch.push(rec)
      if (batch.length > 0) {
        yield batch
        continue
      }
      if (notUtf8) throw validation(NOT_UTF8)
      if (failure) throw validation(`CSV 文件格式错误：${(failure as Error).message.slice(0, 120)}`)
      if (ended) return
      if (!signalled) await new Promise<void>((r) => (notify = r))
    }
  } finally {
    input.destroy()
  }
}

const jsonCell = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : typeof v === 'object' ? JSON.stringify(v) : String(v)

/** A JSON file as a table: the header is every key in order of first appearance. */
export function jsonTable(text: string): string[][] {
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    throw validation('JSON 文件格式错误')
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' ? (data as { items?: unknown }).items : undefined
  if (!Array.isArray(list)) throw validation('JSON 文件应为数组，或含 items 数组的对象')
  const header: string[] = []
  const at = new Map<string, number>()
  const objects = list.map((o) => (o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : {}))
  for (const o of objects)
    for (const k of Object.keys(o))
      if (!at.has(k)) {
        at.set(k, header.length)
        header.push(k)
      }
  return [header, ...objects.map((o) => header.map((k) => jsonCell(o[k])))]
}

async function* jsonRows(path: string): AsyncGenerator<string[][]> {
  const bytes = await readFile(path)
  if (bytes.length > JSON_MAX_BYTES) throw validation(`JSON 文件不能超过 ${JSON_MAX_BYTES / 1024 / 1024} MB，请改用 CSV 或 .xlsx`)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw validation(NOT_UTF8)
  }
  const rows = jsonTable(text)
  for (let i = 0; i < rows.length; i += BATCH_ROWS) yield rows.slice(i, i + BATCH_ROWS)
}

/** Streams the file as batches of rows (header first). */
export function readRows(path: string, format: SourceFormat): AsyncGenerator<string[][]> {
  return format === 'xlsx' ? xlsxRows(path) : format === 'json' ? jsonRows(path) : csvRows(path)
}
