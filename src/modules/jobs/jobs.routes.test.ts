import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, expectError, expectOk, mutableClock, type Client, type TestApp } from '../../../test/helpers'
import { composeUscc } from '../entities'

/**
 * The task centre over HTTP: exports started as jobs, run by the runner, downloaded from the file
 * store; a job is seen only by its creator and by administrators over its unit.
 */
describe('background jobs over HTTP (/api/jobs)', () => {
  let t: TestApp
  let admin: Client, leader: Client, operator: Client, jfadmin: Client
  const run = () => t.s.jobs.jobs.createRunner({ owner: 'test' }).drain()

  beforeAll(async () => {
    t = await buildTestApp({ demo: true, clock: mutableClock('2026-11-23T02:00:00Z') })
    admin = await t.login('admin')
    leader = await t.login('leader')
    operator = await t.login('operator')
    jfadmin = await t.login('jfadmin')
    const e = await admin.post('/api/entities', {
      uscc: composeUscc('92', '410802', 'MA0C7702'),
      name: '焦作市解放区任务导出测试商行',
      businessAddress: '焦作市解放区人民路2号',
      businessDivision: '410802001',
      domicileDivision: '410802001',
    })
    expectOk(e, 201)
    for (let k = 1; k <= 3; k++) {
      expectOk(
        await operator.post('/api/complaints', {
          types: ['complaint'],
          channel: 'hotline',
          category: 'quality',
          summary: `任务导出第${k}件`,
          request: '要求退货',
          facts: '购买的商品有质量问题，商家拒绝退货。',
          persons: [{ name: '王小明', phone: '13800001111', address: '焦作市解放区民主路1号' }],
          respondent: { entityId: e.body.id, name: '焦作市解放区任务导出测试商行' },
        }),
        201,
      )
    }
  })
  afterAll(async () => t?.close())

  const sheet = async (bytes: Buffer) => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
    return wb.worksheets[0]!.getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1).map(String))
  }

  it('401 without a session', async () => {
    expectError(await t.anon.get('/api/jobs'), 401, 'UNAUTHENTICATED')
    expectError(await t.anon.get('/api/jobs/0192f5a0-0000-7000-8000-000000000000/download'), 401, 'UNAUTHENTICATED')
  })

  it('exports the 12315 list as a job: queued, run, succeeded at 100 %, the download is the xlsx with the rows; another user gets 404', async () => {
    const started = await leader.post('/api/jobs', { kind: 'complaint.export', payload: { q: '任务导出' } })
    expectOk(started, 202)
    expect(started.body).toMatchObject({ kind: 'complaint.export', label: '导出诉求件（Excel）', state: 'queued', download: null, createdByName: '李卫东' })
    const id = started.body.id as string
    const mine = await leader.get('/api/jobs')
    expect(mine.body.items[0]).toMatchObject({ id, state: 'queued' })
    expectError(await leader.get(`/api/jobs/${id}/download`), 409, 'CONFLICT', '任务尚未完成，暂无文件可下载')

    await run()
    const done = await leader.get(`/api/jobs/${id}`)
    expectOk(done)
    expect(done.body).toMatchObject({ state: 'succeeded', progress: { done: 3, total: 3, percent: 100 }, error: null, download: { rows: 3 } })
    expect(done.body.download.name).toMatch(/^诉求件-\d{4}-\d{2}-\d{2}\.xlsx$/)

    const file = await t.app.inject({ method: 'GET', url: `/api/jobs/${id}/download`, headers: { cookie: leader.cookie! } })
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(file.headers['content-disposition']).toContain(encodeURIComponent(done.body.download.name))
    const rows = await sheet(file.rawPayload)
    expect(rows[0]![0]).toBe('编号')
    expect(
      rows
        .slice(1)
        .map((r) => r[4])
        .sort(),
    ).toEqual(['任务导出第1件', '任务导出第2件', '任务导出第3件'])
    // Exported under the creator's name in the audit trail, from the job.
    const audited = await t.s.deps.db
      .selectFrom('auditLog')
      .select(['actorName', 'requestId', 'targetLabel'])
      .where('action', '=', 'complaint.export')
      .execute()
    expect(audited).toContainEqual({ actorName: expect.stringContaining('李卫东'), requestId: `job:${id}`, targetLabel: '导出 3 件' })

    // Another user: the job does not exist for them; a district admin's reach does not cover the city.
    for (const other of [operator, jfadmin]) {
      expectError(await other.get(`/api/jobs/${id}`), 404, 'NOT_FOUND')
      expectError(await other.get(`/api/jobs/${id}/download`), 404, 'NOT_FOUND')
      expectError(await other.post(`/api/jobs/${id}/cancel`, {}), 404, 'NOT_FOUND')
      expect((await other.get('/api/jobs')).body.items.map((j: { id: string }) => j.id)).not.toContain(id)
    }
    // The city's administrator sees it (user.manage over the job's unit).
    expect((await admin.get(`/api/jobs/${id}`)).body.state).toBe('succeeded')
  })

  it('exports the register as a job', async () => {
    const started = await admin.post('/api/jobs', { kind: 'entity.export', payload: { name: '任务导出测试' } })
    expectOk(started, 202)
    await run()
    const done = await admin.get(`/api/jobs/${started.body.id}`)
    expect(done.body).toMatchObject({ state: 'succeeded', download: { rows: 1 } })
    const file = await t.app.inject({ method: 'GET', url: `/api/jobs/${started.body.id}/download`, headers: { cookie: admin.cookie! } })
    const rows = await sheet(file.rawPayload)
    expect(rows[1]![2]).toBe('焦作市解放区任务导出测试商行')
  })

  it('validates the payload per kind, checks the export permission, cancels a queued job', async () => {
    expectError(await leader.post('/api/jobs', { kind: 'complaint.export', payload: { type: 'nonsense' } }), 400, 'VALIDATION', '任务参数无效')
    // Only the exports the modules declare may be started; a scheduled kind may not.
    expectError(
      await leader.post('/api/jobs', { kind: 'audit.checkpoint', payload: {} }),
      400,
      'VALIDATION',
      /^任务类型应为：.*complaint\.export（导出诉求件（Excel））/,
    )
    // The operator has no entity.export.
    expectError(await operator.post('/api/jobs', { kind: 'entity.export', payload: {} }), 403, 'FORBIDDEN')
    const q = await leader.post('/api/jobs', { kind: 'complaint.export', payload: {} })
    const c = await leader.post(`/api/jobs/${q.body.id}/cancel`, {})
    expectOk(c)
    expect(c.body.state).toBe('cancelled')
    await run()
    expect((await leader.get(`/api/jobs/${q.body.id}`)).body.state).toBe('cancelled')
    expectError(await leader.get(`/api/jobs/${q.body.id}/download`), 409, 'CONFLICT')
  })
})
