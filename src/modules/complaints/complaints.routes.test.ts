import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TINY_PNG } from '../../../test/files'
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
  type MutableClock,
  type TestApp,
} from '../../../test/helpers'
import { composeUscc } from '../entities'
import { solveChallenge } from './complaints.portal'

const REPORTER = { name: '欧阳保密', phone: '13912345678' }
const COMPLAINANT = { name: '王小明', phone: '13800001111', address: '焦作市解放区民主路1号' }

let t: TestApp
let clock: MutableClock
let admin: Client
let operator: Client
let handler: Client
let leader: Client
let inspector: Client
let otherHandler: Client
let shop: { id: string; uscc: string }
let platform: { id: string }
let seller: { id: string }

async function entity(c: Client, body: Record<string, unknown>) {
  const r = await c.post('/api/entities', body)
  expectOk(r, 201)
  return r.body as { id: string; uscc: string }
}

async function intake(c: Client, body: Record<string, unknown>) {
  return c.post('/api/complaints', {
    types: ['complaint'],
    channel: 'hotline',
    category: 'quality',
    summary: '购买的电饭煲无法加热',
    request: '要求退货退款',
    facts: '11月1日在该店购买电饭煲一台，使用三天后无法加热，商家拒绝退货。',
    persons: [COMPLAINANT],
    respondent: { entityId: shop.id, name: '测试电器商行' },
    ...body,
  })
}

async function act(c: Client, id: string, body: Record<string, unknown>) {
  const cur = await c.get(`/api/complaints/${id}`)
  expectOk(cur)
  return c.post(`/api/complaints/${id}/transitions`, { expectedVersion: cur.body.version, ...body })
}

/** Every raw response body a user without the grant can obtain for an item. */
function assertNoReporter(raw: string) {
  expect(raw).not.toContain(REPORTER.name)
  expect(raw).not.toContain(REPORTER.phone)
  // Not even masked (欧*密, 139****5678): 实名（保密） only.
  expect(raw).not.toMatch(/欧\*+密|欧阳\*|139\*+5678/)
}

beforeAll(async () => {
  clock = mutableClock('2026-11-23T02:00:00Z') // Monday 2026-11-23, 10:00 in China
  t = await buildTestApp({ demo: true, clock })
  admin = await t.login('admin')
  operator = await t.login('operator')
  handler = await t.login('handler')
  leader = await t.login('leader')
  inspector = await t.login('inspector')
  shop = await entity(admin, {
    uscc: composeUscc('92', '410802', 'MA0C0001'),
    name: '焦作市解放区测试电器商行',
    businessAddress: '焦作市解放区民生街道人民路8号',
    businessDivision: '410802001',
    domicileDivision: '410802001',
  })
  platform = await entity(admin, {
    uscc: composeUscc('91', '410811', 'MA0C0002'),
    name: '焦作优选网络科技有限公司',
    businessDivision: '410811001',
    domicileDivision: '410811001',
    tags: ['online_platform'],
  })
  seller = await entity(admin, {
    uscc: composeUscc('92', '410803', 'MA0C0003'),
    name: '中站区好物网店',
    businessDivision: '410803001',
    domicileDivision: '410803001',
    tags: ['platform_seller'],
    platformName: '焦作优选网络科技有限公司',
  })
  // A case handler of another district (山阳区): must never see 解放区 items.
  const u = await createActiveUser(admin, t, { unitCode: 'JZ-410811', grants: [{ role: 'case_handler', unitCode: 'JZ-410811', scope: 'unit_tree' }] })
  otherHandler = await t.login(u.username, STRONG_PASSWORD)
})
afterAll(async () => t?.close())

describe('intake and routing', () => {
  it('registers a hotline complaint, routes it to the respondent’s district and starts the 7-WD acceptance clock', async () => {
    const r = await intake(operator, {})
    expectOk(r, 201)
    const item = r.body.items[0]
    expect(item.itemNo).toMatch(/^TS2026\d{7}$/)
    expect(item.state).toBe('received')
    expect(item.partyName).toBe('王*明')
    expect(item.partyPhone).toBe('138****1111')
    expect(r.raw).not.toContain(COMPLAINANT.phone)
    const d = await operator.get(`/api/complaints/${item.id}`)
    expectOk(d)
    expect(d.body.competentUnit.id).toBe(await unitId(t, 'JZ-410802'))
    expect(d.body.regime).toBe('order121')
    const accept = d.body.clocks.find((c: any) => c.kind === 'accept')
    // 2026-11-23 (Mon) + 7 working days = 2026-12-02 (Wed).
    expect(accept.dueOn).toBe('2026-12-02')
    expect(accept.status).toBe('on_time')
    expect(d.raw).not.toContain(COMPLAINANT.phone)
    expect(d.raw).not.toContain(COMPLAINANT.address)
  })

  it('splits a mixed submission into a linked complaint and report, handled separately', async () => {
    const r = await intake(operator, { types: ['complaint', 'report'], summary: '商行销售无3C认证电器并拒绝退货' })
    expectOk(r, 201)
    expect(r.body.items.map((i: any) => i.type)).toEqual(['complaint', 'report'])
    expect(new Set(r.body.items.map((i: any) => i.submissionId)).size).toBe(1)
    const report = await operator.get(`/api/complaints/${r.body.items[1].id}`)
    expect(report.body.splitFromId).toBe(r.body.items[0].id)
    expect(report.body.linked.map((l: any) => l.id)).toContain(r.body.items[0].id)
    expect(report.body.clocks.map((c: any) => c.kind)).toEqual(['verify'])
  })

  it('suggests a merge for the same person, same respondent and similar text', async () => {
    const r = await intake(operator, { summary: '电饭煲无法加热要求退货', facts: '11月1日在该店购买电饭煲一台，三天后无法加热，商家拒绝退货。' })
    expectOk(r, 201)
    expect(r.body.duplicates.length).toBeGreaterThan(0)
    expect(r.body.duplicates[0].samePerson).toBe(true)
    expect(r.body.duplicates[0].sameRespondent).toBe(true)
  })

  it('previews the competent unit and deadlines for the hotline form (platform seller → its place of business or the platform)', async () => {
    const r = await operator.post('/api/complaints/preview', { type: 'complaint', respondent: { entityId: seller.id } })
    expectOk(r)
    expect(r.body.candidates.map((c: any) => c.division)).toEqual(['410803001', '410811001'])
    expect(r.body.competentUnit.id).toBe(await unitId(t, 'JZ-410803'))
    expect(r.body.suggestedUnit.id).toBe(await unitId(t, 'JZ-410803-S01'))
    expect(r.body.clocks[0]).toMatchObject({ kind: 'accept', dueOn: '2026-12-02' })
    const p = await operator.post('/api/complaints/preview', { type: 'complaint', respondent: { entityId: platform.id } })
    expect(p.body.competentUnit.id).toBe(await unitId(t, 'JZ-410811'))
    const before = await operator.post('/api/complaints/preview', { type: 'complaint', receivedOn: '2026-03-02', respondent: { entityId: shop.id } })
    expect(before.body.regime).toBe('order20')
    expect(before.body.clocks[0].legalBasis).toContain('第20号')
  })

  it('suggests respondents from the register by name or code', async () => {
    const r = await operator.get(`/api/complaints/respondents?q=${encodeURIComponent('测试电器')}`)
    expectOk(r)
    expect(r.body.items[0]).toMatchObject({ entityId: shop.id, division: '410802001' })
    const byCode = await operator.get(`/api/complaints/respondents?q=${shop.uscc}`)
    expect(byCode.body.items.map((i: any) => i.entityId)).toEqual([shop.id])
  })

  it('accepts an unregistered respondent as free text', async () => {
    const r = await intake(operator, { respondent: { name: '无名小吃摊', address: '解放区某夜市', division: '410802002' } })
    expectOk(r, 201)
    const d = await operator.get(`/api/complaints/${r.body.items[0].id}`)
    expect(d.body.respondentEntityId).toBeNull()
    expect(d.body.competentUnit.id).toBe(await unitId(t, 'JZ-410802'))
  })
})

describe('bad input', () => {
  it('refuses oversized text, wrong types, an invalid USCC, a future receipt date and missing §1.1 data', async () => {
    expectError(await intake(operator, { summary: '长'.repeat(201) }), 400, 'VALIDATION')
    expectError(await intake(operator, { category: 42 }), 400, 'VALIDATION')
    expectError(await intake(operator, { types: ['complaint', 'consultation'] }), 400, 'VALIDATION')
    expectError(await intake(operator, { respondent: { name: '某公司', uscc: '91410802MA0C00010X', address: 'x' } }), 400, 'VALIDATION', /统一社会信用代码/)
    expectError(await intake(operator, { receivedAt: '2027-01-01T00:00:00Z' }), 400, 'VALIDATION', '接收时间不能晚于现在')
    expectError(await intake(operator, { persons: [{ name: '李四' }] }), 400, 'VALIDATION', /联系电话/)
    expectError(await intake(operator, { respondent: undefined }), 400, 'VALIDATION', /被投诉人/)
    expectError(await intake(operator, { persons: Array.from({ length: 21 }, () => COMPLAINANT) }), 400, 'VALIDATION')
    expectError(await operator.post('/api/complaints/preview', { type: 'complaint', receivedOn: '2099-01-01' }), 400, 'VALIDATION')
    expectError(await operator.get('/api/complaints?pageSize=1000'), 400, 'VALIDATION')
    expectError(await operator.get('/api/complaints/not-an-id'), 400, 'VALIDATION')
    expectError(await operator.get('/api/complaints/respondents?q=x'), 400, 'VALIDATION')
  })

  it('refuses intake without the permission and without a session', async () => {
    expectError(await leader.post('/api/complaints', {}), 400, 'VALIDATION')
    const ok = { types: ['consultation'], channel: 'hotline', category: 'other', summary: '咨询', request: '如何办理', facts: '咨询' }
    expectError(await leader.post('/api/complaints', ok), 403, 'FORBIDDEN')
    expectError(await t.anon.get('/api/complaints'), 401, 'UNAUTHENTICATED')
  })
})

describe('complaint from dispatch to closure (Order 20 item, received before 2026-04-15)', () => {
  it('dispatches, accepts, pauses for testing, resumes, concludes with the recovered amount in fen, closes and prints notices', async () => {
    const r = await intake(operator, { receivedAt: '2026-03-02T01:00:00Z', summary: '热水器漏水' })
    expectOk(r, 201)
    const id = r.body.items[0].id
    const station = await unitId(t, 'JZ-410802-S01')
    const disp = await act(operator, id, { action: 'dispatch', unitId: station })
    expectOk(disp)
    expect(disp.body.state).toBe('pending_acceptance')
    expect(disp.body.handlingUnit.id).toBe(station)
    // The 山阳区 handler cannot see it at all.
    expectError(await otherHandler.get(`/api/complaints/${id}`), 404, 'NOT_FOUND')
    expect((await otherHandler.get('/api/complaints?pageSize=200')).body.items.map((i: any) => i.id)).not.toContain(id)
    expectError(await otherHandler.post(`/api/complaints/${id}/transitions`, { action: 'accept', expectedVersion: 2 }), 404, 'NOT_FOUND')

    expectError(await act(handler, id, { action: 'conclude', outcome: 'settled' }), 409, 'ILLEGAL_TRANSITION')
    expectError(await act(handler, id, { action: 'reject', reasonCode: 'IDENTITY_NOT_VERIFIED' }), 400, 'VALIDATION', /第20号/)
    const acc = await act(handler, id, { action: 'accept', decidedOn: '2026-03-05' })
    expectOk(acc)
    expect(acc.body.state).toBe('mediating')
    const med = acc.body.clocks.find((c: any) => c.kind === 'mediation')
    // 45 WD from 2026-03-05 (Qingming 2026-04-04..06 and Labour Day 05-01..05 off; 调休 Sundays worked).
    expect(med.startOn).toBe('2026-03-05')
    expect(med.status).toBe('overdue')
    const baseDue = med.dueOn
    expectOk(await act(handler, id, { action: 'pause', kind: 'testing', reason: '委托检测机构检测', fromOn: '2026-03-10' }))
    const resumed = await act(handler, id, { action: 'resume', toOn: '2026-03-16' })
    expectOk(resumed)
    const after = resumed.body.clocks.find((c: any) => c.kind === 'mediation')
    // 2026-03-10..16 holds 5 working days: the limit moves by exactly those.
    expect(after.pausedDays).toBe(5)
    expect(after.dueOn > baseDue).toBe(true)
    expectError(await act(handler, id, { action: 'conclude', outcome: 'settled', recoveredFen: 12.5 }), 400, 'VALIDATION')
    const done = await act(handler, id, { action: 'conclude', outcome: 'agreement_with_doc', recoveredFen: 123456, concludedOn: '2026-04-01' })
    expectOk(done)
    expect(done.body).toMatchObject({ state: 'mediated', outcome: 'agreement_with_doc', recoveredFen: 123456, mediationDoc: true })
    expectError(await act(handler, id, { action: 'follow_up' }), 400, 'VALIDATION', /121/)
    const closed = await act(handler, id, { action: 'close' })
    expectOk(closed)
    expect(closed.body.state).toBe('closed')
    expect(closed.body.closedOn).toBe('2026-11-23')

    // Printing reads the archive only: nothing is issued by a GET.
    expectError(await handler.get(`/api/complaints/${id}/documents/acceptance`), 404, 'NOT_FOUND', /尚未出具受理告知书/)
    expectOk(await handler.post(`/api/complaints/${id}/documents/acceptance`))
    const doc = await handler.get(`/api/complaints/${id}/documents/acceptance`)
    expect(doc.status).toBe(200)
    expect(String(doc.headers['content-type'])).toContain('text/html')
    expect(doc.raw).toContain('受理告知书')
    expect(doc.raw).toContain('2026年3月5日')
    expectError(await handler.get(`/api/complaints/${id}/documents/termination`), 409, 'ILLEGAL_TRANSITION')
    const timeline = (await handler.get(`/api/complaints/${id}`)).body.timeline.map((e: any) => e.kind)
    expect(timeline).toEqual(['received', 'dispatch', 'accept', 'pause', 'resume', 'conclude', 'close'])
    expect((await auditRecords(t, { targetId: id })).map((a) => a.action)).toEqual([
      'complaint.intake',
      'complaint.dispatch',
      'complaint.accept',
      'complaint.pause',
      'complaint.resume',
      'complaint.conclude',
      'complaint.close',
      'complaint.document',
      'document.print',
    ])
  })

  it('a unit that is not competent returns the item to intake with a reason, never forwarding it', async () => {
    const r = await intake(operator, { summary: '退回测试' })
    const id = r.body.items[0].id
    expectOk(await act(operator, id, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01') }))
    const back = await act(handler, id, { action: 'return', reason: '被投诉人实际在中站区经营' })
    expectOk(back)
    expect(back.body.state).toBe('returned')
    expect(back.body.handlingUnit.id).toBe(back.body.intakeUnit.id)
    expect(back.body.timeline.at(-1).note).toContain('中站区')
  })

  it('a jurisdiction dispute gets its own 7-WD clock at the common higher bureau', async () => {
    const r = await intake(operator, { summary: '争议测试' })
    const id = r.body.items[0].id
    expectOk(await act(operator, id, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01') }))
    const d = await act(handler, id, { action: 'raise_dispute', reason: '与中站区局对管辖有争议' })
    expectOk(d)
    expect(d.body.state).toBe('disputed')
    expect(d.body.handlingUnit.id).toBe(await unitId(t, 'JZ'))
    expect(d.body.clocks.find((c: any) => c.kind === 'dispute')).toMatchObject({ startOn: '2026-11-23', dueOn: '2026-12-02' })
    // The district handler no longer holds it; the common higher bureau's leader designates the unit.
    expectError(
      await handler.post(`/api/complaints/${id}/transitions`, {
        action: 'resolve_dispute',
        unitId: await unitId(t, 'JZ-410803-S01'),
        basis: 'x',
        expectedVersion: 3,
      }),
      404,
      'NOT_FOUND',
    )
    const ok = await act(leader, id, { action: 'resolve_dispute', unitId: await unitId(t, 'JZ-410803-S01'), basis: '市局指定由中站区局处理' })
    expectOk(ok)
    expect(ok.body).toMatchObject({ state: 'pending_acceptance', competentUnit: { id: await unitId(t, 'JZ-410803') } })
    expect(ok.body.clocks.find((c: any) => c.kind === 'dispute')).toMatchObject({ doneOn: '2026-11-23', status: 'done' })
  })

  it("a printed notice never carries the reviewers' “待核实” remarks (Order 121 non-acceptance)", async () => {
    const r = await intake(operator, { summary: '不予受理告知书测试' })
    const id = r.body.items[0].id
    expectOk(await act(operator, id, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01') }))
    expectOk(await act(handler, id, { action: 'reject', reasonCode: 'OUT_OF_SCOPE' }))
    expectOk(await handler.post(`/api/complaints/${id}/documents/non_acceptance`))
    const doc = await handler.get(`/api/complaints/${id}/documents/non_acceptance`)
    expect(doc.status).toBe(200)
    expect(doc.raw).toContain('不予受理')
    expect(doc.raw).toContain('第十六条第（一）项')
    expect(doc.raw).not.toMatch(/核实/)
  })

  it('Order 121 complaints are terminated with a notice and a follow-up visit before closure', async () => {
    const r = await intake(operator, { summary: '终止调解测试' })
    const id = r.body.items[0].id
    expectOk(await act(operator, id, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01') }))
    expectOk(await act(handler, id, { action: 'accept' }))
    expectError(await act(handler, id, { action: 'terminate', ground: 'NOPE' }), 400, 'VALIDATION')
    const term = await act(handler, id, { action: 'terminate', ground: 'ABSENT_OR_REFUSED' })
    expectOk(term)
    expect(term.body.clocks.find((c: any) => c.kind === 'termination_notice').dueOn).toBe('2026-12-02')
    expectError(await act(handler, id, { action: 'close' }), 400, 'VALIDATION')
    expectOk(await handler.post(`/api/complaints/${id}/documents/termination`))
    const doc = await handler.get(`/api/complaints/${id}/documents/termination`)
    expect(doc.raw).toContain('终止调解告知书')
    expect(doc.raw).toContain('无正当理由不参加调解')
    expectOk(await act(handler, id, { action: 'notify_termination', channel: 'phone' }))
    expectOk(await act(handler, id, { action: 'follow_up' }))
    const closed = await act(handler, id, { action: 'close', followUpResult: '投诉人表示理解' })
    expectOk(closed)
    expect(closed.body.followUpOn).toBe('2026-11-23')
  })
})

describe('reports and confidentiality', () => {
  let reportId = ''
  it('keeps the real-name reporter out of every list, detail, export, document and error response', async () => {
    const r = await operator.post('/api/complaints', {
      types: ['report'],
      channel: 'hotline',
      category: 'price',
      summary: '超市口罩哄抬价格',
      request: '请求查处',
      facts: '口罩每只售价30元，进价1元。',
      persons: [REPORTER],
      respondent: { entityId: shop.id, name: 'x' },
    })
    expectOk(r, 201)
    reportId = r.body.items[0].id
    assertNoReporter(r.raw)
    expectOk(await act(operator, reportId, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01') }))
    for (const c of [operator, handler, leader, inspector]) {
      assertNoReporter((await c.get('/api/complaints?pageSize=200')).raw)
      assertNoReporter((await c.get(`/api/complaints/${reportId}`)).raw)
      assertNoReporter((await c.get(`/api/complaints?q=${encodeURIComponent(REPORTER.name)}`)).raw)
      const reveal = await c.get(`/api/complaints/${reportId}/parties`)
      expect(reveal.status).toBe(403)
      assertNoReporter(reveal.raw)
      const doc = await c.get(`/api/complaints/${reportId}/documents/acceptance`)
      expect(doc.status).toBe(400)
      assertNoReporter(doc.raw)
    }
    const exp = await t.app.inject({ method: 'GET', url: '/api/complaints/export?type=report', headers: { cookie: leader.cookie! } })
    expect(exp.statusCode).toBe(200)
    assertNoReporter(exp.rawPayload.toString('latin1'))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer)
    const cells = JSON.stringify(wb.worksheets[0]!.getSheetValues())
    expect(cells).toContain('口罩')
    expect(cells).not.toContain(REPORTER.name)
    expect(cells).not.toContain(REPORTER.phone.slice(-4))
    // The leader has personal_data.view but not reporter.view: still refused.
    expect((await leader.get(`/api/complaints/${reportId}/parties`)).body.error.code).toBe('FORBIDDEN')
  })

  it('only the reporter grant reveals the reporter (never assignment), audited; files a case lead and notifies the reporter within 5 WD', async () => {
    const ext = await act(handler, reportId, { action: 'extend_verification', approval: '局长批准延长15个工作日' })
    expectOk(ext)
    // 15 WD from Mon 2026-11-23 = 2026-12-14; +15 WD = 2027-01-04 (crossing New Year).
    const verify = ext.body.clocks.find((c: any) => c.kind === 'verify')
    const has2027 = (await t.s.calendar.calendar()).years.has(2027)
    expect(verify.dueOn).toBe(has2027 ? '2027-01-05' : '2027-01-04')
    expect(verify.provisional).toBe(!has2027)
    expectError(await act(handler, reportId, { action: 'extend_verification', approval: '再次延长' }), 400, 'VALIDATION')
    expectError(await handler.get(`/api/complaints/${reportId}/parties`), 403, 'FORBIDDEN')
    const filed = await act(handler, reportId, { action: 'file_case', summary: '涉嫌哄抬口罩价格' })
    expectOk(filed)
    expect(filed.body.state).toBe('filed')
    expect(filed.body.leadNo).toMatch(/^XS2026/)
    const lead = await handler.get(`/api/leads/${filed.body.leadId}`)
    expectOk(lead)
    assertNoReporter(lead.raw)
    // Being the assigned handler of a report does not show the reporter; the reporter grant does.
    await t.s.deps.db
      .updateTable('complaintItem')
      .set({ handlerId: await userId(t, 'handler') })
      .where('id', '=', reportId)
      .execute()
    expectError(await handler.get(`/api/complaints/${reportId}/parties`), 403, 'FORBIDDEN')
    const custodian = (
      await createActiveUser(admin, t, { unitCode: 'JZ-410802', grants: [{ role: 'reporter_custodian', unitCode: 'JZ-410802', scope: 'unit_tree' }] })
    ).username
    const reveal = await (await t.login(custodian, STRONG_PASSWORD)).get(`/api/complaints/${reportId}/parties`)
    expectOk(reveal)
    expect(reveal.body.persons[0]).toMatchObject({ role: 'reporter', name: REPORTER.name, phone: REPORTER.phone })
    expect((await auditRecords(t, { action: 'complaint.reporter.reveal', targetId: reportId })).length).toBe(1)
    expectError(await act(handler, reportId, { action: 'close' }), 400, 'VALIDATION', /告知举报人/)
    const due = (await handler.get(`/api/complaints/${reportId}`)).body.clocks.find((c: any) => c.kind === 'reporter_notice')
    expect(due.dueOn).toBe('2026-11-30')
    expectOk(await act(handler, reportId, { action: 'notify_reporter', channel: 'phone' }))
    const closed = await act(handler, reportId, { action: 'close' })
    expectOk(closed)
    // No audit row carries the reporter in clear either.
    const audits = await auditRecords(t, { targetId: reportId })
    for (const a of audits) assertNoReporter(`${a.beforeJson ?? ''}${a.afterJson ?? ''}`)
  })
})

describe('supervision and escalation', () => {
  it('leaders issue supervision notices; overdue items escalate to the unit above, once', async () => {
    // Received Tue 2026-11-10: acceptance due 2026-11-19, two working days overdue on 2026-11-23.
    const r = await intake(operator, { summary: '超期升级测试', receivedAt: '2026-11-10T02:00:00Z' })
    const id = r.body.items[0].id
    expectOk(await act(operator, id, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01') }))
    const s = await leader.post(`/api/complaints/${id}/supervisions`, { note: '请加快办理', dueOn: '2026-11-25' })
    expectOk(s)
    expect(s.body.supervisions[0]).toMatchObject({ note: '请加快办理', dueOn: '2026-11-25', overdue: false })
    expectError(await handler.post(`/api/complaints/${id}/supervisions`, { note: 'x', dueOn: '2026-11-25' }), 403, 'FORBIDDEN')
    const overdue = await handler.get('/api/complaints?clock=overdue&pageSize=200')
    expect(overdue.body.items.map((i: any) => i.id)).toContain(id)
    const first = await t.s.complaints.escalateOverdue(clock.now())
    expect(first.escalated).toBeGreaterThan(0)
    const d = await leader.get(`/api/complaints/${id}`)
    expect(d.body.escalationUnit.id).toBe(await unitId(t, 'JZ-410802'))
    expect(d.body.escalationLevel).toBe(1)
    const again = await t.s.complaints.escalateOverdue(clock.now())
    expect(again.escalated).toBe(0)
    expect((await leader.get(`/api/complaints/${id}`)).body.timeline.filter((e: any) => e.kind === 'escalated').length).toBe(1)
  })
})

describe('attachments', () => {
  it('accepts a real PNG and refuses content that does not match its type', async () => {
    const r = await intake(operator, { summary: '附件测试' })
    const id = r.body.items[0].id
    const png = TINY_PNG
    const ok = await operator.post(`/api/complaints/${id}/attachments`, { fileName: '发票.png', contentBase64: png.toString('base64') })
    expectOk(ok)
    expect(ok.body.attachments[0]).toMatchObject({ fileName: '发票.png', mime: 'image/png', sizeBytes: TINY_PNG.length })
    const got = await operator.get(`/api/complaints/${id}/attachments/${ok.body.attachments[0].id}`)
    expect(got.status).toBe(200)
    expectError(
      await operator.post(`/api/complaints/${id}/attachments`, {
        fileName: 'a.png',
        contentBase64: Buffer.from('<script>alert(1)</script>').toString('base64'),
      }),
      400,
      'VALIDATION',
      /不支持/,
    )
    expectError(
      await operator.post(`/api/complaints/${id}/attachments`, { fileName: 'a.pdf', contentBase64: png.toString('base64') }),
      400,
      'VALIDATION',
      /扩展名/,
    )
  })
})

describe('public portal', () => {
  async function submit(extra: Record<string, unknown> = {}) {
    const ch = await t.anon.get('/api/public/complaints/challenge')
    expectOk(ch)
    const nonce = solveChallenge(ch.body.token, ch.body.difficulty)
    return t.anon.post('/api/public/complaints', {
      challenge: ch.body.token,
      nonce,
      type: 'complaint',
      category: 'contract',
      summary: '健身房闭店不退预付款',
      request: '退还剩余会费',
      facts: '办理年卡后健身房突然闭店。',
      name: '赵公众',
      phone: '13700002222',
      address: '焦作市解放区建设路2号',
      respondentName: '焦作市解放区测试电器商行',
      respondentAddress: '人民路8号',
      privacyAccepted: true,
      ...extra,
    })
  }

  it('takes a submission without an account, returns an item number and a query code, and shows the public timeline only', async () => {
    const r = await submit()
    expectOk(r, 201)
    expect(r.body.itemNo).toMatch(/^TS2026/)
    const row = await t.s.deps.db.selectFrom('complaintItem').selectAll().where('itemNo', '=', r.body.itemNo).executeTakeFirstOrThrow()
    expect(row.queryCodeHash).not.toContain(r.body.queryCode)
    expect(row.channel).toBe('web')
    expect(row.respondentEntityId).toBe(shop.id)
    await act(operator, row.id, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01'), note: '内部备注：请赵志强办理' })
    expectOk(await act(handler, row.id, { action: 'accept' }))
    expectOk(await act(handler, row.id, { action: 'conclude', outcome: 'agreement_no_doc', recoveredFen: 88000 }))
    expectOk(await act(handler, row.id, { action: 'follow_up' }))
    expectError(
      await t.anon.post('/api/public/complaints/rate', { itemNo: r.body.itemNo, queryCode: r.body.queryCode, satisfaction: 5 }),
      409,
      'ILLEGAL_TRANSITION',
    )
    expectOk(await act(handler, row.id, { action: 'close' }))
    const tr = await t.anon.post('/api/public/complaints/track', { itemNo: r.body.itemNo, queryCode: r.body.queryCode })
    expectOk(tr)
    expect(tr.body).toMatchObject({ closed: true, recoveredFen: 88000, canRate: true, unitName: '民生市场监管所' })
    expect(tr.raw).not.toContain('内部备注')
    expect(tr.raw).not.toContain('赵志强')
    expect(tr.body.timeline.map((e: any) => e.text)).toContain('已受理')
    expectError(await t.anon.post('/api/public/complaints/track', { itemNo: r.body.itemNo, queryCode: 'WRONGCODE1' }), 404, 'NOT_FOUND')
    const rated = await t.anon.post('/api/public/complaints/rate', { itemNo: r.body.itemNo, queryCode: r.body.queryCode, satisfaction: 5, comment: '满意' })
    expectOk(rated)
    expect(rated.body.satisfaction).toBe(5)
    expectError(await t.anon.post('/api/public/complaints/rate', { itemNo: r.body.itemNo, queryCode: r.body.queryCode, satisfaction: 4 }), 409, 'CONFLICT')
  })

  it('refuses a filled honeypot, a forged or reused challenge and oversized input', async () => {
    expectError(await submit({ website: 'http://spam' }), 400, 'VALIDATION')
    expectError(await submit({ nonce: 'x' }).then(async (r) => r), 400, 'VALIDATION')
    const ch = await t.anon.get('/api/public/complaints/challenge')
    const forged = `${ch.body.token.split('.')[0]}.AAAA`
    expectError(
      await t.anon.post('/api/public/complaints', {
        challenge: forged,
        nonce: '1',
        type: 'report',
        category: 'price',
        summary: 'a',
        request: 'b',
        facts: 'c',
        anonymous: true,
        respondentName: '某店',
        privacyAccepted: true,
      }),
      400,
      'VALIDATION',
    )
    const nonce = solveChallenge(ch.body.token, ch.body.difficulty)
    const body = {
      challenge: ch.body.token,
      nonce,
      type: 'report',
      category: 'price',
      summary: '口罩涨价',
      request: '查处',
      facts: '口罩涨价',
      anonymous: true,
      respondentName: '某药店',
      privacyAccepted: true,
    }
    expectOk(await t.anon.post('/api/public/complaints', body), 201)
    expectError(await t.anon.post('/api/public/complaints', body), 400, 'VALIDATION', /已使用/)
    expectError(await submit({ facts: '长'.repeat(3001) }), 400, 'VALIDATION')
    expectError(await submit({ respondentUscc: '123' }), 400, 'VALIDATION')
  })
})

describe('national platform import', () => {
  function multipart(fileName: string, content: string) {
    const boundary = `----jg${Math.random().toString(16).slice(2)}`
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    return { body, type: `multipart/form-data; boundary=${boundary}` }
  }
  it('validates every row, reports errors per row and column, and imports only the valid rows', async () => {
    const rows = [
      {
        平台编号: 'GJ-2026-0001',
        类型: '投诉',
        接收时间: '2026-11-20 09:30',
        分类: '网络购物',
        摘要: '网购手机未发货',
        诉求: '退款',
        事实: '下单后十天未发货',
        姓名: '钱某某',
        电话: '13600003333',
        地址: '焦作市山阳区',
        被投诉人: '焦作优选网络科技有限公司',
        被投诉人地址: '山阳区',
        统一社会信用代码: composeUscc('91', '410811', 'MA0C0002'),
      },
      { 平台编号: 'GJ-2026-0002', 类型: '投诉', 接收时间: '2099-01-01', 分类: '不存在的分类', 摘要: '坏行', 被投诉人: '某店' },
    ]
    const m = multipart('transfer.json', JSON.stringify(rows))
    const up = await operator.request('POST', '/api/complaints/imports', m.body, { 'content-type': m.type })
    expectOk(up, 201)
    expect(up.body).toMatchObject({ totalRows: 2, validRows: 1, errorRows: 1 })
    const errs = await operator.get(`/api/complaints/imports/${up.body.id}/errors`)
    expect(errs.body.items.map((e: any) => e.column)).toEqual(expect.arrayContaining(['接收时间', '分类']))
    expect(errs.body.items.every((e: any) => e.rowNo === 3)).toBe(true)
    const rep = await operator.get(`/api/complaints/imports/${up.body.id}/error-report`)
    expect(rep.status).toBe(200)
    expectError(await operator.post(`/api/complaints/imports/${up.body.id}/commit`, { mode: 'all' }), 400, 'VALIDATION')
    const done = await operator.post(`/api/complaints/imports/${up.body.id}/commit`, { mode: 'valid_only' })
    expectOk(done)
    expect(done.body.createdItems).toBe(1)
    const item = await t.s.deps.db.selectFrom('complaintItem').selectAll().where('externalNo', '=', 'GJ-2026-0001').executeTakeFirstOrThrow()
    expect(item).toMatchObject({ channel: 'national_platform', receivedOn: '2026-11-20', respondentEntityId: platform.id })
    const again = await operator.request('POST', '/api/complaints/imports', m.body, { 'content-type': m.type })
    expect(again.body.validRows).toBe(0)
  })
})

describe('merging, feedback, assignment, settings', () => {
  it('merges a repeated report into the one being handled (Order 121): linked, one handled', async () => {
    const body = { types: ['report'], channel: 'hotline', category: 'price', request: '查处', anonymous: true, respondent: { entityId: shop.id, name: 'x' } }
    const a = await operator.post('/api/complaints', { ...body, summary: '电器商行虚标原价', facts: '商品标注原价999元，从未以该价格销售。' })
    const b = await operator.post('/api/complaints', { ...body, summary: '电器商行虚标原价促销', facts: '商品标注原价999元，从未按此价格销售过。' })
    expectOk(b, 201)
    expect(b.body.duplicates.map((d: any) => d.id)).toContain(a.body.items[0].id)
    const dupes = await operator.get(`/api/complaints/${b.body.items[0].id}/duplicates`)
    expect(dupes.body.items.map((d: any) => d.id)).toContain(a.body.items[0].id)
    const m = await act(operator, b.body.items[0].id, { action: 'merge', intoId: a.body.items[0].id })
    expectOk(m)
    expect(m.body).toMatchObject({ state: 'merged', outcome: 'merged', mergedIntoId: a.body.items[0].id })
    const target = await operator.get(`/api/complaints/${a.body.items[0].id}`)
    expect(target.body.linked).toEqual([expect.objectContaining({ id: b.body.items[0].id, relation: '已并入本件' })])
    expectError(await act(operator, b.body.items[0].id, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01') }), 409, 'ILLEGAL_TRANSITION')
    // A closed list row never shows a due date.
    const row = (await operator.get(`/api/complaints?q=${encodeURIComponent('虚标原价促销')}`)).body.items[0]
    expect(row).toMatchObject({ state: 'merged', clockStatus: 'none' })
  })

  it('records feedback and assigns a handler of the handling unit only', async () => {
    const r = await intake(operator, { summary: '反馈测试', dispatchToUnitId: await unitId(t, 'JZ-410802-S01') })
    const id = r.body.items[0].id
    expect(r.body.items[0].state).toBe('pending_acceptance')
    const fb = await handler.post(`/api/complaints/${id}/feedback`, { channel: 'phone', text: '已电话告知投诉人正在联系商家' })
    expectOk(fb)
    expect(fb.body.feedbackAt).toBe('2026-11-23T02:00:00.000Z')
    expectError(await handler.post(`/api/complaints/${id}/feedback`, { channel: 'pigeon', text: 'x' }), 400, 'VALIDATION')
    expectError(await handler.post(`/api/complaints/${id}/feedback`, { channel: 'phone', text: '长'.repeat(2001) }), 400, 'VALIDATION')
    const v = fb.body.version
    expectError(
      await operator.post(`/api/complaints/${id}/assign`, { handlerId: await userId(t, 'credit'), expectedVersion: v }),
      400,
      'VALIDATION',
      /承办单位/,
    )
    const ok = await operator.post(`/api/complaints/${id}/assign`, { handlerId: await userId(t, 'inspector'), expectedVersion: v })
    expectOk(ok)
    expect(ok.body.handlerName).toBe('刘文博')
    expectError(await operator.post(`/api/complaints/${id}/assign`, { handlerId: await userId(t, 'inspector'), expectedVersion: v }), 409, 'CONFLICT')
    // The assigned handler may reveal the complainant (audited); an unassigned handler may not.
    expectOk(await inspector.get(`/api/complaints/${id}/parties`))
    expectError(await handler.get(`/api/complaints/${id}/parties`), 403, 'FORBIDDEN')
    expect((await auditRecords(t, { action: 'complaint.parties.reveal', targetId: id })).length).toBe(1)
  })

  it('settings are bounded and changed only with a city-wide supervision grant', async () => {
    expectOk(await operator.get('/api/complaints/settings'))
    expectError(
      await operator.put('/api/complaints/settings', { consultationAnswerWd: 5, dueSoonWd: 2, duplicateWindowDays: 30, duplicateThreshold: 0.5 }),
      403,
      'FORBIDDEN',
    )
    expectError(
      await leader.put('/api/complaints/settings', { consultationAnswerWd: 0, dueSoonWd: 2, duplicateWindowDays: 30, duplicateThreshold: 0.5 }),
      400,
      'VALIDATION',
    )
    expectOk(await leader.put('/api/complaints/settings', { consultationAnswerWd: 5, dueSoonWd: 2, duplicateWindowDays: 30, duplicateThreshold: 0.5 }))
    const c = await operator.post('/api/complaints', {
      types: ['consultation'],
      channel: 'counter',
      category: 'other',
      summary: '咨询营业执照办理',
      request: '如何办理',
      facts: '咨询',
    })
    expectOk(c, 201)
    // Mon 2026-11-23 + 5 WD = Mon 2026-11-30.
    expect(c.body.items[0].nextDueOn).toBe('2026-11-30')
    expectOk(await leader.put('/api/complaints/settings', { consultationAnswerWd: 3, dueSoonWd: 2, duplicateWindowDays: 30, duplicateThreshold: 0.5 }))
  })

  it('refuses bad input on the action endpoints', async () => {
    const r = await intake(operator, { summary: '坏输入测试' })
    const id = r.body.items[0].id
    expectError(await operator.post(`/api/complaints/${id}/transitions`, { action: 'teleport', expectedVersion: 1 }), 400, 'VALIDATION')
    expectError(await operator.post(`/api/complaints/${id}/transitions`, { action: 'dispatch', unitId: 'x', expectedVersion: 1 }), 400, 'VALIDATION')
    expectError(
      await operator.post(`/api/complaints/${id}/transitions`, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01'), expectedVersion: '1' }),
      400,
      'VALIDATION',
    )
    expectError(
      await operator.post(`/api/complaints/${id}/transitions`, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01'), expectedVersion: 99 }),
      409,
      'CONFLICT',
    )
    expectError(
      await operator.post(`/api/complaints/${id}/transitions`, { action: 'dispatch', unitId: '01900000-0000-7000-8000-000000000000', expectedVersion: 1 }),
      400,
      'VALIDATION',
      /承办单位/,
    )
    expectOk(await act(operator, id, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01') }))
    expectError(await act(handler, id, { action: 'accept', decidedOn: '2030-01-01' }), 400, 'VALIDATION', /晚于今天/)
    expectError(await act(handler, id, { action: 'accept', decidedOn: '2026-11-01' }), 400, 'VALIDATION', /早于/)
    expectError(await act(handler, id, { action: 'accept', decidedOn: '2026-13-01' }), 400, 'VALIDATION')
    expectError(await leader.post(`/api/complaints/${id}/supervisions`, { note: '督办', dueOn: '明天' }), 400, 'VALIDATION')
    expectError(await leader.post(`/api/complaints/${id}/supervisions`, { note: '督办', dueOn: '2026-01-01' }), 400, 'VALIDATION')
    expectError(await operator.post(`/api/complaints/${id}/attachments`, { fileName: '../x.png', contentBase64: 'AAAA' }), 400, 'VALIDATION')
    expectError(
      await operator.post(`/api/complaints/${id}/attachments`, { fileName: 'x.png', contentBase64: 'A'.repeat(7_100_000) }),
      400,
      'VALIDATION',
      /5 MB/,
    )
    expectError(await t.anon.post('/api/public/complaints/track', { itemNo: 'x'.repeat(31), queryCode: 'y' }), 400, 'VALIDATION')
    expectError(await t.anon.post('/api/public/complaints/rate', { itemNo: 'TS1', queryCode: 'y', satisfaction: 9 }), 400, 'VALIDATION')
    expectError(await operator.get('/api/complaints?clock=late'), 400, 'VALIDATION')
    expectError(await operator.get('/api/complaints?receivedFrom=yesterday'), 400, 'VALIDATION')
  })
})
