import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, expectError, expectOk, mutableClock, type Client, type TestApp } from '../../../test/helpers'
import { composeUscc } from '../entities'

/*
 * The national system's annual reports imported through the import kit (both engines): rows checked
 * (unknown USCC, years, dates, duplicates, reports already filed), the two modes, the resumable job,
 * source `import`, idempotent re-import, the import history and the error workbook.
 */
let t: TestApp
let admin: Client
let credit: Client
let serial = 0

async function entity(prefix: '91' | '93', name: string, registeredOn = '2020-05-01'): Promise<{ id: string; uscc: string }> {
  serial += 1
  const uscc = composeUscc(prefix, '410802', `MB${String(serial).padStart(6, '0')}`)
  const e = await admin.post('/api/entities', {
    uscc,
    name,
    entityType: prefix === '93' ? '农民专业合作社' : '有限责任公司',
    legalRep: '张三丰',
    businessAddress: '解放区民主路1号',
    businessDivision: '410802001',
    status: 'active',
  })
  expectOk(e, 201)
  await t.s.deps.db.updateTable('marketEntity').set({ registeredOn }).where('id', '=', e.body.id).execute()
  return { id: e.body.id, uscc }
}

function multipart(fileName: string, content: Buffer | string) {
  const boundary = `----jg${Math.random().toString(16).slice(2)}`
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { body, type: `multipart/form-data; boundary=${boundary}` }
}
const HEADER = ['统一社会信用代码', '年度', '报送日期', '通信地址', '邮政编码', '联系电话', '经营状态', '成员人数', '从业人数', '营业总收入（元）']
const csv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.join(',')).join('\n')
const upload = (c: Client, name: string, content: Buffer | string) => {
  const m = multipart(name, content)
  return c.request('POST', '/api/credit/annual-report-imports', m.body, { 'content-type': m.type })
}
/** A well-formed USCC that is on no register. */
function strayUscc(seed: number): string {
  for (let n = seed; n < seed + 50; n++) {
    try {
      return composeUscc('91', '410802', `MC${String(n).padStart(6, '0')}`)
    } catch {
      continue
    }
  }
  throw new Error('no USCC')
}
/** Runs queued jobs here and waits until the run has left `importing` (the commit's own runner may hold the job). */
async function drain(id: string) {
  for (let i = 0; i < 100; i++) {
    await t.s.jobs.jobs.createRunner({ owner: 'test' }).drain()
    const r = await t.s.deps.db.selectFrom('importRun').select('status').where('id', '=', id).executeTakeFirstOrThrow()
    if (r.status !== 'importing') return
    await new Promise((res) => setTimeout(res, 100))
  }
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-03-02T02:00:00Z') })
  admin = await t.login('admin')
  credit = await t.login('credit')
})
afterAll(() => t?.close())

describe('national-system annual report import', () => {
  it('checks every row, imports only the valid ones as a job, with source import and late flags', async () => {
    const a = await entity('91', '焦作市导入甲有限公司')
    const b = await entity('91', '焦作市导入乙有限公司')
    const c = await entity('93', '焦作市导入丙农民专业合作社')
    const young = await entity('91', '焦作市导入丁有限公司', '2025-08-01')
    const unknown = strayUscc(999000)
    const file = csv([
      [a.uscc, '2025', '2026-02-10', '焦作市民主路1号', '454000', '0391-1234567', '开业', '', '12', '1000000.50'], // 2 ok
      [a.uscc, '2024', '2025-08-15', '焦作市民主路1号', '454000', '0391-1234567', '开业', '', '', ''], // 3 ok, late
      [b.uscc, '2025', '2026-02-30', '焦作市人民路2号', '', '0391-7654321', '开业', '', '', ''], // 4 impossible date
      [unknown, '2025', '2026-02-10', '某地', '', '0391-7654321', '开业', '', '', ''], // 5 unknown
      [a.uscc, '2025', '2026-02-11', '焦作市民主路1号', '', '0391-1234567', '开业', '', '', ''], // 6 duplicate of 2
      [b.uscc, '2026', '2026-02-10', '焦作市人民路2号', '', '0391-7654321', '开业', '', '', ''], // 7 year not closed
      [b.uscc, '2024', '2099-01-01', '焦作市人民路2号', '', '0391-7654321', '开业', '', '', ''], // 8 future
      [c.uscc, '2025', '2026/1/5', '焦作市农业路3号', '', '0391-1111111', '开业', '40', '', ''], // 9 ok, cooperative
      [young.uscc, '2024', '2025-03-01', '焦作市工业路4号', '', '0391-2222222', '开业', '', '', ''], // 10 before it existed
    ])
    const up = await upload(credit, '国家系统年报.csv', file)
    expectOk(up, 201)
    expect(up.body).toMatchObject({ status: 'validated', totalRows: 9, validRows: 3, errorRows: 6 })
    const errs = await credit.get(`/api/credit/annual-report-imports/${up.body.id}/errors?page=1&pageSize=50`)
    expectOk(errs)
    const byRow = Object.fromEntries(errs.body.items.map((e: { rowNo: number; reason: string }) => [e.rowNo, e.reason]))
    expect(byRow[4]).toContain('没有 30 日')
    expect(byRow[5]).toContain('没有该统一社会信用代码')
    expect(byRow[6]).toContain('与第 2 行重复')
    expect(byRow[7]).toContain('尚未结束')
    expect(byRow[8]).toContain('晚于今天')
    expect(byRow[10]).toContain('成立于 2025 年')
    // The error workbook.
    const rep = await credit.get(`/api/credit/annual-report-imports/${up.body.id}/error-report`)
    expect(rep.status).toBe(200)
    expect(String(rep.headers['content-type'])).toContain('spreadsheetml')

    // "All" is refused while a row has an error, and changes nothing.
    expectError(await credit.post(`/api/credit/annual-report-imports/${up.body.id}/commit`, { mode: 'all' }), 400, 'VALIDATION')
    expect(await t.s.deps.db.selectFrom('annualReport').select('id').where('entityId', 'in', [a.id, b.id, c.id]).execute()).toHaveLength(0)

    const go = await credit.post(`/api/credit/annual-report-imports/${up.body.id}/commit`, { mode: 'valid_only' })
    expectOk(go)
    expect(go.body.jobId).toBeTruthy()
    await drain(up.body.id)
    const done = await credit.get(`/api/credit/annual-report-imports/${up.body.id}`)
    expect(done.body).toMatchObject({ status: 'done', importedRows: 3 })
    const stored = await t.s.deps.db
      .selectFrom('annualReport')
      .select(['entityId', 'reportYear', 'source', 'late', 'form', 'filedOn', 'optionalJson'])
      .where('entityId', 'in', [a.id, b.id, c.id])
      .orderBy('reportYear')
      .orderBy('entityId')
      .execute()
    expect(stored.map((r) => [r.entityId, Number(r.reportYear), r.source, Number(r.late), r.form])).toEqual(
      expect.arrayContaining([
        [a.id, 2024, 'import', 1, 'enterprise'],
        [a.id, 2025, 'import', 0, 'enterprise'],
        [c.id, 2025, 'import', 0, 'cooperative'],
      ]),
    )
    expect(stored).toHaveLength(3)
    expect(JSON.parse(stored.find((r) => r.entityId === a.id && Number(r.reportYear) === 2025)!.optionalJson)).toEqual({ employees: 12, revenueFen: 100000050 })
    expect((await auditRecords(t, { action: 'credit.report.import', targetId: up.body.id })).length).toBe(1)

    // The liaison's view shows the imported report with its source.
    const reports = await credit.get(`/api/credit/entities/${a.id}/annual-reports`)
    expectOk(reports)
    expect(reports.body.items ?? reports.body).toEqual(expect.arrayContaining([expect.objectContaining({ reportYear: 2025, source: 'import' })]))

    // The history (one list for every import kind).
    const hist = await credit.get('/api/imports?kind=annual_reports&page=1&pageSize=10')
    expectOk(hist)
    expect(hist.body.items[0]).toMatchObject({ id: up.body.id, status: 'done' })

    // The same file again: the filed years are warnings and nothing is added twice.
    const again = await upload(credit, '国家系统年报.csv', file)
    expectOk(again, 201)
    expect(again.body).toMatchObject({ validRows: 3, warningRows: 3 })
    const go2 = await credit.post(`/api/credit/annual-report-imports/${again.body.id}/commit`, { mode: 'valid_only' })
    expectOk(go2)
    await drain(again.body.id)
    expect((await credit.get(`/api/credit/annual-report-imports/${again.body.id}`)).body).toMatchObject({ status: 'done', importedRows: 0 })
    expect(await t.s.deps.db.selectFrom('annualReport').select('id').where('entityId', 'in', [a.id, b.id, c.id]).execute()).toHaveLength(3)
  })

  it('reads XLSX with header aliases, imports all rows when none has an error, and can be cancelled', async () => {
    const d = await entity('91', '焦作市导入戊有限公司')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('年报')
    ws.addRow(['信用代码', '报告年度', '报送时间', '企业通信地址', '企业联系电话', '企业经营状态'])
    ws.addRow([d.uscc, '2025', '2026年1月20日', '焦作市塔南路5号', '0391-3333333', '存续'])
    const buf = Buffer.from(await wb.xlsx.writeBuffer())
    const up = await upload(credit, 'reports.xlsx', buf)
    expectOk(up, 201)
    expect(up.body).toMatchObject({ status: 'validated', format: 'xlsx', totalRows: 1, validRows: 1, errorRows: 0 })
    expectOk(await credit.post(`/api/credit/annual-report-imports/${up.body.id}/commit`, { mode: 'all' }))
    await drain(up.body.id)
    expect((await credit.get(`/api/credit/annual-report-imports/${up.body.id}`)).body).toMatchObject({ status: 'done', importedRows: 1 })
    const r = await t.s.deps.db.selectFrom('annualReport').select(['filedOn', 'publicJson']).where('entityId', '=', d.id).executeTakeFirstOrThrow()
    expect(r.filedOn).toBe('2026-01-20')
    expect(JSON.parse(r.publicJson)).toMatchObject({ operatingStatus: 'operating', contact: { address: '焦作市塔南路5号' } })

    const up2 = await upload(credit, 'reports2.xlsx', buf)
    expectOk(await credit.post(`/api/credit/annual-report-imports/${up2.body.id}/cancel`, {}))
    expectError(await credit.post(`/api/credit/annual-report-imports/${up2.body.id}/commit`, { mode: 'all' }), 409, 'CONFLICT')
  })

  it('refuses bad files, bad modes and users without the permission', async () => {
    expectError(await upload(credit, 'x.csv', '年度,报送日期\n2025,2026-01-01'), 400, 'VALIDATION', /缺少必需的列/)
    expectError(await upload(credit, 'x.csv', HEADER.join(',')), 400, 'VALIDATION', /没有数据行/)
    expectError(await upload(credit, 'x.txt', 'abc'), 400, 'VALIDATION', /只支持/)
    const reader = await t.login('inspector')
    const denied = await upload(reader, 'x.csv', csv([]))
    expect([403, 404]).toContain(denied.status)
    const up = await upload(credit, 'y.csv', csv([[strayUscc(888000), '2025', '2026-02-10', '某地', '', '0391-1', '开业', '', '', '']]))
    expectOk(up, 201)
    expectError(await credit.post(`/api/credit/annual-report-imports/${up.body.id}/commit`, { mode: 'everything' }), 400, 'VALIDATION')
    expectError(await t.anon.get(`/api/credit/annual-report-imports/${up.body.id}`), 401, 'UNAUTHENTICATED')
  })
})
