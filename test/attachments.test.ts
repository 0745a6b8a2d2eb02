import { readdirSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as migration from '../src/core/db/migrations/20261208020000_attachments'
import { composeUscc } from '../src/modules/entities'
import { TINY_PDF, TINY_PNG } from './files'
import { buildTestApp, createActiveUser, expectError, expectOk, STRONG_PASSWORD, type Client, type TestApp } from './helpers'

/*
 * The one attachment store through the 12315 routes (the old API and response shapes): type from
 * the bytes, size limits, nothing stored on a refusal, another district's item is a 404, and rows
 * backfilled from the old complaint_attachment table (bytes in the database) stay readable.
 */
let t: TestApp
let operator: Client
let otherHandler: Client
let itemId: string

const rows = (id: string) =>
  t.s.deps.db.selectFrom('attachment').selectAll().where('ownerType', '=', 'complaint_item').where('ownerId', '=', id).orderBy('uploadedAt').execute()
const storedFiles = () => {
  try {
    return readdirSync(t.s.deps.config.files.dir, { recursive: true }).length
  } catch {
    return 0
  }
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true })
  const admin = await t.login('admin')
  operator = await t.login('operator')
  const shop = await admin.post('/api/entities', {
    uscc: composeUscc('92', '410802', 'MA0C0A01'),
    name: '焦作市解放区附件测试商行',
    businessAddress: '焦作市解放区民生街道人民路9号',
    businessDivision: '410802001',
    domicileDivision: '410802001',
  })
  expectOk(shop, 201)
  const r = await operator.post('/api/complaints', {
    types: ['complaint'],
    channel: 'hotline',
    category: 'quality',
    summary: '附件测试：购买的电饭煲无法加热',
    request: '要求退货退款',
    facts: '11月1日在该店购买电饭煲一台，使用三天后无法加热，商家拒绝退货。',
    persons: [{ name: '王小明', phone: '13800001111', address: '焦作市解放区民主路1号' }],
    respondent: { entityId: shop.body.id, name: '焦作市解放区附件测试商行' },
  })
  expectOk(r, 201)
  itemId = r.body.items[0].id
  // A case handler of another district (山阳区).
  const u = await createActiveUser(admin, t, { unitCode: 'JZ-410811', grants: [{ role: 'case_handler', unitCode: 'JZ-410811', scope: 'unit_tree' }] })
  otherHandler = await t.login(u.username, STRONG_PASSWORD)
})
afterAll(async () => t?.close())

describe('12315 attachments in the one store', () => {
  it('stores an accepted file by its hash with its sniffed type and serves it to the item’s readers only', async () => {
    const up = await operator.post(`/api/complaints/${itemId}/attachments`, {
      kind: 'evidence',
      fileName: '发票.png',
      contentBase64: TINY_PNG.toString('base64'),
    })
    expectOk(up)
    expect(up.body.attachments).toEqual([expect.objectContaining({ kind: 'evidence', fileName: '发票.png', mime: 'image/png', sizeBytes: TINY_PNG.length })])
    const [row] = await rows(itemId)
    expect(row).toMatchObject({ contentType: 'image/png', stored: 'file', content: null, scanStatus: 'not_scanned', confidential: 0 })
    const aid = up.body.attachments[0].id
    const got = await t.app.inject({ method: 'GET', url: `/api/complaints/${itemId}/attachments/${aid}`, headers: { cookie: operator.cookie! } })
    expect(got.statusCode).toBe(200)
    expect(got.headers['content-type']).toBe('image/png')
    expect(got.rawPayload.equals(TINY_PNG)).toBe(true)
    // Another district: the item does not exist for them, nor does its attachment.
    expectError(await otherHandler.get(`/api/complaints/${itemId}/attachments/${aid}`), 404, 'NOT_FOUND')
  })

  it('refuses a wrong type (zh-CN 400) and an oversized file (413), storing nothing', async () => {
    const before = [(await rows(itemId)).length, storedFiles()]
    expectError(
      await operator.post(`/api/complaints/${itemId}/attachments`, {
        kind: 'other',
        fileName: '说明.png',
        contentBase64: Buffer.from('就是一段文字').toString('base64'),
      }),
      400,
      'VALIDATION',
      '附件“说明.png”类型不支持：只接受 JPG、PNG、PDF、DOCX 文件',
    )
    expectError(
      await operator.post(`/api/complaints/${itemId}/attachments`, { kind: 'other', fileName: '说明.png', contentBase64: TINY_PDF.toString('base64') }),
      400,
      'VALIDATION',
      /与扩展名“\.png”不符/,
    )
    // One byte over 5 MB (within the JSON schema's base64 bound): the store's own limit answers.
    const big = Buffer.concat([TINY_PNG, Buffer.alloc(5 * 1024 * 1024 + 1 - TINY_PNG.length)])
    expectError(
      await operator.post(`/api/complaints/${itemId}/attachments`, { kind: 'other', fileName: '大图.png', contentBase64: big.toString('base64') }),
      413,
      'PAYLOAD_TOO_LARGE',
      /超过 5 MB/,
    )
    expect([(await rows(itemId)).length, storedFiles()]).toEqual(before)
  })

  it('keeps rows of the old complaint_attachment table readable after the backfill (same id, bytes from the database)', async () => {
    const db = t.s.deps.db
    // Back to the two old tables (this file's rows go with them), add a row from before the file store, and migrate again.
    await migration.down(db)
    const legacyId = '00000000-0000-4000-8000-00000000a001'
    await sql`insert into complaint_attachment (id, item_id, kind, file_name, mime, size_bytes, sha256, content, uploaded_by, uploaded_at, stored)
      values (${legacyId}, ${itemId}, 'evidence', ${'旧收据.pdf'}, 'application/pdf', ${TINY_PDF.length}, ${'0'.repeat(64)}, ${TINY_PDF}, null, '2026-11-01T02:00:00.000Z', 'db')`.execute(
      db,
    )
    await migration.up(db)
    const all = await rows(itemId)
    expect(all.map((a) => [a.id, a.fileName, a.stored, a.kind])).toEqual([
      [legacyId, '旧收据.pdf', 'db', 'evidence'],
      [expect.any(String), '发票.png', 'file', 'evidence'],
    ])
    const d = await operator.get(`/api/complaints/${itemId}`)
    expect(d.body.attachments.map((a: { fileName: string; mime: string }) => [a.fileName, a.mime])).toEqual([
      ['旧收据.pdf', 'application/pdf'],
      ['发票.png', 'image/png'],
    ])
    const got = await t.app.inject({ method: 'GET', url: `/api/complaints/${itemId}/attachments/${legacyId}`, headers: { cookie: operator.cookie! } })
    expect(got.statusCode).toBe(200)
    expect(got.rawPayload.equals(TINY_PDF)).toBe(true)
    const png = await t.app.inject({ method: 'GET', url: `/api/complaints/${itemId}/attachments/${all[1]!.id}`, headers: { cookie: operator.cookie! } })
    expect(png.rawPayload.equals(TINY_PNG)).toBe(true)
  })
})
