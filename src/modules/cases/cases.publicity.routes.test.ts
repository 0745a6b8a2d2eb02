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
  unitId,
  userId,
  type Client,
  type TestApp,
} from '../../../test/helpers'
import { composeUscc } from '../entities'

/*
 * Penalty publicity, typical cases and statistics through the HTTP layer (both engines). Clock dates
 * are worked out by hand from the official schedules: 2026 Mid-Autumn (09-25 off) and National Day
 * (10-01..10-07 off, Sat 10-10 worked); 2020 Spring Festival extended to 02-02.
 */
let t: TestApp
let admin: Client, handler: Client, leader: Client, credit: Client
let jf: string
let officers: string[]
let shop: { id: string; name: string; uscc: string }
let farShop: { id: string; name: string; uscc: string }

async function entity(division: string, seq: string, name: string, domicile: string) {
  const e = await admin.post('/api/entities', {
    uscc: composeUscc('91', division, seq),
    name,
    entityType: '有限责任公司',
    legalRep: '李法人',
    businessAddress: '焦作市解放区民主路1号',
    businessDivision: '410802001',
    domicileDivision: domicile,
    status: 'active',
  })
  expectOk(e, 201)
  return { id: e.body.id as string, name: e.body.name as string, uscc: e.body.uscc as string }
}

/** A case decided on `decidedOn` (notice 10 days before; the statement period has run). */
async function decided(o: {
  entityId?: string | null
  person?: string
  decidedOn: string
  notifiedOn: string
  filedOn: string
  penaltyType?: string
  fineFen?: number
  gainsFen?: number
  caseType?: string
}) {
  const e = o.entityId === undefined ? shop : o.entityId === null ? null : { id: o.entityId, name: '', uscc: '' }
  const lead = await t.s.deps.db.transaction().execute((trx) =>
    t.s.enforcement.createLead(trx, systemCtx(), {
      source: 'report',
      sourceId: 'report-x',
      sourceNo: 'JB2026-1',
      unitId: jf,
      entityId: e?.id ?? null,
      entityName: e ? e.name : o.person!,
      uscc: null,
      summary: '举报线索：哄抬口罩价格',
      foundOn: o.filedOn,
    }),
  )
  // 立案 is the head's: the leader files directly (a handler proposes it through 审批待办).
  const opened = await leader.post('/api/cases', {
    leadId: lead.id,
    leadVersion: 1,
    title: '哄抬口罩价格案',
    caseType: o.caseType ?? 'price',
    officerIds: officers,
    facts: '当事人大幅提高口罩销售价格。',
    filedOn: o.filedOn,
    ...(e ? {} : { partyKind: 'person', personName: o.person, personIdNo: '410802199001011234' }),
  })
  expectOk(opened, 201)
  const id = opened.body.id as string
  const act = async (action: string, body: Record<string, unknown>) => {
    const cur = await handler.get(`/api/cases/${id}`)
    const r = await (action === 'decide' ? leader : handler).post(`/api/cases/${id}/actions/${action}`, { ...body, version: cur.body.version })
    expectOk(r)
    return r
  }
  await act('notify', { facts: '哄抬价格', basis: '《价格法》第十四条', intendedPenalty: '罚款', on: o.notifiedOn })
  const d = await act('decide', {
    penaltyType: o.penaltyType ?? 'fine',
    facts: '当事人将口罩价格由每只0.5元提高至20元。',
    basis: '《价格违法行为行政处罚规定》第六条',
    fineFen: o.fineFen ?? 500_000,
    gainsFen: o.gainsFen ?? 0,
    on: o.decidedOn,
  })
  return { caseId: id, decisionNo: d.body.decisionNo as string }
}
async function publicityOf(caseId: string) {
  const r = await credit.get(`/api/case-publicity?caseId=${caseId}`)
  expectOk(r)
  return r.body.items[0]
}
const clockOf = (body: any, kind: string) => body.clocks.find((c: any) => c.kind === kind)

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-12-07T02:00:00Z') }) // Mon 2026-12-07, 10:00 in China
  admin = await t.login('admin')
  handler = await t.login('handler')
  leader = await t.login('leader')
  credit = await t.login('credit')
  jf = await unitId(t, 'JZ-410802')
  await t.s.deps.db.updateTable('appUser').set({ certNo: '豫A0820002' }).where('username', '=', 'handler').execute()
  officers = [await userId(t, 'handler'), await userId(t, 'inspector')]
  shop = await entity('410802', 'MA66BB22', '焦作市公示测试大药房有限公司', '410802')
  farShop = await entity('110105', 'MA77CC33', '北京外省登记口罩贸易有限公司', '110105')
})
afterAll(() => t?.close())

describe('the publicity record of a decision', () => {
  let pid = ''
  let caseId = ''
  it('is created in the decision transaction with the Order 45 Art 4 summary and the 20 WD clock across Mid-Autumn, National Day and 调休', async () => {
    const c = await decided({ filedOn: '2026-09-01', notifiedOn: '2026-09-10', decidedOn: '2026-09-23' })
    caseId = c.caseId
    const p = await publicityOf(c.caseId)
    pid = p.id
    expect(p).toMatchObject({
      decisionNo: c.decisionNo,
      partyName: shop.name,
      partyUscc: shop.uscc,
      legalRep: '李法人',
      caseTypeLabel: '价格',
      penaltyLabel: '罚款',
      penaltyContent: '罚款人民币5,000.00元',
      fineFen: 500_000,
      authority: expect.stringContaining('解放区'),
      decidedOn: '2026-09-23',
      crossProvince: false,
      state: 'pending',
      displayKind: 'long',
    })
    const d = await credit.get(`/api/case-publicity/${pid}`)
    expectOk(d)
    // Wed 09-23 + 20 WD: 09-25 off (中秋), 10-01..07 off, Sat 10-10 worked → Wed 10-28.
    expect(clockOf(d.body, 'publish')).toMatchObject({
      ruleId: 'publicity.penalty_publish',
      startOn: '2026-09-23',
      dueOn: '2026-10-28',
      doneOn: null,
      late: true,
    })
    expect(d.body.dueOn).toBe('2026-10-28')
    expect((await auditRecords(t, { action: 'case.publicity_create', targetId: pid })).length).toBe(1)
  })

  it('a party registered in another province is pushed within 10 WD', async () => {
    const c = await decided({ entityId: farShop.id, filedOn: '2026-09-01', notifiedOn: '2026-09-10', decidedOn: '2026-09-23' })
    const p = await publicityOf(c.caseId)
    expect(p.crossProvince).toBe(true)
    const d = await credit.get(`/api/case-publicity/${p.id}`)
    // Wed 09-23 + 10 WD: 09-24, 09-28, 09-29, 09-30, 10-08, 10-09, 10-10 (调休), 10-12, 10-13, 10-14.
    expect(clockOf(d.body, 'push')).toMatchObject({ ruleId: 'publicity.penalty_push', dueOn: '2026-10-14' })
    expect(clockOf(d.body, 'publish')).toBeUndefined()
  })

  it('before Order 45 (2021-09-01) the Decree 654 rule runs: 2020-01-23 + 20 WD across the extended Spring Festival = 2020-02-28', async () => {
    const c = await decided({ filedOn: '2020-01-06', notifiedOn: '2020-01-10', decidedOn: '2020-01-23' })
    const p = await publicityOf(c.caseId)
    const d = await credit.get(`/api/case-publicity/${p.id}`)
    expect(clockOf(d.body, 'publish_legacy')).toMatchObject({ ruleId: 'publicity.gov_info', startOn: '2020-01-23', dueOn: '2020-02-28' })
  })

  it('a bare warning is not published; a warning with a fine is', async () => {
    const w = await decided({ filedOn: '2026-11-02', notifiedOn: '2026-11-03', decidedOn: '2026-11-20', penaltyType: 'warning', fineFen: 0 })
    expect(await publicityOf(w.caseId)).toBeUndefined()
    const wf = await decided({ filedOn: '2026-11-02', notifiedOn: '2026-11-03', decidedOn: '2026-11-20', penaltyType: 'warning', fineFen: 20_000 })
    expect(await publicityOf(wf.caseId)).toMatchObject({ penaltyContent: '警告；罚款人民币200.00元' })
  })

  it('bad input is a zh-CN 400 and nothing changes; another district is 404; the handler may not publish (403)', async () => {
    const before = await rawSql(t, `select state, version from case_publicity where id = '${pid}'`)
    expectError(await credit.post(`/api/case-publicity/${pid}/publish`, { version: 1, on: '2099-01-01' }), 400, 'VALIDATION', /日期/)
    expectError(await credit.post(`/api/case-publicity/${pid}/publish`, { version: 1, on: '2026-09-01' }), 400, 'VALIDATION', /不能早于/)
    expectError(await credit.post(`/api/case-publicity/${pid}/publish`, { version: 'x' }), 400, 'VALIDATION')
    expectError(await credit.post(`/api/case-publicity/${pid}/publish`, { version: 1, extra: 1 }), 400, 'VALIDATION')
    expectError(await credit.post(`/api/case-publicity/${pid}/withdraw`, { version: 1, reason: 'x'.repeat(501) }), 400, 'VALIDATION', /最多 500 字/)
    expectError(await credit.post(`/api/case-publicity/${pid}/publish`, { version: 9 }), 409, 'CONFLICT')
    expectError(await handler.post(`/api/case-publicity/${pid}/publish`, { version: 1 }), 403, 'FORBIDDEN')
    expectError(await t.anon.get(`/api/case-publicity/${pid}`), 401, 'UNAUTHENTICATED')
    const other = await createActiveUser(admin, t, { unitCode: 'JZ-410811', grants: [{ role: 'credit_officer', unitCode: 'JZ-410811', scope: 'unit_tree' }] })
    expectError(await other.client.get(`/api/case-publicity/${pid}`), 404, 'NOT_FOUND')
    expectError(await other.client.post(`/api/case-publicity/${pid}/publish`, { version: 1 }), 404, 'NOT_FOUND')
    expect((await other.client.get('/api/case-publicity')).body.items.map((x: any) => x.id)).not.toContain(pid)
    expect(await rawSql(t, `select state, version from case_publicity where id = '${pid}'`)).toEqual(before)
  })

  it('publishing stops the clock (late: done after the due date) and computes the 3-year display end; it then shows on the public page', async () => {
    const r = await credit.post(`/api/case-publicity/${pid}/publish`, { version: 1, on: '2026-11-30' })
    expectOk(r)
    expect(r.body).toMatchObject({ state: 'published', publishedOn: '2026-11-30', displayEndOn: '2029-11-30', dueOn: null })
    expect(clockOf(r.body, 'publish')).toMatchObject({ doneOn: '2026-11-30', late: true })
    expect((await auditRecords(t, { action: 'case.publicity_publish', targetId: pid })).length).toBe(1)
    const pub = await t.anon.get(`/api/public/penalties?q=${encodeURIComponent('公示测试大药房')}`)
    expectOk(pub)
    expect(pub.body.items.map((x: any) => x.id)).toEqual([pid])
    expect((await t.anon.get(`/api/public/penalties?q=${shop.uscc}`)).body.items.map((x: any) => x.id)).toEqual([pid])
    const one = await t.anon.get(`/api/public/penalties/${pid}`)
    expectOk(one)
    expect(one.body).toMatchObject({ decisionNo: expect.any(String), legalRep: '李法人', facts: expect.stringContaining('口罩') })
    expectError(await t.anon.get(`/api/public/penalties?q=${encodeURIComponent('药')}`), 400, 'VALIDATION', /至少 2 个字/)
    expectError(await t.anon.get(`/api/public/penalties?q=${'x'.repeat(51)}`), 400, 'VALIDATION')
  })

  it('a natural person: name masked, no identity number, no phone and never the 12315 reporter on the public page', async () => {
    const c = await decided({ entityId: null, person: '欧阳秘密', filedOn: '2026-10-12', notifiedOn: '2026-10-14', decidedOn: '2026-11-02' })
    const p = await publicityOf(c.caseId)
    expect(p).toMatchObject({ partyName: '欧**密', partyUscc: null, partyIdMasked: '4108**********1234' })
    expectOk(await credit.post(`/api/case-publicity/${p.id}/publish`, { version: 1, on: '2026-11-03' }))
    const list = await t.anon.get(`/api/public/penalties?q=${encodeURIComponent('欧阳')}`)
    expect(list.body.items).toEqual([]) // the real name is not searchable
    const one = await t.anon.get(`/api/public/penalties/${p.id}`)
    expectOk(one)
    expect(one.body.partyName).toBe('欧**密')
    const text = JSON.stringify(one.body) + JSON.stringify((await t.anon.get('/api/public/penalties?pageSize=50')).body)
    for (const secret of ['欧阳秘密', '410802199001011234', '4108**', '1990010', 'JB2026-1', '举报']) expect(text).not.toContain(secret)
    expect(text).not.toMatch(/1[3-9]\d{9}/)
  })

  it('the public name search answers exactly the substring matches of the names on display (index by the rarest grams, re-checked)', async () => {
    const all = (await t.anon.get('/api/public/penalties?pageSize=50')).body.items as Array<{ id: string; partyName: string }>
    expect(all.length).toBeGreaterThan(1)
    const queries = ['公示', '测试', '公示测试大药房', '测试大药房', '示测试大', '大药房', '药房公示', '欧阳', '欧*', '*密', '没有这家店铺']
    let hits = 0
    for (const q of queries) {
      const r = await t.anon.get(`/api/public/penalties?q=${encodeURIComponent(q)}&pageSize=50`)
      expectOk(r)
      const expected = all.filter((p) => p.partyName.includes(q)).map((p) => p.id)
      expect(r.body.items.map((x: any) => x.id).sort(), q).toEqual(expected.sort())
      hits += expected.length
    }
    expect(hits).toBeGreaterThan(0)
  })

  it('withdrawal within 3 WD of the change keeps the record, marked, and takes it off the public list', async () => {
    const p = (await credit.get(`/api/case-publicity/${pid}`)).body
    expectError(
      await credit.post(`/api/case-publicity/${pid}/withdraw`, { version: p.version, changedOn: '2026-12-01', reason: '撤' }),
      400,
      'VALIDATION',
      /至少 2 个字/,
    )
    // Changed Thu 12-03; + 3 WD = Tue 12-08; withdrawn Fri 12-04, in time.
    const w = await credit.post(`/api/case-publicity/${pid}/withdraw`, {
      version: p.version,
      changedOn: '2026-12-03',
      reason: '行政复议决定变更处罚决定',
      on: '2026-12-04',
    })
    expectOk(w)
    expect(w.body).toMatchObject({
      state: 'withdrawn',
      stateLabel: '已撤回',
      changedOn: '2026-12-03',
      withdrawnOn: '2026-12-04',
      withdrawReason: '行政复议决定变更处罚决定',
    })
    expect(clockOf(w.body, 'withdraw')).toMatchObject({ startOn: '2026-12-03', dueOn: '2026-12-08', doneOn: '2026-12-04', late: false })
    expectError(await t.anon.get(`/api/public/penalties/${pid}`), 404, 'NOT_FOUND')
    expect((await t.anon.get(`/api/public/penalties?q=${shop.uscc}`)).body.items).toEqual([])
    expectError(
      await credit.post(`/api/case-publicity/${pid}/withdraw`, { version: w.body.version, changedOn: '2026-12-03', reason: '再次撤回' }),
      409,
      'ILLEGAL_TRANSITION',
    )
    expect((await credit.get(`/api/case-publicity?state=withdrawn`)).body.items.map((x: any) => x.id)).toContain(pid)
  })

  it('credit repair stops the display early through stopPublicityEarly; heavy penalties may not stop', async () => {
    const c = await decided({ filedOn: '2026-10-12', notifiedOn: '2026-10-14', decidedOn: '2026-11-04' })
    const p = await publicityOf(c.caseId)
    expectOk(await credit.post(`/api/case-publicity/${p.id}/publish`, { version: 1, on: '2026-11-05' }))
    await t.s.deps.db.transaction().execute((trx) => t.s.casePublicity.stopPublicityEarly(trx, systemCtx(), p.id, '当事人已履行处罚并完成信用修复'))
    const after = (await credit.get(`/api/case-publicity/${p.id}`)).body
    expect(after).toMatchObject({ state: 'stopped', stoppedOn: '2026-12-07', stopReason: '当事人已履行处罚并完成信用修复' })
    expectError(await t.anon.get(`/api/public/penalties/${p.id}`), 404, 'NOT_FOUND')
    await expect(t.s.deps.db.transaction().execute((trx) => t.s.casePublicity.stopPublicityEarly(trx, systemCtx(), p.id, '再次'))).rejects.toThrow(
      /不在公示期内/,
    )
    void caseId
  })
})

describe('typical cases (典型案例)', () => {
  it('a leader marks a decided case typical with a write-up; the public lists and shows it; others may not', async () => {
    const c = await decided({ filedOn: '2026-10-12', notifiedOn: '2026-10-14', decidedOn: '2026-11-05' })
    const body = { caseId: c.caseId, title: '疫情期间哄抬口罩价格典型案例', writeUp: '本案当事人在疫情防控期间大幅提高口罩价格，依法从重处罚。' }
    expectError(await handler.post('/api/case-typical', body), 403, 'FORBIDDEN')
    expectError(await leader.post('/api/case-typical', { ...body, title: 'x' }), 400, 'VALIDATION')
    const r = await leader.post('/api/case-typical', body)
    expectOk(r, 201)
    expectError(await leader.post('/api/case-typical', body), 409, 'CONFLICT')
    const pub = await t.anon.get('/api/public/penalties/typical')
    expectOk(pub)
    expect(pub.body.items.map((x: any) => x.title)).toContain(body.title)
    const one = await t.anon.get(`/api/public/penalties/typical/${r.body.id}`)
    expect(one.body).toMatchObject({ title: body.title, decisionNo: c.decisionNo, partyName: shop.name })
    expectOk(await leader.post(`/api/case-typical/${r.body.id}/withdraw`, {}))
    expectError(await t.anon.get(`/api/public/penalties/typical/${r.body.id}`), 404, 'NOT_FOUND')
  })
})
