import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  auditRecords,
  buildTestApp,
  createActiveUser,
  expectError,
  expectOk,
  mutableClock,
  STRONG_PASSWORD,
  unitId,
  type Client,
  type TestApp,
} from '../../../test/helpers'
import { COMPLAINT_TEMPLATES } from '../complaints/complaints.templates'
import { composeUscc } from '../entities'

const COMPLAINANT = { name: '王小明<script>alert(1)</script>', phone: '13800001111', address: '焦作市解放区民主路1号' }
const REPORTER = { name: '欧阳保密', phone: '13912345678' }
const STATION = 'JZ-410802-S01'

let t: TestApp
let operator: Client
let handler: Client
let custodian: Client
let otherHandler: Client
let shopId = ''
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')

async function act(c: Client, id: string, body: Record<string, unknown>) {
  const cur = await c.get(`/api/complaints/${id}`)
  expectOk(cur)
  const r = await c.post(`/api/complaints/${id}/transitions`, { expectedVersion: cur.body.version, ...body })
  expectOk(r)
  return r
}

async function complaint(extra: Record<string, unknown> = {}) {
  const r = await operator.post('/api/complaints', {
    types: ['complaint'],
    channel: 'hotline',
    category: 'quality',
    summary: '电饭煲无法加热',
    request: '要求退货退款',
    facts: '购买电饭煲一台，三天后无法加热。',
    persons: [COMPLAINANT],
    respondent: { entityId: shopId, name: '测试电器商行' },
    dispatchToUnitId: await unitId(t, STATION),
    ...extra,
  })
  expectOk(r, 201)
  return r.body.items[0].id as string
}

async function accepted(extra: Record<string, unknown> = {}, decidedOn?: string) {
  const id = await complaint(extra)
  await act(handler, id, { action: 'accept', ...(decidedOn ? { decidedOn } : {}) })
  return id
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-11-23T02:00:00Z') })
  const admin = await t.login('admin')
  operator = await t.login('operator')
  handler = await t.login('handler')
  custodian = await t.login('custodian')
  const shop = await admin.post('/api/entities', {
    uscc: composeUscc('92', '410802', 'MA0D0001'),
    name: '焦作市解放区文书测试商行',
    businessAddress: '焦作市解放区民生街道人民路9号',
    businessDivision: '410802001',
    domicileDivision: '410802001',
  })
  expectOk(shop, 201)
  shopId = shop.body.id
  const u = await createActiveUser(admin, t, { unitCode: 'JZ-410811', grants: [{ role: 'case_handler', unitCode: 'JZ-410811', scope: 'unit_tree' }] })
  otherHandler = await t.login(u.username, STRONG_PASSWORD)
})
afterAll(async () => t?.close())

describe('issuing 12315 documents', () => {
  const issued: Array<{ id: string; docId: string; docNo: string; sha256: string }> = []

  it('numbers per issuing unit, year and kind, gap-free, dated on the decision, in the county bureau’s name', async () => {
    const a = await accepted()
    const first = await handler.post(`/api/complaints/${a}/documents/acceptance`)
    expectOk(first)
    expect(first.body).toMatchObject({
      docNo: '焦解市监投受告〔2026〕1号',
      issueDate: '2026-11-23',
      issueDateText: '2026年11月23日',
      kind: 'complaint.acceptance',
      title: '受理告知书',
      regime: 'order121',
    })
    expect(first.body.issuingUnit.name).toBe('焦作市解放区市场监督管理局')
    // Issuing again returns the archived copy: no second number.
    const again = await handler.post(`/api/complaints/${a}/documents/acceptance`)
    expect(again.body.id).toBe(first.body.id)
    // A refused issue (no decision yet) takes no number.
    const pending = await complaint()
    expectError(await handler.post(`/api/complaints/${pending}/documents/acceptance`), 409, 'ILLEGAL_TRANSITION')
    const b = await accepted()
    // Printing is a read: before the POST there is nothing to print, and no number is taken.
    expectError(await handler.get(`/api/complaints/${b}/documents/acceptance`), 404, 'NOT_FOUND', /尚未出具受理告知书/)
    expect((await handler.get(`/api/complaints/${b}/documents`)).body.items).toEqual([])
    const second = await handler.post(`/api/complaints/${b}/documents/acceptance`)
    expect(second.body.docNo).toBe('焦解市监投受告〔2026〕2号')
    // Another kind has its own series.
    await act(handler, pending, { action: 'reject', reasonCode: 'OUT_OF_SCOPE' })
    const reject = await handler.post(`/api/complaints/${pending}/documents/non_acceptance`)
    expect(reject.body.docNo).toBe('焦解市监投不受告〔2026〕1号')
    issued.push({ id: a, docId: first.body.id, docNo: first.body.docNo, sha256: first.body.sha256 })
    const list = await handler.get(`/api/documents?matterType=complaint_item&matterId=${a}`)
    expectOk(list)
    expect(list.body.items.map((d: any) => [d.docNo, d.issueDate, d.title])).toEqual([['焦解市监投受告〔2026〕1号', '2026-11-23', '受理告知书']])
    expect((await handler.get(`/api/complaints/${a}/documents`)).body.items).toHaveLength(1)
  })

  it('archives the exact bytes: the hash of what is served is the archived hash and the audited hash', async () => {
    const { id, docId, sha256 } = issued[0]!
    const content = await handler.get(`/api/documents/${docId}/content`)
    expect(content.status).toBe(200)
    expect(String(content.headers['content-type'])).toContain('text/html')
    expect(sha(content.raw)).toBe(sha256)
    expect(content.headers['x-document-sha256']).toBe(sha256)
    expect(content.raw).toContain('焦解市监投受告〔2026〕1号')
    expect(content.raw).toContain('2026年11月23日')
    expect(content.raw).toContain('《市场监督管理投诉举报处理办法》（总局令第121号）')
    expect(content.raw).not.toMatch(/总局令第20号|核实|T\d\d:\d\d/)
    // The complainant's name is escaped, never markup.
    expect(content.raw).toContain('王小明&lt;script&gt;')
    expect(content.raw).not.toContain('<script>')
    const rec = (await auditRecords(t, { targetId: id })).find((r) => r.action === 'complaint.document')!
    expect(JSON.parse(rec.afterJson!)).toMatchObject({ documentId: docId, sha256, docNo: '焦解市监投受告〔2026〕1号' })
    // The item's print route serves the same archive (reading only; the POST issued it).
    const printed = await handler.get(`/api/complaints/${id}/documents/acceptance`)
    expect(printed.raw).toBe(content.raw)
  })

  it('a reprint is the archive byte for byte, even after the template text changes; the archive cannot be rewritten', async () => {
    const { docId, sha256 } = issued[0]!
    const tpl = COMPLAINT_TEMPLATES.find((x) => x.kind === 'complaint.acceptance' && x.regime === 'order121')!
    const saved = tpl.paragraphs
    tpl.paragraphs = ['模板已修改：{itemNo}']
    try {
      const reprint = await handler.get(`/api/documents/${docId}/content`)
      expect(sha(reprint.raw)).toBe(sha256)
      expect(reprint.raw).not.toContain('模板已修改')
      // A new issue uses the new text.
      const c = await accepted()
      const doc = await handler.post(`/api/complaints/${c}/documents/acceptance`)
      expect((await handler.get(`/api/documents/${doc.body.id}/content`)).raw).toContain('模板已修改')
    } finally {
      tpl.paragraphs = saved
    }
    await expect(t.s.deps.db.updateTable('document').set({ html: 'x' }).where('id', '=', docId).execute()).rejects.toThrow()
    await expect(t.s.deps.db.deleteFrom('document').where('id', '=', docId).execute()).rejects.toThrow()
  })

  it('an item received before 2026-04-15 and decided after still cites Order 20', async () => {
    const id = await complaint({ receivedAt: '2026-04-14T02:00:00Z' })
    await act(handler, id, { action: 'accept', decidedOn: '2026-04-20' })
    const doc = await handler.post(`/api/complaints/${id}/documents/acceptance`)
    expect(doc.body).toMatchObject({ regime: 'order20', issueDate: '2026-04-20' })
    const html = (await handler.get(`/api/documents/${doc.body.id}/content`)).raw
    expect(html).toContain('《市场监督管理投诉举报处理暂行办法》（总局令第20号）第十四条')
    expect(html).not.toContain('总局令第121号')
    expect(html).toContain('2026年4月20日')
  })

  it('terminations and mediation documents carry a service record (送达回证); 办结告知 after closure', async () => {
    const id = await accepted()
    await act(handler, id, { action: 'conclude', outcome: 'agreement_with_doc', recoveredFen: 50000 })
    const med = await handler.post(`/api/complaints/${id}/documents/mediation`)
    expectOk(med)
    expect(med.body.docNo).toBe('焦解市监投调〔2026〕1号')
    const html = (await handler.get(`/api/documents/${med.body.id}/content`)).raw
    expect(html).toContain('调解书')
    expect(html).toContain('500.00元')
    expect(html).toContain('送达回证')
    expectError(await handler.post(`/api/complaints/${id}/documents/closure`), 409, 'ILLEGAL_TRANSITION')
    await act(handler, id, { action: 'follow_up' })
    await act(handler, id, { action: 'close', followUpResult: '满意' })
    const closure = await handler.post(`/api/complaints/${id}/documents/closure`)
    expectOk(closure)
    expect((await handler.get(`/api/documents/${closure.body.id}/content`)).raw).toContain('达成调解协议（制作调解书）')
  })
})

describe('access', () => {
  it('another district’s handler gets 404; no session gets 401; without personal-data rights the content is 403', async () => {
    const { body } = await handler.get('/api/documents?matterType=complaint_item&matterId=' + (await accepted()))
    expect(body.items).toEqual([])
    const id = await accepted()
    const doc = (await handler.post(`/api/complaints/${id}/documents/acceptance`)).body
    expectError(await otherHandler.get(`/api/documents/${doc.id}`), 404, 'NOT_FOUND')
    expectError(await otherHandler.get(`/api/documents/${doc.id}/content`), 404, 'NOT_FOUND')
    expectError(await otherHandler.get(`/api/documents?matterType=complaint_item&matterId=${id}`), 404, 'NOT_FOUND')
    expectError(await otherHandler.post(`/api/complaints/${id}/documents/acceptance`), 404, 'NOT_FOUND')
    expectError(await t.anon.get(`/api/documents/${doc.id}`), 401, 'UNAUTHENTICATED')
    expectError(await t.anon.get(`/api/documents/${doc.id}/content`), 401, 'UNAUTHENTICATED')
    // The 12315 operator reads the item but may not see the complainant's name: metadata yes, content no.
    expectOk(await operator.get(`/api/documents/${doc.id}`))
    expectError(await operator.get(`/api/documents/${doc.id}/content`), 403, 'FORBIDDEN')
  })
})

describe('one HTML builder', () => {
  it('the daily report (日报) prints on the engine’s A4 page, unnumbered', async () => {
    const leader = await t.login('leader')
    const r = await leader.get('/api/complaint-reports/daily?format=html')
    expect(r.status).toBe(200)
    expect(r.raw).toContain('@page{size:A4')
    expect(r.raw).toContain('<div class="sheet report">')
    expect(r.raw).toContain('投诉举报咨询日报')
    expect(r.raw).not.toContain('data-docno')
  })
})

describe('issuing unit abbreviation (发文机关代字)', () => {
  it('is set per unit by an org administrator; numbers use it, a unit without one falls back to its name', async () => {
    const admin = await t.login('admin')
    const jf = await unitId(t, 'JZ-410802')
    expectError(await handler.put(`/api/documents/issuers/${jf}`, { abbreviation: '解市监' }), 403, 'FORBIDDEN')
    expectError(await admin.put(`/api/documents/issuers/${jf}`, { abbreviation: '<b>' }), 400, 'VALIDATION')
    const set = await admin.put(`/api/documents/issuers/${jf}`, { abbreviation: '解市监' })
    expectOk(set)
    expect(set.body).toMatchObject({ abbreviation: '解市监', effective: '解市监' })
    const id = await accepted()
    expect((await handler.post(`/api/complaints/${id}/documents/acceptance`)).body.docNo).toMatch(/^解市监投受告〔2026〕\d+号$/)
    const cleared = await admin.put(`/api/documents/issuers/${jf}`, { abbreviation: null })
    expect(cleared.body.effective).toBe('焦作市解放区市监')
    const id2 = await accepted()
    expect((await handler.post(`/api/complaints/${id2}/documents/acceptance`)).body.docNo).toMatch(/^焦作市解放区市监投受告〔2026〕\d+号$/)
    expectOk(await admin.put(`/api/documents/issuers/${jf}`, { abbreviation: '焦解市监' }))
    expect((await auditRecords(t, { action: 'org.doc_abbreviation' })).length).toBe(3)
  })
})

describe('reporter notices', () => {
  async function report(anonymous: boolean) {
    const r = await operator.post('/api/complaints', {
      types: ['report'],
      channel: 'hotline',
      category: 'price',
      summary: '超市哄抬口罩价格',
      request: '请求查处',
      facts: '口罩每只售价30元。',
      ...(anonymous ? { anonymous: true } : { persons: [REPORTER] }),
      respondent: { entityId: shopId, name: 'x' },
      dispatchToUnitId: await unitId(t, STATION),
    })
    expectOk(r, 201)
    return r.body.items[0].id as string
  }

  it('a real-name reporter gets a 不予立案告知书 addressed to them; the name never reaches lists, metadata or the audit trail', async () => {
    const id = await report(false)
    await act(handler, id, { action: 'not_file', reasonCode: 'NO_VIOLATION' })
    const doc = await handler.post(`/api/complaints/${id}/documents/report_not_filed`)
    expectOk(doc)
    expect(doc.body.docNo).toBe('焦解市监举不立告〔2026〕1号')
    expect(JSON.stringify(doc.body)).not.toContain(REPORTER.name)
    // The handler issues it but cannot read the reporter's name (Art 33): only reporter.view can.
    expectError(await handler.get(`/api/documents/${doc.body.id}/content`), 403, 'FORBIDDEN')
    const list = await handler.get(`/api/complaints/${id}/documents`)
    expect(list.raw).not.toContain(REPORTER.name)
    const html = await custodian.get(`/api/documents/${doc.body.id}/content`)
    expect(html.status).toBe(200)
    expect(html.raw).toContain(`${REPORTER.name}：`)
    expect(html.raw).toContain('违法事实不成立')
    expect(html.raw).not.toContain(REPORTER.phone)
    for (const r of await auditRecords(t, { targetId: id })) expect(JSON.stringify(r)).not.toContain(REPORTER.name)
  })

  it('an anonymous report gets no reporter notice', async () => {
    const id = await report(true)
    await act(handler, id, { action: 'not_file', reasonCode: 'NO_VIOLATION' })
    expectError(await handler.post(`/api/complaints/${id}/documents/report_not_filed`), 400, 'VALIDATION', /匿名/)
    expect((await handler.get(`/api/complaints/${id}/documents`)).body.items).toEqual([])
  })
})
