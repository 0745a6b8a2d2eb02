import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, expectError, expectOk, mutableClock, rawSql, userId, type Client, type TestApp } from '../../../test/helpers'
import { composeUscc } from '../entities'

/*
 * Execution of the money (issue 14 point 4): the late surcharge, the reminder (10 WD), the court
 * application after the challenge period, deferral/instalments approved in 审批待办, and the
 * reconciliation per case and per unit against the raw rows.
 */
let t: TestApp
let handler: Client, leader: Client
let officers: string[]
let shop: string

const onSpot = async (extra: Record<string, unknown>) => {
  const r = await handler.post('/api/cases/on-spot', {
    caseType: 'price',
    partyKind: 'entity',
    entityId: shop,
    penaltyType: 'fine',
    fineYuan: '3000',
    facts: '当事人未明码标价。',
    place: '焦作市解放区',
    evidence: '现场笔录',
    violated: '《中华人民共和国价格法》第十三条',
    basis: '《明码标价和禁止价格欺诈规定》第二十一条',
    officerIds: officers,
    ...extra,
  })
  expectOk(r, 201)
  return r.body
}
async function act(c: Client, id: string, action: string, b: Record<string, unknown>) {
  const cur = await c.get(`/api/cases/${id}`)
  expectOk(cur)
  return c.post(`/api/cases/${id}/actions/${action}`, { ...b, version: cur.body.version })
}
const clockOf = (b: any, kind: string) => b.clocks.find((c: any) => c.kind === kind)

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-12-07T02:00:00Z') })
  const admin = await t.login('admin')
  handler = await t.login('handler')
  leader = await t.login('leader')
  await t.s.deps.db.updateTable('appUser').set({ certNo: '豫A0820002' }).where('username', '=', 'handler').execute()
  officers = [await userId(t, 'handler'), await userId(t, 'inspector')]
  const e = await admin.post('/api/entities', {
    uscc: composeUscc('91', '410802', 'MA55FF44'),
    name: '焦作市罚款执行测试商行有限公司',
    entityType: '有限责任公司',
    businessAddress: '焦作市解放区建设路1号',
    businessDivision: '410802001',
    status: 'active',
  })
  expectOk(e, 201)
  shop = e.body.id
})
afterAll(() => t?.close())

describe('reminder and court enforcement', () => {
  it('reminds after the due date (10 WD), applies to the court only after the reminder period and the six-month challenge period', async () => {
    const c = await onSpot({ on: '2026-05-06' })
    // Wed 05-06 + 15 = Thu 05-21.
    expect(c.paymentDueOn).toBe('2026-05-21')
    expectError(await act(handler, c.id, 'remind', { on: '2026-05-21' }), 400, 'VALIDATION', /届满后方可催告/)
    expectError(await act(handler, c.id, 'apply_court', { court: '焦作市解放区人民法院', on: '2026-06-20' }), 403, 'FORBIDDEN')
    expectError(await act(leader, c.id, 'apply_court', { court: '焦作市解放区人民法院', on: '2026-06-20' }), 400, 'VALIDATION', /先催告/)
    const r = await act(handler, c.id, 'remind', { on: '2026-06-01' })
    expectOk(r)
    // Mon 06-01 + 10 WD: 06-02 … 06-05, 06-08 … 06-12, 06-15.
    expect(clockOf(r.body, 'reminder')).toMatchObject({ startOn: '2026-06-01', dueOn: '2026-06-15' })
    // The court period starts when the six-month challenge period ends: served 05-06 → 11-06.
    expect(clockOf(r.body, 'court').startOn).toBe('2026-11-06')
    // Today the surcharge has reached its cap (the fine itself).
    expect(r.body.balance).toMatchObject({ surchargeFen: 300000, capped: true })
    const html = (await handler.get(`/api/documents/${r.body.documents.find((d: any) => d.title === '行政处罚决定履行催告书').id}/content`)).raw
    expect(html).toContain('十个工作日内（2026年6月15日前）')
    expect(html).toContain('第五十四条')
    // On 06-01: 3 000 yuan + 3 % a day from 05-22 (11 days: 990 yuan).
    expect(html).toContain('人民币3,990.00元')
    expectError(await act(leader, c.id, 'apply_court', { court: '焦作市解放区人民法院', on: '2026-06-10' }), 400, 'VALIDATION', /2026-06-15 以后/)
    expectError(await act(leader, c.id, 'apply_court', { court: '焦作市解放区人民法院', on: '2026-11-06' }), 400, 'VALIDATION', /2026-11-06 届满后/)
    expectError(await act(leader, c.id, 'apply_court', { court: '', on: '2026-11-09' }), 400, 'VALIDATION', /受理法院不能为空/)
    const a = await act(leader, c.id, 'apply_court', { court: '焦作市解放区人民法院', on: '2026-11-09' })
    expectOk(a)
    expect(a.body.courtAppliedOn).toBe('2026-11-09')
    expect(clockOf(a.body, 'court').doneOn).toBe('2026-11-09')
    expect(a.body.documents.map((d: any) => d.title)).toContain('强制执行申请书')
    // Fine capped at the fine: 3 000 + 3 000.
    expect(a.body.balance).toMatchObject({ surchargeFen: 300000, capped: true, outstandingFen: 600000 })
    expect(a.body.reconciliation).toMatchObject({ decidedFen: 300000, surchargeFen: 300000, paidFen: 0, outstandingFen: 600000, waivedFen: 0, balanced: true })
  })
})

describe('deferral and instalments', () => {
  it('the handler proposes, the head approves in 审批待办; the schedule must add up; the payment clock stops and the schedule governs', async () => {
    const c = await onSpot({ on: '2026-12-01' })
    const schedule = (a: number, b: number) => [
      { dueOn: '2026-12-31', amountFen: a },
      { dueOn: '2027-01-29', amountFen: b },
    ]
    expectError(
      await act(leader, c.id, 'allow_instalments', { mode: 'instalments', appliedOn: '2026-12-03', schedule: schedule(100000, 100000) }),
      400,
      'VALIDATION',
      /分期金额合计 2000 元，应等于尚未缴纳的罚没款 3000 元/,
    )
    expectError(await act(leader, c.id, 'allow_instalments', { mode: 'defer', appliedOn: '2026-12-03' }), 400, 'VALIDATION', /延期至的日期/)
    const p = await handler.post(`/api/cases/${c.id}/proposals`, {
      action: 'allow_instalments',
      input: { mode: 'instalments', appliedOn: '2026-12-03', schedule: schedule(150000, 150000) },
      reason: '当事人经营困难，申请分期缴纳',
      version: (await handler.get(`/api/cases/${c.id}`)).body.version,
    })
    expectOk(p, 201)
    expect(p.body).toMatchObject({ kind: 'case.instalment', kindLabel: '延期（分期）缴纳审批' })
    expectOk(await leader.post(`/api/approvals/${p.body.id}/decision`, { decision: 'approve', note: '同意分期', version: p.body.version }))
    const d = (await handler.get(`/api/cases/${c.id}`)).body
    expect(d.instalments).toEqual([
      { seq: 1, dueOn: '2026-12-31', amountFen: 150000 },
      { seq: 2, dueOn: '2027-01-29', amountFen: 150000 },
    ])
    expect(d).toMatchObject({ paymentDueOn: '2027-01-29', deferredTo: '2027-01-29' })
    expect(clockOf(d, 'payment').doneOn).toBe('2026-12-07')
    const html = (await handler.get(`/api/documents/${d.documents.find((x: any) => x.title === '延期（分期）缴纳罚款通知书').id}/content`)).raw
    expect(html).toContain('第1期2026年12月31日前缴纳人民币1,500.00元')
  })
})

describe('reconciliation per unit', () => {
  it('decided + surcharge = paid + outstanding + waived, per unit and in total, against the raw rows', async () => {
    const r = await leader.get('/api/case-money/reconciliation?from=2026-01-01&to=2026-12-07')
    expectOk(r)
    const raw = await rawSql<{ decided: number; n: number }>(
      t,
      `select coalesce(sum(fine_fen + gains_fen), 0) as decided, count(*) as n from case_file where decided_on between '2026-01-01' and '2026-12-07'`,
    )
    const paid = await rawSql<{ paid: number }>(
      t,
      `select coalesce(sum(p.amount_fen), 0) as paid from case_payment p join case_file c on c.id = p.case_id where c.decided_on between '2026-01-01' and '2026-12-07'`,
    )
    expect(r.body.total.cases).toBe(Number(raw[0]!.n))
    expect(r.body.total.decidedFen).toBe(Number(raw[0]!.decided))
    expect(r.body.total.paidFen).toBe(Number(paid[0]!.paid))
    expect(r.body.total.balanced).toBe(true)
    for (const u of r.body.items) expect(u.decidedFen + u.surchargeFen, u.unitName).toBe(u.paidFen + u.outstandingFen + u.waivedFen)
    expect(r.body.items.reduce((a: number, u: any) => a + u.decidedFen, 0)).toBe(r.body.total.decidedFen)
    expectError(await leader.get('/api/case-money/reconciliation?from=2026-12-07&to=2026-01-01'), 400, 'VALIDATION', /开始日期不能晚于结束日期/)
    expectError(await leader.get('/api/case-money/reconciliation?from=x&to=2026-01-01'), 400, 'VALIDATION', /开始日期格式/)
    expectError(await t.anon.get('/api/case-money/reconciliation?from=2026-01-01&to=2026-12-07'), 401, 'UNAUTHENTICATED')
    // A district handler sees only the district's cases.
    const mine = await handler.get('/api/case-money/reconciliation?from=2026-01-01&to=2026-12-07')
    expectOk(mine)
    const jf = (await rawSql<{ id: string }>(t, `select id from org_unit where code = 'JZ-410802'`))[0]!.id
    expect(mine.body.items.every((u: any) => u.unitId === jf || u.unitName?.includes('解放'))).toBe(true)
  })
})
