import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { EXPORT_CLOSED } from '../xlsx-stream'
import { contentDisposition, keysetPages, writeXlsx, xlsxBuffer, xlsxSheet, type XlsxColumn } from './index'

interface Row {
  id: number
  name: string
  phone: string | null
  at: string
  on: string
  fen: number | null
}

const COLUMNS: Array<XlsxColumn<Row>> = [
  { header: '序号', width: 6, value: (r) => r.id },
  { header: '姓名', width: 10, value: (r) => r.name, format: 'maskedName' },
  { header: '电话', width: 14, value: (r) => r.phone, format: 'maskedPhone' },
  { header: '登记时间', width: 20, value: (r) => r.at, format: 'datetime' },
  { header: '登记日期', width: 12, value: (r) => r.at, format: 'date' },
  { header: '期限', width: 12, value: (r) => r.on, format: 'date' },
  { header: '金额（元）', width: 12, value: (r) => r.fen, format: 'yuan' },
]

const row = (id: number, over: Partial<Row> = {}): Row => ({
  id,
  name: '王小明',
  phone: '13800001111',
  // 2026-12-06 17:30 UTC is 2026-12-07 01:30 in Beijing: the date moves to the next day.
  at: '2026-12-06T17:30:00.000Z',
  on: '2026-12-31',
  fen: 123456,
  ...over,
})

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buf as unknown as ArrayBuffer)
  return wb
}

describe('the streamed Excel export kit', () => {
  it('writes the title, the zh-CN header and formatted values: Beijing dates, yuan from fen, masked personal data', async () => {
    const buf = await xlsxBuffer((out) =>
      writeXlsx(out, { name: '明细', title: '测试单位 明细表', freeze: {}, columns: COLUMNS, rows: [row(1), row(2, { phone: null, fen: null })] }),
    )
    const ws = (await read(buf)).getWorksheet('明细')!
    expect(ws.getRow(1).getCell(1).value).toBe('测试单位 明细表')
    expect(ws.getRow(1).font?.bold).toBe(true)
    expect(ws.getRow(2).values).toEqual([undefined, '序号', '姓名', '电话', '登记时间', '登记日期', '期限', '金额（元）'])
    expect(ws.getRow(2).font?.bold).toBe(true)
    expect(ws.getRow(3).values).toEqual([undefined, 1, '王*明', '138****1111', '2026-12-07 01:30:00', '2026-12-07', '2026-12-31', 1234.56])
    expect(ws.getRow(3).getCell(7).numFmt).toBe('#,##0.00')
    // Empty values are empty cells (read back as null), not the text "null" nor 0.
    expect([ws.getRow(4).getCell(3).value, ws.getRow(4).getCell(7).value]).toEqual([null, null])
    expect(ws.getColumn(2).width).toBe(10)
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
    expect(ws.rowCount).toBe(4)
  })

  it('reads the row source a page at a time, stops at maxRows (closing the source) and reports progress per page', async () => {
    const asked: Array<number | undefined> = []
    let closed = false
    const all = Array.from({ length: 25 }, (_, i) => row(i + 1))
    async function* source() {
      try {
        yield* keysetPages(
          async (after: number | undefined, limit) => {
            asked.push(after)
            return all.filter((r) => r.id > (after ?? 0)).slice(0, limit)
          },
          (r) => r.id,
          10,
        )
      } finally {
        closed = true
      }
    }
    const progress: number[] = []
    let n = 0
    const buf = await xlsxBuffer(async (out) => {
      n = await writeXlsx(out, { name: '分页', columns: COLUMNS, rows: source(), maxRows: 15, onRows: (k) => progress.push(k) })
    })
    expect(n).toBe(15)
    expect(asked).toEqual([undefined, 10])
    expect(progress).toEqual([10, 15])
    expect(closed).toBe(true)
    const ws = (await read(buf)).getWorksheet('分页')!
    expect(ws.rowCount).toBe(16)
    expect(ws.getRow(16).getCell(1).value).toBe(15)
  })

  it('writes several sheets, bold rows and a footer, with column number formats', async () => {
    type Line = { label: string; rate: number; total?: boolean }
    const buf = await xlsxBuffer((out) =>
      writeXlsx(out, [
        xlsxSheet<Line>({
          name: '分类',
          columns: [
            { header: '分类', value: (r) => r.label },
            { header: '占比', value: (r) => r.rate, numFmt: '0.00%' },
          ],
          rows: [
            { label: '食品', rate: 0.25 },
            { label: '合计', rate: 1, total: true },
          ],
          bold: (r) => !!r.total,
          footer: [[], ['口径：测试']],
        }),
        xlsxSheet<string[]>({ name: '第二页', columns: [{ header: '列', value: (r) => r[0] }], rows: [['甲']] }),
      ]),
    )
    const wb = await read(buf)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['分类', '第二页'])
    const ws = wb.getWorksheet('分类')!
    expect(ws.getRow(2).getCell(2)).toMatchObject({ value: 0.25, numFmt: '0.00%' })
    expect(ws.getRow(2).font?.bold).toBeFalsy()
    expect(ws.getRow(3).font?.bold).toBe(true)
    expect(ws.getRow(5).getCell(1).value).toBe('口径：测试')
    expect(wb.getWorksheet('第二页')!.getRow(2).getCell(1).value).toBe('甲')
  })

  it('keeps text that looks like a formula as text', async () => {
    const buf = await xlsxBuffer((out) => writeXlsx(out, { name: '表', columns: COLUMNS, rows: [row(1, { name: '=HYPERLINK("http://x")' })] }))
    const cell = (await read(buf)).getWorksheet('表')!.getRow(2).getCell(2)
    expect(typeof cell.value).toBe('string')
    expect(cell.formula).toBeUndefined()
  })

  it('stops reading rows once the output is closed (a client that went away)', async () => {
    let fetched = 0
    const out = new PassThrough()
    out.resume()
    async function* endless() {
      for (;;) {
        fetched++
        if (fetched === 3) out.destroy()
        yield Array.from({ length: 50 }, (_, i) => row(fetched * 100 + i))
      }
    }
    await expect(writeXlsx(out, { name: '表', columns: COLUMNS, rows: endless() })).rejects.toThrow(EXPORT_CLOSED)
    expect(fetched).toBeLessThanOrEqual(4)
  })

  it('gives the Chinese file name in Content-Disposition (RFC 5987) with an ASCII fallback', () => {
    expect(contentDisposition('诉求件-2026-12-07.xlsx', 'complaints.xlsx')).toBe(
      `attachment; filename="complaints.xlsx"; filename*=UTF-8''%E8%AF%89%E6%B1%82%E4%BB%B6-2026-12-07.xlsx`,
    )
  })
})
