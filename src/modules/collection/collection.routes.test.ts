import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  auditRecords,
  buildTestApp,
  createActiveUser,
  expectError,
  expectOk,
  makeClient,
  multipartPost,
  mutableClock,
  unitId,
  userId,
  type Client,
  type TestApp,
} from '../../../test/helpers'
import { composeUscc } from '../entities'

/*
 * 涉企信息归集 over HTTP, on both engines: departments in scope, a department's system pushing
 * licences and penalties with its API token (matched to the register, due dates from the rule
 * catalogue on the 2026 holiday calendar, corrections by document number, bad records rejected one
 * by one), a file import with a bad row, expected counts and the collection rate checked against
 * counts made here from the records sent, and the entity file's section. Today is Tue 2026-10-20
 * (10:00 in China).
 */
describe('涉企信息归集 over HTTP', () => {
  let t: TestApp
  let credit: Client, admin: Client, district: Client, pusher: Client, otherPusher: Client
  let cityDept: string, jfDept: string
  let registered: { id: string; uscc: string; name: string }
  const outsider = composeUscc('91', '410100', 'MA9X0001')

  const licence = (over: Record<string, unknown> = {}) => ({
    kind: 'licence',
    infoClass: 'public',
    uscc: registered.uscc,
    entityName: registered.name,
    docNo: 'JY14108020000001',
    title: '食品经营许可',
    decidedOn: '2026-09-10',
    validUntil: '2031-09-09',
    content: '预包装食品销售',
    ...over,
  })

  beforeAll(async () => {
    t = await buildTestApp({ demo: true, clock: mutableClock('2026-10-20T02:00:00Z') })
    credit = await t.login('credit')
    admin = await t.login('admin')
    const uscc = composeUscc('91', '410802', 'MA77AB01')
    const e = await admin.post('/api/entities', {
      uscc,
      name: '焦作市解放区归集测试餐饮有限公司',
      entityType: '有限责任公司',
      businessAddress: '解放区民主路2号',
      businessDivision: '410802001',
      status: 'active',
    })
    expectOk(e, 201)
    registered = { id: e.body.id, uscc, name: '焦作市解放区归集测试餐饮有限公司' }
    // A district credit officer (解放区 only) and two departments' push accounts.
    district = (await createActiveUser(admin, t, { unitCode: 'JZ-410802', grants: [{ role: 'credit_officer', unitCode: 'JZ-410802', scope: 'unit_tree' }] }))
      .client
    const mkPusher = async () => {
      const u = await createActiveUser(admin, t, { unitCode: 'JZ', grants: [{ role: 'collection_pusher', unitCode: 'JZ', scope: 'unit' }] })
      const id = await userId(t, u.username)
      const tok = await admin.post('/api/tokens', { name: '归集推送', userId: id, permissions: ['collection.push'] })
      expectOk(tok, 201)
      return { id, client: makeClient(t.app, null, null, { authorization: `Bearer ${tok.body.token}` }) }
    }
    const p1 = await mkPusher()
    const p2 = await mkPusher()
    pusher = p1.client
    otherPusher = p2.client
    const d1 = await credit.post('/api/collection/departments', {
      code: 'JZ-WJW',
      name: '焦作市卫生健康委员会',
      unitId: await unitId(t, 'JZ'),
      pushUserId: p1.id,
    })
    expectOk(d1, 201)
    cityDept = d1.body.id
    const d2 = await credit.post('/api/collection/departments', {
      code: 'JF-ZJJ',
      name: '解放区住房和城乡建设局',
      unitId: await unitId(t, 'JZ-410802'),
      pushUserId: p2.id,
    })
    expectOk(d2, 201)
    jfDept = d2.body.id
  })
  afterAll(async () => t?.close())

  it('needs a session or token, keeps departments in scope, refuses a duplicate code and bad input without change', async () => {
    expectError(await makeClient(t.app).get('/api/collection/departments'), 401, 'UNAUTHENTICATED')
    expectError(await makeClient(t.app).post('/api/collection/push', { department: 'JZ-WJW', records: [licence()] }), 401, 'UNAUTHENTICATED')
    expect((await district.get('/api/collection/departments')).body.map((d: { code: string }) => d.code)).toEqual(['JF-ZJJ'])
    expectError(
      await district.put(`/api/collection/departments/${cityDept}`, { code: 'JZ-WJW', name: 'x', unitId: await unitId(t, 'JZ-410802'), version: 1 }),
      404,
      'NOT_FOUND',
    )
    expectError(await credit.post('/api/collection/departments', { code: 'JZ-WJW', name: '重复', unitId: await unitId(t, 'JZ') }), 409, 'CONFLICT', /已被使用/)
    expectError(await credit.post('/api/collection/departments', { code: '卫健委', name: 'x'.repeat(101), unitId: await unitId(t, 'JZ') }), 400, 'VALIDATION')
    expect(await t.s.deps.db.selectFrom('collectionDepartment').select('id').execute()).toHaveLength(2)
  })

  it('a department pushes records: matched by USCC, due dates on the holiday calendar, bad records rejected alone', async () => {
    const r = await pusher.post('/api/collection/push', {
      department: 'JZ-WJW',
      records: [
        licence(),
        // Decided the day Mid-Autumn begins: 20 WD run past National Day to 2026-10-29 — in time.
        licence({
          kind: 'penalty',
          infoClass: 'public',
          docNo: '焦卫罚〔2026〕15号',
          title: '未取得健康证明从事接触直接入口食品工作',
          decidedOn: '2026-09-25',
          validUntil: null,
          uscc: outsider,
          entityName: '郑州外地餐饮有限公司',
        }),
        licence({ docNo: 'JY-BAD-1', uscc: '123' }),
        licence({ docNo: 'JY-FUTURE', decidedOn: '2026-10-21' }),
        licence({ docNo: 'JY-DATES', validUntil: '2026-01-01' }),
        licence({ infoClass: 'non_public', kind: 'check', docNo: 'JC-2026-001', title: '公共场所卫生监督检查', decidedOn: '2026-10-09', validUntil: null }),
      ],
    })
    expectOk(r)
    expect(r.body).toMatchObject({ received: 6, created: 3, updated: 0, unchanged: 0 })
    expect(r.body.rejected.map((x: { index: number }) => x.index)).toEqual([2, 3, 4])
    expect(r.body.rejected[0].errors.join()).toMatch(/统一社会信用代码/)
    expect(r.body.rejected[1].errors).toEqual(['作出日期不能晚于今天'])
    expect(r.body.rejected[2].errors).toEqual(['有效期至不能早于作出日期'])

    const rows = await t.s.deps.db.selectFrom('collectionRecord').selectAll().orderBy('decidedOn').execute()
    expect(rows.map((x) => [x.docNo, x.entityId, x.dueOn, Number(x.onTime), x.source])).toEqual([
      // Decided Thu 2026-09-10: 20 WD over Mid-Autumn (25 Sep) and National Day (1–7 Oct), counting the
      // make-up Sunday 20 Sep and Saturday 10 Oct → due Wed 2026-10-14; received 10-20: late.
      ['JY14108020000001', registered.id, '2026-10-14', 0, 'api'],
      ['焦卫罚〔2026〕15号', null, '2026-10-29', 1, 'api'],
      // Decided Fri 10-09: the make-up Saturday 10-10 is its first working day → due Thu 11-05.
      ['JC-2026-001', registered.id, '2026-11-05', 1, 'api'],
    ])
    // Sent again: the same record is unchanged; a corrected one replaces it (revision 2, first receipt kept).
    expect((await pusher.post('/api/collection/push', { department: 'JZ-WJW', records: [licence()] })).body).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 1,
    })
    const twice = await pusher.post('/api/collection/push', { department: 'JZ-WJW', records: [licence({ docNo: 'A-1' }), licence({ docNo: 'a-1 ' })] })
    expect(twice.body).toMatchObject({ created: 1, rejected: [{ index: 1, errors: ['同一批次中文书编号重复'] }] })
    const again = await pusher.post('/api/collection/push', {
      department: 'JZ-WJW',
      records: [licence({ docNo: 'jy14108020000001 ', title: '食品经营许可（变更）' })],
    })
    expect(again.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 })
    const fixed = await t.s.deps.db.selectFrom('collectionRecord').selectAll().where('docNo', '=', 'jy14108020000001').executeTakeFirstOrThrow()
    expect([fixed.title, Number(fixed.revision), fixed.receivedOn, Number(fixed.onTime)]).toEqual(['食品经营许可（变更）', 2, '2026-10-20', 0])
    expect(await t.s.deps.db.selectFrom('collectionRecord').select('id').execute()).toHaveLength(4)
    expect((await auditRecords(t, { action: 'collection.push' })).length).toBe(4)
  })

  it('a token pushes only for its own department (another one is 404), and only with collection.push', async () => {
    expectError(await otherPusher.post('/api/collection/push', { department: 'JZ-WJW', records: [licence({ docNo: 'X-1' })] }), 404, 'NOT_FOUND')
    expectError(await otherPusher.post('/api/collection/push', { department: 'NO-SUCH', records: [licence({ docNo: 'X-1' })] }), 404, 'NOT_FOUND')
    expectError(await credit.post('/api/collection/push', { department: 'JZ-WJW', records: [licence({ docNo: 'X-1' })] }), 403, 'FORBIDDEN')
    expectError(await pusher.post('/api/collection/push', { department: 'JZ-WJW', records: [] }), 400, 'VALIDATION', /至少推送一条/)
    expectError(
      await pusher.post('/api/collection/push', { department: 'JZ-WJW', records: Array.from({ length: 501 }, () => ({})) }),
      400,
      'VALIDATION',
      /最多推送 500/,
    )
    expect(await t.s.deps.db.selectFrom('collectionRecord').select('id').where('docNo', '=', 'X-1').execute()).toHaveLength(0)
  })

  it('imports a file with a bad row (valid rows only), keeps an error report, and refuses "all" without writing', async () => {
    const csv = [
      '信息类别,公开属性,统一社会信用代码,主体名称,许可证号,许可事项,许可日期,有效期至,备注',
      `行政许可,公开类,${registered.uscc},${registered.name},JZ-JS-001,建筑工程施工许可,2026-10-12,,`,
      `行政处罚,公开,${registered.uscc},${registered.name},解住建罚〔2026〕3号,违规施工,2026-13-05,,`,
      `行政许可,非公开类,${registered.uscc},${registered.name},JZ-JS-002,建筑垃圾处置核准,2026-10-15,,`,
    ].join('\n')
    const upload = (mode: string) => multipartPost(district, `/api/collection/imports?departmentId=${jfDept}&mode=${mode}`, '住建局10月.csv', csv)
    const refused = await upload('all')
    expectOk(refused, 201)
    expect(refused.body).toMatchObject({ status: 'failed', totalRows: 3, errorRows: 1, insertedRows: 0 })
    expect(refused.body.errors[0]).toMatchObject({ rowNo: 3, column: '作出日期' })
    const ok = await upload('valid_only')
    expect(ok.body).toMatchObject({ status: 'done', totalRows: 3, validRows: 2, errorRows: 1, insertedRows: 2 })
    const report = await district.get(`/api/collection/imports/${ok.body.id}/errors.xlsx`)
    expect(report.status).toBe(200)
    expect(report.headers['content-type']).toMatch(/spreadsheetml/)
    // The history lists both runs; the city's department cannot be imported into from the district.
    const hist = await district.get('/api/imports?kind=collection')
    expect(hist.body.items.map((i: { statusLabel: string }) => i.statusLabel).sort()).toEqual(['已导入', '未导入'])
    const cross = await multipartPost(district, `/api/collection/imports?departmentId=${cityDept}&mode=valid_only`, 'x.csv', csv)
    expectError(cross, 404, 'NOT_FOUND')
    expect(await t.s.deps.db.selectFrom('collectionRecord').select('id').where('departmentId', '=', jfDept).execute()).toHaveLength(2)
  })

  it('rates by department and class against the expected counts, checked against counts made from the records', async () => {
    for (const [dept, month, infoClass, expected] of [
      [cityDept, '2026-09', 'public', 4],
      [cityDept, '2026-10', 'non_public', 1],
      [jfDept, '2026-10', 'public', 2],
      [jfDept, '2026-10', 'non_public', 1],
    ] as const)
      expectOk(await credit.put('/api/collection/quotas', { departmentId: dept, month, infoClass, expected }))
    expectError(await credit.put('/api/collection/quotas', { departmentId: jfDept, month: '2026-13', infoClass: 'public', expected: -1 }), 400, 'VALIDATION')
    expectError(await district.put('/api/collection/quotas', { departmentId: cityDept, month: '2026-10', infoClass: 'public', expected: 1 }), 404, 'NOT_FOUND')

    const r = await credit.get('/api/collection/rates?from=2026-09&to=2026-10')
    expectOk(r)
    const records = await t.s.deps.db.selectFrom('collectionRecord').selectAll().execute()
    const count = (dept: string, cls: string) =>
      records.filter((x) => x.departmentId === dept && x.infoClass === cls && x.decidedOn >= '2026-09-01' && x.decidedOn <= '2026-10-31')
    const city = r.body.rows.find((x: { code: string }) => x.code === 'JZ-WJW')
    expect(city.public).toEqual({ collected: count(cityDept, 'public').length, onTime: 1, expected: 4, rate: 75, timelyRate: 33.3 })
    expect(city.non_public).toMatchObject({ collected: 1, expected: 1, rate: 100 })
    const jf = r.body.rows.find((x: { code: string }) => x.code === 'JF-ZJJ')
    expect(jf.public).toMatchObject({ collected: count(jfDept, 'public').length, expected: 2, rate: 50, timelyRate: 100 })
    expect(r.body.total.public).toMatchObject({ collected: 4, expected: 6, rate: 66.7 })
    // September alone: the October records and quotas do not count.
    const sep = await credit.get('/api/collection/rates?from=2026-09&to=2026-09')
    expect(sep.body.rows.find((x: { code: string }) => x.code === 'JZ-WJW').public).toMatchObject({ collected: 3, expected: 4 })
    // The district sees its department only.
    expect((await district.get('/api/collection/rates?from=2026-09&to=2026-10')).body.rows.map((x: { code: string }) => x.code)).toEqual(['JF-ZJJ'])
    expectError(await credit.get('/api/collection/rates?from=2026-10&to=2026-09'), 400, 'VALIDATION', /起始月份不能晚于/)
    expectError(await credit.get('/api/collection/rates?from=2020-01&to=2026-10'), 400, 'VALIDATION', /最长 36 个月/)
    const xlsx = await credit.get('/api/collection/rates/export?from=2026-09&to=2026-10')
    expect(xlsx.status).toBe(200)
    expect(decodeURIComponent(String(xlsx.headers['content-disposition']))).toContain('涉企信息归集率2026-09至2026-10.xlsx')
  })

  it('lists records in scope with search, and the entity file shows them', async () => {
    const all = await credit.get(`/api/collection/records?q=${encodeURIComponent(registered.uscc)}`)
    expect(all.body.total).toBe(5)
    const mine = await district.get('/api/collection/records')
    expect(
      mine.body.items.every((x: { departmentName: string }) => x.departmentName === '解放区住房和城乡建设局' || x.departmentName === '焦作市卫生健康委员会'),
    ).toBe(true)
    expect((await credit.get('/api/collection/records?matched=0')).body.items.map((x: { docNo: string }) => x.docNo)).toEqual(['焦卫罚〔2026〕15号'])
    expect((await credit.get(`/api/collection/records?q=${encodeURIComponent('罚〔2026〕15')}`)).body.total).toBe(1)
    const profile = await credit.get(`/api/entities/${registered.id}/profile`)
    expectOk(profile)
    const section = profile.body.sections.find((s: { key: string }) => s.key === 'collection')
    expect(section.count).toBe(5)
    expect(section.rows.map((x: { docNo: string }) => x.docNo)).toContain('JZ-JS-002')
  })
})
