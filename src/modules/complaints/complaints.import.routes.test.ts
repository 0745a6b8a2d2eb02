import { createHash } from 'node:crypto'
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, expectError, expectOk, mutableClock, rawSql, type Client, type TestApp } from '../../../test/helpers'
import { composeUscc } from '../entities'

/**
 * National-platform import (issue 12 point 4): every malformed value is a row error — never a 500
 * that loses the batch — and every import appears in the one import history (GET /api/imports).
 */
function multipart(fileName: string, content: string) {
  const boundary = `----jg${Math.random().toString(16).slice(2)}`
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { body, type: `multipart/form-data; boundary=${boundary}` }
}

const importDir = `/tmp/jg-test-imports-${process.pid}-${Date.now()}`
let t: TestApp
let operator: Client
let credit: Client
beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-11-23T02:00:00Z'), env: { IMPORT_DIR: importDir } })
  operator = await t.login('operator')
  credit = await t.login('credit')
})
afterAll(async () => {
  await t?.close()
  rmSync(importDir, { recursive: true, force: true })
})

const row = (no: string, receivedAt: unknown) => ({
  平台编号: no,
  类型: '投诉',
  接收时间: receivedAt,
  分类: '网络购物',
  摘要: '网购商品未发货',
  诉求: '退款',
  事实: '下单后十天未发货',
  姓名: '钱某某',
  电话: '13600003333',
  地址: '焦作市山阳区建设路1号',
  被投诉人: '焦作市某某商店',
  被投诉人地址: '焦作市解放区人民路2号',
})

describe('national platform import: malformed receipt times are row errors', () => {
  const bad: Array<[string, unknown, RegExp]> = [
    ['month 13', '2026-13-05', /月份 13 不存在/],
    ['30 February', '2026-02-30', /2026 年 2 月没有 30 日/],
    ['29 February of a common year, with a time', '2026-02-29 10:00', /2026 年 2 月没有 29 日/],
    ['31 November', '2026/11/31 08:00', /11 月没有 31 日/],
    ['hour 25', '2026-11-20 25:00', /时刻 25:00 不存在/],
    ['minute 61', '2026-11-20 10:61', /时刻 10:61 不存在/],
    ['words', '昨天下午', /接收时间格式应为/],
    ['a number', 20261105, /接收时间格式应为/],
    ['year 0', '0000-01-01', /年份 0000 不合理/],
    ['empty', '', /接收时间不能为空/],
    ['a month-13 ISO instant', '2026-13-05T10:00:00Z', /月份 13 不存在/],
  ]
  it('reports each as an error of its row and column, imports the good rows of the same batch', async () => {
    const rows = [row('GJ-T-OK1', '2026-11-20 09:30'), ...bad.map(([, v], i) => row(`GJ-T-BAD${i}`, v)), row('GJ-T-OK2', '2026-02-28T23:30:00+08:00')]
    const m = multipart('转办件.json', JSON.stringify(rows))
    const up = await operator.request('POST', '/api/complaints/imports', m.body, { 'content-type': m.type })
    expectOk(up, 201)
    expect(up.body).toMatchObject({ totalRows: rows.length, validRows: 2, errorRows: bad.length })
    const errs = await operator.get(`/api/complaints/imports/${up.body.id}/errors?pageSize=100`)
    expectOk(errs)
    bad.forEach(([what, , reason], i) => {
      const e = errs.body.items.filter((x: { rowNo: number }) => x.rowNo === i + 3)
      expect(e, what).toHaveLength(1)
      expect(e[0], what).toMatchObject({ column: '接收时间', reason: expect.stringMatching(reason) })
    })
    const done = await operator.post(`/api/complaints/imports/${up.body.id}/commit`, { mode: 'valid_only' })
    expectOk(done)
    expect(done.body.createdItems).toBe(2)
    const items = await t.s.deps.db
      .selectFrom('complaintItem')
      .select(['externalNo', 'receivedAt'])
      .where('externalNo', 'in', ['GJ-T-OK1', 'GJ-T-OK2'])
      .orderBy('externalNo')
      .execute()
    expect(items).toEqual([
      { externalNo: 'GJ-T-OK1', receivedAt: '2026-11-20T01:30:00.000Z' },
      { externalNo: 'GJ-T-OK2', receivedAt: '2026-02-28T15:30:00.000Z' },
    ])
  })

  it('the same through a CSV file', async () => {
    const csv = [
      '平台编号,类型,接收时间,分类,摘要,被投诉人',
      'GJ-C-1,投诉,2026-13-05,网络购物,未发货,某店',
      'GJ-C-2,投诉,2026-02-30 10:00,网络购物,未发货,某店',
      'GJ-C-3,constructor,2026-11-01,网络购物,未发货,某店',
    ].join('\n')
    const m = multipart('转办件.csv', csv)
    const up = await operator.request('POST', '/api/complaints/imports', m.body, { 'content-type': m.type })
    expectOk(up, 201)
    expect(up.body).toMatchObject({ totalRows: 3, validRows: 0, errorRows: 3 })
    const errs = await operator.get(`/api/complaints/imports/${up.body.id}/errors`)
    expect(errs.body.items.map((e: { rowNo: number; column: string }) => [e.rowNo, e.column])).toEqual([
      [2, '接收时间'],
      [3, '接收时间'],
      [4, '类型'],
    ])
  })
})

describe('import history (GET /api/imports)', () => {
  it('lists a finished 12315 import with who, when, status, counts and its error report', async () => {
    const m = multipart('历史批次.json', JSON.stringify([row('GJ-H-1', '2026-11-20 09:30'), row('GJ-H-2', '2026-13-05')]))
    const up = await operator.request('POST', '/api/complaints/imports', m.body, { 'content-type': m.type })
    expectOk(up, 201)
    expectOk(await operator.post(`/api/complaints/imports/${up.body.id}/commit`, { mode: 'valid_only' }))
    const h = await operator.get('/api/imports?kind=complaints')
    expectOk(h)
    expect(h.body.items[0]).toMatchObject({
      id: up.body.id,
      kind: 'complaints',
      kindLabel: '全国12315平台转办件',
      fileName: '历史批次.json',
      createdByName: '张晓燕',
      status: 'done',
      statusLabel: '已导入',
      totalRows: 2,
      validRows: 1,
      errorRows: 1,
      importedRows: 1,
      errorReportUrl: `/api/complaints/imports/${up.body.id}/error-report`,
      finishedAt: expect.any(String),
    })
    expect(h.body.total).toBeGreaterThanOrEqual(3)
    const report = await operator.get(h.body.items[0].errorReportUrl)
    expect(report.status).toBe(200)
    expect(String(report.headers['content-type'])).toMatch(/spreadsheetml/)
    // Each kind keeps its own permission: the 12315 operator may not read the register's imports.
    expectError(await operator.get('/api/imports?kind=entities'), 403, 'FORBIDDEN')
    const unknown = await operator.get('/api/imports?kind=nope')
    expectError(unknown, 400, 'VALIDATION')
    expect(unknown.body.error.message).toContain('complaints（全国12315平台转办件）')
    // The run (import_run) records the file's size and SHA-256 and the mode chosen.
    const [run] = await rawSql<{ sha256: string; fileSize: number; mode: string; data: string | null }>(
      t,
      `select sha256, file_size, mode, data from import_run where id = '${up.body.id}'`,
    )
    expect(run).toMatchObject({
      sha256: createHash('sha256')
        .update(m.body.subarray(m.body.indexOf('[{'), m.body.lastIndexOf(']') + 1))
        .digest('hex'),
      mode: 'valid_only',
      data: null,
    })
    expect(Number(run!.fileSize)).toBeGreaterThan(0)
    expectError(await t.anon.get('/api/imports?kind=complaints'), 401, 'UNAUTHENTICATED')
  })

  it('lists a finished register import the same way', async () => {
    const csv = `统一社会信用代码,名称,主体类型,经营场所行政区划\n${composeUscc('91', '410802', 'MA0H0001')},焦作市历史测试商行,企业,410802001\n123,坏行,企业,410802001\n`
    const m = multipart('名录.csv', csv)
    const up = await credit.request('POST', '/api/entities-import/jobs', m.body, { 'content-type': m.type })
    expectOk(up, 201)
    const wait = async (until: string[]) => {
      for (let i = 0; i < 400; i++) {
        const r = await credit.get(`/api/entities-import/jobs/${up.body.id}`)
        if (until.includes(r.body.status)) return r.body
        await new Promise((res) => setTimeout(res, 25))
      }
      throw new Error('import did not finish')
    }
    await wait(['validated'])
    expectOk(await credit.post(`/api/entities-import/jobs/${up.body.id}/commit`, { mode: 'valid_only' }))
    await wait(['done'])
    const h = await credit.get('/api/imports?kind=entities')
    expectOk(h)
    expect(h.body.items[0]).toMatchObject({
      id: up.body.id,
      kind: 'entities',
      fileName: '名录.csv',
      createdByName: '陈静',
      status: 'done',
      totalRows: 2,
      validRows: 1,
      errorRows: 1,
      importedRows: 1,
      errorReportUrl: `/api/entities-import/jobs/${up.body.id}/error-report`,
    })
    expectError(await credit.get('/api/imports?kind=complaints'), 403, 'FORBIDDEN')
  })
})
