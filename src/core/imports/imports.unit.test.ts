import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppError } from '../errors'
import { mapHeaders } from './columns'
import { issue, rowsWith } from './issues'
import { writeIssueReport } from './report'
import { assertCommittable, checkAll, mappedRows, zodCheck, type TableSpec } from './rows'
import { detectFormat, NOT_UTF8, readRows } from './source'

const dir = mkdtempSync(join(tmpdir(), 'jg-import-kit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
function file(content: Buffer | string, name = 'f.csv'): { path: string; name: string } {
  const path = join(dir, `${n++}-${name}`)
  writeFileSync(path, content)
  return { path, name }
}
async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(AppError)
  expect((e as AppError).code).toBe('VALIDATION')
  return (e as AppError).message
}

const COLUMNS = {
  code: { label: '平台编号', aliases: ['编号', '工单编号'] },
  name: { label: '名称', aliases: ['经营者名称'] },
  amount: { label: '金额（分）', aliases: ['金额'] },
} as const
type Col = keyof typeof COLUMNS
const SPEC: TableSpec<Col> = { columns: COLUMNS, required: ['code', 'name'], maxRows: 3 }
const Row = z.object({
  code: z.string().regex(/^GJ-\d+$/, '平台编号应为 GJ- 加数字'),
  name: z.string().min(2, '名称至少 2 个字'),
  amount: z.coerce.number('金额应为数字').int('金额应为整数（分）').nonnegative('金额不能为负'),
})
const check = zodCheck(
  Row,
  (r: Record<Col, string>) => r,
  (path) => ({ column: COLUMNS[path as Col]?.label ?? path }),
)

async function checkFile(content: string | Buffer, name = 'f.csv', spec = SPEC) {
  const f = file(content, name)
  return checkAll(readRows(f.path, detectFormat(name, Buffer.from(content).subarray(0, 64))), spec, check)
}

describe('import kit: reading files', () => {
  it('reads UTF-8 CSV with a BOM: the BOM is not part of the first header', async () => {
    const r = await checkFile('\ufeff平台编号,名称,金额\r\nGJ-1,甲商店,100\r\n')
    expect(r).toMatchObject({ total: 1, issues: [], good: [{ rowNo: 2, value: { code: 'GJ-1', name: '甲商店', amount: 100 } }] })
  })

  it('refuses a non-UTF-8 CSV (e.g. a GBK export) with a clear zh-CN reason, wherever the bad byte is', async () => {
    // “名称” in GBK is C3 FB B3 C6 — not valid UTF-8.
    const gbk = Buffer.concat([Buffer.from('平台编号,'), Buffer.from([0xc3, 0xfb, 0xb3, 0xc6]), Buffer.from('\nGJ-1,x\n')])
    expect(await refusal(checkFile(gbk))).toBe(NOT_UTF8)
    const late = Buffer.concat([Buffer.from(`平台编号,名称\n${'GJ-1,甲商店\n'.repeat(3000)}`), Buffer.from([0xb3, 0xc6, 0x0a])])
    expect(await refusal(checkFile(late, 'late.csv', { ...SPEC, maxRows: undefined }))).toBe(NOT_UTF8)
  })

  it('refuses an empty file, a file with only a header, and a file without the required headers', async () => {
    expect(await refusal(checkFile(''))).toBe('文件为空：没有表头行')
    expect(await refusal(checkFile('平台编号,名称\n\n'))).toBe('文件中没有数据行')
    expect(await refusal(checkFile('编号,地址\nGJ-1,某地\n'))).toBe('缺少必需的列：名称')
    expect(await refusal(checkFile('甲,乙\n1,2\n', 'f.csv', { columns: COLUMNS }))).toMatch(/^第 1 行不是表头/)
  })

  it('bounds the rows: one row over the limit refuses the whole file (empty rows do not count)', async () => {
    const rows = (k: number) => ['平台编号,名称', ...Array.from({ length: k }, (_, i) => `GJ-${i},甲商店`)].join('\n')
    expect((await checkFile(`${rows(3)}\n,\n\n`)).total).toBe(3)
    expect(await refusal(checkFile(rows(4)))).toBe('文件超过 3 行数据的上限，请分批导入')
  })

  it('reads JSON (an array, or { items }) through the same mapping; keys may be labels, aliases or keys', async () => {
    const json = JSON.stringify({
      items: [
        { 编号: 'GJ-7', name: '乙商店', 金额: 5 },
        { 平台编号: 'GJ-8', 名称: '丙商店', 金额: true },
      ],
    })
    const r = await checkFile(json, 'batch.json')
    expect(r.good.map((g) => g.value)).toEqual([{ code: 'GJ-7', name: '乙商店', amount: 5 }])
    expect(r.issues).toEqual([issue(3, '金额（分）', '是', '金额应为数字')])
    expect(await refusal(checkFile('{"a":', 'x.json'))).toBe('JSON 文件格式错误')
    expect(await refusal(checkFile('{"a":1}', 'x.json'))).toBe('JSON 文件应为数组，或含 items 数组的对象')
  })

  it('reads the first worksheet of an XLSX; formulas come back as text to be refused, never evaluated', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('表')
    ws.addRow(['工单编号', '经营者名称', '金额'])
    ws.addRow(['GJ-1', '甲商店', 100])
    ws.addRow(['GJ-2', { formula: 'HYPERLINK("x")' }, 1])
    const buf = Buffer.from(await wb.xlsx.writeBuffer())
    expect(detectFormat('a.xlsx', buf.subarray(0, 8))).toBe('xlsx')
    const r = await checkFile(buf, 'a.xlsx')
    expect(r.good).toHaveLength(2)
    expect(r.good[1]!.value.name).toBe('=HYPERLINK("x")')
  })

  it('detects the format from the content, refusing legacy .xls and binary junk', () => {
    expect(() => detectFormat('a.xls', Buffer.from('abc'))).toThrow('不支持旧版 .xls 格式')
    expect(() => detectFormat('a.xlsx', Buffer.from('abc'))).toThrow('不是有效的 Excel 文件')
    expect(() => detectFormat('a.csv', Buffer.from([0x4d, 0x5a, 0x00]))).toThrow('不是文本 CSV')
    expect(detectFormat('a.txt', Buffer.from('\ufeff[{"a":1}]'))).toBe('json')
    expect(detectFormat('a.csv', Buffer.from('a,b'))).toBe('csv')
  })
})

describe('import kit: mapping and row checks', () => {
  it('maps headers by label, alias or key after NFKC and whitespace folding; a saved mapping wins; each file column is used once', () => {
    const m = mapHeaders([' *平台 编号 ', '金额（分）', '经营者名称', '备注'], COLUMNS)
    expect([...m.index]).toEqual([
      ['code', 0],
      ['name', 2],
      ['amount', 1],
    ])
    expect(m.unknown).toEqual(['备注'])
    expect(mapHeaders(['备注', '名称'], COLUMNS, { custom: { code: '备注' }, required: ['code'] }).index.get('code')).toBe(0)
    expect(mapHeaders(['名称'], COLUMNS, { required: ['name'], requireAny: [['code', 'amount']] }).missing).toEqual(['code'])
  })

  it('gives one row issue per column from the zod schema, numbered as in the file', async () => {
    const r = await checkFile('平台编号,名称,金额\nGJ-1,甲商店,1\nX,乙,-1\nGJ-3,丙商店,1.5\n')
    expect(r.good.map((g) => g.rowNo)).toEqual([2])
    expect(r.issues).toEqual([
      issue(3, '平台编号', 'X', '平台编号应为 GJ- 加数字'),
      issue(3, '名称', '乙', '名称至少 2 个字'),
      issue(3, '金额（分）', '-1', '金额不能为负'),
      issue(4, '金额（分）', '1.5', '金额应为整数（分）'),
    ])
    expect(rowsWith(r.issues, 'error')).toBe(2)
  })

  it('streams mapped rows in batches, skipping empty rows but keeping the file row numbers', async () => {
    const f = file('平台编号,名称\n\nGJ-1,甲\n , \nGJ-2,乙\n')
    const got: number[] = []
    for await (const b of mappedRows(readRows(f.path, 'csv'), SPEC)) got.push(...b.map((r) => r.rowNo))
    expect(got).toEqual([3, 5])
  })
})

describe('import kit: the two commit modes', () => {
  it('validate-then-commit writes nothing when any row has an error; valid-rows-only needs one valid row', () => {
    expect(() => assertCommittable('all', { validRows: 5, errorRows: 1 })).toThrow('文件中有 1 行错误，不能全部导入')
    expect(() => assertCommittable('all', { validRows: 5, errorRows: 0 })).not.toThrow()
    expect(() => assertCommittable('valid_only', { validRows: 5, errorRows: 1 })).not.toThrow()
    expect(() => assertCommittable('valid_only', { validRows: 0, errorRows: 3 })).toThrow('没有可导入的正确行')
  })
})

describe('import kit: the error report', () => {
  it('writes 行号, 列, 值, 原因, 级别 with errors and warnings in the given order', async () => {
    const out = new PassThrough()
    const parts: Buffer[] = []
    out.on('data', (c: Buffer) => parts.push(c))
    await writeIssueReport(out, [
      [issue(2, '统一社会信用代码', '91411222MA3X5B8Q0X', '历史区划码', 'warning'), issue(3, '名称', '', '名称不能为空')],
      [issue(0, '事项编码', 'A-1', '未更新')],
    ])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer)
    const rows: unknown[][] = []
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    expect(rows).toEqual([
      ['行号', '列', '值', '原因', '级别'],
      [2, '统一社会信用代码', '91411222MA3X5B8Q0X', '历史区划码', '警告'],
      [3, '名称', undefined, '名称不能为空', '错误'],
      [undefined, '事项编码', 'A-1', '未更新', '错误'],
    ])
  })
})
