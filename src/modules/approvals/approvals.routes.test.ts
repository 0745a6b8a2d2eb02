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

/*
 * 审批待办 over HTTP (both engines): the handler proposes 立案 / 不予立案 / 移送, the head decides in
 * the inbox (core/matter/approvals.ts); manual lead entry; the lead's verification clock.
 */
let t: TestApp
let admin: Client, handler: Client, leader: Client, operator: Client, syLeader: Client
let jf: string, sy: string
let officers: string[]

const lead = async (unit: string, foundOn = '2026-11-20', source: 'inspection' | 'report' = 'inspection') => {
  await t.s.enforcement.prepare()
  return t.s.deps.db.transaction().execute((trx) =>
    t.s.enforcement.createLead(trx, systemCtx(), {
      source,
      sourceId: 'task-ap',
      sourceNo: 'CC2026-AP',
      unitId: unit,
      entityId: null,
      entityName: '焦作市审批测试商行',
      uscc: null,
      summary: '检查发现销售过期食品',
      foundOn,
    }),
  )
}
const filingBody = (leadId: string, leadVersion: number, extra: Record<string, unknown> = {}) => ({
  leadId,
  leadVersion,
  title: '销售过期食品案',
  caseType: 'food',
  partyKind: 'person',
  personName: '赵六',
  officerIds: officers,
  facts: '当事人销售超过保质期的食品。',
  filedOn: '2026-12-07',
  reason: '违法事实基本清楚，拟立案调查',
  ...extra,
})
const leadOf = async (id: string) => (await handler.get(`/api/leads/${id}`)).body
const pendingFor = async (c: Client, matterId: string) => (await c.get('/api/approvals?pageSize=100')).body.items.find((a: any) => a.matterId === matterId)

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-12-07T02:00:00Z') }) // Mon 2026-12-07, 10:00 in China
  admin = await t.login('admin')
  handler = await t.login('handler')
  leader = await t.login('leader')
  operator = await t.login('operator')
  jf = await unitId(t, 'JZ-410802')
  sy = await unitId(t, 'JZ-410811')
  await t.s.deps.db.updateTable('appUser').set({ certNo: '豫A0820002' }).where('username', '=', 'handler').execute()
  officers = [await userId(t, 'handler'), await userId(t, 'inspector')]
  const u = await createActiveUser(admin, t, { unitCode: 'JZ-410811', grants: [{ role: 'bureau_leader', unitCode: 'JZ-410811', scope: 'unit_tree' }] })
  syLeader = await t.login(u.username, STRONG_PASSWORD)
})
afterAll(() => t?.close())

describe('立案 through the head’s approval', () => {
  it('the handler proposes; a rejection leaves the lead to verify; the approval files it and opens the case as one step', async () => {
    const l = await lead(jf)
    const cases = await rawSql(t, 'select count(*) as n from case_file')
    const p = await handler.post('/api/cases/filing-proposals', filingBody(l.id, 1))
    expectOk(p, 201)
    expect(p.body).toMatchObject({ kind: 'lead.file', kindLabel: '立案审批', state: 'pending', matterLabel: l.leadNo, mayDecide: false })
    expect(await rawSql(t, 'select count(*) as n from case_file')).toEqual(cases)
    expect(await leadOf(l.id)).toMatchObject({ state: 'new', pendingApproval: true })
    // Another district's head neither sees nor decides it.
    expect(await pendingFor(syLeader, l.id)).toBeUndefined()
    expectError(await syLeader.get(`/api/approvals/${p.body.id}`), 404, 'NOT_FOUND')
    expectError(await syLeader.post(`/api/approvals/${p.body.id}/decision`, { decision: 'approve', version: 1 }), 404, 'NOT_FOUND')
    // While it is pending, the head's direct decision is refused (decide it in the inbox).
    expectError(await leader.post(`/api/leads/${l.id}/actions/file`, { version: (await leadOf(l.id)).version }), 409, 'ILLEGAL_TRANSITION', /审批待办/)
    const rej = await leader.post(`/api/approvals/${p.body.id}/decision`, { decision: 'reject', note: '证据不足，继续核查', version: 1 })
    expectOk(rej)
    expect(rej.body).toMatchObject({ state: 'rejected', stateLabel: '不予批准', decisionNote: '证据不足，继续核查' })
    expect(await leadOf(l.id)).toMatchObject({ state: 'new', pendingApproval: false })
    expect(await rawSql(t, 'select count(*) as n from case_file')).toEqual(cases)
    expect(await auditRecords(t, { action: 'approval.reject', targetId: l.id })).toHaveLength(1)
    // Proposed again and approved: the case is opened by the approval, with its 立案审批表; the lead is filed and its clock stopped.
    const p2 = await handler.post('/api/cases/filing-proposals', filingBody(l.id, (await leadOf(l.id)).version))
    expectOk(p2, 201)
    const ok = await leader.post(`/api/approvals/${p2.body.id}/decision`, { decision: 'approve', note: '同意立案', version: p2.body.version })
    expectOk(ok)
    const after = await leadOf(l.id)
    expect(after).toMatchObject({ state: 'filed', pendingApproval: false })
    expect(after.verifyClock.doneOn).toBe('2026-12-07')
    const c = await t.s.deps.db.selectFrom('caseFile').selectAll().where('leadId', '=', l.id).executeTakeFirstOrThrow()
    const detail = await handler.get(`/api/cases/${c.id}`)
    expectOk(detail)
    expect(detail.body).toMatchObject({ state: 'investigating', partyName: '赵六', filedOn: '2026-12-07' })
    expect(detail.body.documents.map((d: any) => d.title)).toEqual(['立案审批表'])
    expect(detail.body.officers.map((o: any) => o.certNo)).toEqual(['豫A0820002', '豫A0820001'])
    // The handler follows their own requests.
    const mine = await handler.get('/api/approvals?mine=1&state=all&pageSize=100')
    expectOk(mine)
    expect(mine.body.items.filter((a: any) => a.matterId === l.id).map((a: any) => a.state)).toEqual(['approved', 'rejected'])
    // The approval decision is in the leader's 我的待办 no more.
    const work = await leader.get('/api/my/work')
    expectOk(work)
    expect(JSON.stringify(work.body)).not.toContain(p2.body.id)
  })

  it('lists pending requests in the leader’s 我的待办 and the inbox; the proposer may withdraw, others may not', async () => {
    const l = await lead(jf)
    const p = await handler.post(`/api/leads/${l.id}/proposals`, { decision: 'transfer', reason: '涉嫌犯罪，移送公安机关', version: 1 })
    expectOk(p)
    const req = await pendingFor(leader, l.id)
    expect(req).toMatchObject({ kindLabel: '移送审批', mayDecide: true })
    const work = await leader.get('/api/my/work')
    expect(JSON.stringify(work.body)).toContain(req.id)
    expectError(await leader.post(`/api/approvals/${req.id}/withdraw`, { version: req.version }), 403, 'FORBIDDEN')
    const w = await handler.post(`/api/approvals/${req.id}/withdraw`, { version: req.version })
    expectOk(w)
    expect(w.body.state).toBe('withdrawn')
    expectError(await leader.post(`/api/approvals/${req.id}/decision`, { decision: 'approve', version: w.body.version }), 409, 'ILLEGAL_TRANSITION')
    expect(await leadOf(l.id)).toMatchObject({ state: 'new', pendingApproval: false })
  })

  it('refuses bad input in Chinese and changes nothing; 401 without a session, 403 without the permission', async () => {
    const l = await lead(jf)
    const before = await rawSql(t, 'select count(*) as n from matter_approval')
    expectError(await handler.post('/api/cases/filing-proposals', filingBody(l.id, 1, { reason: 'x'.repeat(2001) })), 400, 'VALIDATION', /2000/)
    expectError(await handler.post('/api/cases/filing-proposals', filingBody(l.id, 1, { filedOn: '2026-12-08' })), 400, 'VALIDATION', /立案日期/)
    expectError(await handler.post(`/api/leads/${l.id}/proposals`, { decision: 'destroy', reason: '？', version: 1 }), 400, 'VALIDATION', /不予立案\/移送/)
    expectError(await handler.post(`/api/leads/${l.id}/proposals`, { decision: 'not_file', reason: 'x'.repeat(2001), version: 1 }), 400, 'VALIDATION', /2000/)
    expectError(await handler.post(`/api/leads/${l.id}/proposals`, { decision: 'not_file', reason: '不成立', version: 9 }), 409, 'CONFLICT')
    expect(await rawSql(t, 'select count(*) as n from matter_approval')).toEqual(before)
    expectError(await t.anon.get('/api/approvals'), 401, 'UNAUTHENTICATED')
    expectError(await t.anon.post(`/api/leads/${l.id}/proposals`, { decision: 'not_file', reason: '不成立', version: 1 }), 401, 'UNAUTHENTICATED')
    expectError(await operator.get('/api/approvals'), 403, 'FORBIDDEN')
    expectError(await leader.post(`/api/leads/${l.id}/proposals`, { decision: 'not_file', reason: '不成立', version: 1 }), 403, 'FORBIDDEN')
    const p = await handler.post(`/api/leads/${l.id}/proposals`, { decision: 'not_file', reason: '不成立', version: 1 })
    const req = await pendingFor(leader, l.id)
    expect(p.status).toBe(200)
    expectError(
      await leader.post(`/api/approvals/${req.id}/decision`, { decision: 'approve', note: 'x'.repeat(2001), version: req.version }),
      400,
      'VALIDATION',
      /2000/,
    )
    expectError(await leader.post(`/api/approvals/${req.id}/decision`, { decision: 'maybe', version: req.version }), 400, 'VALIDATION', /批准/)
    expect((await pendingFor(leader, l.id)).state).toBe('pending')
  })
})

describe('the case’s approvals: 延期 and 结案 proposed by the handler, taken by the head’s approval', () => {
  it('extends the 90-day clock with its 延期审批表 and closes the case through the inbox; bad proposals change nothing', async () => {
    const l = await lead(jf, '2026-11-02')
    const p = await handler.post('/api/cases/filing-proposals', filingBody(l.id, 1, { filedOn: '2026-11-02' }))
    expectOk(await leader.post(`/api/approvals/${p.body.id}/decision`, { decision: 'approve', version: p.body.version }))
    const c = await t.s.deps.db.selectFrom('caseFile').select(['id', 'caseNo']).where('leadId', '=', l.id).executeTakeFirstOrThrow()
    const cur = async () => (await handler.get(`/api/cases/${c.id}`)).body
    const before = await cur()
    const due0 = before.clocks.find((k: any) => k.kind === 'decision').dueOn
    const n = await rawSql(t, 'select count(*) as n from matter_approval')
    expectError(
      await handler.post(`/api/cases/${c.id}/proposals`, { action: 'decide', input: {}, reason: '拟处罚', version: before.version }),
      400,
      'VALIDATION',
      /延期\/结案/,
    )
    expectError(
      await handler.post(`/api/cases/${c.id}/proposals`, { action: 'extend', input: { reason: '' }, reason: '复杂', version: before.version }),
      400,
      'VALIDATION',
      /延期理由/,
    )
    expectError(
      await handler.post(`/api/cases/${c.id}/proposals`, {
        action: 'extend',
        input: { reason: '复杂', on: '2027-01-04' },
        reason: '复杂',
        version: before.version,
      }),
      400,
      'VALIDATION',
    )
    expectError(
      await handler.post(`/api/cases/${c.id}/proposals`, { action: 'extend', input: { reason: '复杂' }, reason: 'x'.repeat(2001), version: before.version }),
      400,
      'VALIDATION',
    )
    expectError(
      await syLeader.post(`/api/cases/${c.id}/proposals`, { action: 'extend', input: { reason: '复杂' }, reason: '复杂', version: before.version }),
      403,
      'FORBIDDEN',
    )
    expect(await rawSql(t, 'select count(*) as n from matter_approval')).toEqual(n)
    const ext = await handler.post(`/api/cases/${c.id}/proposals`, {
      action: 'extend',
      input: { reason: '涉案产品需补充检验，案情复杂', on: '2026-12-07' },
      reason: '90日内不能作出决定',
      version: before.version,
    })
    expectOk(ext, 201)
    expect(ext.body).toMatchObject({ kind: 'case.extend', kindLabel: '延期审批', matterLabel: c.caseNo, link: `/cases/${c.id}` })
    expect((await cur()).clocks.find((k: any) => k.kind === 'decision').extensions).toBe(0)
    expectOk(await leader.post(`/api/approvals/${ext.body.id}/decision`, { decision: 'approve', note: '同意延长30日', version: ext.body.version }))
    const after = await cur()
    const clock = after.clocks.find((k: any) => k.kind === 'decision')
    expect(clock.extensions).toBe(1)
    expect(clock.dueOn > due0).toBe(true)
    expect(after.documents.map((d: any) => d.title)).toContain('行政处罚案件有关事项审批表（延长办案期限）')
    expect(await auditRecords(t, { action: 'case.extend', targetId: c.id })).toHaveLength(1)
    // 结案 (terminated investigation) through the inbox: the case is read-only afterwards.
    const close = await handler.post(`/api/cases/${c.id}/proposals`, {
      action: 'close',
      input: { reason: 'terminated', note: '违法事实不能成立，终止调查', on: '2026-12-07' },
      reason: '经调查违法事实不能成立',
      version: after.version,
    })
    expectOk(close, 201)
    expectOk(await leader.post(`/api/approvals/${close.body.id}/decision`, { decision: 'approve', version: close.body.version }))
    const closed = await cur()
    expect(closed).toMatchObject({ state: 'closed', closedOn: '2026-12-07' })
    expectError(
      await handler.post(`/api/cases/${c.id}/proposals`, { action: 'extend', input: { reason: '复杂' }, reason: '复杂', version: closed.version }),
      409,
      'ILLEGAL_TRANSITION',
      /已结案/,
    )
  })
})

describe('leads from every source and their verification clock', () => {
  it('a handler enters a lead by hand (上级交办 with its reference); bounds are checked and nothing changes on refusal', async () => {
    const n = await rawSql(t, 'select count(*) as n from case_lead')
    const bad = (b: Record<string, unknown>) =>
      handler.post('/api/leads', { source: 'assigned', unitId: jf, summary: '市局交办：某超市销售过期食品', foundOn: '2026-12-01', ...b })
    expectError(await bad({ foundOn: '2026-12-08' }), 400, 'VALIDATION', /发现日期/)
    expectError(await bad({ summary: 'x'.repeat(4001) }), 400, 'VALIDATION', /4000/)
    expectError(await bad({ source: 'report' }), 400, 'VALIDATION', /来源/)
    expectError(await bad({ unitId: sy }), 400, 'VALIDATION', /处理范围/)
    expectError(await bad({ sourceNo: 'x'.repeat(61) }), 400, 'VALIDATION', /60/)
    expect(await rawSql(t, 'select count(*) as n from case_lead')).toEqual(n)
    expectError(await t.anon.post('/api/leads', { source: 'assigned', unitId: jf, summary: 'x', foundOn: '2026-12-01' }), 401, 'UNAUTHENTICATED')
    expectError(await leader.post('/api/leads', { source: 'assigned', unitId: jf, summary: 'x', foundOn: '2026-12-01' }), 403, 'FORBIDDEN')
    const r = await bad({ sourceNo: '焦市监交〔2026〕8号' })
    expectOk(r, 201)
    expect(r.body).toMatchObject({ source: 'assigned', sourceLabel: '上级交办', sourceNo: '焦市监交〔2026〕8号', state: 'new', foundOn: '2026-12-01' })
    // 15 working days from Tue 2026-12-01 → Tue 2026-12-22.
    expect(r.body.verifyClock).toMatchObject({ startOn: '2026-12-01', dueOn: '2026-12-22', ruleId: 'case.lead_verify' })
    expect(await auditRecords(t, { action: 'lead.create', targetId: r.body.id })).toHaveLength(1)
    // The list carries the due date; the handler's 我的待办 shows the lead.
    const list = await handler.get('/api/leads?state=new&pageSize=200')
    expect(list.body.items.find((i: any) => i.id === r.body.id)).toMatchObject({ verifyDueOn: '2026-12-22', verifyPaused: false })
  })

  it('counts 15 working days across the 2020 Spring Festival extension; testing pauses it; the head extends it by 15', async () => {
    // Found Mon 2020-01-20. Holidays 1-24…2-2 (extended by the State Council; Sat 2-1 no longer a 调休 working day):
    // 1-21, 1-22, 1-23 (3), then 2-3 … 2-18 (15). Without the extension it would be 2-14.
    const l = await lead(jf, '2020-01-20')
    const c0 = (await leadOf(l.id)).verifyClock
    expect(c0).toMatchObject({ startOn: '2020-01-20', dueOn: '2020-02-18' })
    const v = async () => (await leadOf(l.id)).version
    // The handler sends a sample for testing on Mon 2-10 and receives the result on Mon 2-17: paused meanwhile.
    expectOk(await handler.post(`/api/leads/${l.id}/actions/start_testing`, { subject: '食品菌落总数', on: '2020-02-10', version: await v() }))
    expect((await leadOf(l.id)).verifyPaused).toBe(true)
    expectOk(await handler.post(`/api/leads/${l.id}/actions/end_testing`, { result: '不合格', on: '2020-02-17', version: await v() }))
    const c1 = (await leadOf(l.id)).verifyClock
    // The pause covers 2-10…2-16 (the result's day counts again): its 5 working days are added — 2-18 → 2-25.
    expect(c1.pauses).toEqual([{ from: '2020-02-10', to: '2020-02-16', reason: '检测、检验、检疫、鉴定期间' }])
    expect(c1.dueOn).toBe('2020-02-25')
    // The handler may not extend; the head may, once.
    expectError(await handler.post(`/api/leads/${l.id}/actions/extend_verify`, { reason: '案情复杂', version: await v() }), 403, 'FORBIDDEN')
    const ext = await leader.post(`/api/leads/${l.id}/actions/extend_verify`, { reason: '案情复杂', version: await v() })
    expectOk(ext)
    expect(ext.body.verifyClock.extensions).toBe(1)
    // +15 working days: 2-26 … 3-17.
    expect(ext.body.verifyClock.dueOn).toBe('2020-03-17')
    expectError(await leader.post(`/api/leads/${l.id}/actions/extend_verify`, { reason: '再次延长', version: await v() }), 400, 'VALIDATION')
    expectError(
      await handler.post(`/api/leads/${l.id}/actions/start_testing`, { subject: '复检', on: '2027-01-04', version: await v() }),
      400,
      'VALIDATION',
      /日期/,
    )
    expectError(
      await handler.post(`/api/leads/${l.id}/actions/start_testing`, { subject: '复检', on: '2020-01-10', version: await v() }),
      400,
      'VALIDATION',
      /不能早于/,
    )
    expect(await auditRecords(t, { action: 'lead.verify_extend', targetId: l.id })).toHaveLength(1)
  })
})
