import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../core/actor'
import {
  auditRecords,
  buildTestApp,
  createActiveUser,
  STRONG_PASSWORD,
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
 * The decision stage (issue 14 point 3): hearing notice 7 WD before the hearing (across the 2026
 * National Day holiday and the 10-10 调休), a hearing officer who is not an investigator, hearing
 * record and report; 法制审核 and 集体讨论 through 审批待办, both required before deciding a major
 * case; the decision not to penalise (不予行政处罚决定书).
 */
let t: TestApp
let handler: Client, leader: Client, credit: Client
let jf: string, sy: string
let officers: string[]
let shop: { id: string; name: string; uscc: string }

async function lead(unit: string) {
  return t.s.deps.db.transaction().execute((trx) =>
    t.s.enforcement.createLead(trx, systemCtx(), {
      source: 'inspection',
      sourceId: 'task-d',
      sourceNo: 'CD2026-1',
      unitId: unit,
      entityId: shop.id,
      entityName: shop.name,
      uscc: shop.uscc,
      summary: '检查发现哄抬口罩价格',
      foundOn: '2026-09-01',
    }),
  )
}
/** The head's own 立案 (POST /api/cases). */
async function openCase(unit = jf, title = '哄抬口罩价格案') {
  const l = await lead(unit)
  const r = await leader.post('/api/cases', {
    leadId: l.id,
    leadVersion: 1,
    title,
    caseType: 'price',
    officerIds: officers,
    facts: '当事人在疫情期间大幅提高口罩售价。',
    filedOn: '2026-09-07',
  })
  expectOk(r, 201)
  return r.body.id as string
}
async function act(c: Client, id: string, action: string, body: Record<string, unknown>) {
  const cur = await c.get(`/api/cases/${id}`)
  expectOk(cur)
  return c.post(`/api/cases/${id}/actions/${action}`, { ...body, version: cur.body.version })
}
const get = async (id: string) => (await handler.get(`/api/cases/${id}`)).body
const clockOf = (body: any, kind: string) => body.clocks.find((c: any) => c.kind === kind)
const docText = async (body: any, title: string) => {
  const d = body.documents.find((x: any) => x.title === title)
  expect(d, title).toBeTruthy()
  return (await handler.get(`/api/documents/${d.id}/content`)).raw
}
async function pendingApproval(caseId: string, kind: string) {
  const r = await leader.get('/api/approvals?state=pending&pageSize=100')
  expectOk(r)
  return r.body.items.find((a: any) => a.matterId === caseId && a.kind === kind)
}
const notice = (extra: Record<string, unknown> = {}) => ({
  facts: '当事人将口罩售价由每只1元提高至每只5元。',
  basis: '《中华人民共和国价格法》第十四条第（三）项',
  intendedPenalty: '罚款人民币50000元',
  hearingRight: true,
  major: true,
  on: '2026-09-28',
  ...extra,
})

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-12-07T02:00:00Z') })
  const admin = await t.login('admin')
  handler = await t.login('handler')
  leader = await t.login('leader')
  credit = await t.login('credit')
  jf = await unitId(t, 'JZ-410802')
  sy = await unitId(t, 'JZ-410811')
  await t.s.deps.db.updateTable('appUser').set({ certNo: '豫A0820002' }).where('username', '=', 'handler').execute()
  officers = [await userId(t, 'handler'), await userId(t, 'inspector')]
  const e = await admin.post('/api/entities', {
    uscc: composeUscc('91', '410802', 'MA55DD22'),
    name: '焦作市听证测试药房有限公司',
    entityType: '有限责任公司',
    businessAddress: '焦作市解放区人民路18号',
    businessDivision: '410802001',
    status: 'active',
  })
  expectOk(e, 201)
  shop = { id: e.body.id, name: e.body.name, uscc: e.body.uscc }
})
afterAll(() => t?.close())

describe('a major case with a hearing', () => {
  let id = ''
  it('hearing notice: 7 working days before the hearing across National Day; the officer is no investigator; refusals change nothing', async () => {
    id = await openCase()
    const n = await act(handler, id, 'notify', notice())
    expectOk(n)
    // Mon 09-28 + 5 WD: 09-29, 09-30, (10-01…07 holiday), 10-08, 10-09, Sat 10-10 (调休 working day).
    expect(clockOf(n.body, 'statement').dueOn).toBe('2026-10-10')
    const nh = (extra: Record<string, unknown>) =>
      act(handler, id, 'notify_hearing', { hearingOn: '2026-10-15', place: '本局三楼听证室', officerId: officers[1], on: '2026-09-30', ...extra })
    expectError(await nh({}), 400, 'VALIDATION', /当事人未要求听证/)
    expectOk(await act(handler, id, 'request_hearing', { on: '2026-09-29' }))
    const before = await get(id)
    expectError(await nh({}), 400, 'VALIDATION', /非本案调查人员/)
    const host = await userId(t, 'credit')
    // 09-30 + 7 WD: 10-08, 10-09, 10-10 (调休), 10-12, 10-13, 10-14, 10-15 — a hearing on 10-12 is too early.
    expectError(await nh({ officerId: host, hearingOn: '2026-10-12' }), 400, 'VALIDATION', /最早可于 2026-10-15 举行听证/)
    expectError(await nh({ officerId: host, hearingOn: '2026-13-01' }), 400, 'VALIDATION', /听证日期不存在/)
    expectError(await nh({ officerId: host, place: 'x'.repeat(201) }), 400, 'VALIDATION', /听证地点最多 200 字/)
    expectError(await nh({ officerId: 'abc' }), 400, 'VALIDATION', /听证主持人无效/)
    const after = await get(id)
    expect(after.version).toBe(before.version)
    expect(after.documents.length).toBe(before.documents.length)
    expect(clockOf(after, 'hearing_notice')).toBeUndefined()
    const ok = await nh({ officerId: host })
    expectOk(ok)
    expect(clockOf(ok.body, 'hearing_notice')).toMatchObject({ startOn: '2026-09-30', dueOn: '2026-10-15' })
    expect(ok.body.hearing).toMatchObject({ noticeOn: '2026-09-30', hearingOn: '2026-10-15', place: '本局三楼听证室', officerName: expect.any(String) })
    const html = await docText(ok.body, '行政处罚听证通知书')
    expect(html).toContain('2026年10月15日')
    expect(html).toContain('本局三楼听证室')
    expect(html).toContain('第六十四条')
    expectError(await nh({ officerId: host }), 400, 'VALIDATION', /已于 2026-09-30 发出听证通知/)
  })

  it('hearing record and report: not before the scheduled day; the 90-day clock resumes', async () => {
    const hh = (on: string) =>
      act(handler, id, 'hold_hearing', {
        attendees: '当事人法定代表人、调查人员',
        record: '调查人员陈述违法事实，当事人申辩称进价上涨。',
        report: '违法事实清楚，建议维持拟处罚意见。',
        on,
      })
    expectError(await hh('2026-10-14'), 400, 'VALIDATION', /不能早于 2026-10-15/)
    const h = await hh('2026-10-15')
    expectOk(h)
    expect(h.body.hearing.heldOn).toBe('2026-10-15')
    expect(clockOf(h.body, 'decision').paused).toBe(false)
    expect(clockOf(h.body, 'hearing_notice').doneOn).toBe('2026-10-15')
    expect(await docText(h.body, '听证笔录')).toContain('当事人申辩称进价上涨')
    expect(await docText(h.body, '听证报告')).toContain('建议维持拟处罚意见')
  })

  it('法制审核 in 审批待办: the opinion is the decider’s; the direct action waits for the inbox; a major case is decided only after both reviews', async () => {
    const decide = () =>
      act(leader, id, 'decide', {
        penaltyType: 'fine',
        facts: '当事人哄抬口罩价格。',
        basis: '《中华人民共和国价格法》第四十条',
        fineFen: 5000000,
        on: '2026-10-20',
      })
    expectError(await decide(), 400, 'VALIDATION', /法制审核/)
    const s = await act(handler, id, 'submit_review', { on: '2026-10-16' })
    expectOk(s)
    expect(s.body.state).toBe('review')
    // 10-16 + 10 WD = 10-30.
    expect(clockOf(s.body, 'legal_review').dueOn).toBe('2026-10-30')
    const a = await pendingApproval(id, 'case.legal_review')
    expect(a).toMatchObject({ kindLabel: '法制审核', state: 'pending' })
    expectError(await act(leader, id, 'complete_review', { opinion: '同意', on: '2026-10-19' }), 409, 'CONFLICT', /审批待办/)
    expectError(await leader.post(`/api/approvals/${a.id}/decision`, { decision: 'approve', version: a.version }), 400, 'VALIDATION', /法制审核意见/)
    expectOk(
      await leader.post(`/api/approvals/${a.id}/decision`, { decision: 'approve', note: '事实清楚，证据确凿，程序合法，处罚适当。', version: a.version }),
    )
    const r = await get(id)
    expect(r.state).toBe('notified')
    expect(r.legalReviewedOn).toBe('2026-12-07')
    expect(await docText(r, '法制审核表')).toContain('程序合法，处罚适当')
    expectError(await act(leader, id, 'decide', { penaltyType: 'fine', facts: 'x', basis: 'y', fineFen: 5000000 }), 400, 'VALIDATION', /集体讨论/)
  })

  it('集体讨论 proposed by the handler, approved by the head in 审批待办; then the decision', async () => {
    const bad = await handler.post(`/api/cases/${id}/proposals`, {
      action: 'collective_discussion',
      input: { participants: '' },
      reason: '重大案件',
      version: (await get(id)).version,
    })
    expectError(bad, 400, 'VALIDATION', /参加人员不能为空/)
    const p = await handler.post(`/api/cases/${id}/proposals`, {
      action: 'collective_discussion',
      input: { participants: '局长、分管副局长、法规科科长', record: '与会人员一致认为当事人哄抬价格事实清楚。', conclusion: '同意罚款人民币五万元。' },
      reason: '重大案件须集体讨论',
      version: (await get(id)).version,
    })
    expectOk(p, 201)
    expect(p.body).toMatchObject({ kind: 'case.collective', kindLabel: '集体讨论' })
    expectOk(await leader.post(`/api/approvals/${p.body.id}/decision`, { decision: 'approve', note: '同意', version: p.body.version }))
    const c = await get(id)
    expect(c.collectiveOn).toBe('2026-12-07')
    expect(await docText(c, '行政处罚案件集体讨论记录')).toContain('同意罚款人民币五万元')
    const d = await act(leader, id, 'decide', {
      penaltyType: 'fine',
      facts: '当事人哄抬口罩价格。',
      basis: '《中华人民共和国价格法》第四十条',
      fineFen: 5000000,
    })
    expectOk(d)
    expect(d.body.state).toBe('decided')
    expectError(await act(leader, id, 'decide_no_penalty', { ground: 'no_fault', facts: 'x', reasons: 'y' }), 409, 'ILLEGAL_TRANSITION')
    expect((await auditRecords(t, { action: 'case.collective', targetId: id })).length).toBe(1)
  })
})

describe('不予行政处罚', () => {
  it('a decision not to penalise with its ground; it excludes the 决定书, starts no payment clock and no publicity; closes as 不予处罚', async () => {
    const id = await openCase(jf, '首次未明码标价案')
    expectOk(await act(handler, id, 'notify', notice({ hearingRight: false, major: false, intendedPenalty: '警告', on: '2026-11-02' })))
    const before = await get(id)
    expectError(await act(leader, id, 'decide_no_penalty', { ground: 'forgiven', facts: 'x', reasons: 'y' }), 400, 'VALIDATION', /不予处罚的理由/)
    expectError(
      await act(leader, id, 'decide_no_penalty', { ground: 'first_offence', facts: 'x', reasons: 'y'.repeat(2001) }),
      400,
      'VALIDATION',
      /最多 2000 字/,
    )
    expectError(await act(handler, id, 'decide_no_penalty', { ground: 'first_offence', facts: 'x', reasons: 'y' }), 403, 'FORBIDDEN')
    expect((await get(id)).version).toBe(before.version)
    const d = await act(leader, id, 'decide_no_penalty', {
      ground: 'first_offence',
      facts: '当事人首次未按规定明码标价，已当场改正。',
      reasons: '当事人系初次违法，危害后果轻微并及时改正',
      on: '2026-11-10',
    })
    expectOk(d)
    expect(d.body).toMatchObject({ state: 'decided', decidedOn: '2026-11-10', fineFen: 0, penaltyType: null })
    expect(d.body.decisionNo).toMatch(/不罚〔2026〕\d+号$/)
    const html = await docText(d.body, '不予行政处罚决定书')
    expect(html).toContain('首违不罚')
    expect(html).toContain('第三十三条第一款')
    expect(html).toMatch(/六十日内依法申请行政复议.*六个月内依法向人民法院提起行政诉讼/)
    expect(d.body.documents.some((x: any) => x.title === '行政处罚决定书')).toBe(false)
    expect(await rawSql(t, `select count(*) as n from case_publicity where case_id = '${id}'`)).toEqual([{ n: 0 }])
    expectError(await act(leader, id, 'decide', { penaltyType: 'warning', facts: 'x', basis: 'y' }), 409, 'ILLEGAL_TRANSITION')
    const s = await act(handler, id, 'serve', { method: 'direct', recipient: '当事人', on: '2026-11-11' })
    expectOk(s)
    expect(s.body.paymentDueOn).toBeNull()
    expect(clockOf(s.body, 'payment').doneOn).toBe('2026-11-11')
    const closed = await act(leader, id, 'close', { reason: 'no_penalty', on: '2026-11-12' })
    expectOk(closed)

    // 卷宗: the archive index lists every document in order with its number and the hash of its archived copy.
    const index = await docText(closed.body, '卷内文件目录')
    const listed = closed.body.documents.filter((d: any) => d.title !== '卷内文件目录')
    expect(listed.length).toBeGreaterThanOrEqual(4)
    let pos = -1
    for (const d of listed) {
      const at = index.indexOf(d.sha256)
      expect(at, d.title).toBeGreaterThan(pos)
      if (d.docNo) expect(index).toContain(d.docNo)
      pos = at
    }
    // Read-only: writes are refused; a correction is a new, audited document.
    expectError(
      await handler.post(`/api/cases/${id}/evidence`, { version: closed.body.version, kind: 'documentary', title: '补充证据' }),
      409,
      'ILLEGAL_TRANSITION',
      /只读/,
    )
    const nd = closed.body.documents.find((d: any) => d.title === '不予行政处罚决定书')
    const fix = { documentId: nd.id, error: '违法地点写作“民主路”', correction: '违法地点应为“人民路”', reason: '笔误' }
    expectError(await handler.post(`/api/cases/${id}/corrections`, { ...fix, version: closed.body.version }), 403, 'FORBIDDEN')
    expectError(
      await leader.post(`/api/cases/${id}/corrections`, { ...fix, correction: '', version: closed.body.version }),
      400,
      'VALIDATION',
      /更正内容不能为空/,
    )
    expectError(
      await leader.post(`/api/cases/${id}/corrections`, { ...fix, documentId: '00000000-0000-4000-8000-000000000000', version: closed.body.version }),
      404,
      'NOT_FOUND',
    )
    expect((await get(id)).version).toBe(closed.body.version)
    const c = await leader.post(`/api/cases/${id}/corrections`, { ...fix, version: closed.body.version })
    expectOk(c)
    expect(c.body.state).toBe('closed')
    const ct = await docText(c.body, '文书更正通知书')
    expect(ct).toContain(nd.docNo)
    expect(ct).toContain('违法地点应为“人民路”')
    expect(await auditRecords(t, { action: 'case.correct', targetId: id })).toHaveLength(1)
  })
})

describe('scope and sessions', () => {
  it('another district’s case is 404 for every new action; no session is 401', async () => {
    const other = await openCase(sy, '山阳区价格案').catch(() => null)
    const id: string | undefined = other ?? (await rawSql<{ id: string }>(t, `select id from case_file where unit_id = '${sy}' limit 1`))[0]?.id
    expect(id).toBeTruthy()
    const valid: Record<string, Record<string, unknown>> = {
      notify_hearing: { hearingOn: '2026-12-31', place: '听证室', officerId: officers[0] },
      hold_hearing: { attendees: '甲', record: '乙', report: '丙' },
      collective_discussion: { participants: '甲', record: '乙', conclusion: '丙' },
      decide_no_penalty: { ground: 'no_fault', facts: '甲', reasons: '乙' },
    }
    // A head of 解放区 (handles and approves there only).
    const u = await createActiveUser(await t.login('admin'), t, {
      unitCode: 'JZ-410802',
      grants: [
        { role: 'case_handler', unitCode: 'JZ-410802', scope: 'unit_tree' },
        { role: 'bureau_leader', unitCode: 'JZ-410802', scope: 'unit_tree' },
      ],
    })
    const jfHead = await t.login(u.username, STRONG_PASSWORD)
    for (const [action, body] of Object.entries(valid))
      expectError(await jfHead.post(`/api/cases/${id!}/actions/${action}`, { ...body, version: 1 }), 404, 'NOT_FOUND')
    expectError(await t.anon.post(`/api/cases/${id!}/actions/decide_no_penalty`, { ...valid.decide_no_penalty, version: 1 }), 401, 'UNAUTHENTICATED')
    expectError(await credit.post(`/api/cases/${id!}/proposals`, { action: 'collective_discussion', input: {}, reason: 'x', version: 1 }), 403, 'FORBIDDEN')
  })
})
