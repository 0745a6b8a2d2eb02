import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../core/actor'
import {
  auditRecords,
  buildTestApp,
  createActiveUser,
  expectError,
  expectOk,
  mutableClock,
  unitId,
  userId,
  type Client,
  type MutableClock,
  type TestApp,
} from '../../../test/helpers'
import { TINY_PDF, TINY_PNG } from '../../../test/files'

/* The investigation stage of a case (issue 14, point 2), on both engines. */

let t: TestApp
let clock: MutableClock
let handler: Client, leader: Client, credit: Client
let jf: string, sy: string
let officers: string[]
let third: string

async function openCase(unit: string, filedOn = '2026-09-07'): Promise<string> {
  const lead = await t.s.deps.db.transaction().execute((trx) =>
    t.s.enforcement.createLead(trx, systemCtx(), {
      source: 'inspection',
      sourceId: 'task-i',
      sourceNo: null,
      unitId: unit,
      entityId: null,
      entityName: '焦作市调查测试商贸有限公司',
      uscc: null,
      summary: '检查发现销售假冒口罩',
      foundOn: '2026-09-01',
    }),
  )
  const c = await t.s.cases.open(systemCtx(), {
    leadId: lead.id,
    leadVersion: 1,
    title: '销售假冒口罩案',
    caseType: 'quality',
    partyKind: 'person',
    personName: '李四',
    personIdNo: '410802198001011234',
    officerIds: officers,
    facts: '当事人销售假冒注册商标的口罩。',
    filedOn,
  })
  return c.id
}
const inv = (c: Client, id: string) => c.get(`/api/cases/${id}/investigation`)
async function versionOf(id: string) {
  return (await handler.get(`/api/cases/${id}`)).body.version as number
}
async function multipartPost(c: Client, url: string, fileName: string, content: Buffer) {
  const boundary = `----jg${Math.random().toString(16).slice(2)}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return c.request('POST', url, Buffer.concat([head, content, tail]), { 'content-type': `multipart/form-data; boundary=${boundary}` })
}
async function approvalOf(matterId: string) {
  return t.s.deps.db.selectFrom('matterApproval').selectAll().where('matterId', '=', matterId).where('state', '=', 'pending').executeTakeFirstOrThrow()
}
async function decide(matterId: string, decision: 'approve' | 'reject', note = '同意') {
  const a = await approvalOf(matterId)
  return leader.post(`/api/approvals/${a.id}/decision`, { decision, note, version: a.version })
}
async function docHtml(c: Client, docNo: string) {
  const d = await t.s.deps.db.selectFrom('document').select('id').where('docNo', '=', docNo).executeTakeFirstOrThrow()
  const res = await c.get(`/api/documents/${d.id}/content`)
  expectOk(res)
  return res.raw
}
const clockOf = (body: any, kind: string) => body.clocks.find((c: any) => c.kind === kind)

beforeAll(async () => {
  clock = mutableClock('2026-12-07T02:00:00Z') // Mon 2026-12-07, 10:00 in China
  t = await buildTestApp({ demo: true, clock })
  const admin = await t.login('admin')
  handler = await t.login('handler')
  leader = await t.login('leader')
  credit = await t.login('credit')
  jf = await unitId(t, 'JZ-410802')
  sy = await unitId(t, 'JZ-410811')
  await t.s.deps.db.updateTable('appUser').set({ certNo: '豫A0820002' }).where('username', '=', 'handler').execute()
  officers = [await userId(t, 'handler'), await userId(t, 'inspector')]
  const u = await createActiveUser(admin, t, {
    displayName: '赵执法',
    certNo: '豫A0820099',
    grants: [{ role: 'case_handler', unitCode: 'JZ-410802', scope: 'unit_tree' }],
  })
  third = u.user.id
})
afterAll(() => t?.close())

describe('evidence with files and the 证据清单', () => {
  it('keeps kind, source and collector; files go through the attachment store and every download is audited', async () => {
    const id = await openCase(jf)
    const add = await handler.post(`/api/cases/${id}/evidence`, {
      version: await versionOf(id),
      kind: 'physical',
      title: '假冒口罩样品',
      description: '证明当事人销售假冒口罩',
      source: '当事人仓库',
      collectedBy: '王执法、李执法',
      collectedOn: '2026-09-08',
    })
    expectOk(add)
    let v = await inv(handler, id)
    expectOk(v)
    const ev = v.body.evidence[0]
    expect(ev).toMatchObject({ kind: 'physical', kindLabel: '物证', source: '当事人仓库', collectedBy: '王执法、李执法', collectedOn: '2026-09-08', files: [] })

    const up = await multipartPost(handler, `/api/cases/${id}/evidence/${ev.id}/files`, '样品照片.png', TINY_PNG)
    expectOk(up)
    expect(up.body.evidence[0].files).toHaveLength(1)
    expectOk(await multipartPost(handler, `/api/cases/${id}/evidence/${ev.id}/files`, '检验报告.pdf', TINY_PDF))
    // A text file named .pdf is refused in Chinese and nothing is stored.
    expectError(await multipartPost(handler, `/api/cases/${id}/evidence/${ev.id}/files`, '伪装.pdf', Buffer.from('not a pdf at all')), 400, 'VALIDATION')
    v = await inv(handler, id)
    const files = v.body.evidence[0].files
    expect(files.map((f: any) => f.fileName)).toEqual(['样品照片.png', '检验报告.pdf'])

    const dl = await leader.request('GET', `/api/case-evidence-files/${files[0].id}`)
    expect(dl.status).toBe(200)
    expect(dl.headers['content-type']).toBe('image/png')
    const views = await auditRecords(t, { action: 'case.evidence_file_view', targetId: id })
    expect(views).toHaveLength(1)
    expect((await auditRecords(t, { action: 'case.evidence_file_add', targetId: id })).length).toBe(2)

    // Scope: no session 401; another district's handler never sees the file or the case (404).
    expectError(await t.anon.get(`/api/case-evidence-files/${files[0].id}`), 401, 'UNAUTHENTICATED')
    expectError(await t.anon.get(`/api/cases/${id}/investigation`), 401, 'UNAUTHENTICATED')
    const other = await openCase(sy)
    expectError(await inv(handler, other), 404, 'NOT_FOUND')
    const otherEv = await t.s.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('caseEvidence')
        .values({
          id: crypto.randomUUID(),
          caseId: other,
          seq: 1,
          kind: 'documentary',
          title: '外区证据',
          description: null,
          collectedOn: '2026-09-08',
          createdAt: new Date().toISOString(),
          createdBy: null,
        })
        .execute()
      return trx.selectFrom('caseEvidence').select('id').where('caseId', '=', other).executeTakeFirstOrThrow()
    })
    expectError(await multipartPost(handler, `/api/cases/${other}/evidence/${otherEv.id}/files`, 'x.png', TINY_PNG), 404, 'NOT_FOUND')

    // The printable 证据清单 from the document engine lists every item with its files.
    const list = await handler.post(`/api/cases/${id}/evidence-list`, { version: await versionOf(id) })
    expectOk(list)
    const doc = await t.s.deps.db
      .selectFrom('document')
      .select(['docNo', 'sha256'])
      .where('matterId', '=', id)
      .where('kind', '=', 'case.evidence_list')
      .executeTakeFirstOrThrow()
    expect(doc.docNo).toMatch(/证清〔2026〕\d+号/)
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/)
    const html = await docHtml(handler, doc.docNo!)
    expect(html).toContain('假冒口罩样品')
    expect(html).toContain('附件 2 个')
  })
})

describe('investigation records', () => {
  let id = ''
  const inquiry = () => ({
    kind: 'inquiry',
    startedAt: '2026-09-09 09:30',
    endedAt: '2026-09-09 10:45',
    place: '解放区市场监管局询问室',
    officerIds: officers,
    recorderId: officers[1],
    personName: '李四',
    personIdNo: '410802198001011234',
    personRole: '当事人',
    qa: [
      { q: '你销售的口罩从何处进货？', a: '从郑州一家批发商处进货。' },
      { q: '共销售多少只？', a: '约两千只。' },
    ],
  })
  beforeAll(async () => {
    id = await openCase(jf)
  })

  it('a 询问笔录 is printed with officers, certificates, masked identity, Q&A and signature lines, and listed as evidence', async () => {
    const res = await handler.post(`/api/cases/${id}/records`, { ...inquiry(), version: await versionOf(id) })
    expectOk(res)
    const r = res.body.records[0]
    expect(r).toMatchObject({ kind: 'inquiry', kindLabel: '询问笔录', personName: '李四', recorder: expect.any(String) })
    expect(r.personIdMasked).not.toContain('198001011')
    expect(r.qa).toHaveLength(2)
    expect(r.docNo).toMatch(/询〔2026〕\d+号/)
    expect(res.body.evidence.find((e: any) => e.recordId === r.id)).toMatchObject({ kind: 'statement', collectedOn: '2026-09-09' })
    const html = await docHtml(handler, r.docNo)
    expect(html).toContain('问：你销售的口罩从何处进货？<br>答：从郑州一家批发商处进货。')
    expect(html).toContain('豫A0820002')
    expect(html).toContain('被询问人签名')
    expect(html).not.toContain('410802198001011234')
  })

  it('a 现场笔录 with persons present and findings', async () => {
    const res = await handler.post(`/api/cases/${id}/records`, {
      version: await versionOf(id),
      kind: 'site',
      startedAt: '2026-09-08 14:00',
      endedAt: '2026-09-08 15:10',
      place: '当事人经营场所',
      officerIds: officers,
      recorderId: officers[0],
      present: '李四（当事人）',
      findings: '货架上摆放标注“3M”商标的口罩12箱。',
    })
    expectOk(res)
    const r = res.body.records.find((x: any) => x.kind === 'site')
    expect(r.docNo).toMatch(/现〔2026〕\d+号/)
    expect(res.body.evidence.find((e: any) => e.recordId === r.id)).toMatchObject({ kind: 'record' })
    const ins = await handler.post(`/api/cases/${id}/records`, {
      version: await versionOf(id),
      kind: 'inspection',
      startedAt: '2026-09-08 15:20',
      endedAt: '2026-09-08 15:50',
      place: '当事人仓库',
      officerIds: officers,
      recorderId: officers[1],
      findings: '仓库内存放同款口罩30箱，外包装标注生产日期2026-08-01。',
    })
    expectOk(ins)
    const k = ins.body.records.find((x: any) => x.kind === 'inspection')
    expect(k).toMatchObject({ kindLabel: '勘验笔录' })
    expect(await docHtml(handler, k.docNo)).toContain('勘验人签名')
  })

  it('refuses bad input in Chinese and changes nothing', async () => {
    const before = await versionOf(id)
    const n = (await inv(handler, id)).body.records.length
    const bad = async (patch: Record<string, unknown>, msg: RegExp) =>
      expectError(await handler.post(`/api/cases/${id}/records`, { ...inquiry(), version: before, ...patch }), 400, 'VALIDATION', msg)
    await bad({ endedAt: '2026-09-09 08:00' }, /结束时间不能早于开始时间/)
    await bad({ qa: [] }, /至少有一问一答/)
    await bad({ officerIds: [officers[0]] }, /不得少于 2 人/)
    await bad({ startedAt: '2026-13-09 09:30' }, /格式|不存在/)
    await bad({ place: 'x'.repeat(201) }, /最多 200 字/)
    await bad({ recorderId: third }, /记录人须为本案办案人员/)
    await bad({ startedAt: '2027-01-09 09:30', endedAt: '2027-01-09 10:00' }, /不能晚于/)
    expect(await versionOf(id)).toBe(before)
    expect((await inv(handler, id)).body.records.length).toBe(n)
  })
})

describe('先行登记保存: the head approves, 7 WD across National Day, then the decision', () => {
  it('runs the 7-WD clock on the 调休 calendar and decides with its documents', async () => {
    clock.set('2026-09-29T02:00:00Z') // Tue 2026-09-29
    try {
      const id = await openCase(jf, '2026-09-21')
      const body = { reason: '证据可能灭失', items: [{ name: '假冒口罩', quantity: 12, unit: '箱', location: '当事人仓库' }] }
      // Bad input: nothing recorded.
      expectError(
        await handler.post(`/api/cases/${id}/preservations`, { ...body, items: [], version: await versionOf(id) }),
        400,
        'VALIDATION',
        /物品清单不能为空/,
      )
      expect((await inv(handler, id)).body.preservations).toHaveLength(0)

      const req = await handler.post(`/api/cases/${id}/preservations`, { ...body, version: await versionOf(id) })
      expectOk(req)
      const p = req.body.preservations[0]
      expect(p).toMatchObject({ state: 'pending', stateLabel: '待负责人批准' })
      // Not the handler's to decide before approval.
      expectError(
        await handler.post(`/api/cases/${id}/preservations/${p.id}/decision`, { decision: 'release', version: await versionOf(id) }),
        409,
        'ILLEGAL_TRANSITION',
      )
      expectOk(await decide(p.id, 'approve'))
      const held = (await inv(handler, id)).body.preservations[0]
      // Tue 09-29 + 7 WD: 09-30, (10-01…10-07 National Day), 10-08, 10-09, 10-10 (调休 Saturday), 10-12, 10-13, 10-14.
      expect(held).toMatchObject({ state: 'held', approvedOn: '2026-09-29', dueOn: '2026-10-14' })
      expect(held.noticeNo).toMatch(/先保〔2026〕\d+号/)
      const notice = await docHtml(handler, held.noticeNo)
      expect(notice).toContain('第五十六条')
      expect(notice).toContain('2026年10月14日')

      clock.set('2026-10-14T02:00:00Z')
      expectError(
        await handler.post(`/api/cases/${id}/preservations/${p.id}/decision`, { decision: 'bogus', version: await versionOf(id) }),
        400,
        'VALIDATION',
        /处理决定/,
      )
      const d = await handler.post(`/api/cases/${id}/preservations/${p.id}/decision`, {
        decision: 'seize',
        note: '转为扣押',
        on: '2026-10-14',
        version: await versionOf(id),
      })
      expectOk(d)
      expect(d.body.preservations[0]).toMatchObject({ state: 'decided', decision: 'seize', decidedOn: '2026-10-14' })
      expect(d.body.preservations[0].decisionNo).toMatch(/先处〔2026〕\d+号/)
      const c = await t.s.deps.db
        .selectFrom('matterClock')
        .selectAll()
        .where('matterType', '=', 'case_preservation')
        .where('matterId', '=', p.id)
        .executeTakeFirstOrThrow()
      expect(c.doneOn).toBe('2026-10-14')
    } finally {
      clock.set('2026-12-07T02:00:00Z')
    }
  })

  it('after 7 WD only a release is recorded (the preservation has lapsed); a refused request is recorded', async () => {
    clock.set('2026-09-29T02:00:00Z')
    try {
      const id = await openCase(jf, '2026-09-21')
      const body = { reason: '证据可能灭失', items: [{ name: '标签', quantity: 200, unit: '张', location: '仓库' }] }
      const a = await handler.post(`/api/cases/${id}/preservations`, { ...body, version: await versionOf(id) })
      expectOk(await decide(a.body.preservations[0].id, 'approve'))
      const b = await handler.post(`/api/cases/${id}/preservations`, { ...body, version: await versionOf(id) })
      expectOk(await decide(b.body.preservations[1].id, 'reject', '理由不充分'))
      expect((await inv(handler, id)).body.preservations[1]).toMatchObject({ state: 'refused', decisionNote: '理由不充分' })
      clock.set('2026-10-20T02:00:00Z')
      const pid = a.body.preservations[0].id
      expectError(
        await handler.post(`/api/cases/${id}/preservations/${pid}/decision`, { decision: 'confiscate', version: await versionOf(id) }),
        400,
        'VALIDATION',
        /已于 2026-10-14 届满/,
      )
      expectOk(await handler.post(`/api/cases/${id}/preservations/${pid}/decision`, { decision: 'release', version: await versionOf(id) }))
    } finally {
      clock.set('2026-12-07T02:00:00Z')
    }
  })
})

describe('回避', () => {
  it('a party applies; the head grants it and the officer is replaced by a certified one, with a 回避决定书', async () => {
    const id = await openCase(jf)
    const inspector = officers[1]!
    // An applicant naming no replacement would leave one officer: refused on approval, nothing changed.
    const a0 = await handler.post(`/api/cases/${id}/avoidances`, {
      officerId: inspector,
      applicant: 'party',
      reason: '与当事人系亲属',
      version: await versionOf(id),
    })
    expectOk(a0)
    const refused = await decide(a0.body.avoidances[0].id, 'approve')
    expectError(refused, 400, 'VALIDATION', /不足 2 人/)
    expectOk(await decide(a0.body.avoidances[0].id, 'reject', '申请理由不成立'))
    let v = await inv(handler, id)
    expect(v.body.avoidances[0]).toMatchObject({ state: 'refused', stateLabel: '决定不予回避' })
    expect(v.body.avoidances[0].docNo).toMatch(/回避〔2026〕\d+号/)

    const a1 = await handler.post(`/api/cases/${id}/avoidances`, {
      officerId: inspector,
      applicant: 'officer',
      reason: '本人与当事人有利害关系',
      replacementId: third,
      version: await versionOf(id),
    })
    expectOk(a1)
    expectOk(await decide(a1.body.avoidances[1].id, 'approve'))
    v = await inv(handler, id)
    expect(v.body.avoidances[1]).toMatchObject({ state: 'granted', replacementName: expect.any(String) })
    const detail = await handler.get(`/api/cases/${id}`)
    expect(detail.body.officers.map((o: any) => o.userId).sort()).toEqual([officers[0], third].sort())
    expect(detail.body.officers.every((o: any) => o.certNo)).toBe(true)

    // Bad input: not an officer of the case; a replacement without a certificate.
    const noCert = await userId(t, 'operator')
    expectError(
      await handler.post(`/api/cases/${id}/avoidances`, { officerId: noCert, applicant: 'party', reason: 'x', version: await versionOf(id) }),
      400,
      'VALIDATION',
      /不是本案办案人员/,
    )
    expectError(
      await handler.post(`/api/cases/${id}/avoidances`, {
        officerId: officers[0],
        applicant: 'party',
        reason: 'x',
        replacementId: noCert,
        version: await versionOf(id),
      }),
      400,
      'VALIDATION',
      /没有执法证号/,
    )
    // The credit officer reads cases but does not handle them.
    expectError(
      await credit.post(`/api/cases/${id}/avoidances`, { officerId: officers[0], applicant: 'party', reason: 'x', version: await versionOf(id) }),
      403,
      'FORBIDDEN',
    )
  })
})

describe('中止/恢复, 终止 and 移送', () => {
  it('中止 pauses the 90-day clock with its ground and 恢复 moves the due date by the paused days', async () => {
    const id = await openCase(jf, '2026-09-07')
    const before = clockOf((await handler.get(`/api/cases/${id}`)).body, 'decision').dueOn
    expect(before).toBe('2026-12-07') // 90th day Sun 12-06 rolls to Monday
    // A handler proposes 中止 to the head (审批待办).
    const prop = await handler.post(`/api/cases/${id}/investigation-proposals`, {
      action: 'suspend',
      input: { ground: 'missing', reason: '当事人下落不明', on: '2026-11-02' },
      reason: '当事人下落不明，暂时无法调查',
      version: await versionOf(id),
    })
    expect(prop.status, prop.raw).toBe(201)
    expect(prop.body).toMatchObject({ kind: 'case.suspend', kindLabel: '中止调查审批', state: 'pending' })
    expectOk(await leader.post(`/api/approvals/${prop.body.id}/decision`, { decision: 'approve', note: '同意', version: prop.body.version }))
    const d = await handler.get(`/api/cases/${id}`)
    expect(d.body).toMatchObject({ state: 'suspended', stateLabel: '中止调查' })
    expect(clockOf(d.body, 'decision')).toMatchObject({ paused: true })
    // Only the head resumes; bad input is refused and nothing changes.
    expectError(await handler.post(`/api/cases/${id}/actions/resume`, { reason: '找到当事人', version: d.body.version }), 403, 'FORBIDDEN')
    expectError(await leader.post(`/api/cases/${id}/actions/resume`, { reason: '', version: d.body.version }), 400, 'VALIDATION', /不能为空/)
    expectError(
      await leader.post(`/api/cases/${id}/actions/resume`, { reason: '找到', on: '2026-11-01', version: d.body.version }),
      400,
      'VALIDATION',
      /不能早于/,
    )
    const r = await leader.post(`/api/cases/${id}/actions/resume`, { reason: '已找到当事人', on: '2026-11-12', version: d.body.version })
    expectOk(r)
    expect(r.body.state).toBe('investigating')
    const after = clockOf(r.body, 'decision')
    expect(after.paused).toBe(false)
    expect(after.pauses[0]).toMatchObject({ from: '2026-11-02', to: '2026-11-11', reason: '中止调查' }) // 10 days paused (to = the last paused day)
    expect(after.dueOn).toBe('2026-12-16') // 10 calendar days later
    const kinds = r.body.documents.map((x: any) => x.kind)
    expect(kinds).toEqual(expect.arrayContaining(['case.suspension', 'case.resumption']))
  })

  it("终止 ends the case with the head's approval and its 审批表; the file is read-only", async () => {
    const id = await openCase(jf)
    const res = await leader.post(`/api/cases/${id}/actions/terminate`, {
      ground: 'party_gone',
      reason: '当事人已注销，无承受人',
      version: await versionOf(id),
    })
    expectOk(res)
    expect(res.body).toMatchObject({ state: 'terminated', nextDueOn: null, actions: [] })
    expect(clockOf(res.body, 'decision').doneOn).toBe('2026-12-07')
    expect(res.body.documents.map((x: any) => x.kind)).toContain('case.termination')
    expectError(
      await handler.post(`/api/cases/${id}/evidence`, { version: res.body.version, kind: 'documentary', title: '迟到的证据' }),
      409,
      'ILLEGAL_TRANSITION',
    )
  })

  it('移送 to the police issues the 移送书, stops the decision clock and records the receipt; the case then closes', async () => {
    const id = await openCase(jf)
    expectError(
      await leader.post(`/api/cases/${id}/actions/transfer`, { target: 'court', organ: '公安', reason: 'x', version: await versionOf(id) }),
      400,
      'VALIDATION',
      /移送对象/,
    )
    const res = await leader.post(`/api/cases/${id}/actions/transfer`, {
      target: 'police',
      organ: '焦作市公安局解放分局',
      reason: '涉案金额超过五万元，涉嫌销售伪劣产品罪',
      materials: '案件材料一宗、涉案物品清单',
      version: await versionOf(id),
    })
    expectOk(res)
    expect(res.body).toMatchObject({ state: 'transferred', stateLabel: '已移送' })
    expect(clockOf(res.body, 'decision').doneOn).toBe('2026-12-07')
    const v = await inv(handler, id)
    const x = v.body.transfers[0]
    expect(x).toMatchObject({ target: 'police', state: 'sent', organ: '焦作市公安局解放分局' })
    expect(x.docNo).toMatch(/移罪〔2026〕\d+号/)
    expectError(await handler.post(`/api/cases/${id}/transfers/${x.id}/receipt`, { receivingOrgan: '', version: v.body.version }), 400, 'VALIDATION')
    const rc = await handler.post(`/api/cases/${id}/transfers/${x.id}/receipt`, {
      receivingOrgan: '焦作市公安局解放分局',
      receivedOn: '2026-12-07',
      version: v.body.version,
    })
    expectOk(rc)
    expect(rc.body.transfers[0]).toMatchObject({ state: 'received', receivedOn: '2026-12-07' })
    const oc = await handler.post(`/api/cases/${id}/transfers/${x.id}/receipt`, {
      receivingOrgan: '焦作市公安局解放分局',
      outcome: '已立案侦查',
      version: rc.body.version,
    })
    expect(oc.body.transfers[0]).toMatchObject({ state: 'concluded', outcome: '已立案侦查', receivedOn: '2026-12-07' })
    const closed = await leader.post(`/api/cases/${id}/actions/close`, { reason: 'no_penalty', version: oc.body.version })
    expectOk(closed)
    expect(closed.body.state).toBe('closed')

    // To another region: the 案件移送函, addressed to the receiving organ.
    const other = await openCase(jf)
    const letter = await leader.post(`/api/cases/${other}/actions/transfer`, {
      target: 'region',
      organ: '新乡市市场监督管理局',
      reason: '当事人实际经营地在新乡市',
      version: await versionOf(other),
    })
    expectOk(letter)
    const lx = (await inv(handler, other)).body.transfers[0]
    expect(lx).toMatchObject({ target: 'region', targetLabel: '其他地区市场监管部门' })
    expect(lx.docNo).toMatch(/移〔2026〕\d+号/)
    const html = await docHtml(handler, lx.docNo)
    expect(html).toContain('新乡市市场监督管理局')
    expect(html).toContain('案件移送函')
  })

  it("another district's case is 404 for every investigation endpoint; no session is 401", async () => {
    const other = await openCase(sy)
    const v = 1
    expectError(await handler.post(`/api/cases/${other}/records`, { version: v }), 400, 'VALIDATION')
    expectError(
      await handler.post(`/api/cases/${other}/preservations`, { version: v, reason: 'x', items: [{ name: 'a', quantity: 1, unit: '个', location: 'b' }] }),
      404,
      'NOT_FOUND',
    )
    expectError(await handler.post(`/api/cases/${other}/avoidances`, { version: v, officerId: officers[0], applicant: 'party', reason: 'x' }), 404, 'NOT_FOUND')
    expectError(await handler.post(`/api/cases/${other}/evidence-list`, { version: v }), 404, 'NOT_FOUND')
    expectError(
      await handler.post(`/api/cases/${other}/investigation-proposals`, {
        action: 'suspend',
        input: { ground: 'other', reason: 'x' },
        reason: 'x',
        version: v,
      }),
      404,
      'NOT_FOUND',
    )
    expectError(await t.anon.post(`/api/cases/${other}/preservations`, { version: v }), 401, 'UNAUTHENTICATED')
  })
})
