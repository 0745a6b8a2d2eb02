import { createReadStream } from 'node:fs'
import { Transform } from 'node:stream'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { AppError } from '../../core/errors'

/**
 * Streams the rows of an import file (CSV in UTF-8 or GB18030/GBK, or XLSX) as arrays of cell
 * strings, header first. Constant memory whatever the file size.
 */
export type SourceFormat = 'csv' | 'xlsx'
const BATCH_ROWS = 1000

export function detectFormat(fileName: string, head: Buffer): SourceFormat {
  // XLSX is a zip: PK\x03\x04.
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx'
  if (/\.xlsx$/i.test(fileName)) throw new AppError('VALIDATION', '文件扩展名为 .xlsx，但内容不是有效的 Excel 文件')
  if (/\.(xls|et)$/i.test(fileName)) throw new AppError('VALIDATION', '不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 CSV')
  if (head.includes(0)) throw new AppError('VALIDATION', '文件不是文本 CSV 或 .xlsx 文件')
  return 'csv'
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
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
    throw new AppError('VALIDATION', `无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式`)
  }
}

async function* csvRows(path: string): AsyncGenerator<string[][]> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const s = createReadStream(path, { start: 0, end: 4095 })
    const parts: Buffer[] = []
    s.on('data', (c) => parts.push(c as Buffer))
      .on('end', () => resolve(Buffer.concat(parts)))
      .on('error', reject)
  })
  // Government exports are often GBK/GB18030; valid UTF-8 (with or without BOM) is read as UTF-8.
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  let encoding: 'utf-8' | 'gb18030' = 'utf-8'
  try {
    // stream: true — a multi-byte character cut at the end of the sample is not an error.
    utf8.decode(head, { stream: true })
  } catch {
    encoding = 'gb18030'
  }
  const decoder = new TextDecoder(encoding)
  const decode = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      cb(null, decoder.decode(chunk, { stream: true }))
    },
    flush(cb) {
      cb(null, decoder.decode())
    },
  })
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: false, max_record_size: 64 * 1024 })
  // pipe() applies backpressure: a million-row file never sits in memory.
  const input = createReadStream(path)
  input.on('error', (e) => parser.destroy(e))
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
  for (;;) {
    signalled = false
    const batch: string[][] = []
    let rec: string[] | null
    while (batch.length < BATCH_ROWS && (rec = parser.read() as string[] | null) !== null) batch.push(rec)
    if (batch.length > 0) {
      yield batch
      continue
    }
    if (failure) throw new AppError('VALIDATION', `CSV 文件格式错误：${(failure as Error).message.slice(0, 120)}`)
    if (ended) return
    if (!signalled) await new Promise<void>((r) => (notify = r))
  }
}

/** Streams the file as batches of rows (header first). */
export function readRows(path: string, format: SourceFormat): AsyncGenerator<string[][]> {
  return format === 'xlsx' ? xlsxRows(path) : csvRows(path)
}
