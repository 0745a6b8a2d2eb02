import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, expectError, expectOk, multipartPost, mutableClock, unitId, type Client, type TestApp } from '../../../test/helpers'
import { composeUscc } from '../entities'

/*
 * The laboratory's result import over HTTP, on both engines: a CSV with one row per test item
 * through the import kit on the job runner; row errors (unknown sample, another laboratory's
 * sample, result without unit, impossible date, results already issued, duplicates) stay out and
 * go to the error workbook, the valid rows land on their samples; a corrected file replaces the
 * items by name; the lab account sees only its own runs. Today is Tue 2026-10-20.
 */
describe('sampling result import over HTTP', () => {
  let t: TestApp
  let jf: Client, lab: Client, admin: Client
  let myLab: string, otherLab: string
  const ids: Record<'a' | 'b' | 'other' | 'issued', string> = { a: '', b: '', other: '', issued: '' }
  const nos: Record<'a' | 'b' | 'other' | 'issued', string> = { a: '', b: '', other: '', issued: '' }
  const v = async (c: Client, id: string, base: string) => (await c.get(`${base}/${id}`)).body.version as number
  const HEAD = '样品编号,检验项目,判定依据,检验方法,标准指标,计量单位,实测值,单项结论,检验日期'
  const csv = (rows: string[]) => Buffer.from(`\uFEFF${[HEAD, ...rows].join('\r\n')}\r\n`)
  const upload = (c: Client, body: Buffer, name = '检验结果.csv') => multipartPost(c, '/api/sampling/lab/result-imports?wait=1', name, body)

  beforeAll(async () => {
    t = await buildTestApp({ demo: true, clock: mutableClock('2026-10-20T02:00:00Z') })
    jf = await t.login('jfsampling')
    lab = await t.login('lab')
    admin = await t.login('admin')
    const db = t.s.deps.db
    myLab = (
      await db
        .selectFrom('samplingLabUser')
        .innerJoin('appUser', 'appUser.id', 'samplingLabUser.userId')
        .select('labId')
        .where('username', '=', 'lab')
        .executeTakeFirstOrThrow()
    ).labId
    const labs = (await jf.get('/api/sampling/labs')).body as Array<{ id: string }>
    otherLab = labs.find((l) => l.id !== myLab)!.id
    const entities: string[] = []
    for (const [i, name] of ['导入测试甲超市', '导入测试乙商行', '导入测试丙餐馆', '导入测试丁商店'].entries()) {
      const e = await admin.post('/api/entities', {
        uscc: composeUscc('92', '410802', `MA77${String(i).padStart(4, '0')}`),
        name,
        entityType: '个体工商户',
        businessAddress: '解放区民主路2号',
        businessDivision: '410802001',
        status: 'active',
      })
      expectOk(e, 201)
      entities.push(e.body.id)
    }
    const plan = await jf.post('/api/sampling/plans', {
      unitId: await unitId(t, 'JZ-410802'),
      year: 2026,
      title: '导入测试计划',
      checkType: 'food',
      lines: [{ categoryCode: '3301', batches: 10 }],
      labIds: labs.map((l) => l.id),
    })
    expectOk(plan, 201)
    const tasks = await jf.post(`/api/sampling/plans/${plan.body.id}/tasks`, { categoryCode: '3301', mode: 'targeted', entityIds: entities })
    expectOk(tasks, 201)
    const [a, b, other, issued] = tasks.body.sampleIds as [string, string, string, string]
    Object.assign(ids, { a, b, other, issued })
    for (const [id, labId] of [
      [a, myLab],
      [b, myLab],
      [other, otherLab],
      [issued, myLab],
    ] as const) {
      const r = await jf.post(`/api/sampling/samples/${id}/actions/record_sampling`, {
        sampledOn: '2026-10-12',
        place: '民主路农贸市场',
        productName: '猪肉',
        spec: '散装',
        producerName: '焦作演示屠宰有限公司',
        producerDivision: '410802',
        quantity: 2,
        backupQuantity: 1,
        quantityUnit: 'kg',
        pricePaidFen: 6000,
        samplers: ['张伟', '李娜'],
        signedBy: '摊主',
        labId,
        version: await v(jf, id, '/api/sampling/samples'),
      })
      expectOk(r)
      if (labId === myLab)
        expectOk(
          await lab.post(`/api/sampling/lab/samples/${id}/actions/receive`, {
            receivedOn: '2026-10-13',
            version: await v(lab, id, '/api/sampling/lab/samples'),
          }),
        )
    }
    for (const k of ['a', 'b', 'other', 'issued'] as const) nos[k] = (await jf.get(`/api/sampling/samples/${ids[k]}`)).body.sampleNo
    const L = '/api/sampling/lab/samples'
    const item = { item: '铅', standard: 'GB 2762-2022', method: 'GB 5009.12-2017', limit: '≤0.2', result: '0.03', unit: 'mg/kg', conclusion: 'pass' }
    expectOk(await lab.put(`${L}/${ids.issued}/results`, { items: [item], version: await v(lab, ids.issued, L) }))
    expectOk(await lab.post(`${L}/${ids.issued}/actions/issue_conforming`, { reportNo: 'JC-1', issuedOn: '2026-10-16', version: await v(lab, ids.issued, L) }))
  })
  afterAll(() => t?.close())

  it('imports the valid rows and reports each bad row with its reason; nothing of a bad row lands', async () => {
    const before = await v(lab, ids.b, '/api/sampling/lab/samples')
    const r = await upload(
      lab,
      csv([
        `${nos.a},恩诺沙星,GB 31650-2019,农业部1025号公告-14-2008,≤100,μg/kg,236,不合格,2026-10-15`,
        `${nos.a},克伦特罗,GB/T 22286-2008,GB/T 22286-2008,不得检出,μg/kg,未检出,合格,2026-10-15`,
        `CJ9999999999,铅,GB 2762-2022,GB 5009.12-2017,≤0.2,mg/kg,0.05,合格,`,
        `${nos.other},铅,GB 2762-2022,GB 5009.12-2017,≤0.2,mg/kg,0.05,合格,`,
        `${nos.b},铅,GB 2762-2022,GB 5009.12-2017,≤0.2,,0.05,合格,`,
        `${nos.b},镉,GB 2762-2022,GB 5009.15-2014,≤0.1,mg/kg,0.01,合格,2026-02-30`,
        `${nos.issued},铅,GB 2762-2022,GB 5009.12-2017,≤0.2,mg/kg,0.05,合格,`,
        `${nos.a},恩诺沙星,GB 31650-2019,农业部1025号公告-14-2008,≤100,μg/kg,20,合格,`,
        `${nos.b},汞,GB 2762-2022,GB 5009.17-2021,≤0.05,mg/kg,0.001,符合,2026-10-12`,
      ]),
    )
    expectOk(r, 201)
    expect(r.body).toMatchObject({ status: 'done', totalRows: 9, validRows: 2, errorRows: 7, importedRows: 2 })
    const errs = await t.s.deps.db
      .selectFrom('importIssue')
      .select(['rowNo', 'columnName as column', 'reason as message'])
      .where('runId', '=', r.body.id)
      .orderBy('rowNo')
      .execute()
    const byRow = new Map(errs.map((e) => [Number(e.rowNo), e]))
    expect(byRow.get(4)!.message).toMatch(/样品编号“CJ9999999999”不存在/)
    expect(byRow.get(5)!.message).toMatch(/不是本机构承检的样品/)
    expect(byRow.get(6)).toMatchObject({ column: '计量单位', message: expect.stringMatching(/计量单位不能为空/) })
    expect(byRow.get(7)).toMatchObject({ column: '检验日期', message: expect.stringMatching(/不存在/) })
    expect(byRow.get(8)!.message).toMatch(/结果只读/)
    expect(byRow.get(9)).toMatchObject({ column: '检验项目', message: expect.stringMatching(/与第 2 行重复/) })
    expect(byRow.get(10)).toMatchObject({ column: '检验日期', message: expect.stringMatching(/不能早于收样日期/) })
    const a = (await lab.get(`/api/sampling/lab/samples/${ids.a}`)).body
    expect(a.results.map((x: { item: string; unit: string; conclusion: string }) => [x.item, x.unit, x.conclusion])).toEqual([
      ['恩诺沙星', 'μg/kg', 'fail'],
      ['克伦特罗', 'μg/kg', 'pass'],
    ])
    // The sample with only bad rows is untouched.
    expect((await lab.get(`/api/sampling/lab/samples/${ids.b}`)).body).toMatchObject({ results: [], version: before })
    // The error workbook lists the bad rows.
    const rep = await t.app.inject({ method: 'GET', url: `/api/sampling/lab/result-imports/${r.body.id}/error-report`, headers: { cookie: lab.cookie! } })
    expect(rep.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(rep.rawPayload as never)
    expect(wb.worksheets[0]!.rowCount).toBe(1 + errs.length)
    // The history of the kind shows the run with its report; the run is audited.
    const hist = await lab.get('/api/imports?kind=sampling_results&page=1&pageSize=10')
    expectOk(hist)
    expect(hist.body.items[0]).toMatchObject({ id: r.body.id, errorRows: 7, importedRows: 2, errorReportUrl: expect.stringContaining(r.body.id) })
    expect((await auditRecords(t, { action: 'sampling.results.import' })).length).toBeGreaterThan(0)
  })

  it('the corrected file replaces the items by name and fills the rest; the report then issues', async () => {
    const r = await upload(
      lab,
      csv([
        `${nos.a},恩诺沙星,GB 31650-2019,农业部1025号公告-14-2008,≤100,μg/kg,241,不合格,2026-10-16`,
        `${nos.b},铅,GB 2762-2022,GB 5009.12-2017,≤0.2,mg/kg,0.05,合格,`,
        `${nos.b},镉,GB 2762-2022,GB 5009.15-2014,≤0.1,mg/kg,0.01,合格,2026-10-14`,
      ]),
    )
    expect(r.body).toMatchObject({ status: 'done', totalRows: 3, errorRows: 0, importedRows: 3 })
    const a = (await lab.get(`/api/sampling/lab/samples/${ids.a}`)).body
    expect(a.results.map((x: { item: string; result: string }) => [x.item, x.result])).toEqual([
      ['恩诺沙星', '241'],
      ['克伦特罗', '未检出'],
    ])
    expect((await lab.get(`/api/sampling/lab/samples/${ids.b}`)).body.results).toHaveLength(2)
    // The report's conclusion follows the imported items.
    expectOk(
      await lab.post(`/api/sampling/lab/samples/${ids.a}/actions/issue_non_conforming`, {
        reportNo: 'JC-IMPORT-1',
        issuedOn: '2026-10-19',
        version: await v(lab, ids.a, '/api/sampling/lab/samples'),
      }),
    )
    // Once issued, the results are read-only for a later import too.
    const late = await upload(lab, csv([`${nos.a},恩诺沙星,GB 31650-2019,农业部1025号公告-14-2008,≤100,μg/kg,5,合格,`]))
    expect(late.body).toMatchObject({ errorRows: 1, importedRows: 0 })
  })

  it('refuses what is not a result file, and keeps runs to their lab account (403/404)', async () => {
    expectError(await upload(lab, Buffer.from('a,b\r\n1,2\r\n')), 400, 'VALIDATION', /缺少必需的列/)
    expectError(await upload(lab, Buffer.from('x'), 'r.txt'), 400, 'VALIDATION', /只支持 .xlsx 或 .csv/)
    expectError(await upload(jf, csv([])), 403, 'FORBIDDEN')
    expectError(await t.anon.post('/api/sampling/lab/result-imports'), 401, 'UNAUTHENTICATED')
    const runs = (await lab.get('/api/imports?kind=sampling_results&page=1&pageSize=10')).body.items as Array<{ id: string }>
    expectError(await jf.get(`/api/sampling/lab/result-imports/${runs[0]!.id}`), 403, 'FORBIDDEN')
    expectOk(await lab.get(`/api/sampling/lab/result-imports/${runs[0]!.id}`))
  })
})
