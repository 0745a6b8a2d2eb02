import { spawnSync } from 'node:child_process'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, rawSql, type Client, type TestApp } from '../../../test/helpers'
import { composeUscc } from './uscc.domain'

const HEADER = '统一社会信用代码,名称,主体类型,法定代表人,经营场所,经营场所行政区划,行业代码,成立日期,登记状态,风险等级,标签,所在平台'
const code = (n: number, prefix = '91', division = '410802') => composeUscc(prefix, division, `MA${String(n).padStart(6, '0')}`)

function multipart(fileName: string, content: Buffer | string): { body: Buffer; type: string } {
  const boundary = `----jg${Math.random().toString(16).slice(2)}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { body: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]), type: `multipart/form-data; boundary=${boundary}` }
}

async function upload(c: Client, fileName: string, content: Buffer | string) {
  const m = multipart(fileName, content)
  return c.request('POST', '/api/entities-import/jobs', m.body, { 'content-type': m.type })
}

async function waitJob(c: Client, id: string, until: string[]) {
  for (let i = 0; i < 400; i++) {
    const r = await c.get(`/api/entities-import/jobs/${id}`)
    if (until.includes(r.body.status)) return r.body
    await new Promise((res) => setTimeout(res, 25))
  }
  throw new Error(`job ${id} did not reach ${until.join('/')}`)
}

async function importCsv(c: Client, csv: string, mode: 'valid_only' | 'all' = 'valid_only') {
  const up = await upload(c, 'batch.csv', csv)
  expect(up.status).toBe(201)
  const v = await waitJob(c, up.body.id, ['validated', 'failed'])
  const commit = await c.post(`/api/entities-import/jobs/${up.body.id}/commit`, { mode })
  expect(commit.status).toBe(200)
  return { validated: v, done: await waitJob(c, up.body.id, ['done', 'failed']) }
}

describe('market-entity register over HTTP', () => {
  let t: TestApp
  let admin: Client
  beforeAll(async () => {
    t = await buildTestApp({ demo: true, env: { IMPORT_MAX_MB: '1' } })
    admin = await t.login('admin')
  })
  afterAll(async () => t?.close())

  it('validates USCCs in batch with zh-CN reasons', async () => {
    const r = await admin.post('/api/uscc/validate', { codes: ['91110000600037341L', '91350100M000100Y43', '91110108551385082R', '123'] })
    expect(r.status).toBe(200)
    expect(r.body.items.map((i: { valid: boolean }) => i.valid)).toEqual([true, true, false, false])
    expect(r.body.items[2]).toMatchObject({ expected: 'Q', reason: '第 18 位校验码错误：应为 Q，实为 R' })
    expect(r.body.items[3].reason).toContain('18 位')
  })

  it('validates a mixed file, reports every bad row, refuses "all", imports only the valid rows', async () => {
    const badCheck = code(2).slice(0, 17) + (code(2)[17] === '0' ? '1' : '0')
    const csv = [
      HEADER,
      `${code(1)},焦作市甲商贸有限公司,有限责任公司,王一,解放路1号,410802001,F5211,2019-03-01,存续,A,,`,
      `${badCheck},焦作市乙商贸有限公司,有限责任公司,王二,解放路2号,410802001,F5211,2019-03-01,存续,B,,`,
      `${code(1)},焦作市甲商贸有限公司（重复）,有限责任公司,王一,解放路1号,410802001,F5211,2019-03-01,存续,A,,`,
      `${code(3)},焦作市丙商贸有限公司,有限责任公司,王三,解放路3号,419999,F5211,2023-02-30,存续,E,,`,
      `${code(4)},=HYPERLINK("http://x"),有限责任公司,王四,解放路4号,410802001,F5211,2019-03-01,存续,A,,`,
      `${code(5)},<script>alert(1)</script>,有限责任公司,王五,解放路5号,410802001,F5211,2019-03-01,存续,A,,`,
      `${code(6, '92')},解放区六记烩面馆,个体工商户,赵六,民主路6号,410802002,H6241,2020-01-05,存续,C,食品经营者、平台内经营者,美团`,
    ].join('\n')
    const up = await upload(admin, 'mixed.csv', csv)
    expect(up.status).toBe(201)
    const v = await waitJob(admin, up.body.id, ['validated', 'failed'])
    expect(v, JSON.stringify(v)).toMatchObject({ status: 'validated', totalRows: 7, validRows: 2, errorRows: 5 })
    const errs = await admin.get(`/api/entities-import/jobs/${up.body.id}/errors?pageSize=50`)
    const byRow = new Map<number, string[]>()
    for (const e of errs.body.items) byRow.set(e.rowNo, [...(byRow.get(e.rowNo) ?? []), e.reason])
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7])
    expect(byRow.get(3)!.join()).toContain('校验码错误')
    expect(byRow.get(4)!.join()).toContain('与第 2 行的代码重复')
    expect(byRow.get(5)!.join()).toMatch(/行政区划代码“419999”不存在/)
    expect(byRow.get(5)!.join()).toContain('2023-02-30')
    expect(byRow.get(5)!.join()).toContain('风险等级')
    expect(byRow.get(6)!.join()).toContain('疑似表格公式')
    expect(byRow.get(7)!.join()).toContain('< 或 >')

    const report = await admin.request('GET', `/api/entities-import/jobs/${up.body.id}/error-report`)
    expect(report.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    const res = await t.app.inject({ method: 'GET', url: `/api/entities-import/jobs/${up.body.id}/error-report`, headers: { cookie: admin.cookie! } })
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = wb.worksheets[0]!
    expect(sheet.getRow(1).values).toEqual([undefined, '行号', '列', '值', '原因', '级别'])
    const reportRows = new Set<number>()
    sheet.eachRow((row, n) => {
      if (n > 1) reportRows.add(Number(row.getCell(1).value))
    })
    expect([...reportRows].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7])

    const all = await admin.post(`/api/entities-import/jobs/${up.body.id}/commit`, { mode: 'all' })
    expect(all.status).toBe(400)
    expect(all.body.error.message).toContain('5 行错误')
    const before = await t.s.deps.db
      .selectFrom('marketEntity')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(before.n)).toBe(0)

    const ok = await admin.post(`/api/entities-import/jobs/${up.body.id}/commit`, { mode: 'valid_only' })
    expect(ok.status).toBe(200)
    const done = await waitJob(admin, up.body.id, ['done', 'failed'])
    expect(done).toMatchObject({ status: 'done', insertedRows: 2, updatedRows: 0 })
    // The import phase ran as a job of the job runner: the task centre lists it, finished, at 100 %.
    const run = await t.s.deps.db.selectFrom('importRun').select(['jobId', 'mode', 'checkpointRow']).where('id', '=', up.body.id).executeTakeFirstOrThrow()
    expect(run).toMatchObject({ mode: 'valid_only', jobId: expect.any(String) })
    for (let i = 0; i < 100 && (await admin.get(`/api/jobs/${run.jobId}`)).body.state !== 'succeeded'; i++) await new Promise((r) => setTimeout(r, 20))
    const task = await admin.get(`/api/jobs/${run.jobId}`)
    expect(task.body).toMatchObject({ kind: 'entity.import', label: '导入经营主体名录', state: 'succeeded', progress: { percent: 100 } })
    const found = await admin.get(`/api/entities?uscc=${code(1)}`)
    expect(found.body.items).toHaveLength(1)
    expect(found.body.items[0]).toMatchObject({ name: '焦作市甲商贸有限公司', entityKind: 'enterprise', riskClass: 'A' })
    const seller = await admin.get(`/api/entities?uscc=${code(6, '92')}`)
    expect(seller.body.items[0]).toMatchObject({ entityKind: 'individual', platformName: '美团' })
    expect(seller.body.items[0].tags.map((x: { code: string }) => x.code).sort()).toEqual(['food_business', 'platform_seller'])
    // The competent station follows the business-address township (410802002 → a 解放区 station).
    expect(seller.body.items[0].stationName).toMatch(/市场监管所$/)
    const audit = await t.s.deps.db.selectFrom('auditLog').select('action').where('targetId', '=', up.body.id).execute()
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['entity.import.upload', 'entity.import.commit', 'entity.import.complete']))
  })

  it('re-importing updates by USCC, keeps the earlier version and the former name', async () => {
    const csv = [HEADER, `${code(1)},焦作市甲商贸集团有限公司,有限责任公司,王一,解放路1号,410802001,F5211,2019-03-01,存续,B,,`].join('\n')
    const { done } = await importCsv(admin, csv, 'all')
    expect(done).toMatchObject({ status: 'done', insertedRows: 0, updatedRows: 1 })
    const e = (await admin.get(`/api/entities?uscc=${code(1)}`)).body.items[0]
    expect(e).toMatchObject({ name: '焦作市甲商贸集团有限公司', riskClass: 'B', version: 2 })
    const p = await admin.get(`/api/entities/${e.id}/profile`)
    expect(p.body.nameHistory.map((n: { name: string }) => n.name)).toEqual(['焦作市甲商贸有限公司'])
    expect(p.body.versions[0]).toMatchObject({ version: 1 })
    expect(p.body.versions[0].snapshot.name).toBe('焦作市甲商贸有限公司')
    // The name index follows the rename: the new word is found, the old-only word is not.
    expect((await admin.get('/api/entities?name=商贸集团')).body.items.map((x: { id: string }) => x.id)).toContain(e.id)
    // Re-importing the identical row changes nothing.
    const again = await importCsv(admin, csv, 'all')
    expect(again.done).toMatchObject({ insertedRows: 0, updatedRows: 0 })
  })

  it('validates and imports the valid rows in one pass when chosen up front', async () => {
    const csv = [
      HEADER,
      `${code(40)},焦作市一次导入甲有限公司,有限责任公司,孙四十,解放路40号,410802001,F5211,2019-03-01,存续,A,,`,
      `${code(41)},焦作市一次导入乙有限公司,有限责任公司,孙四一,解放路41号,410802001,F5211,2099-03-01,存续,A,,`,
      `${code(42)},焦作市一次导入丙有限公司,有限责任公司,孙四二,解放路42号,410802001,F5211,2019-03-01,存续,A,,`,
    ].join('\n')
    const m = multipart('onepass.csv', csv)
    const up = await admin.request('POST', '/api/entities-import/jobs?then=valid_only', m.body, { 'content-type': m.type })
    expect(up.status, up.raw).toBe(201)
    const done = await waitJob(admin, up.body.id, ['done', 'failed'])
    expect(done).toMatchObject({ status: 'done', totalRows: 3, validRows: 2, errorRows: 1, insertedRows: 2 })
    const errs = await admin.get(`/api/entities-import/jobs/${up.body.id}/errors`)
    expect(errs.body.items).toHaveLength(1)
    expect(errs.body.items[0]).toMatchObject({ rowNo: 3 })
    expect(errs.body.items[0].reason).toContain('成立日期不能晚于今天')
    expect((await admin.get(`/api/entities?uscc=${code(42)}`)).body.items).toHaveLength(1)
    expect((await admin.get(`/api/entities?uscc=${code(41)}`)).body.items).toHaveLength(0)
  })

  it('cancelling after validation imports nothing', async () => {
    const csv = [HEADER, `${code(20)},焦作市不导入商贸有限公司,有限责任公司,李二十,解放路20号,410802001,F5211,2019-03-01,存续,A,,`].join('\n')
    const up = await upload(admin, 'cancel.csv', csv)
    await waitJob(admin, up.body.id, ['validated'])
    const c = await admin.post(`/api/entities-import/jobs/${up.body.id}/cancel`)
    expect(c.body.status).toBe('cancelled')
    expect((await admin.get(`/api/entities?uscc=${code(20)}`)).body.items).toHaveLength(0)
    expect((await admin.post(`/api/entities-import/jobs/${up.body.id}/commit`, { mode: 'all' })).status).toBe(409)
  })

  it('rejects a 0-byte file, a malformed XLSX, a wrong type and a file over the limit', async () => {
    const empty = await upload(admin, 'empty.csv', '')
    expect(empty.status).toBe(400)
    expect(empty.body.error.message).toContain('0 字节')
    const fake = await upload(admin, 'broken.xlsx', Buffer.from('this is not a zip file at all'))
    expect(fake.status).toBe(400)
    expect(fake.body.error.message).toContain('不是有效的 Excel')
    const zipJunk = await upload(admin, 'junk.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]))
    expect(zipJunk.status).toBe(201)
    const failed = await waitJob(admin, zipJunk.body.id, ['failed', 'validated'])
    expect(failed.status).toBe('failed')
    expect(failed.message).toContain('Excel')
    const exe = await upload(admin, 'virus.exe', 'MZ')
    expect(exe.status).toBe(400)
    const big = await upload(admin, 'big.csv', `${HEADER}\n${'x'.repeat(1_200_000)}`)
    expect(big.status).toBe(413)
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE')
    const noHeader = await upload(admin, 'cols.csv', 'a,b,c\n1,2,3')
    const nh = await waitJob(admin, noHeader.body.id, ['failed', 'validated'])
    expect(nh).toMatchObject({ status: 'failed' })
    expect(nh.message).toContain('缺少必需的列')
  })

  it('imports XLSX and rejects formula cells', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('主体')
    ws.addRow(HEADER.split(','))
    ws.addRow([
      code(30),
      '焦作市表格商贸有限公司',
      '有限责任公司',
      '周三十',
      '山阳路30号',
      '410811001',
      'F5211',
      new Date(Date.UTC(2018, 4, 6)),
      '在营',
      'A',
      '',
      '',
    ])
    const f = ws.addRow([code(31), '', '有限责任公司', '周三一', '山阳路31号', '410811001', 'F5211', '2018-05-06', '存续', 'A', '', ''])
    f.getCell(2).value = { formula: 'CONCAT("a","b")', result: 'ab' }
    const buf = Buffer.from(await wb.xlsx.writeBuffer())
    const up = await upload(admin, 'sheet.xlsx', buf)
    expect(up.status).toBe(201)
    const v = await waitJob(admin, up.body.id, ['validated', 'failed'])
    expect(v, JSON.stringify(v)).toMatchObject({ status: 'validated', validRows: 1, errorRows: 1 })
    const errs = await admin.get(`/api/entities-import/jobs/${up.body.id}/errors`)
    expect(errs.body.items[0]).toMatchObject({ rowNo: 3 })
    expect(errs.body.items[0].reason).toContain('公式')
    await admin.post(`/api/entities-import/jobs/${up.body.id}/commit`, { mode: 'valid_only' })
    await waitJob(admin, up.body.id, ['done'])
    expect((await admin.get(`/api/entities?uscc=${code(30)}`)).body.items[0]).toMatchObject({ registeredOn: '2018-05-06', status: 'active' })
  })

  it('searches by name substring, prefix, one character, division, tag and kind', async () => {
    const rows = [HEADER]
    for (let i = 0; i < 30; i++)
      rows.push(`${code(100 + i, '92', '410803')},中站区${i}号便民超市,个体工商户,陈${i},站前路${i}号,410803001,F5212,2021-01-01,存续,B,冷链食品经营者,`)
    rows.push(`${code(200)},焦作市怀庆药业有限公司,有限责任公司,刘药,人民路9号,410811001,F5251,2015-01-01,存续,A,药品零售,`)
    await importCsv(admin, rows.join('\n'), 'all')
    const sub = await admin.get('/api/entities?name=便民超&pageSize=50')
    expect(sub.body.total).toBe(30)
    const two = await admin.get('/api/entities?name=药业')
    expect(two.body.items.map((x: { name: string }) => x.name)).toEqual(['焦作市怀庆药业有限公司'])
    const one = await admin.get('/api/entities?name=药&pageSize=50')
    expect(one.body.items.map((x: { name: string }) => x.name)).toContain('焦作市怀庆药业有限公司')
    const prefix = await admin.get(`/api/entities?name=${encodeURIComponent('焦作市怀庆')}&nameMode=prefix`)
    expect(prefix.body.total).toBe(1)
    const notPrefix = await admin.get(`/api/entities?name=${encodeURIComponent('怀庆药业')}&nameMode=prefix`)
    expect(notPrefix.body.total).toBe(0)
    const div = await admin.get('/api/entities?division=410803&pageSize=50')
    expect(div.body.total).toBe(30)
    const tag = await admin.get('/api/entities?tag=pharmacy')
    expect(tag.body.items.map((x: { name: string }) => x.name)).toEqual(['焦作市怀庆药业有限公司'])
    const kind = await admin.get('/api/entities?kind=individual&division=410803&pageSize=5&page=2')
    expect(kind.body).toMatchObject({ total: 30, page: 2, pageSize: 5 })
    expect(kind.body.items).toHaveLength(5)
    const wild = await admin.get(`/api/entities?name=${encodeURIComponent('%')}`)
    expect(wild.body.total).toBe(0)
    const tooBig = await admin.get('/api/entities?pageSize=5000')
    expect(tooBig.status).toBe(400)
    expect(tooBig.body.error.code).toBe('VALIDATION')
  })

  it('limits entities to the data scope of the competent station', async () => {
    const handler = await t.login('handler') // case handler, 解放区 and below
    const mine = await handler.get('/api/entities?pageSize=200')
    expect(mine.status).toBe(200)
    expect(mine.body.total).toBeGreaterThan(0)
    for (const e of mine.body.items) expect(e.businessDivision.startsWith('410802')).toBe(true)
    const other = (await admin.get(`/api/entities?uscc=${code(200)}`)).body.items[0]
    expect((await handler.get(`/api/entities/${other.id}`)).status).toBe(404)
    expect((await handler.get(`/api/entities?uscc=${code(200)}`)).body.items).toHaveLength(0)
    const auditor = await t.login('auditor')
    expect((await auditor.get('/api/entities')).status).toBe(403)
  })

  it('finds an entity by USCC (any case) or legacy registration number, inside the scope only', async () => {
    const handler = await t.login('handler')
    const mine = (await handler.get('/api/entities?pageSize=1')).body.items[0]
    const byCode = await handler.get(`/api/entities?uscc=${mine.uscc.toLowerCase()}`)
    expect(byCode.status).toBe(200)
    expect(byCode.body).toMatchObject({ total: 1, items: [{ id: mine.id, stationName: mine.stationName }] })
    const legacy = await admin.post('/api/entities', { regNo: '410802000123456', name: '焦作市老字号酱菜厂', businessDivision: '410802001' })
    expect(legacy.status, legacy.raw).toBe(201)
    const byReg = await handler.get('/api/entities?uscc=410802000123456')
    expect(byReg.body.items.map((e: any) => e.id)).toEqual([legacy.body.id])
    expect((await handler.get('/api/entities?uscc=REG:410802000123456')).body.items.map((e: any) => e.id)).toEqual([legacy.body.id])
    // The same code with another filter goes through the general query and agrees.
    expect((await handler.get(`/api/entities?uscc=410802000123456&status=${legacy.body.status}`)).body.items.map((e: any) => e.id)).toEqual([legacy.body.id])
    const jfadmin = await t.login('leader')
    expect((await jfadmin.get('/api/entities?uscc=410802000123456')).body.total).toBe(1)
    const inspector = await t.login('inspector') // 解放区首所 only: the legacy record's station decides
    const seen = (await inspector.get('/api/entities?uscc=410802000123456')).body.items.length
    const station = legacy.body.stationUnitId
    const inspectorUnit = (
      await rawSql<{ id: string }>(t, `select unit_id as id from role_grant g join app_user u on u.id = g.user_id where u.username = 'inspector'`)
    )[0]!.id
    expect(seen).toBe(station === inspectorUnit ? 1 : 0)
  })

  it('records an early pilot code only with an explicit, audited checksum exception', async () => {
    const good = code(300)
    const bad = good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A')
    const refused = await admin.post('/api/entities', { uscc: bad, name: '焦作市试点企业有限公司' })
    expect(refused.status).toBe(400)
    expect(refused.body.error.message).toContain(`应为 ${good[17]}`)
    const noReason = await admin.post('/api/entities', { uscc: bad, name: '焦作市试点企业有限公司', checksumException: true })
    expect(noReason.status).toBe(400)
    const ok = await admin.post('/api/entities', {
      uscc: bad,
      name: '焦作市试点企业有限公司',
      checksumException: true,
      checksumExceptionReason: '2015 年试点期间赋码，原登记机关已确认',
      businessDivision: '410802001',
    })
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({ uscc: bad, checksumException: true })
    const rec = await t.s.deps.db.selectFrom('auditLog').select(['action', 'actorName']).where('targetId', '=', ok.body.id).executeTakeFirstOrThrow()
    expect(rec.action).toBe('entity.create.checksum_exception')
    const wrongLength = await admin.post('/api/entities', {
      uscc: '91410802MA00',
      name: '焦作市长度错误有限公司',
      checksumException: true,
      checksumExceptionReason: '理由理由理由',
    })
    expect(wrongLength.status).toBe(400)
    const dup = await admin.post('/api/entities', { uscc: bad, name: '重复', checksumException: true, checksumExceptionReason: '理由理由理由' })
    expect(dup.status).toBe(409)
  })

  it('a district manager registers and moves entities only within the district', async () => {
    const jf = await t.login('jfadmin')
    const outside = await jf.post('/api/entities', { uscc: code(400), name: '焦作市山阳区越界登记有限公司', businessDivision: '410811001' })
    expect(outside.status).toBe(403)
    expect(outside.body.error.message).toContain('管辖范围')
    expect((await admin.get(`/api/entities?uscc=${code(400)}`)).body.items).toHaveLength(0)
    const noDivision = await jf.post('/api/entities', { uscc: code(401), name: '焦作市无地址登记有限公司' })
    expect(noDivision.status).toBe(403)
    const inside = await jf.post('/api/entities', { uscc: code(402), name: '焦作市解放区本地登记有限公司', businessDivision: '410802001' })
    expect(inside.status).toBe(201)
    const moved = await jf.patch(`/api/entities/${inside.body.id}`, { expectedVersion: inside.body.version, businessDivision: '410811001' })
    expect(moved.status).toBe(403)
    expect((await admin.get(`/api/entities/${inside.body.id}`)).body.businessDivision).toBe('410802001')
  })

  it('edits with optimistic locking and keeps versions', async () => {
    const e = (await admin.get(`/api/entities?uscc=${code(200)}`)).body.items[0]
    const ok = await admin.patch(`/api/entities/${e.id}`, { expectedVersion: e.version, riskClass: 'D', reason: '抽查发现问题' })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ riskClass: 'D', version: e.version + 1 })
    const stale = await admin.patch(`/api/entities/${e.id}`, { expectedVersion: e.version, riskClass: 'C' })
    expect(stale.status).toBe(409)
    expect((await admin.get(`/api/entities/${e.id}`)).body.riskClass).toBe('D')
    const versions = await t.s.deps.db.selectFrom('entityVersion').select('version').where('entityId', '=', e.id).execute()
    expect(versions.map((v) => v.version)).toContain(e.version)
    const script = await admin.patch(`/api/entities/${e.id}`, { expectedVersion: e.version + 1, name: '<b>x</b>' })
    expect(script.status).toBe(400)
  })

  it('exports the search result to Excel with the same rows', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/entities/export?division=410803', headers: { cookie: admin.cookie! } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(ws.rowCount).toBe(31)
    expect(String(ws.getRow(1).getCell(1).value)).toBe('统一社会信用代码')
    const names = new Set<string>()
    ws.eachRow((r, n) => {
      if (n > 1) names.add(String(r.getCell(3).value))
    })
    expect(names.has('中站区0号便民超市')).toBe(true)
    const operator = await t.login('operator')
    expect((await operator.get('/api/entities/export')).status).toBe(403)
  })

  it('exports only the selected rows, within the data scope; a malformed selection is refused in Chinese', async () => {
    const picked = (await admin.get('/api/entities?division=410803&pageSize=3')).body.items as Array<{ id: string; name: string }>
    expect(picked).toHaveLength(3)
    const jf = await t.login('handler') // 解放区 case handler, may export
    const ids = picked.map((e) => e.id).join(',')
    const read = async (cookie: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/entities/export?ids=${ids}`, headers: { cookie } })
      expect(res.statusCode).toBe(200)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
      const names: string[] = []
      wb.worksheets[0]!.eachRow((r, n) => {
        if (n > 1) names.push(String(r.getCell(3).value))
      })
      return names.sort()
    }
    expect(await read(admin.cookie!)).toEqual(picked.map((e) => e.name).sort())
    // 410803 is 山阳区: a 解放区 handler selecting them gets none of them.
    expect(await read(jf.cookie!)).toEqual([])
    const listed = await admin.get(`/api/entities?ids=${ids}`)
    expect(listed.body.total).toBe(3)
    const bad = await admin.get('/api/entities/export?ids=1,2')
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('所选经营主体 ID 无效')
  })

  it('exports across pages without losing or repeating a row when hundreds share one name', async () => {
    // 560 entities of one name cross the export's 250-row pages inside that name (the cursor moves
    // on by id), then 40 of the next name (the cursor moves on by name).
    const rows = Array.from({ length: 600 }, (_, i) => {
      const name = i < 560 ? '焦作市同名测试超市' : '焦作市同名测试超市二店'
      return `${code(7000 + i)},${name},有限责任公司,钱${i},解放路${i}号,410802001,F5211,2019-03-01,存续,A,,`
    })
    const { done } = await importCsv(admin, [HEADER, ...rows].join('\n'))
    expect(done).toMatchObject({ status: 'done', insertedRows: 600 })
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/entities/export?name=${encodeURIComponent('同名测试超市')}`,
      headers: { cookie: admin.cookie! },
    })
    expect(res.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const codes: string[] = []
    const names: string[] = []
    wb.worksheets[0]!.eachRow((r, n) => {
      if (n === 1) return
      codes.push(String(r.getCell(1).value))
      names.push(String(r.getCell(3).value))
    })
    expect(codes.length).toBe(600)
    expect(new Set(codes)).toEqual(new Set(Array.from({ length: 600 }, (_, i) => code(7000 + i))))
    // In name order: the one name first, then the other.
    expect(names.indexOf('焦作市同名测试超市二店')).toBe(560)
    expect(names.slice(560).every((x) => x === '焦作市同名测试超市二店')).toBe(true)
  })

  it('accepts codes issued under a retired division code (411222 陕县, now 陕州区) everywhere, with a warning; the check character decides', async () => {
    const retired = composeUscc('91', '411222', 'MA3X5B7Q')
    const wrong = retired.slice(0, 17) + (retired[17] === '0' ? '1' : '0')
    const v = await admin.post('/api/uscc/validate', { codes: [retired, wrong, code(900)] })
    expect(v.status).toBe(200)
    expect(v.body.items[0]).toMatchObject({ valid: true, divisionStatus: 'retired', divisionName: '陕县', reason: null })
    expect(v.body.items[0].warnings[0]).toContain('411222”（陕县）已不在现行行政区划代码表中')
    expect(v.body.items[1]).toMatchObject({ valid: false, divisionStatus: null })
    expect(v.body.items[2]).toMatchObject({ valid: true, divisionStatus: 'current', warnings: [] })
    // Registered by hand (the place of business is a current township of the demo city).
    const created = await admin.post('/api/entities', { uscc: retired, name: '焦作市历史区划码商贸有限公司', businessDivision: '410802001' })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({ uscc: retired, checksumException: false })
    // Imported from a file.
    const imported = composeUscc('91', '320584', 'MA3X5B7R')
    const { validated, done } = await importCsv(
      admin,
      [HEADER, `${imported},焦作市吴江老代码贸易有限公司,有限责任公司,王一,解放路9号,410802001,F5211,2016-03-01,存续,A,,`].join('\n'),
    )
    expect(validated, JSON.stringify(validated)).toMatchObject({ validRows: 1, errorRows: 0 })
    expect(done).toMatchObject({ status: 'done', insertedRows: 1 })
    expect((await admin.get(`/api/entities?uscc=${imported}`)).body.items).toHaveLength(1)
  })

  it('puts USCC warnings into the error report (the row is imported) and refuses a retired division code in a division column with a clear reason', async () => {
    const warned = composeUscc('91', '411222', 'MA3X5B8Q')
    const csv = [
      HEADER,
      `${warned},焦作市陕县老代码商贸有限公司,有限责任公司,王一,解放路10号,410802001,F5211,2016-03-01,存续,A,,`,
      `${code(910)},焦作市旧区划经营场所有限公司,有限责任公司,王二,解放路11号,411222,F5211,2016-03-01,存续,A,,`,
    ].join('\n')
    const { validated, done } = await importCsv(admin, csv)
    expect(validated, JSON.stringify(validated)).toMatchObject({ totalRows: 2, validRows: 1, errorRows: 1, warningRows: 1 })
    expect(done).toMatchObject({ status: 'done', insertedRows: 1 })
    expect((await admin.get(`/api/entities?uscc=${warned}`)).body.items).toHaveLength(1)
    const errs = await admin.get(`/api/entities-import/jobs/${done.id}/errors`)
    const byRow = Object.fromEntries(errs.body.items.map((e: { rowNo: number }) => [e.rowNo, e]))
    expect(byRow[2]).toMatchObject({ columnName: '统一社会信用代码', severity: 'warning' })
    expect(byRow[2].reason).toContain('411222”（陕县）已不在现行行政区划代码表中')
    expect(byRow[3]).toMatchObject({ columnName: '经营场所行政区划', severity: 'error' })
    expect(byRow[3].reason).toBe('行政区划代码“411222”（陕县）已撤销，最后见于 2015 年 9 月版 GB/T 2260；请填写该地现行的行政区划代码')
    const res = await t.app.inject({ method: 'GET', url: `/api/entities-import/jobs/${done.id}/error-report`, headers: { cookie: admin.cookie! } })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const rows: unknown[][] = []
    wb.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1))
    })
    expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual([
      [2, '统一社会信用代码', '警告'],
      [3, '经营场所行政区划', '错误'],
    ])
    const history = await admin.get('/api/imports?kind=entities&pageSize=50')
    expect(history.body.items.find((h: { id: string }) => h.id === done.id)).toMatchObject({
      warningRows: 1,
      errorRows: 1,
      errorReportUrl: `/api/entities-import/jobs/${done.id}/error-report`,
    })
  })
})

describe('jianguan uscc validate (CLI contract)', () => {
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['bin/jianguan.mjs', 'uscc', 'validate', ...args], { input, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } })
  it('prints CODE<TAB>valid and exits 0 when every code is valid', () => {
    const r = run(['91110000600037341L', '91350100M000100Y43'])
    expect(r.stdout).toBe('91110000600037341L\tvalid\n91350100M000100Y43\tvalid\n')
    expect(r.status).toBe(0)
  })
  it('prints a reason per invalid code and exits non-zero; reads stdin without arguments', () => {
    const r = run([], '91110108551385082Q\n91110108551385082R\n')
    expect(r.stdout.split('\n')[0]).toBe('91110108551385082Q\tvalid')
    expect(r.stdout.split('\n')[1]).toBe('91110108551385082R\tinvalid\t第 18 位校验码错误：应为 Q，实为 R')
    expect(r.status).not.toBe(0)
  })
  it('a code under a retired division code is valid (exit 0), the warning beside it', () => {
    const retired = composeUscc('91', '411222', 'MA3X5B7Q')
    const r = run([retired])
    expect(r.stdout).toBe(
      `${retired}\tvalid\t第 3–8 位行政区划码“411222”（陕县）已不在现行行政区划代码表中（最后见于 2015 年 9 月版 GB/T 2260），按历史代码识别，代码有效\n`,
    )
    expect(r.status).toBe(0)
  })
})
