import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, expectError, expectOk, mutableClock, rawSql, userId, type Client, type TestApp } from '../../../test/helpers'
import { composeUscc } from '../entities'

/*
 * 当场处罚 (simplified procedure, Penalty Law Arts 51–52): warning or a fine up to CNY 200 (person)
 * / CNY 3,000 (organisation) entered in yuan, its own document, the 15-day payment clock, the 备案
 * duty with its clock, counted as on-the-spot in the statistics, never published.
 */
let t: TestApp
let handler: Client, leader: Client, credit: Client
let officers: string[]
let shop: { id: string; name: string }

const body = (extra: Record<string, unknown> = {}) => ({
  caseType: 'price',
  partyKind: 'person',
  personName: '李小摊',
  personIdNo: '410802199001011234',
  penaltyType: 'fine',
  fineYuan: '150.00',
  facts: '当事人销售口罩未明码标价。',
  place: '焦作市解放区民主路菜市场',
  evidence: '现场照片、现场笔录',
  violated: '《中华人民共和国价格法》第十三条',
  basis: '《明码标价和禁止价格欺诈规定》第二十一条',
  officerIds: officers,
  on: '2026-12-04',
  ...extra,
})
const count = async () => (await rawSql<{ n: number }>(t, 'select count(*) as n from case_file'))[0]!.n
async function act(c: Client, id: string, action: string, b: Record<string, unknown>) {
  const cur = await c.get(`/api/cases/${id}`)
  expectOk(cur)
  return c.post(`/api/cases/${id}/actions/${action}`, { ...b, version: cur.body.version })
}
const clockOf = (b: any, kind: string) => b.clocks.find((c: any) => c.kind === kind)

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-12-07T02:00:00Z') }) // Mon 2026-12-07
  const admin = await t.login('admin')
  handler = await t.login('handler')
  leader = await t.login('leader')
  credit = await t.login('credit')
  await t.s.deps.db.updateTable('appUser').set({ certNo: '豫A0820002' }).where('username', '=', 'handler').execute()
  officers = [await userId(t, 'handler'), await userId(t, 'inspector')]
  const e = await admin.post('/api/entities', {
    uscc: composeUscc('91', '410802', 'MA55EE33'),
    name: '焦作市当场处罚测试超市有限公司',
    entityType: '有限责任公司',
    businessAddress: '焦作市解放区太行路9号',
    businessDivision: '410802001',
    status: 'active',
  })
  expectOk(e, 201)
  shop = { id: e.body.id, name: e.body.name }
})
afterAll(() => t?.close())

describe('当场处罚', () => {
  it('refuses fines above the catalogue limits, bad yuan amounts and bad input in Chinese, changing nothing', async () => {
    const before = await count()
    expectError(await handler.post('/api/cases/on-spot', body({ fineYuan: '200.01' })), 400, 'VALIDATION', /公民不得超过 200\.00 元/)
    expectError(
      await handler.post('/api/cases/on-spot', body({ partyKind: 'entity', entityId: shop.id, fineYuan: 3000.01 })),
      400,
      'VALIDATION',
      /法人或者其他组织不得超过 3,000\.00 元/,
    )
    expectError(await handler.post('/api/cases/on-spot', body({ fineYuan: '-5' })), 400, 'VALIDATION', /罚款金额不能为负数/)
    expectError(await handler.post('/api/cases/on-spot', body({ fineYuan: '12.345' })), 400, 'VALIDATION', /最多两位小数/)
    expectError(await handler.post('/api/cases/on-spot', body({ fineYuan: '一百' })), 400, 'VALIDATION', /罚款金额应为金额/)
    expectError(await handler.post('/api/cases/on-spot', body({ fineYuan: '0' })), 400, 'VALIDATION', /罚款金额须大于 0|罚款须填写金额/)
    expectError(await handler.post('/api/cases/on-spot', body({ penaltyType: 'warning' })), 400, 'VALIDATION', /警告不能同时填写罚款金额/)
    expectError(await handler.post('/api/cases/on-spot', body({ penaltyType: 'revoke_licence' })), 400, 'VALIDATION', /只能是警告或者罚款/)
    expectError(await handler.post('/api/cases/on-spot', body({ officerIds: [officers[0]] })), 400, 'VALIDATION', /不得少于 2 人/)
    expectError(await handler.post('/api/cases/on-spot', body({ on: '2026-12-08' })), 400, 'VALIDATION', /处罚日期/)
    expectError(await handler.post('/api/cases/on-spot', body({ facts: 'x'.repeat(2001) })), 400, 'VALIDATION', /违法事实最多 2000 字/)
    expectError(await t.anon.post('/api/cases/on-spot', body()), 401, 'UNAUTHENTICATED')
    expectError(await credit.post('/api/cases/on-spot', body()), 403, 'FORBIDDEN')
    expect(await count()).toBe(before)
  })

  it('decides on the spot: own document, payment clock, 备案 clock; the lead records the outcome; 备案 by the bureau; counted, never published', async () => {
    const stats0 = (await leader.get('/api/case-stats?from=2026-12-01&to=2026-12-07')).body.total
    const r = await handler.post('/api/cases/on-spot', body())
    expectOk(r, 201)
    const c = r.body
    expect(c).toMatchObject({ procedure: 'simplified', state: 'served', fineFen: 15000, decidedOn: '2026-12-04', servedOn: '2026-12-04', partyName: '李小摊' })
    expect(c.caseNo).toMatch(/简〔2026〕\d+号$/)
    expect(c.partyIdMasked).not.toContain('19900101')
    // Fri 12-04 + 15 days = Sat 12-19 → Mon 12-21; 备案 3 WD: 12-07, 12-08, 12-09.
    expect(c.paymentDueOn).toBe('2026-12-21')
    expect(clockOf(c, 'onspot_filing')).toMatchObject({ startOn: '2026-12-04', dueOn: '2026-12-09', doneOn: null })
    expect(clockOf(c, 'decision')).toBeUndefined()
    const doc = c.documents.find((d: any) => d.title === '当场行政处罚决定书')
    const html = (await handler.get(`/api/documents/${doc.id}/content`)).raw
    expect(html).toContain('罚款人民币150.00元')
    expect(html).toContain('第五十一条')
    expect(html).toContain('2026年12月21日')
    expect(html).toContain('六十日内依法申请行政复议')
    expect(html).not.toContain('410802199001011234')
    const lead = await handler.get(`/api/leads/${c.leadId}`)
    expect(lead.body).toMatchObject({ state: 'onspot', source: 'patrol' })
    expect(await auditRecords(t, { action: 'case.onspot', targetId: c.id })).toHaveLength(1)

    // The warning to an organisation: no payment clock.
    const w = await handler.post('/api/cases/on-spot', body({ partyKind: 'entity', entityId: shop.id, penaltyType: 'warning', fineYuan: undefined }))
    expectOk(w, 201)
    expect(w.body).toMatchObject({ fineFen: 0, paymentDueOn: null, partyName: shop.name })
    expect(clockOf(w.body, 'payment')).toBeUndefined()
    const big = await handler.post('/api/cases/on-spot', body({ partyKind: 'entity', entityId: shop.id, fineYuan: '3,000' }))
    expectOk(big, 201)
    expect(big.body.fineFen).toBe(300000)

    // 备案: the bureau's; closing waits for it.
    expectOk(
      await handler.post(`/api/cases/${c.id}/payments`, {
        version: (await handler.get(`/api/cases/${c.id}`)).body.version,
        kind: 'fine',
        amountFen: 15000,
        paidOn: '2026-12-07',
        receiptNo: 'DC001',
      }),
    )
    expectError(await act(leader, c.id, 'close', { reason: 'performed' }), 400, 'VALIDATION', /尚未报所属单位备案/)
    expectError(await act(handler, c.id, 'file_onspot', {}), 403, 'FORBIDDEN')
    const f = await act(leader, c.id, 'file_onspot', { note: '符合简易程序条件' })
    expectOk(f)
    expect(clockOf(f.body, 'onspot_filing').doneOn).toBe('2026-12-07')
    expectError(await act(leader, c.id, 'file_onspot', {}), 400, 'VALIDATION', /已于 2026-12-07 备案/)
    expectOk(await act(leader, c.id, 'close', { reason: 'performed' }))
    // An ordinary case cannot be 备案'd as on-the-spot.
    const ordinary = (await rawSql<{ id: string }>(t, `select id from case_file where procedure = 'ordinary' and state = 'served' limit 1`))[0]
    if (ordinary) expectError(await act(leader, ordinary.id, 'file_onspot', {}), 400, 'VALIDATION', /只有当场处罚决定需要备案/)

    const stats1 = (await leader.get('/api/case-stats?from=2026-12-01&to=2026-12-07')).body.total
    expect(stats1.onSpot - stats0.onSpot).toBe(3)
    expect(await rawSql(t, `select count(*) as n from case_publicity where case_id in ('${c.id}', '${w.body.id}', '${big.body.id}')`)).toEqual([{ n: 0 }])
  })
})
