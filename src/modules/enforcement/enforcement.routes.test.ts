import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../core/actor'
import { auditRecords, buildTestApp, expectError, expectOk, rawSql, unitId, type Client, type TestApp } from '../../../test/helpers'
import { composeUscc } from '../entities'

/* Case leads and credit proposals: created by other modules inside their transactions, read and decided over HTTP. */
describe('case leads and credit proposals over HTTP', () => {
  let t: TestApp
  let handler: Client, credit: Client, leader: Client, operator: Client
  let jfStation: string, syStation: string, entityId: string

  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
    handler = await t.login('handler')
    credit = await t.login('credit')
    leader = await t.login('leader')
    operator = await t.login('operator')
    jfStation = await unitId(t, 'JZ-410802-S01') // 解放区 — inside handler's reach
    syStation = await unitId(t, 'JZ-410811-S01') // 山阳区 — outside it
    const admin = await t.login('admin')
    const e = await admin.post('/api/entities', {
      uscc: composeUscc('91', '410802', 'MA778899'),
      name: '焦作市线索测试有限公司',
      entityType: '有限责任公司',
      businessAddress: '解放区民主路1号',
      businessDivision: '410802001',
      status: 'active',
    })
    expectOk(e, 201)
    entityId = e.body.id
  })
  afterAll(() => t?.close())

  const lead = (unit: string, summary = '检查发现超范围经营') =>
    t.s.deps.db.transaction().execute((trx) =>
      t.s.enforcement.createLead(trx, systemCtx(), {
        source: 'inspection',
        sourceId: 'task-1',
        sourceNo: 'CC2026-1',
        unitId: unit,
        entityId,
        entityName: '焦作市线索测试有限公司',
        uscc: null,
        summary,
        foundOn: '2026-11-20',
      }),
    )

  it('numbers leads per year without gaps and audits their creation', async () => {
    const a = await lead(jfStation)
    const b = await lead(jfStation)
    expect(a.leadNo).toMatch(/^XS\d{4}\d{6}$/)
    expect(Number(b.leadNo.slice(-6))).toBe(Number(a.leadNo.slice(-6)) + 1)
    expect((await auditRecords(t, { action: 'lead.create', targetId: a.id })).length).toBe(1)
  })

  it('a lead created in a transaction that rolls back leaves nothing and its number is reused', async () => {
    const before = await lead(jfStation)
    await expect(
      t.s.deps.db.transaction().execute(async (trx) => {
        await t.s.enforcement.createLead(trx, systemCtx(), {
          source: 'report',
          sourceId: 'x',
          sourceNo: null,
          unitId: jfStation,
          entityId: null,
          entityName: null,
          uscc: null,
          summary: '回滚',
          foundOn: '2026-11-20',
        })
        throw new Error('rollback')
      }),
    ).rejects.toThrow('rollback')
    expect(await rawSql(t, `select id from case_lead where summary = '回滚'`)).toHaveLength(0)
    const after = await lead(jfStation)
    expect(Number(after.leadNo.slice(-6))).toBe(Number(before.leadNo.slice(-6)) + 1)
  })

  it('requires a session and the permission', async () => {
    expectError(await t.anon.get('/api/leads'), 401, 'UNAUTHENTICATED')
    expectError(await operator.get('/api/leads'), 403, 'FORBIDDEN')
    expectError(await operator.get('/api/credit/proposals'), 403, 'FORBIDDEN')
  })

  it("keeps another district's leads invisible and undecidable", async () => {
    const other = await lead(syStation, '山阳区的线索')
    const mine = await lead(jfStation, '解放区的线索')
    const list = await handler.get('/api/leads?pageSize=200')
    expectOk(list)
    const ids = list.body.items.map((i: any) => i.id)
    expect(ids).toContain(mine.id)
    expect(ids).not.toContain(other.id)
    expectError(await handler.get(`/api/leads/${other.id}`), 404, 'NOT_FOUND')
    expectError(await handler.post(`/api/leads/${other.id}/proposals`, { decision: 'not_file', reason: '不成立', version: 1 }), 404, 'NOT_FOUND')
    // The leader sees the whole city.
    const all = await leader.get('/api/leads?pageSize=200')
    expect(all.body.items.map((i: any) => i.id)).toEqual(expect.arrayContaining([mine.id, other.id]))
  })

  it('decides a lead once through the head: the handler proposes, the leader approves in the inbox', async () => {
    const l = await lead(jfStation)
    // The decision is the head's: the handler cannot take it directly.
    expectError(await handler.post(`/api/leads/${l.id}/decision`, { state: 'not_filed', reason: '违法事实不成立' }), 403, 'FORBIDDEN')
    expectError(await handler.post(`/api/leads/${l.id}/proposals`, { decision: 'not_file', version: 1 }), 400, 'VALIDATION', /理由/)
    const p = await handler.post(`/api/leads/${l.id}/proposals`, { decision: 'not_file', reason: '违法事实不成立', version: 1 })
    expectOk(p)
    expect(p.body).toMatchObject({ state: 'new', pendingApproval: true })
    expect(p.body.approvals[0]).toMatchObject({ kindLabel: '不予立案审批', stateLabel: '待审批', reason: '违法事实不成立' })
    // One pending request per lead.
    expectError(await handler.post(`/api/leads/${l.id}/proposals`, { decision: 'transfer', reason: '移送', version: p.body.version }), 409, 'CONFLICT')
    // The leader's inbox lists it; the handler cannot decide their own request.
    const inbox = await leader.get('/api/approvals?kind=lead.not_file&pageSize=100')
    expectOk(inbox)
    const req = inbox.body.items.find((a: any) => a.matterId === l.id)
    expect(req).toMatchObject({ kindLabel: '不予立案审批', matterLabel: l.leadNo, mayDecide: true, proposedByName: expect.any(String) })
    expectError(await handler.post(`/api/approvals/${req.id}/decision`, { decision: 'approve', version: req.version }), 403, 'FORBIDDEN')
    expectError(await leader.post(`/api/approvals/${req.id}/decision`, { decision: 'reject', version: req.version }), 400, 'VALIDATION', /理由/)
    expectError(await leader.post(`/api/approvals/${req.id}/decision`, { decision: 'approve', version: req.version + 1 }), 409, 'CONFLICT')
    const ok = await leader.post(`/api/approvals/${req.id}/decision`, { decision: 'approve', note: '同意', version: req.version })
    expectOk(ok)
    expect(ok.body).toMatchObject({ state: 'approved', decidedByName: expect.any(String), decisionNote: '同意', mayDecide: false })
    const after = await handler.get(`/api/leads/${l.id}`)
    expect(after.body).toMatchObject({ state: 'not_filed', stateLabel: '不予立案', decisionReason: '违法事实不成立', pendingApproval: false })
    // The verification clock stopped on the decision day.
    expect(after.body.verifyClock).toMatchObject({ label: '线索核查期限', ruleId: 'case.lead_verify', doneOn: expect.any(String) })
    expectError(await leader.post(`/api/approvals/${req.id}/decision`, { decision: 'approve', version: ok.body.version }), 409, 'ILLEGAL_TRANSITION')
    expectError(await leader.post(`/api/leads/${l.id}/decision`, { state: 'filed' }), 409, 'CONFLICT')
    expect(await auditRecords(t, { action: 'lead.decide', targetId: l.id })).toHaveLength(1)
    expect(await auditRecords(t, { action: 'approval.request', targetId: l.id })).not.toHaveLength(0)
    expect(await auditRecords(t, { action: 'approval.approve', targetId: l.id })).toHaveLength(1)
  })

  it('proposes an abnormal listing once per entity and ground, and a credit officer decides it', async () => {
    const propose = () =>
      t.s.deps.db.transaction().execute((trx) =>
        t.s.credit.proposeAbnormal(trx, systemCtx(), {
          entityId,
          reason: 'unreachable_at_registered_address',
          sourceType: 'inspection',
          sourceId: 'task-1',
          unitId: jfStation,
          note: '两次实地核查未找到',
        }),
      )
    const a = await propose()
    const b = await propose()
    expect(b.id).toBe(a.id)
    const got = await credit.get(`/api/credit/proposals/${a.id}`)
    expectOk(got)
    expect(got.body).toMatchObject({ reasonLabel: '通过登记的住所或者经营场所无法联系', state: 'proposed', entityName: '焦作市线索测试有限公司' })
    expectError(await credit.post(`/api/credit/proposals/${a.id}/decision`, { state: 'rejected' }), 400, 'VALIDATION')
    expectOk(await credit.post(`/api/credit/proposals/${a.id}/decision`, { state: 'accepted' }))
    expectError(await credit.post(`/api/credit/proposals/${a.id}/decision`, { state: 'accepted' }), 409, 'CONFLICT')
    // After the decision a new finding opens a new proposal.
    const c = await propose()
    expect(c.id).not.toBe(a.id)
    await expect(
      t.s.deps.db.transaction().execute((trx) =>
        t.s.credit.proposeAbnormal(trx, systemCtx(), {
          entityId,
          reason: 'made_up' as any,
          sourceType: 'inspection',
          sourceId: 'x',
          unitId: jfStation,
          note: null,
        }),
      ),
    ).rejects.toThrow()
  })

  it('shows leads and proposals on the entity profile for those who may see them', async () => {
    const p = await leader.get(`/api/entities/${entityId}/profile`)
    expectOk(p)
    const keys = p.body.sections.map((s: any) => s.key)
    expect(keys).toEqual(expect.arrayContaining(['leads', 'credit']))
    expect(p.body.sections.find((s: any) => s.key === 'leads').count).toBeGreaterThan(0)
    const h = await operator.get(`/api/entities/${entityId}/profile`)
    expectOk(h)
    expect(h.body.sections.map((s: any) => s.key)).not.toContain('leads')
  })
})
