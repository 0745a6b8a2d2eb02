import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import { newId } from '../../core/ids'
import { addDays } from '../../shared/time'
import { auditRecords, buildTestApp, createActiveUser, expectError, expectOk, unitId, type Client, type TestApp } from '../../../test/helpers'
import { composeUscc } from '../entities'

/*
 * The serious-violation list and credit repair over HTTP on the real app (both engines): a case's
 * heavier penalty proposed under Order 44's test, notice with the statement clock on the calendar,
 * the level above's approval for a district bureau, the decision document, publication, the public
 * page (why, since when, until when, when and how to repair; nothing personal), early removal
 * refused before a year, the 3-year jobs (transfer from the abnormal list, expiry), and a repair
 * that changes the public record.
 */
let t: TestApp
let admin: Client, officer: Client, leader: Client, districtHead: Client, otherOfficer: Client
let serial = 0
const today = () => chinaDate(t.s.deps.clock.now())
const ago = (n: number) => addDays(today(), -n)
const REP = '周德明'

async function entity(name: string): Promise<{ id: string; uscc: string }> {
  let uscc: string | null = null
  while (!uscc) {
    serial += 1
    try {
      uscc = composeUscc('91', '410802', `MQ${String(serial).padStart(6, '0')}`)
    } catch {
      // not every code has a check character
    }
  }
  const e = await admin.post('/api/entities', {
    uscc,
    name,
    entityType: '有限责任公司',
    legalRep: REP,
    businessAddress: '解放区民主路3号',
    businessDivision: '410802001',
    status: 'active',
  })
  expectOk(e, 201)
  return { id: e.body.id, uscc }
}

/** A case of the district bureau decided `decidedAgo` days ago with `penaltyType`, as the case module does it. */
async function decidedCase(entityId: string, name: string, penaltyType: string, fineFen: number, decidedAgo = 30): Promise<string> {
  const ctx = systemCtx()
  const db = t.s.deps.db
  const unit = await unitId(t, 'JZ-410802')
  await db.updateTable('appUser').set({ certNo: '豫A0820002' }).where('username', '=', 'handler').where('certNo', 'is', null).execute()
  const officers = (await db.selectFrom('appUser').select('id').where('username', 'in', ['handler', 'inspector']).orderBy('username').execute()).map(
    (u) => u.id,
  )
  const lead = await db.transaction().execute((trx) =>
    t.s.enforcement.createLead(trx, ctx, {
      source: 'inspection',
      sourceId: 'serious-test',
      sourceNo: null,
      unitId: unit,
      entityId,
      entityName: name,
      uscc: null,
      summary: '销售过期食品',
      foundOn: ago(decidedAgo + 30),
    }),
  )
  const c = await t.s.cases.open(ctx, {
    leadId: lead.id,
    leadVersion: 1,
    title: '经营超过保质期食品案',
    caseType: 'food',
    partyKind: 'entity',
    officerIds: officers,
    facts: '当事人经营超过保质期的食品。',
    filedOn: ago(decidedAgo + 25),
  })
  await t.s.cases.act(ctx, c.id, 'notify', {
    facts: '当事人经营超过保质期的食品。',
    basis: '《中华人民共和国食品安全法》第一百二十四条',
    intendedPenalty: '责令停产停业',
    on: ago(decidedAgo + 10),
  })
  await t.s.cases.act(ctx, c.id, 'decide', {
    penaltyType,
    facts: '当事人经营超过保质期的食品，有进货单据为证。',
    basis: '《中华人民共和国食品安全法》第一百二十四条',
    fineFen,
    gainsFen: 0,
    on: ago(decidedAgo),
  })
  return c.id
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true })
  admin = await t.login('admin')
  officer = await t.login('credit')
  leader = await t.login('leader')
  districtHead = (
    await createActiveUser(admin, t, {
      unitCode: 'JZ-410802',
      grants: [
        { role: 'credit_officer', unitCode: 'JZ-410802', scope: 'unit_tree' },
        { role: 'bureau_leader', unitCode: 'JZ-410802', scope: 'unit_tree' },
      ],
    })
  ).client
  otherOfficer = (await createActiveUser(admin, t, { unitCode: 'JZ-410811', grants: [{ role: 'credit_officer', unitCode: 'JZ-410811', scope: 'unit_tree' }] }))
    .client
})
afterAll(() => t?.close())

const act = async (c: Client, id: string, action: string, body: Record<string, unknown> = {}) => {
  const cur = await c.get(`/api/credit/serious/${id}`)
  expectOk(cur)
  return c.post(`/api/credit/serious/${id}/actions/${action}`, { ...body, version: cur.body.version })
}

describe('serious-violation list from a case penalty', () => {
  let e: { id: string; uscc: string }
  let caseId: string
  let id: string

  it('refuses a case that does not meet Order 44, and outside the scope', async () => {
    e = await entity('焦作市严重失信测试食品有限公司')
    const light = await decidedCase(e.id, '焦作市严重失信测试食品有限公司', 'fine', 300_000)
    const body = { caseId: light, field: 'safety', circumstances: '多次经营过期食品，涉案金额较大' }
    expectError(await officer.post('/api/credit/serious/from-case', body), 400, 'VALIDATION', /较重行政处罚/)
    expectError(await otherOfficer.post('/api/credit/serious/from-case', { ...body, severeFine: true }), 404, 'NOT_FOUND')
    expectError(await t.anon.post('/api/credit/serious/from-case', body), 401, 'UNAUTHENTICATED')
    expectError(await officer.post('/api/credit/serious/from-case', { ...body, circumstances: ' ' }), 400, 'VALIDATION', /情节严重/)
    expect(await t.s.deps.db.selectFrom('creditSerious').select('id').where('sourceId', '=', light).execute()).toEqual([])
  })

  it('proposes a heavier penalty once, for the district bureau with the level above to approve', async () => {
    caseId = await decidedCase(e.id, '焦作市严重失信测试食品有限公司', 'suspend_business', 0)
    const r = await officer.post('/api/credit/serious/from-case', { caseId, field: 'safety', circumstances: '多次经营过期食品，涉案金额较大' })
    expectOk(r, 201)
    id = r.body.id
    expect(r.body).toMatchObject({ state: 'proposed', source: 'case', needsUpper: true, entityId: e.id, triggerOn: ago(30) })
    expect(r.body.ground).toMatch(/责令停产停业/)
    expectError(await officer.post('/api/credit/serious/from-case', { caseId, field: 'safety', circumstances: '再次' }), 409, 'CONFLICT')
    expect(await auditRecords(t, { action: 'credit.serious.propose', targetId: id })).toHaveLength(1)
  })

  it('gives notice with the statement clock on the calendar, and waits for it', async () => {
    const n = await act(districtHead, id, 'notify')
    expectOk(n)
    const due = (await t.s.rules.deadlineFor('credit.serious_statement', today())).deadline.date
    expect(n.body.clocks).toEqual([expect.objectContaining({ kind: 'statement', startOn: today(), dueOn: due })])
    const docs = await t.s.deps.db.selectFrom('document').select(['kind', 'docNo']).where('matterId', '=', id).execute()
    expect(docs).toEqual([expect.objectContaining({ kind: 'credit_serious.notice' })])
    expectError(await act(districtHead, id, 'submit'), 400, 'VALIDATION', /陈述申辩期限/)
    expectOk(await act(districtHead, id, 'record_statement', { text: '我公司已停业整改' }))
    const s = await act(districtHead, id, 'submit')
    expectOk(s)
    expect(s.body.state).toBe('reviewing')
  })

  it('needs the level above: the district head cannot decide alone nor approve its own referral', async () => {
    expectError(await act(districtHead, id, 'approve'), 400, 'VALIDATION', /上一级/)
    expectOk(await act(districtHead, id, 'refer_upper', { note: '报市局批准' }))
    expectError(await act(districtHead, id, 'upper_approve'), 403, 'FORBIDDEN')
    const ok = await act(leader, id, 'upper_approve', { note: '同意列入' })
    expectOk(ok)
    const listedOn = today()
    expect(ok.body).toMatchObject({
      state: 'listed',
      listedOn,
      autoRemovalOn: `${Number(listedOn.slice(0, 4)) + 3}${listedOn.slice(4)}`,
      earlyFromOn: `${Number(listedOn.slice(0, 4)) + 1}${listedOn.slice(4)}`,
      restrictionEndOn: `${Number(listedOn.slice(0, 4)) + 3}${listedOn.slice(4)}`,
      legalRep: REP,
    })
    expect(ok.body.seriousNo).toMatch(/^YZ\d{10}$/)
    expect(ok.body.clocks.find((c: { kind: string }) => c.kind === 'publish')).toMatchObject({
      dueOn: (await t.s.rules.deadlineFor('credit.serious_publish', listedOn)).deadline.date,
    })
    const doc = await t.s.deps.db
      .selectFrom('document')
      .select(['kind', 'html', 'legalBasis'])
      .where('id', '=', ok.body.decisionDocId)
      .executeTakeFirstOrThrow()
    expect(doc.kind).toBe('credit_serious.decision')
    expect(doc.html).toContain('上一级市场监督管理部门批准')
    expect(doc.legalBasis).toMatch(/第44号/)
  })

  it('publishes: the public page answers why, since when, until when, when and how to repair — and nothing personal', async () => {
    expectOk(await act(officer, id, 'publish'))
    const p = await t.anon.get(`/api/public/credit/entities/${e.uscc}`)
    expectOk(p)
    expect(p.body.seriousInForce).toBe(true)
    const s = p.body.serious[0]
    expect(s).toMatchObject({
      inForce: true,
      listedOn: today(),
      earliestRepairOn: `${Number(today().slice(0, 4)) + 1}${today().slice(4)}`,
      fieldLabel: expect.stringMatching(/食品/),
    })
    expect(s.ground).toMatch(/责令停产停业/)
    expect(s.howToApply).toMatch(/申请提前移出/)
    const json = JSON.stringify(p.body)
    expect(json).not.toContain(REP)
    expect(json).not.toMatch(/\b1[3-9]\d{9}\b/)
    expect(json).not.toMatch(/\d{17}[\dX]/)
    // The printed report carries the section and verifies.
    const rep = await t.anon.post(`/api/public/credit/entities/${e.uscc}/report`, {})
    expectOk(rep, 201)
    const v = await t.anon.get(`/api/public/credit/reports/${rep.body.code}`)
    expectOk(v)
    expect(v.body).toMatchObject({ intact: true, content: { seriousInForce: true } })
  })

  it('refuses early removal before a year, and the repair check says why', async () => {
    expectError(await act(officer, id, 'apply_early', { text: '已履行', harmRemoved: true }), 400, 'VALIDATION', /未满1年/)
    const c = await officer.get(`/api/credit/repairs/check?kind=serious&targetId=${id}`)
    expectOk(c)
    expect(c.body.eligible).toBe(false)
    expect(c.body.conditions.filter((x: { ok: boolean }) => !x.ok).map((x: { key: string }) => x.key)).toEqual(['time_served', 'performed'])
    expectError(
      await officer.post('/api/credit/repairs', { kind: 'serious', targetId: id, applicant: '周德明', statement: '已整改', harmRemoved: true }),
      400,
      'VALIDATION',
      /列入满1年/,
    )
  })

  it('removes an entry at 3 years (job), audited', async () => {
    await t.s.deps.db
      .updateTable('creditSerious')
      .set({ autoRemovalOn: ago(1) })
      .where('id', '=', id)
      .execute()
    const r = await t.s.creditSerious.expireDue()
    expect(r.removed).toBeGreaterThanOrEqual(1)
    const g = await officer.get(`/api/credit/serious/${id}`)
    expect(g.body).toMatchObject({ state: 'removed', removalKind: 'expired', removedOn: today() })
    expect(await auditRecords(t, { action: 'credit.serious.remove', targetId: id })).toHaveLength(1)
    expect((await t.anon.get(`/api/public/credit/entities/${e.uscc}`)).body.seriousInForce).toBe(false)
  })
})

describe('three years on the abnormal list', () => {
  async function listed(listedOn: string) {
    const e = await entity(`焦作市异常三年测试${serial}有限公司`)
    const unit = await unitId(t, 'JZ-410802-S01')
    const r = await t.s.deps.db.transaction().execute((trx) =>
      t.s.creditLists.listings.propose(trx, systemCtx(), {
        entityId: e.id,
        ground: 'unreachable_at_registered_address',
        unitId: unit,
        triggerOn: listedOn,
        sourceType: 'inspection',
        sourceId: newId(),
        note: null,
      }),
    )
    await t.s.deps.db
      .updateTable('creditListing')
      .set({ state: 'listed', listedOn, listingNo: `YC-T${serial}` })
      .where('id', '=', r.id)
      .execute()
    return r.id
  }

  it('warns before the point and proposes once after it', async () => {
    const soon = await listed(addDays(`${Number(today().slice(0, 4)) - 3}${today().slice(4)}`, 30))
    const past = await listed(addDays(`${Number(today().slice(0, 4)) - 3}${today().slice(4)}`, -2))
    const w = await officer.get('/api/credit/serious/warnings')
    expectOk(w)
    expect(w.body.items.map((i: { listingId: string }) => i.listingId)).toContain(soon)
    expect(w.body.items.map((i: { listingId: string }) => i.listingId)).not.toContain(past)
    const first = await t.s.creditSerious.transferAbnormal()
    expect(first.proposed).toBeGreaterThanOrEqual(1)
    expect(await t.s.creditSerious.transferAbnormal()).toEqual({ proposed: 0 })
    const rows = await t.s.deps.db.selectFrom('creditSerious').select(['sourceId', 'field', 'state']).where('source', '=', 'abnormal').execute()
    expect(rows.filter((r) => r.sourceId === past)).toEqual([{ sourceId: past, field: 'abnormal_three_years', state: 'proposed' }])
    expect(rows.filter((r) => r.sourceId === soon)).toEqual([])
  })
})

describe('credit repair changes the public record', () => {
  it('removes an abnormal listing once the missing report is filed', async () => {
    const e = await entity('焦作市信用修复测试有限公司')
    const unit = await unitId(t, 'JZ-410802-S01')
    const year = Number(today().slice(0, 4)) - 1
    const r = await t.s.deps.db.transaction().execute((trx) =>
      t.s.creditLists.listings.propose(trx, systemCtx(), {
        entityId: e.id,
        ground: 'annual_report_not_filed',
        reportYear: year,
        unitId: unit,
        triggerOn: `${year + 1}-06-30`,
        sourceType: 'season_batch',
        sourceId: 'repair-test',
        note: null,
      }),
    )
    await t.s.deps.db
      .updateTable('creditListing')
      .set({ state: 'listed', listedOn: ago(40), listingNo: 'YC-REPAIR' })
      .where('id', '=', r.id)
      .execute()
    const body = { kind: 'abnormal', targetId: r.id, applicant: '周德明', applicantPhone: '13912345678', statement: '已补报年度报告', harmRemoved: true }
    expectError(await officer.post('/api/credit/repairs', body), 400, 'VALIDATION', /列入事由已消除/)
    const now = new Date().toISOString()
    await t.s.deps.db
      .insertInto('annualReport')
      .values({
        id: newId(),
        entityId: e.id,
        reportYear: year,
        form: 'enterprise',
        publicJson: '{}',
        optionalJson: '{}',
        publishOptional: 0,
        filedOn: ago(2),
        late: 1,
        source: 'import',
        liaisonId: null,
        revision: 1,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute()
    const a = await officer.post('/api/credit/repairs', body)
    expectOk(a, 201)
    expect(a.body).toMatchObject({ state: 'applied', check: { eligible: true }, applicantPhone: '139****5678' })
    expect(a.body.clocks[0]).toMatchObject({ kind: 'accept', dueOn: (await t.s.rules.deadlineFor('credit.repair_accept', today())).deadline.date })
    const acc = await officer.post(`/api/credit/repairs/${a.body.id}/actions/accept`, { version: a.body.version })
    expectOk(acc)
    expectError(await officer.post(`/api/credit/repairs/${a.body.id}/actions/repair`, { version: acc.body.version }), 403, 'FORBIDDEN')
    const done = await leader.post(`/api/credit/repairs/${a.body.id}/actions/repair`, { version: acc.body.version, note: '同意修复' })
    expectOk(done)
    expect(done.body.state).toBe('repaired')
    const l = await t.s.deps.db.selectFrom('creditListing').select(['state', 'removalGround', 'removedOn']).where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(l).toEqual({ state: 'removed', removalGround: 'reports_filed', removedOn: today() })
    expect(await auditRecords(t, { action: 'credit.repair.decide', targetId: a.body.id })).toHaveLength(1)
    expect(await auditRecords(t, { action: 'credit.listing.remove', targetId: r.id })).toHaveLength(1)
    const p = await t.anon.get(`/api/public/credit/entities/${e.uscc}`)
    expect(p.body.abnormalInForce).toBe(false)
  })
})
