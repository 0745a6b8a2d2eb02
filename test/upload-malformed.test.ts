import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, expectError, type Client, type TestApp } from './helpers'

/*
 * Malformed multipart requests on every upload endpoint are the client's error (400, zh-CN), never
 * a 500: a Content-Type without its boundary, and a body cut off in the middle of a part.
 */

const SAMPLE_UUID = '0190c0de-1234-7abc-8def-0123456789ab'

describe('upload endpoints refuse malformed multipart requests with 400', () => {
  let t: TestApp
  let admin: Client, operator: Client, random: Client, inspector: Client, credit: Client
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
    admin = await t.login('admin')
    operator = await t.login('operator')
    random = await t.login('random')
    inspector = await t.login('inspector')
    credit = await t.login('credit')
  })
  afterAll(async () => {
    await t?.close()
  })

  const endpoints = (): Array<[Client, string]> => [
    [admin, '/api/entities-import/jobs'],
    [operator, '/api/complaints/imports'],
    [credit, '/api/credit/annual-report-imports'],
    [admin, '/api/inspection-items/import'],
    [random, `/api/inspection-lists/import?name=%E5%90%8D%E5%BD%95&unitId=${SAMPLE_UUID}`],
    [inspector, `/api/inspection-targets/${SAMPLE_UUID}/attachments`],
  ]

  it('a multipart Content-Type without a boundary', async () => {
    for (const [client, url] of endpoints()) {
      for (const ct of ['multipart/form-data', 'multipart/form-data; charset=utf-8', 'multipart/form-data; boundary=']) {
        const r = await client.request('POST', url, 'abc', { 'content-type': ct })
        expectError(r, 400, 'VALIDATION', /boundary/)
      }
    }
  })

  it('a body cut off inside a part, or not multipart at all after the header', async () => {
    const cut = '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nuscc,name\r\n'
    for (const [client, url] of endpoints()) {
      for (const body of [cut, 'garbage without any boundary line', '--XX\r\nContent-Disp']) {
        const r = await client.request('POST', url, body, { 'content-type': 'multipart/form-data; boundary=XX' })

        expect(r.status, `${url} ${JSON.stringify(body)} → ${r.raw}`).toBe(400)
        expect(r.body?.error?.message ?? '', r.raw).toMatch(/[\u4e00-\u9fff]/)
      }
    }
  })
})
