import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../core/actor'
import {
  auditRecords,
  buildTestApp,
  createActiveUser,
  expectError,
  expectOk,
  mutableClock,
  rawSql,
  STRONG_PASSWORD,
  unitId,
  userId,
  type Client,
  type TestApp,
} from '../../../test/helpers'
import { composeUscc } from '../entities'

const REPORTER = { name: '欧阳保密', phone: '13912345678' }

let t: TestApp
let admin: Client, operator: Client, handler: Client, leader: Client, credit: Client
let jf: string, sy: string
let officers: string[]
let shop: { id: string; name: string; uscc: string }

async function lead(unit: string, foundOn = '2026-09-01') {
  return t.s.deps.db.transaction().execute((trx) =>
    t.s.enforcement.createLead(trx, systemCtx(), {
      source: 'inspection',
      sourceId: 'task-c',
      sourceNo: 'CC2026-9',
      unitId: unit,
      entityId: shop.id,
      entityName: shop.name,
      uscc: shop.uscc,
      summary: '检查发现销售不合格口罩',
      foundOn,
    }),
  )
}
const openBody = (leadId: string, extra: Record<string, unknown> = {}) => ({
  leadId,
  leadVersion: 1,
  title: '销售不合格口罩案',
  caseType: 'quality',
  officerIds: officers,
  facts: '当事人销售的一次性使用医用口罩经检验不合格。',
  filedOn: '2026-09-07',
  ...extra,
})
/**
 * 立案 as the bureau does it: the handler proposes (提请立案, checked then), the head approves in
 * 审批待办, which opens the case. Answers the proposal's refusal, or the case (201) once approved.
 */
async function fileCase(c: Client, body: Record<string, unknown>) {
  const p = await c.post('/api/cases/filing-proposals', body)
  if (p.status !== 201) return p
  expect(p.body).toMatchObject({ kind: 'lead.file', kindLabel: '立案审批', state: 'pending' })
  const ok = await leader.post(`/api/approvals/${p.body.id}/decision`, { decision: 'approve', note: '同意立案', version: p.body.version })
  if (ok.status !== 200) return ok
  const row = await t.s.deps.db
    .selectFrom('caseFile')
    .select('id')
    .where('leadId', '=', body.leadId as string)
    .executeTakeFirstOrThrow()
  return { ...(await c.get(`/api/cases/${row.id}`)), status: 201 }
}
async function act(c: Client, id: string, action: string, body: Record<string, unknown>) {
  const cur = await c.get(`/api/cases/${id}`)
  expectOk(cur)
  return c.post(`/api/cases/${id}/actions/${action}`, { ...body, version: cur.body.version })
}
async function versionOf(id: string) {
  return (await handler.get(`/api/cases/${id}`)).body.version as number
}
const clockOf = (body: any, kind: string) => body.clocks.find((c: any) => c.kind === kind)

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-12-07T02:00:00Z') }) // Mon 2026-12-07, 10:00 in China
  admin = await t.login('admin')
  operator = await t.login('operator')
  handler = await t.login('handler')
  leader = await t.login('leader')
  credit = await t.login('credit')
  jf = await unitId(t, 'JZ-410802')
  sy = await unitId(t, 'JZ-410811')
  // The demo handler gets an enforcement certificate (the inspector has one).
  await t.s.deps.db.updateTable('appUser').set({ certNo: '豫A0820002' }).where('username', '=', 'handler').execute()
  officers = [await userId(t, 'handler'), await userId(t, 'inspector')]
  const e = await admin.post('/api/entities', {
    uscc: composeUscc('91', '410802', 'MA55AA11'),
    name: '焦作市案件测试医药有限公司',
    entityType: '有限责任公司',
    businessAddress: '焦作市解放区民主路88号',
    businessDivision: '410802001',
    status: 'active',
  })
  expectOk(e, 201)
  shop = { id: e.body.id, name: e.body.name, uscc: e.body.uscc }
})
afterAll(() => t?.close())

describe('opening a case (立案) from a lead', () => {
  it('refuses bad input in Chinese and changes nothing: one officer, an officer without certificate, a future date, a wrong type', async () => {
    const l = await lead(jf)
    const before = await rawSql(t, 'select count(*) as n from case_file')
    expectError(await fileCase(handler, openBody(l.id, { officerIds: [officers[0]] })), 400, 'VALIDATION', /不得少于 2 人/)
    const noCert = await createActiveUser(admin, t, { unitCode: 'JZ-410802', grants: [{ role: 'case_handler', unitCode: 'JZ-410802', scope: 'unit_tree' }] })
    expectError(await fileCase(handler, openBody(l.id, { officerIds: [officers[0], noCert.user.id] })), 400, 'VALIDATION', /没有执法证号/)
    expectError(await fileCase(handler, openBody(l.id, { filedOn: '2026-12-08' })), 400, 'VALIDATION', /立案日期/)
    expectError(await fileCase(handler, openBody(l.id, { caseType: 'murder' })), 400, 'VALIDATION', /案件类型/)
    expectError(await fileCase(handler, openBody(l.id, { title: 'x'.repeat(201) })), 400, 'VALIDATION', /案由最多 200 字/)
    expectError(await fileCase(handler, openBody(l.id, { filedOn: '2026-08-01' })), 400, 'VALIDATION', /不能早于线索发现日期/)
    expect(await rawSql(t, 'select count(*) as n from case_file')).toEqual(before)
    expect((await handler.get(`/api/leads/${l.id}`)).body.state).toBe('new')
  })

  it('requires a session (401), the permission (403) and the district (404)', async () => {
    const l = await lead(sy)
    expectError(await fileCase(t.anon, openBody(l.id)), 401, 'UNAUTHENTICATED')
    expectError(await t.anon.get('/api/cases'), 401, 'UNAUTHENTICATED')
    expectError(await operator.get('/api/cases'), 403, 'FORBIDDEN')
    expectError(await fileCase(credit, openBody(l.id)), 403, 'FORBIDDEN')
    expectError(await fileCase(handler, openBody(l.id)), 404, 'NOT_FOUND')
    // The officer choices: certificate holders only.
    const o = await handler.get('/api/cases/officers')
    expectOk(o)
    expect(o.body.items.map((x: any) => x.certNo)).toEqual(expect.arrayContaining(['豫A0820001', '豫A0820002']))
    expect(o.body.items.every((x: any) => x.certNo)).toBe(true)
    expectError(await credit.get('/api/cases/officers'), 403, 'FORBIDDEN')
  })
})

describe('a case from filing to closure', () => {
  let id = ''
  let leadId = ''
  it('files: case number, party from the register, officers with certificates, the 90-day clock, the 立案审批表; the lead is filed', async () => {
    const l = await lead(jf)
    leadId = l.id
    const r = await fileCase(handler, openBody(l.id))
    expectOk(r, 201)
    id = r.body.id
    expect(r.body.caseNo).toMatch(/^焦解市监案〔2026〕\d+号$|^.+案〔2026〕\d+号$/)
    expect(r.body).toMatchObject({
      state: 'investigating',
      partyName: shop.name,
      partyUscc: shop.uscc,
      partyAddress: '焦作市解放区民主路88号',
      caseTypeLabel: '假冒伪劣与产品质量',
    })
    expect(r.body.officers.map((o: any) => o.certNo)).toEqual(['豫A0820002', '豫A0820001'])
    // 2026-09-07 + 90 = 12-06 (Sun) → Mon 12-07.
    expect(clockOf(r.body, 'decision')).toMatchObject({ startOn: '2026-09-07', dueOn: '2026-12-07', ruleVersionId: 'case.decision@v2' })
    expect(r.body.documents.map((d: any) => d.title)).toEqual(['立案审批表'])
    expect((await handler.get(`/api/leads/${l.id}`)).body.state).toBe('filed')
    // A lead is filed once: a second case from it is refused and nothing is written.
    const lv = (await handler.get(`/api/leads/${l.id}`)).body.version
    expectError(await fileCase(handler, openBody(l.id, { leadVersion: lv })), 409, 'ILLEGAL_TRANSITION', /已立案/)
    expect((await auditRecords(t, { action: 'case.file', targetId: id })).length).toBe(1)
  })

  it('testing pauses the case clock and its result resumes it; the head extends it by 30 days', async () => {
    expectOk(await act(handler, id, 'start_testing', { subject: '口罩细菌过滤效率', institution: '河南省医疗器械检验所', on: '2026-09-10' }))
    const resumed = await act(handler, id, 'end_testing', { result: '细菌过滤效率不符合YY 0469-2011', on: '2026-09-20' })
    expectOk(resumed)
    // Paused 09-10..09-19 (10 days): 12-06 + 10 = Wed 12-16.
    expect(clockOf(resumed.body, 'decision')).toMatchObject({ dueOn: '2026-12-16', pauses: [{ from: '2026-09-10', to: '2026-09-19' }] })
    // The handler may not approve an extension; the head may.
    expectError(await act(handler, id, 'extend', { reason: '案情复杂', on: '2026-10-09' }), 403, 'FORBIDDEN')
    const ext = await act(leader, id, 'extend', { reason: '涉案产品批次多，需进一步调查', on: '2026-10-09' })
    expectOk(ext)
    // 12-06 (rolled 12-07) + 30 = 2027-01-06, + 10 paused days = 01-16 (Sat) → Mon 01-18 (the calendar engine's order).
    expect(clockOf(ext.body, 'decision').extensions).toBe(1)
    expect(clockOf(ext.body, 'decision').dueOn >= '2027-01-15').toBe(true)
    expect(ext.body.documents.map((d: any) => d.title)).toContain('检测、检验、检疫、鉴定期间告知书')
  })

  it('keeps an evidence list and a seized-goods ledger; a seizure runs 30 days, extended once, released with disposal', async () => {
    const ev = await handler.post(`/api/cases/${id}/evidence`, {
      version: await versionOf(id),
      kind: 'physical',
      title: '涉案口罩样品',
      collectedOn: '2026-09-08',
    })
    expectOk(ev)
    expect(ev.body.evidence).toHaveLength(1)
    expectError(await handler.post(`/api/cases/${id}/evidence`, { version: await versionOf(id), kind: 'rumour', title: 'x' }), 400, 'VALIDATION', /证据种类/)
    const s = await handler.post(`/api/cases/${id}/seizures`, {
      version: await versionOf(id),
      measure: 'seize',
      reason: '涉嫌销售不合格医用口罩',
      items: [
        { name: '一次性使用医用口罩', quantity: 2030, unit: '只', location: '解放区局涉案物品库' },
        { name: '包装箱', quantity: 5, unit: '箱', location: '解放区局涉案物品库' },
      ],
      on: '2026-09-08',
    })
    expectOk(s)
    const seizure = s.body.seizures[0]
    // 09-08 + 30 = 10-08 (the National Day holiday ends 10-07).
    expect(seizure.clock).toMatchObject({ startOn: '2026-09-08', dueOn: '2026-10-08' })
    expect(s.body.seizedItems.map((i: any) => [i.name, i.quantity, i.disposalLabel])).toEqual([
      ['一次性使用医用口罩', 2030, '在押'],
      ['包装箱', 5, '在押'],
    ])
    const path = `/api/cases/${id}/seizures/${seizure.id}`
    expectError(await handler.post(`${path}/extend`, { version: await versionOf(id), reason: '检验未完成', on: '2026-10-05' }), 403, 'FORBIDDEN')
    const ext = await leader.post(`${path}/extend`, { version: await versionOf(id), reason: '检验未完成', on: '2026-10-05' })
    expectOk(ext)
    // 10-08 + 30 = 11-07 (Sat) → Mon 11-09.
    expect(ext.body.seizures[0].clock.dueOn).toBe('2026-11-09')
    expectError(await leader.post(`${path}/extend`, { version: await versionOf(id), reason: '再次延长', on: '2026-10-06' }), 400, 'VALIDATION', /只能延长一次/)
    const rel = await handler.post(`${path}/release`, { version: await versionOf(id), disposal: 'confiscated', on: '2026-10-20' })
    expectOk(rel)
    expect(rel.body.seizures[0]).toMatchObject({ releasedOn: '2026-10-20', disposalLabel: '没收' })
    expect(rel.body.seizedItems.every((i: any) => i.disposalLabel === '没收')).toBe(true)
    expect(rel.body.documents.map((d: any) => d.title)).toEqual(
      expect.arrayContaining(['实施行政强制措施决定书', '延长行政强制措施期限决定书', '解除行政强制措施决定书']),
    )
  })

  it('advance notice: 5 working days for statements; the decision waits for them and carries the six contents of Art 59', async () => {
    const n = await act(handler, id, 'notify', {
      facts: '销售不合格医用口罩2030只，货值金额3000元，违法所得1200元。',
      basis: '《中华人民共和国产品质量法》第三十九条',
      intendedPenalty: '没收违法所得1200元，罚款5000元',
      hearingRight: false,
      on: '2026-10-12',
    })
    expectOk(n)
    // Mon 10-12 + 5 WD: 13 14 15 16 19.
    expect(clockOf(n.body, 'statement').dueOn).toBe('2026-10-19')
    expectError(await act(handler, id, 'request_hearing', {}), 400, 'VALIDATION', /未告知听证权利/)
    expectError(
      await act(leader, id, 'decide', { penaltyType: 'fine', facts: 'x', basis: 'y', fineFen: 500000, on: '2026-10-15' }),
      400,
      'VALIDATION',
      /陈述申辩期限/,
    )
    expectError(
      await act(leader, id, 'decide', { penaltyType: 'fine', facts: 'x', basis: 'y', fineFen: -5, on: '2026-10-21' }),
      400,
      'VALIDATION',
      /不能为负数/,
    )
    expectError(
      await act(leader, id, 'decide', { penaltyType: 'fine', facts: 'x', basis: 'y', fineFen: 1e13, on: '2026-10-21' }),
      400,
      'VALIDATION',
      /超出合理范围/,
    )
    expectError(await act(leader, id, 'decide', { penaltyType: 'fine', facts: 'x', basis: 'y', fineFen: '5000', on: '2026-10-21' }), 400, 'VALIDATION')
    const d = await act(leader, id, 'decide', {
      penaltyType: 'fine',
      facts: '当事人于2026年8月购进并销售不合格一次性使用医用口罩2030只。',
      basis: '《中华人民共和国产品质量法》第五十条',
      fineFen: 500000,
      gainsFen: 120000,
      goodsValueFen: 300000,
      goods: '不合格医用口罩2030只',
      on: '2026-10-21',
    })
    expectOk(d)
    expect(d.body.state).toBe('decided')
    expect(d.body.decisionNo).toMatch(/处罚〔2026〕\d+号$/)
    expect(clockOf(d.body, 'decision').doneOn).toBe('2026-10-21')
    // Service within 7 WD: 10-22 23 26 27 28 29 30.
    expect(clockOf(d.body, 'service').dueOn).toBe('2026-10-30')
    const doc = d.body.documents.find((x: any) => x.title === '行政处罚决定书')
    const html = (await handler.get(`/api/documents/${doc.id}/content`)).raw
    // Art 59: (1) name and address (2) facts and evidence (3) penalty and basis (4) how and by when (5) remedies (6) agency and date.
    expect(html).toContain(shop.name)
    expect(html).toContain('焦作市解放区民主路88号')
    expect(html).toContain('购进并销售不合格一次性使用医用口罩')
    expect(html).toContain('涉案口罩样品')
    expect(html).toContain('罚款人民币5,000.00元')
    expect(html).toContain('没收违法所得人民币1,200.00元')
    expect(html).toContain('《中华人民共和国产品质量法》第五十条')
    expect(html).toContain('十五日内')
    expect(html).toMatch(/六十日内依法申请行政复议.*六个月内依法向人民法院提起行政诉讼/)
    expect(html).toContain('本决定作出机关')
    expect(html).toContain('2026年10月21日')
    expect(html).toContain('送达回证')
  })

  it('service starts the 15-day payment period; a late payment carries 3 % a day; 结案 needs everything paid, then the case is read-only', async () => {
    const s = await act(handler, id, 'serve', { method: 'direct', recipient: '当事人法定代表人', on: '2026-10-23' })
    expectOk(s)
    // Fri 10-23 + 15 = 11-07 (Sat) → Mon 11-09.
    expect(s.body.paymentDueOn).toBe('2026-11-09')
    const pay = async (kind: string, amountFen: number, paidOn: string) =>
      handler.post(`/api/cases/${id}/payments`, { version: await versionOf(id), kind, amountFen, paidOn, receiptNo: `PJ${amountFen}` })
    expectError(await pay('fine', 0, '2026-11-11'), 400, 'VALIDATION', /大于 0/)
    expectError(await pay('fine', 500000, '2027-01-01'), 400, 'VALIDATION')
    expectOk(await pay('fine', 500000, '2026-11-11'))
    const g = await pay('gains', 120000, '2026-11-11')
    expectOk(g)
    // Two days late on the fine: 6 % of 5,000 yuan = 300 yuan.
    expect(g.body.balance).toMatchObject({ decidedFen: 620000, surchargeFen: 30000, paidFen: 620000, outstandingFen: 30000, daysLate: 2 })
    expectError(await act(leader, id, 'close', { reason: 'performed', on: '2026-11-12' }), 400, 'VALIDATION', /未缴清/)
    expectError(await pay('surcharge', 40000, '2026-11-12'), 400, 'VALIDATION', /超过未缴金额/)
    expectOk(await pay('surcharge', 30000, '2026-11-12'))
    const closed = await act(leader, id, 'close', { reason: 'performed', on: '2026-11-13' })
    expectOk(closed)
    expect(closed.body).toMatchObject({ state: 'closed', closureReasonLabel: '行政处罚决定已履行或者已执行', actions: [] })
    expect(closed.body.balance.outstandingFen).toBe(0)
    expect(closed.body.documents.map((d: any) => d.title)).toContain('结案审批表')
    expectError(
      await handler.post(`/api/cases/${id}/evidence`, { version: closed.body.version, kind: 'physical', title: '补充' }),
      409,
      'ILLEGAL_TRANSITION',
      /只读/,
    )
    expectError(await act(leader, id, 'extend', { reason: 'x' }), 409, 'ILLEGAL_TRANSITION')
    // Timeline in order, every step audited.
    expect(closed.body.timeline.map((e: any) => e.kind)).toEqual(
      expect.arrayContaining([
        'file',
        'start_testing',
        'end_testing',
        'extend',
        'evidence',
        'seize',
        'seize_extend',
        'seize_release',
        'notify',
        'decide',
        'serve',
        'payment',
        'close',
      ]),
    )
    for (const a of ['case.decide', 'case.serve', 'case.payment', 'case.close'])
      expect((await auditRecords(t, { action: a, targetId: id })).length).toBeGreaterThan(0)
    expect(leadId).not.toBe('')
  })

  it("lists my cases by stage; another district's case is invisible (404) and absent from lists", async () => {
    const l = await lead(sy)
    const syHandler = await createActiveUser(admin, t, { unitCode: 'JZ-410811', grants: [{ role: 'case_handler', unitCode: 'JZ-410811', scope: 'unit_tree' }] })
    const other = await fileCase(await t.login(syHandler.username, STRONG_PASSWORD), openBody(l.id))
    expectOk(other, 201)
    expectError(await handler.get(`/api/cases/${other.body.id}`), 404, 'NOT_FOUND')
    expectError(await handler.post(`/api/cases/${other.body.id}/actions/start_testing`, { subject: 'x', institution: 'y', version: 1 }), 404, 'NOT_FOUND')
    expectError(await handler.post(`/api/cases/${other.body.id}/evidence`, { version: 1, kind: 'physical', title: 'x' }), 404, 'NOT_FOUND')
    const mine = await handler.get('/api/cases?mine=1&pageSize=100')
    expectOk(mine)
    const ids = mine.body.items.map((c: any) => c.id)
    expect(ids).toContain(id)
    expect(ids).not.toContain(other.body.id)
    // 我的案件, open only: the case closed above has left it (结案 cleared its officers' case_open), an open one of mine is in it.
    const mineOpen = await fileCase(handler, openBody((await lead(jf)).id))
    expectOk(mineOpen, 201)
    const open = await handler.get('/api/cases?mine=1&open=1&pageSize=100')
    expectOk(open)
    expect(open.body.items.map((c: any) => c.id)).toContain(mineOpen.body.id)
    expect(open.body.items.map((c: any) => c.id)).not.toContain(id)
    expect(open.body.items.every((c: any) => c.state !== 'closed')).toBe(true)
    expect(open.body.total).toBe(open.body.items.length)
    // The total of 我的案件 (one statement with the page) is the whole list's, on any page, also past the end.
    const mineAll = (await handler.get('/api/cases?mine=1&pageSize=100')).body
    expect(mineAll.total).toBe(mineAll.items.length)
    expect(mineAll.total).toBeGreaterThan(1)
    const first = (await handler.get('/api/cases?mine=1&pageSize=1')).body
    expect(first).toMatchObject({ total: mineAll.total, items: [{ id: mineAll.items[0].id }] })
    expect((await handler.get(`/api/cases?mine=1&pageSize=1&page=${mineAll.total}`)).body).toMatchObject({
      total: mineAll.total,
      items: [{ id: mineAll.items.at(-1).id }],
    })
    expect((await handler.get(`/api/cases?mine=1&pageSize=1&page=${mineAll.total + 1}`)).body).toMatchObject({ total: mineAll.total, items: [] })
    expect(await rawSql(t, `select case_open as o from case_officer where case_id = '${id}'`)).toEqual([{ o: 0 }, { o: 0 }])
    expect(await rawSql(t, `select case_open as o from case_officer where case_id = '${mineOpen.body.id}'`)).toEqual([{ o: 1 }, { o: 1 }])
    // The to-do list (我承办的案件) reads the same entries.
    const work = await handler.get('/api/my/work')
    expectOk(work)
    const workCases = work.body.items.filter((w: any) => w.source === 'cases').map((w: any) => w.id)
    expect(workCases).toContain(mineOpen.body.id)
    expect(workCases).not.toContain(id)
    const closed = await handler.get('/api/cases?state=closed&pageSize=100')
    expect(closed.body.items.every((c: any) => c.state === 'closed')).toBe(true)
    expectError(await handler.get('/api/cases?state=nonsense'), 400, 'VALIDATION', /案件状态无效/)
    const all = await leader.get('/api/cases?pageSize=100')
    expect(all.body.items.map((c: any) => c.id)).toEqual(expect.arrayContaining([id, other.body.id]))
    // The entity profile gains a cases section.
    const p = await leader.get(`/api/entities/${shop.id}/profile`)
    expect(p.body.sections.find((s: any) => s.key === 'cases').count).toBeGreaterThan(0)
  })
})

describe('demo data', () => {
  it('loads demo cases in every stage (src/demo/cases.ts)', async () => {
    const { loadDemoCases } = await import('../../demo/cases')
    expect(await loadDemoCases(t.s)).toBe(4)
    const all = await leader.get('/api/cases?pageSize=100')
    const states = new Set(all.body.items.filter((c: any) => c.leadNo).map((c: any) => c.state))
    for (const s of ['investigating', 'notified', 'served', 'closed']) expect(states.has(s)).toBe(true)
    const price = all.body.items.find((c: any) => c.title === '哄抬一次性口罩价格案')
    const d = await leader.get(`/api/cases/${price.id}`)
    expect(d.body.balance.surchargeFen).toBeGreaterThan(0)
  })
})

describe('the 12315 report follows its lead', () => {
  async function report(summary: string) {
    const r = await operator.post('/api/complaints', {
      types: ['report'],
      channel: 'hotline',
      category: 'price',
      summary,
      request: '请求查处',
      facts: '口罩每只售价30元，进价1元。',
      persons: [REPORTER],
      respondent: { entityId: shop.id, name: shop.name },
    })
    expectOk(r, 201)
    const itemId = r.body.items[0].id as string
    const step = async (c: Client, body: Record<string, unknown>) => {
      const cur = await c.get(`/api/complaints/${itemId}`)
      const res = await c.post(`/api/complaints/${itemId}/transitions`, { expectedVersion: cur.body.version, ...body })
      expectOk(res)
      return res.body
    }
    await step(operator, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01') })
    const filed = await step(handler, { action: 'file_case', summary: '涉嫌哄抬口罩价格' })
    return { itemId, leadId: filed.leadId as string, step }
  }
  const assertNoReporter = (raw: string) => {
    expect(raw).not.toContain(REPORTER.name)
    expect(raw).not.toContain(REPORTER.phone)
    expect(raw).not.toMatch(/欧\*+密|欧阳\*|139\*+5678/)
  }

  it('the report shows 立案 only once the case is filed; the reporter never reaches the case, its documents or lists', async () => {
    const { itemId, leadId } = await report('超市口罩哄抬价格（案件）')
    const referred = await handler.get(`/api/complaints/${itemId}`)
    expect(referred.body.outcome).toBe('lead_referred')
    expect(referred.body.stateLabel).toBe('已移送案源')
    expectError(await handler.get(`/api/complaints/${itemId}/documents/report_filed`), 409, 'ILLEGAL_TRANSITION', /尚未作出立案决定/)
    const lv = (await handler.get(`/api/leads/${leadId}`)).body.version
    const c = await fileCase(handler, openBody(leadId, { leadVersion: lv, caseType: 'price', title: '哄抬口罩价格案', filedOn: '2026-12-07' }))
    expectOk(c, 201)
    assertNoReporter(c.raw)
    const after = await handler.get(`/api/complaints/${itemId}`)
    expect(after.body.outcome).toBe('filed')
    expect(await rawSql(t, `select filing_decided_on as d from complaint_item where id = '${itemId}'`)).toEqual([{ d: '2026-12-07' }])
    expect(after.raw).toContain('已立案调查')
    expect(after.raw).toContain(c.body.caseNo)
    assertNoReporter((await handler.get(`/api/cases/${c.body.id}`)).raw)
    assertNoReporter((await leader.get(`/api/cases/${c.body.id}`)).raw)
    assertNoReporter((await handler.get('/api/cases?pageSize=100')).raw)
    for (const d of c.body.documents) assertNoReporter((await leader.get(`/api/documents/${d.id}/content`)).raw)
  })

  it('a lead decided 不予立案 flows back to the report', async () => {
    const { itemId, leadId } = await report('超市口罩哄抬价格（不立案）')
    const lv = (await handler.get(`/api/leads/${leadId}`)).body.version
    // The handler proposes, the head approves in 审批待办: only then is the lead decided and the report told.
    const p = await handler.post(`/api/leads/${leadId}/proposals`, { decision: 'not_file', reason: '经核查价格未明显上涨', version: lv })
    expectOk(p)
    expect((await handler.get(`/api/complaints/${itemId}`)).body.outcome).toBe('lead_referred')
    const req = (await leader.get('/api/approvals?kind=lead.not_file&pageSize=100')).body.items.find((a: any) => a.matterId === leadId)
    expectOk(await leader.post(`/api/approvals/${req.id}/decision`, { decision: 'approve', version: req.version }))
    const after = await handler.get(`/api/complaints/${itemId}`)
    expect(after.body).toMatchObject({ state: 'not_filed', outcome: 'not_filed' })
    expect(after.raw).toContain('经核查，决定不予立案')
    // The reporter's notice now carries the actual decision.
    const notice = await handler.get(`/api/complaints/${itemId}/documents/report_not_filed`)
    expect(notice.status, notice.raw).not.toBe(409)
  })
})
