import type { Writable } from 'node:stream'

/** Rows written between two turns of the event loop (deflate's completions run there). */
export const XLSX_ROWS_PER_TURN = 25

/** Bytes of sheet XML the zip may hold uncompressed before row production waits. */
const ZIP_BACKLOG_BYTES = 64 * 1024

export const EXPORT_CLOSED = '导出中止：输出流已关闭'

/**
 * Backpressure for exceljs's streaming workbook writer (`ExcelJS.stream.xlsx.WorkbookWriter`),
 * called every `XLSX_ROWS_PER_TURN` rows and after each page read. The writer hands the sheet XML to
 * the zip without waiting, so when rows come faster than deflate compresses them the backlog grows
 * without bound (hundreds of MB for a million rows). This yields one turn of the event loop, then
 * waits until the zip's input queue is short again ('drain', with a timer in case it never comes).
 * It throws `EXPORT_CLOSED` once the output has been closed (a client that went away) — checked on
 * every turn: a destroyed output no longer holds the zip back, so rows would otherwise go on being
 * read from the database into a file nobody receives.
 */
export async function xlsxCaughtUp(worksheet: unknown, out: Writable): Promise<void> {
  await new Promise<void>((res) => setImmediate(res))
  if (out.destroyed) throw new Error(EXPORT_CLOSED)
  // The zip's input is archiver's PassThrough (readable-stream 2: no writableLength getter).
  type Queue = {
    writableLength?: number
    _writableState?: { length?: number }
    once(e: 'drain', f: () => void): unknown
    removeListener(e: 'drain', f: () => void): unknown
  }
  const pipe = (worksheet as { stream?: { pipes?: Queue[] } }).stream?.pipes?.[0]
  if (!pipe) return
  const backlog = () => pipe.writableLength ?? pipe._writableState?.length ?? 0
  while (backlog() > ZIP_BACKLOG_BYTES) {
    if (out.destroyed) throw new Error(EXPORT_CLOSED)
    await new Promise<void>((res) => {
      const done = () => {
        clearTimeout(timer)
        pipe.removeListener('drain', done)
        res()
      }
      const timer = setTimeout(done, 20)
      pipe.once('drain', done)
    })
  }
}
