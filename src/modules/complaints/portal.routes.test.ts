import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, expectError, expectOk, mutableClock, unitId, type Client, type MutableClock, type TestApp } from '../../../test/helpers'
import { TINY_PNG } from '../../../test/files'
import { solveChallenge } from './complaints.portal'

/*
 * The public 12315 pages' server side (issue 12, points 11–12): the form's purchase facts,
 * consultation type and attachments (file store outside the database), tracking in the citizen's
 * words with the next deadline, the outcome and the served notices, and query-code recovery.
 */
let t: TestApp
let clock: MutableClock
let operator: Client
let handler: Client

const PNG = TINY_PNG
const PDF = Buffer.from('%PDF-1.4\n% e-invoice\n')
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml')])

async function submit(extra: Record<string, unknown> = {}) {
  const ch = await t.anon.get('/api/public/complaints/challenge')
  expectOk(ch)
  return t.anon.post('/api/public/complaints', {
    challenge: ch.body.token,
    nonce: solveChallenge(ch.body.token, ch.body.difficulty),
    type: 'complaint',
    category: 'contract',
    summary: '健身房闭店不退预付款',
    request: '退还剩余会费',
    facts: '办理年卡后健身房突然闭店。',
    name: '赵公众',
    phone: '137 0000 3333',
    address: '焦作市解放区建设路2号',
    respondentName: '焦作市解放区某健身会所',
    respondentAddress: '焦作市解放区人民路8号',
    respondentDivision: '410802001',
    privacyAccepted: true,
    ...extra,
  })
}
const track = (itemNo: string, queryCode: string) => t.anon.post('/api/public/complaints/track', { itemNo, queryCode })
async function act(c: Client, id: string, body: Record<string, unknown>) {
  const cur = await c.get(`/api/complaints/${id}`)
  return c.post(`/api/complaints/${id}/transitions`, { expectedVersion: cur.body.version, ...body })
}
const itemCount = async () =>
  Number(
    (
      await t.s.deps.db
        .selectFrom('complaintItem')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

beforeAll(async () => {
  clock = mutableClock('2026-11-23T02:00:00Z') // Monday, 10:00 Beijing
  t = await buildTestApp({ demo: true, clock, env: { RATE_LIMIT_PUBLIC_PER_MINUTE: '100000' } })
  operator = await t.login('operator')
  handler = await t.login('handler')
})
afterAll(async () => t?.close())

describe('public form: purchase facts, consultation, attachments', () => {
  it('takes the purchase date and amount (integer fen) and photos/receipts, stored outside the database by hash', async () => {
    const r = await submit({
      purchasedOn: '2026-10-01',
      amountFen: 199900,
      attachments: [
        { fileName: '收据.png', contentBase64: PNG.toString('base64') },
        { fileName: '电子发票.pdf', contentBase64: PDF.toString('base64') },
      ],
    })
    expectOk(r, 201)
    const row = await t.s.deps.db.selectFrom('complaintItem').selectAll().where('itemNo', '=', r.body.itemNo).executeTakeFirstOrThrow()
    expect(row.purchasedOn).toBe('2026-10-01')
    expect(Number(row.amountClaimedFen)).toBe(199900)
    const atts = await t.s.deps.db
      .selectFrom('attachment')
      .selectAll()
      .where('ownerType', '=', 'complaint_item')
      .where('ownerId', '=', row.id)
      .orderBy('fileName')
      .execute()
    expect(atts.map((a) => [a.fileName, a.contentType, a.stored, a.content, a.scanStatus])).toEqual([
      ['收据.png', 'image/png', 'file', null, 'not_scanned'],
      ['电子发票.pdf', 'application/pdf', 'file', null, 'not_scanned'],
    ])
    const dir = t.s.deps.config.files.dir
    for (const a of atts) expect(existsSync(join(dir, a.sha256.slice(0, 2), a.sha256))).toBe(true)
    expect(readFileSync(join(dir, atts[0]!.sha256.slice(0, 2), atts[0]!.sha256)).equals(PNG)).toBe(true)
    // Staff see and download them; the detail shows the purchase date.
    const d = await operator.get(`/api/complaints/${row.id}`)
    expect(d.body.purchasedOn).toBe('2026-10-01')
    expect(d.body.amountClaimedFen).toBe(199900)
    const got = await t.app.inject({ method: 'GET', url: `/api/complaints/${row.id}/attachments/${atts[0]!.id}`, headers: { cookie: operator.cookie! } })
    expect(got.statusCode).toBe(200)
    expect(got.rawPayload.equals(PNG)).toBe(true)
    expect((await auditRecords(t, { action: 'complaint.attachment.add', targetId: row.id })).length).toBe(2)
    // Every view of a 12315 attachment is audited.
    const views = await auditRecords(t, { action: 'complaint.attachment.view', targetId: row.id })
    expect(views).toHaveLength(1)
    expect(JSON.parse(String(views[0]!.afterJson))).toMatchObject({ attachmentId: atts[0]!.id, fileName: '收据.png', sha256: atts[0]!.sha256 })
    // A complaint's files do not identify a reporter: not confidential.
    expect(d.body.attachments.map((a: { confidential: boolean }) => a.confidential)).toEqual([false, false])
  })

  it('marks the files a reporter uploads confidential: served only to reporter.view, their name hidden from everyone else', async () => {
    const r = await submit({
      type: 'report',
      category: 'food_safety',
      summary: '餐馆后厨使用过期原料',
      request: '依法查处',
      facts: '在后厨拍到过期原料。',
      respondentName: '焦作市解放区某餐馆',
      attachments: [{ fileName: '赵公众拍摄-后厨.png', contentBase64: PNG.toString('base64') }],
    })
    expectOk(r, 201)
    const row = await t.s.deps.db.selectFrom('complaintItem').selectAll().where('itemNo', '=', r.body.itemNo).executeTakeFirstOrThrow()
    const [att] = await t.s.deps.db.selectFrom('attachment').selectAll().where('ownerId', '=', row.id).execute()
    expect(Number(att!.confidential)).toBe(1)
    // The operator reads the item but sees neither the file's name nor its bytes.
    const d = await operator.get(`/api/complaints/${row.id}`)
    expectOk(d)
    expect(d.body.attachments).toEqual([expect.objectContaining({ id: att!.id, confidential: true, fileName: '保密附件（可能识别举报人）' })])
    expect(JSON.stringify(d.body)).not.toContain('赵公众拍摄')
    expectError(await operator.get(`/api/complaints/${row.id}/attachments/${att!.id}`), 403, 'FORBIDDEN', /举报人/)
    expect(await auditRecords(t, { action: 'complaint.attachment.view', targetId: row.id })).toHaveLength(0)
    // Neither the upload's audit record nor the timeline carries the name.
    const added = await auditRecords(t, { action: 'complaint.attachment.add', targetId: row.id })
    expect(added).toHaveLength(1)
    expect(JSON.stringify(added)).not.toContain('赵公众拍摄')
    // The reporter-information custodian (reporter.view) gets it, and the view is audited without the name.
    const custodian = await t.login('custodian')
    const dc = await custodian.get(`/api/complaints/${row.id}`)
    expect(dc.body.attachments[0]).toMatchObject({ confidential: true, fileName: '赵公众拍摄-后厨.png' })
    const got = await t.app.inject({ method: 'GET', url: `/api/complaints/${row.id}/attachments/${att!.id}`, headers: { cookie: custodian.cookie! } })
    expect(got.statusCode).toBe(200)
    expect(got.rawPayload.equals(PNG)).toBe(true)
    const views = await auditRecords(t, { action: 'complaint.attachment.view', targetId: row.id })
    expect(views).toHaveLength(1)
    expect(JSON.parse(String(views[0]!.afterJson))).toEqual({ attachmentId: att!.id, confidential: true, sha256: att!.sha256 })
  })

  it('takes a consultation (no respondent needed, a phone to answer on)', async () => {
    const r = await submit({
      type: 'consultation',
      category: 'online_shopping',
      respondentName: undefined,
      respondentAddress: undefined,
      respondentDivision: undefined,
      address: undefined,
    })
    expectOk(r, 201)
    expect(r.body.itemNo).toMatch(/^ZX2026/)
    expectError(await submit({ type: 'consultation', phone: undefined, respondentName: undefined }), 400, 'VALIDATION', /咨询须填写姓名和联系电话/)
  })

  it('refuses a disguised or unsupported file, too many files, a bad purchase date and a missing privacy consent — creating nothing', async () => {
    const before = await itemCount()
    expectError(
      await submit({ attachments: [{ fileName: 'photo.png', contentBase64: Buffer.from('<script>alert(1)</script>').toString('base64') }] }),
      400,
      'VALIDATION',
      /类型不支持/,
    )
    expectError(await submit({ attachments: [{ fileName: '合同.docx', contentBase64: DOCX.toString('base64') }] }), 400, 'VALIDATION', /JPG、PNG、PDF/)
    expectError(await submit({ attachments: [{ fileName: 'photo.pdf', contentBase64: PNG.toString('base64') }] }), 400, 'VALIDATION', /扩展名/)
    expectError(
      await submit({ attachments: Array.from({ length: 5 }, (_, i) => ({ fileName: `${i}.png`, contentBase64: PNG.toString('base64') })) }),
      400,
      'VALIDATION',
      /最多上传 4 个/,
    )
    expectError(await submit({ attachments: [{ fileName: 'big.png', contentBase64: 'A'.repeat(4_300_000) }] }), 400, 'VALIDATION', /3 MB/)
    expectError(await submit({ purchasedOn: '2026-11-24' }), 400, 'VALIDATION', /不晚于今天/)
    expectError(await submit({ purchasedOn: '2026-02-30' }), 400, 'VALIDATION', /日期不存在/)
    expectError(await submit({ purchasedOn: '2026-13-05' }), 400, 'VALIDATION')
    expectError(await submit({ amountFen: 12.5 }), 400, 'VALIDATION', /整数/)
    expectError(await submit({ privacyAccepted: undefined }), 400, 'VALIDATION', /个人信息保护/)
    expect(await itemCount()).toBe(before)
  })
})

describe('public tracking in the citizen’s words', () => {
  it('says where the item stands, the next deadline, what was agreed, and offers the served notices (masked names, own item only)', async () => {
    const r = await submit({ name: '赵公众' })
    expectOk(r, 201)
    const { itemNo, queryCode } = r.body
    const row = await t.s.deps.db.selectFrom('complaintItem').selectAll().where('itemNo', '=', itemNo).executeTakeFirstOrThrow()
    let tr = await track(itemNo, queryCode)
    expectOk(tr)
    expect(tr.body.stateLabel).toBe('已收到，正在转交承办单位')
    expect(tr.raw).not.toContain('待分送')
    // Received Monday 2026-11-23: acceptance decided within 7 working days → Wednesday 2026-12-02.
    expect(tr.body.nextStep).toEqual({ dueOn: '2026-12-02', text: '承办单位应于2026年12月2日前决定是否受理' })
    expect(tr.body.documents).toEqual([])
    expectError(await t.anon.post('/api/public/complaints/documents', { itemNo, queryCode, kind: 'acceptance' }), 404, 'NOT_FOUND')

    expectOk(await act(operator, row.id, { action: 'dispatch', unitId: await unitId(t, 'JZ-410802-S01') }))
    expectOk(await act(handler, row.id, { action: 'accept' }))
    tr = await track(itemNo, queryCode)
    expect(tr.body.stateLabel).toBe('已受理，承办单位正在组织双方调解')
    expect(tr.body.nextStep.text).toMatch(/^承办单位应于\d{4}年\d{1,2}月\d{1,2}日前结束调解$/)
    expect(tr.body.documents).toEqual([{ kind: 'acceptance', title: '受理告知书' }])
    const doc = await t.anon.post('/api/public/complaints/documents', { itemNo, queryCode, kind: 'acceptance' })
    expect(doc.status).toBe(200)
    expect(doc.headers['content-type']).toContain('text/html')
    expect(doc.headers['content-disposition']).toContain('attachment')
    expect(doc.raw).toContain('受理告知书')
    expect(doc.raw).toContain(itemNo)
    expect(doc.raw).toContain('赵*众')
    expect(doc.raw).not.toContain('赵公众')
    expect((await auditRecords(t, { action: 'complaint.portal.document', targetId: row.id })).length).toBe(1)
    // Wrong code: the same 404 as an unknown number.
    expectError(await t.anon.post('/api/public/complaints/documents', { itemNo, queryCode: 'WRONGCODE1', kind: 'acceptance' }), 404, 'NOT_FOUND')
    expectError(await t.anon.post('/api/public/complaints/documents', { itemNo, queryCode, kind: 'termination' }), 404, 'NOT_FOUND')

    expectOk(await act(handler, row.id, { action: 'conclude', outcome: 'agreement_with_doc', recoveredFen: 88000 }))
    tr = await track(itemNo, queryCode)
    expect(tr.body.outcomeText).toBe('经调解，您与经营者达成调解协议，并制作了调解书，为您挽回经济损失 880.00 元。')
  })

  it('shows a consultation’s answer to the person who asked', async () => {
    const r = await submit({ type: 'consultation', category: 'price', respondentName: undefined })
    const row = await t.s.deps.db.selectFrom('complaintItem').selectAll().where('itemNo', '=', r.body.itemNo).executeTakeFirstOrThrow()
    expectOk(await act(operator, row.id, { action: 'answer', answer: '经营者应当明码标价，不得收取未标明的费用。' }))
    const tr = await track(r.body.itemNo, r.body.queryCode)
    expect(tr.body).toMatchObject({ stateLabel: '已办结', closed: true, answerText: '经营者应当明码标价，不得收取未标明的费用。', nextStep: null })
  })
})

describe('query-code recovery', () => {
  const recover = (itemNo: string, phone: string) => t.anon.post('/api/public/complaints/recover', { itemNo, phone })

  it('gives a new code for the item number plus the phone given (old code stops working); any other pair gets the same answer shape with a code that works nowhere', async () => {
    clock.advance(2 * 3600_000)
    const r = await submit()
    const { itemNo, queryCode } = r.body
    const ok = await recover(itemNo.toLowerCase(), '13700003333')
    expectOk(ok)
    expect(Object.keys(ok.body).sort()).toEqual(['itemNo', 'queryCode'])
    expect(ok.body.queryCode).toMatch(/^[A-Z2-9]{10}$/)
    expectOk(await track(itemNo, ok.body.queryCode))
    expectError(await track(itemNo, queryCode), 404, 'NOT_FOUND')
    expect((await auditRecords(t, { action: 'complaint.portal.recover' })).length).toBe(1)

    const wrongPhone = await recover(itemNo, '13900009999')
    const unknownNo = await recover('TS20269999999', '13700003333')
    for (const x of [wrongPhone, unknownNo]) {
      expect(x.status).toBe(200)
      expect(Object.keys(x.body).sort()).toEqual(['itemNo', 'queryCode'])
      expect(x.body.queryCode).toMatch(/^[A-Z2-9]{10}$/)
    }
    expectError(await track(itemNo, wrongPhone.body.queryCode), 404, 'NOT_FOUND')
    expectError(await track('TS20269999999', unknownNo.body.queryCode), 404, 'NOT_FOUND')
    // The right code still works: a wrong pair changes nothing.
    expectOk(await track(itemNo, ok.body.queryCode))
    expect((await auditRecords(t, { action: 'complaint.portal.recover' })).length).toBe(1)
  })

  it('limits attempts per item number (a day) alike for known and unknown numbers, and per client address (an hour)', async () => {
    clock.advance(2 * 3600_000)
    const r = await submit()
    for (let i = 0; i < 5; i++) expectOk(await recover(r.body.itemNo, '13900000000'))
    for (let i = 0; i < 5; i++) expectOk(await recover('TS20268888888', '13900000000'))
    // Both numbers have used their five: the right phone is refused too, and so is the unknown number — the same 429.
    expectError(await recover(r.body.itemNo, '13700003333'), 429, 'RATE_LIMITED', /次数过多/)
    expectError(await recover('TS20268888888', '13700003333'), 429, 'RATE_LIMITED', /次数过多/)
    // Ten attempts from this address this hour: a fresh number is refused as well.
    expectError(await recover('TS20267777777', '13700003333'), 429, 'RATE_LIMITED')
    // An hour later the address may try again; the item number stays closed until the next day.
    clock.advance(3600_000 + 1000)
    expectError(await recover(r.body.itemNo, '13700003333'), 429, 'RATE_LIMITED')
    clock.advance(24 * 3600_000)
    const again = await recover(r.body.itemNo, '13700003333')
    expectOk(again)
    expectOk(await track(r.body.itemNo, again.body.queryCode))
  })

  it('refuses a malformed phone or number with 400', async () => {
    expectError(await recover('', '13700003333'), 400, 'VALIDATION')
    expectError(await recover('TS2026', 'abc'), 400, 'VALIDATION', /电话/)
  })
})

describe('public site header and footer', () => {
  it('names the bureau and the centre for every public page, and the filing numbers only when configured', async () => {
    const r = await t.anon.get('/api/public/site')
    expectOk(r)
    expect(r.body).toEqual({ bureauName: '焦作市市场监督管理局', centreName: expect.stringContaining('12315'), hotline: '12315', icp: null, govId: null })
  })
})
