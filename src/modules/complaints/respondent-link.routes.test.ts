import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, expectError, expectOk, mutableClock, unitId, type Client, type TestApp } from '../../../test/helpers'
import { composeUscc } from '../entities'
import { solveChallenge } from './complaints.portal'

// Issue 12 point 6: portal complaints link to the register — suggestions on the public form (public
// fields only, by name or USCC, carrying the entity id) and a staff action that links or corrects
// the respondent, re-runs routing and is audited.
const NAME = '焦作市恒达测试超市有限公司'
let t: TestApp
let operator: Client
let handler: Client
let jf: { id: string; uscc: string }
let sy: { id: string; uscc: string }

async function submit(extra: Record<string, unknown>) {
  const ch = await t.anon.get('/api/public/complaints/challenge')
  expectOk(ch)
  const nonce = solveChallenge(ch.body.token, ch.body.difficulty)
  return t.anon.post('/api/public/complaints', {
    challenge: ch.body.token,
    nonce,
    type: 'complaint',
    category: 'quality',
    summary: '买到过期牛奶',
    request: '退一赔十',
    facts: '在该超市买到过期牛奶。',
    name: '赵公众',
    phone: '13700002222',
    address: '焦作市建设路2号',
    respondentName: NAME,
    respondentAddress: '焦作市某路1号',
    privacyAccepted: true,
    ...extra,
  })
}
async function itemByNo(itemNo: string) {
  return t.s.deps.db.selectFrom('complaintItem').selectAll().where('itemNo', '=', itemNo).executeTakeFirstOrThrow()
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-11-23T02:00:00Z') })
  const admin = await t.login('admin')
  operator = await t.login('operator')
  handler = await t.login('handler')
  // Two entities of one name, in two districts (解放区 410802, 山阳区 410811).
  const a = await admin.post('/api/entities', {
    uscc: composeUscc('91', '410802', 'MA0H0001'),
    name: NAME,
    businessAddress: '焦作市解放区民主路1号',
    businessDivision: '410802001',
    domicileDivision: '410802001',
  })
  const b = await admin.post('/api/entities', {
    uscc: composeUscc('91', '410811', 'MA0H0002'),
    name: NAME,
    businessAddress: '焦作市山阳区塔南路2号',
    businessDivision: '410811001',
    domicileDivision: '410811001',
  })
  expectOk(a, 201)
  expectOk(b, 201)
  jf = a.body
  sy = b.body
})
afterAll(async () => t?.close())

describe('portal respondents and the register (point 6)', () => {
  it('suggests register entities to the public by name or USCC, public fields only, each with its id', async () => {
    const r = await t.anon.get(`/api/public/complaints/respondents?q=${encodeURIComponent('恒达测试超市')}`)
    expectOk(r)
    expect(r.body.items).toHaveLength(2)
    expect(r.body.items.map((i: any) => i.entityId).sort()).toEqual([jf.id, sy.id].sort())
    for (const i of r.body.items) expect(Object.keys(i).sort()).toEqual(['address', 'entityId', 'name', 'uscc'])
    const byCode = await t.anon.get(`/api/public/complaints/respondents?q=${sy.uscc}`)
    expect(byCode.body.items).toEqual([{ entityId: sy.id, name: NAME, uscc: sy.uscc, address: '焦作市山阳区塔南路2号' }])
    expectError(await t.anon.get('/api/public/complaints/respondents?q=a'), 400, 'VALIDATION', /至少/)
    expectError(await t.anon.get(`/api/public/complaints/respondents?q=${'长'.repeat(51)}`), 400, 'VALIDATION')
  })

  it('a submission with the suggested id is routed to that entity’s district; free text stays 未确定', async () => {
    const picked = await submit({ respondentEntityId: sy.id })
    expectOk(picked, 201)
    const row = await itemByNo(picked.body.itemNo)
    expect(row.respondentEntityId).toBe(sy.id)
    expect(row.competentUnitId).toBe(await unitId(t, 'JZ-410811'))
    expectError(await submit({ respondentEntityId: '01900000-0000-7000-8000-000000000000' }), 400, 'VALIDATION', /名录中找不到/)

    // Free text naming two registered entities: nothing is guessed.
    const free = await submit({})
    expectOk(free, 201)
    const item = await itemByNo(free.body.itemNo)
    expect(item.respondentEntityId).toBeNull()
    expect(item.competentUnitId).toBeNull()
    const before = await operator.get(`/api/complaints/${item.id}`)
    expect(before.body.competentUnit).toBeNull()

    // Staff link the respondent: routing runs again, audited, on the timeline.
    expectError(await operator.post(`/api/complaints/${item.id}/respondent`, { entityId: 'x', expectedVersion: before.body.version }), 400, 'VALIDATION')
    expectError(await operator.post(`/api/complaints/${item.id}/respondent`, { entityId: jf.id, expectedVersion: before.body.version + 5 }), 409, 'CONFLICT')
    const linked = await operator.post(`/api/complaints/${item.id}/respondent`, {
      entityId: jf.id,
      expectedVersion: before.body.version,
      note: '来电核实为民主路门店',
    })
    expectOk(linked)
    expect(linked.body).toMatchObject({
      respondentEntityId: jf.id,
      respondentUscc: jf.uscc,
      respondentDivision: '410802001',
      competentUnit: { id: await unitId(t, 'JZ-410802') },
    })
    expect(linked.body.timeline.at(-1)).toMatchObject({ kind: 'respondent', kindLabel: '关联名录主体' })
    expect(linked.body.timeline.at(-1).note).toContain('焦作市解放区市场监督管理局')

    // Corrected to the other entity: routed again.
    const corrected = await operator.post(`/api/complaints/${item.id}/respondent`, { entityId: sy.id, expectedVersion: linked.body.version })
    expectOk(corrected)
    expect(corrected.body.competentUnit.id).toBe(await unitId(t, 'JZ-410811'))
    expectError(
      await operator.post(`/api/complaints/${item.id}/respondent`, { entityId: sy.id, expectedVersion: corrected.body.version }),
      409,
      'CONFLICT',
      /已是/,
    )
    const audits = await auditRecords(t, { action: 'complaint.respondent.link', targetId: item.id })
    expect(audits).toHaveLength(2)
    expect(JSON.parse(audits[0]!.beforeJson!)).toMatchObject({ respondentEntityId: null, competentUnitId: null })
    expect(JSON.parse(audits[1]!.afterJson!)).toMatchObject({ respondentEntityId: sy.id, competentUnitId: await unitId(t, 'JZ-410811') })
    // A handler outside the item's units does not see it; the leader reads but may not change it.
    expectError(await handler.post(`/api/complaints/${item.id}/respondent`, { entityId: jf.id, expectedVersion: corrected.body.version }), 404, 'NOT_FOUND')
    expectError(
      await (await t.login('leader')).post(`/api/complaints/${item.id}/respondent`, { entityId: jf.id, expectedVersion: corrected.body.version }),
      403,
      'FORBIDDEN',
    )
  })

  it('the public suggestions are rate-limited per address like every public endpoint', async () => {
    let limited = 0
    for (let i = 0; i < 200 && limited === 0; i++) {
      const r = await t.anon.get(`/api/public/complaints/respondents?q=${encodeURIComponent('恒达')}`)
      if (r.status === 429) limited++
      else expect(r.status).toBe(200)
    }
    expect(limited).toBe(1)
  })
})
