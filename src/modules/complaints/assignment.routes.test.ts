import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  auditRecords,
  buildTestApp,
  createActiveUser,
  expectError,
  expectOk,
  mutableClock,
  STRONG_PASSWORD,
  unitId,
  userId,
  type Client,
  type TestApp,
} from '../../../test/helpers'
import { composeUscc } from '../entities'
import { createComplaintsRepo } from './complaints.repo'

// Issue 12 points 26 (reporter identity through self-assignment), 28 (reporters masked on every
// surface), 7 (one assignment rule in the offer, the action and the data) and 15 (关联).
const REPORTER = { name: '司马保辉', phone: '13987654321' }
const COMPLAINANT = { name: '王小明', phone: '13800001111', address: '焦作市解放区民主路1号' }
const STATION = 'JZ-410802-S01'

let t: TestApp
let admin: Client
let operator: Client
let handler: Client
let inspector: Client
let custodian: Client
let shop: { id: string }

/** No trace of the reporter, not even masked (司*辉 / 司**辉, 139****4321). */
function assertNoReporter(raw: string) {
  expect(raw).not.toContain(REPORTER.name)
  expect(raw).not.toContain(REPORTER.phone)
  expect(raw).not.toMatch(/司\*+[马保辉]|司马\*|139\*+4321/)
  expect(raw).not.toContain('4321')
}

async function act(c: Client, id: string, body: Record<string, unknown>) {
  const cur = await c.get(`/api/complaints/${id}`)
  expectOk(cur)
  return c.post(`/api/complaints/${id}/transitions`, { expectedVersion: cur.body.version, ...body })
}
async function assign(c: Client, id: string, handlerId: string) {
  const cur = await operator.get(`/api/complaints/${id}`)
  return c.post(`/api/complaints/${id}/assign`, { handlerId, expectedVersion: cur.body.version })
}
async function report(anonymous = false) {
  const r = await operator.post('/api/complaints', {
    types: ['report'],
    channel: 'hotline',
    category: 'price',
    summary: '超市哄抬口罩价格',
    request: '请求查处',
    facts: '口罩每只售价30元。',
    ...(anonymous ? { anonymous: true } : { persons: [REPORTER] }),
    respondent: { entityId: shop.id, name: 'x' },
    dispatchToUnitId: await unitId(t, STATION),
  })
  expectOk(r, 201)
  return r
}
async function complaint(summary: string) {
  const r = await operator.post('/api/complaints', {
    types: ['complaint'],
    channel: 'hotline',
    category: 'quality',
    summary,
    request: '要求退货',
    facts: '购买的电饭煲三天后无法加热，商家拒绝退货。',
    persons: [COMPLAINANT],
    respondent: { entityId: shop.id, name: 'x' },
    dispatchToUnitId: await unitId(t, STATION),
  })
  expectOk(r, 201)
  return r.body.items[0].id as string
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-11-23T02:00:00Z') })
  admin = await t.login('admin')
  operator = await t.login('operator')
  handler = await t.login('handler')
  inspector = await t.login('inspector')
  const r = await admin.post('/api/entities', {
    uscc: composeUscc('92', '410802', 'MA0C0101'),
    name: '焦作市解放区保密测试超市',
    businessAddress: '焦作市解放区人民路9号',
    businessDivision: '410802001',
    domicileDivision: '410802001',
  })
  expectOk(r, 201)
  shop = r.body
  // The reporter grant: 举报人信息查阅 over 解放区局 and below.
  const u = await createActiveUser(admin, t, { unitCode: 'JZ-410802', grants: [{ role: 'reporter_custodian', unitCode: 'JZ-410802', scope: 'unit_tree' }] })
  custodian = await t.login(u.username, STRONG_PASSWORD)
})
afterAll(async () => t?.close())

describe('reporter identity needs the reporter grant, never assignment (point 26)', () => {
  it('a case handler and a station inspector cannot assign a report to themselves, nor read the reporter once assigned', async () => {
    const id = (await report()).body.items[0].id as string
    for (const [c, name] of [
      [handler, 'handler'],
      [inspector, 'inspector'],
    ] as const) {
      const d = await c.get(`/api/complaints/${id}`)
      expect(d.body.assignment).toEqual({ canTake: false, canAssign: false })
      expect(d.body.canRevealParties).toBe(false)
      expectError(await assign(c, id, await userId(t, name)), 403, 'FORBIDDEN', /不能自行承办/)
      // Nor hand it to a colleague: assignment needs the right to assign.
      expectError(await assign(c, id, await userId(t, name === 'handler' ? 'inspector' : 'handler')), 403, 'FORBIDDEN', /分派权限/)
    }
    // Someone with the right to assign (分送) does it; the handler so assigned still cannot read the reporter.
    expect((await operator.get(`/api/complaints/${id}`)).body.assignment.canAssign).toBe(true)
    const candidates = await operator.get(`/api/complaints/${id}/handler-candidates`)
    expectOk(candidates)
    const names = candidates.body.items.map((u: any) => u.displayName)
    expect(names).toEqual(expect.arrayContaining(['赵志强', '刘文博']))
    expect(names).not.toContain('张晓燕')
    expectError(await handler.get(`/api/complaints/${id}/handler-candidates`), 403, 'FORBIDDEN')
    expectError(await assign(operator, id, await userId(t, 'operator')), 403, 'FORBIDDEN')
    for (const [c, name] of [
      [inspector, 'inspector'],
      [handler, 'handler'],
    ] as const) {
      const ok = await assign(operator, id, await userId(t, name))
      expectOk(ok)
      const d = await c.get(`/api/complaints/${id}`)
      expect(d.body.canRevealParties).toBe(false)
      assertNoReporter(d.raw)
      const reveal = await c.get(`/api/complaints/${id}/parties`)
      expectError(reveal, 403, 'FORBIDDEN')
      assertNoReporter(reveal.raw)
    }
    expect(await auditRecords(t, { action: 'complaint.reporter.reveal', targetId: id })).toHaveLength(0)
    // The holder of the grant reveals, audited.
    const d = await custodian.get(`/api/complaints/${id}`)
    expect(d.body.canRevealParties).toBe(true)
    assertNoReporter(d.raw)
    const reveal = await custodian.get(`/api/complaints/${id}/parties`)
    expectOk(reveal)
    expect(reveal.body.persons[0]).toMatchObject({ role: 'reporter', name: REPORTER.name, phone: REPORTER.phone })
    expect(await auditRecords(t, { action: 'complaint.reporter.reveal', targetId: id })).toHaveLength(1)
    // The demo city's own custodian (12315 centre, city-wide) holds the grant too, so the flow can be tried.
    const demoCustodian = await t.login('custodian')
    expect((await demoCustodian.get(`/api/complaints/${id}/parties`)).body.persons[0]).toMatchObject({ role: 'reporter', name: REPORTER.name })
    expect(await auditRecords(t, { action: 'complaint.reporter.reveal', targetId: id })).toHaveLength(2)
  })
})

describe('a reporter is 实名（保密）/匿名 on every surface (point 28)', () => {
  it('intake answer, list, detail, search, export, intake audit record and errors never carry the reporter, even masked', async () => {
    const r = await report()
    assertNoReporter(r.raw)
    const item = r.body.items[0]
    expect(item).toMatchObject({ partyName: '实名（保密）', partyPhone: null, anonymous: false })
    const anon = (await report(true)).body.items[0]
    expect(anon).toMatchObject({ partyName: '匿名', partyPhone: null, anonymous: true })
    for (const c of [operator, handler, inspector]) {
      const list = await c.get('/api/complaints?type=report&pageSize=200')
      assertNoReporter(list.raw)
      expect(list.body.items.find((x: any) => x.id === item.id).partyName).toBe('实名（保密）')
      expect(list.body.items.find((x: any) => x.id === anon.id).partyName).toBe('匿名')
      const d = await c.get(`/api/complaints/${item.id}`)
      assertNoReporter(d.raw)
      expect(d.body.persons).toEqual([])
      assertNoReporter((await c.get(`/api/complaints?q=${encodeURIComponent(REPORTER.name)}`)).raw)
      assertNoReporter((await c.get(`/api/complaints/${item.id}/duplicates`)).raw)
    }
    // The intake audit record: 实名（保密）, no masked name or phone.
    const [rec] = await auditRecords(t, { action: 'complaint.intake', targetId: item.id })
    assertNoReporter(`${rec!.beforeJson ?? ''}${rec!.afterJson ?? ''}`)
    expect(JSON.parse(rec!.afterJson!).persons).toBe('实名（保密）')
    // An error about a report never names the reporter.
    const bad = await operator.post('/api/complaints', {
      types: ['report'],
      channel: 'hotline',
      category: 'price',
      summary: '缺电话',
      request: '查处',
      facts: '事实',
      persons: [{ name: REPORTER.name }],
      respondent: { entityId: shop.id, name: 'x' },
    })
    expectError(bad, 400, 'VALIDATION')
    assertNoReporter(bad.raw)
    // The staff export (leader holds complaint.export).
    const leader = await t.login('leader')
    const exp = await t.app.inject({ method: 'GET', url: '/api/complaints/export?type=report', headers: { cookie: leader.cookie! } })
    expect(exp.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer)
    const cells = JSON.stringify(wb.worksheets[0]!.getSheetValues())
    assertNoReporter(cells)
    expect(cells).toContain('实名（保密）')
  })

  it('history loads store no masked reporter on the item either', async () => {
    const db = t.s.deps.db
    const base = await db.selectFrom('complaintItem').selectAll().where('type', '=', 'report').limit(1).executeTakeFirstOrThrow()
    const id = '01900000-0000-7000-8000-00000000a028'
    await db.transaction().execute((trx) =>
      createComplaintsRepo().bulkInsert(trx, [
        {
          item: { ...base, id, itemNo: 'JB20269990028', submissionId: id, partyMaskedName: undefined, partyMaskedPhone: undefined } as any,
          events: [],
          parties: [{ role: 'reporter', name: REPORTER.name, phone: REPORTER.phone }],
        },
      ]),
    )
    const row = await db.selectFrom('complaintItem').select(['partyMaskedName', 'partyMaskedPhone']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ partyMaskedName: null, partyMaskedPhone: null })
  })
})

describe('one assignment rule: the offer, the action and the data (point 7)', () => {
  it('a bureau handler offered 由我承办 can take a station’s complaint; accepting makes them the handler by the same rule', async () => {
    const a = await complaint('承办规则测试一')
    const d = await handler.get(`/api/complaints/${a}`)
    expect(d.body.assignment).toEqual({ canTake: true, canAssign: false })
    const taken = await assign(handler, a, await userId(t, 'handler'))
    expectOk(taken)
    expect(taken.body.handlerName).toBe('赵志强')
    expect(taken.body.assignment.canTake).toBe(false)

    const b = await complaint('承办规则测试二')
    expect((await handler.get(`/api/complaints/${b}`)).body.assignment.canTake).toBe(true)
    const accepted = await act(handler, b, { action: 'accept' })
    expectOk(accepted)
    expect(accepted.body.handlerName).toBe('赵志强')
  })

  it('once someone is the handler nobody else is offered to take it, a plain handler cannot reassign, and accepting keeps the handler', async () => {
    const id = await complaint('承办规则测试三')
    expectOk(await assign(operator, id, await userId(t, 'inspector')))
    const d = await handler.get(`/api/complaints/${id}`)
    expect(d.body.assignment).toEqual({ canTake: false, canAssign: false })
    expectError(await assign(handler, id, await userId(t, 'handler')), 403, 'FORBIDDEN', /已有承办人/)
    const accepted = await act(handler, id, { action: 'accept' })
    expectOk(accepted)
    expect(accepted.body.handlerName).toBe('刘文博')
    // The operator (分送) may assign, but only someone who can handle the item.
    expectError(await assign(operator, id, await userId(t, 'credit')), 400, 'VALIDATION', /承办单位/)
    expect((await auditRecords(t, { action: 'complaint.assign', targetId: id })).length).toBe(1)
  })
})

describe('duplicates: flag on queue rows, 关联 to a closed original (point 15)', () => {
  it('flags a likely duplicate, refuses merging into a closed original without 已已, links it instead (audited, shown on both)', async () => {
    const body = { types: ['consultation'], channel: 'hotline', category: 'other', request: '如何办理退货', respondent: { entityId: shop.id, name: 'x' } }
    const a = await operator.post('/api/complaints', { ...body, summary: '保密测试超市退货咨询', facts: '在保密测试超市购买的电饭煲能否七天无理由退货。' })
    expectOk(a, 201)
    const aId = a.body.items[0].id
    expect(a.body.items[0].duplicateCount).toBe(0)
    expectOk(await act(operator, aId, { action: 'answer', answer: '可以七天无理由退货' }))
    const b = await operator.post('/api/complaints', { ...body, summary: '保密测试超市退货咨询', facts: '在保密测试超市购买的电饭煲能否七天无理由退货？' })
    expectOk(b, 201)
    const bId = b.body.items[0].id
    expect(b.body.items[0].duplicateCount).toBeGreaterThan(0)
    const row = (await operator.get(`/api/complaints?q=${encodeURIComponent('保密测试超市退货咨询')}`)).body.items.find((x: any) => x.id === bId)
    expect(row.duplicateCount).toBeGreaterThan(0)

    const merge = await act(operator, bId, { action: 'merge', intoId: aId })
    expectError(merge, 400, 'VALIDATION', /已办结/)
    expect(merge.body.error.message).not.toContain('已已')
    expect(merge.body.error.message).toContain('关联')

    const v = (await operator.get(`/api/complaints/${bId}`)).body.version
    expectError(await operator.post(`/api/complaints/${bId}/link`, { originalId: bId, expectedVersion: v }), 400, 'VALIDATION')
    expectError(
      await operator.post(`/api/complaints/${bId}/link`, { originalId: '01900000-0000-7000-8000-000000000000', expectedVersion: v }),
      400,
      'VALIDATION',
      /原件不存在/,
    )
    expectError(await operator.post(`/api/complaints/${bId}/link`, { originalId: 'x', expectedVersion: v }), 400, 'VALIDATION')
    expectError(
      await operator.post(`/api/complaints/${aId}/link`, { originalId: bId, expectedVersion: (await operator.get(`/api/complaints/${aId}`)).body.version }),
      400,
      'VALIDATION',
      /登记在后/,
    )
    const linked = await operator.post(`/api/complaints/${bId}/link`, { originalId: aId, expectedVersion: v, note: '同一消费者再次来电' })
    expectOk(linked)
    expect(linked.body).toMatchObject({ duplicateOfId: aId, state: 'received' })
    expect(linked.body.linked).toEqual([expect.objectContaining({ id: aId, relation: '本件关联的原件' })])
    expect(linked.body.timeline.at(-1)).toMatchObject({ kind: 'link', kindLabel: '关联原件' })
    const orig = await operator.get(`/api/complaints/${aId}`)
    expect(orig.body.linked).toEqual([expect.objectContaining({ id: bId, relation: '重复诉求，已关联本件' })])
    expect(orig.body.timeline.at(-1)).toMatchObject({ kind: 'link' })
    expectError(await operator.post(`/api/complaints/${bId}/link`, { originalId: aId, expectedVersion: linked.body.version }), 409, 'CONFLICT')
    // Only those who may merge may link (the leader reads but neither dispatches nor handles); out of scope the item does not exist.
    expectError(
      await (await t.login('leader')).post(`/api/complaints/${bId}/link`, { originalId: aId, expectedVersion: linked.body.version }),
      403,
      'FORBIDDEN',
    )
    expectError(await custodian.post(`/api/complaints/${bId}/link`, { originalId: aId, expectedVersion: linked.body.version }), 404, 'NOT_FOUND')
    const audits = await auditRecords(t, { action: 'complaint.link', targetId: bId })
    expect(audits).toHaveLength(1)
    expect(JSON.parse(audits[0]!.afterJson!)).toMatchObject({ duplicateOfId: aId })
  })
})
