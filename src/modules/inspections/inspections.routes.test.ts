import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { TINY_PDF, TINY_PNG } from '../../../test/files'
import * as attachmentsMigration from '../../core/db/migrations/20261208020000_attachments'
import {
  auditRecords,
  buildTestApp,
  createActiveUser,
  dialect,
  expectError,
  expectOk,
  multipartPost,
  rawSql,
  unitId,
  userId,
  type Client,
  type TestApp,
} from '../../../test/helpers'
import { composeUscc } from '../entities'

/**
 * 双随机、一公开 over HTTP on both engines: check items, the inspector register with declared
 * conflicts, plan → task → announcement (commitment) → draw (job) → assignments under the
 * constraints → results with their follow-ups → publication → public pages; redraws, infeasible
 * draws, data scope, immutability of the draw tables and verification against tampering.
 */

const code = (n: number, division = '410802') => composeUscc('91', division, `JC${String(n).padStart(6, '0')}`)
const JF_TOWNS = ['410802001', '410802002', '410802003', '410802004', '410802005', '410802006', '410802007', '410802008', '410802009']
const RISKS = ['A', 'B', 'C', 'D', null] as const

async function waitDraw(c: Client, jobId: string) {
  for (let i = 0; i < 600; i++) {
    const r = await c.get(`/api/inspection-draw-jobs/${jobId}`)
    expectOk(r)
    if (r.body.status === 'succeeded' || r.body.status === 'failed') return r.body
    await new Promise((res) => setTimeout(res, 20))
  }
  throw new Error('draw did not finish')
}

describe('double-random inspections over HTTP', () => {
  const dbDir = mkdtempSync(join(tmpdir(), 'jg-insp-db-'))
  let t: TestApp
  let admin: Client
  let random: Client
  let jfadmin: Client
  let handler: Client
  let inspectorDemo: Client
  const clients = new Map<string, Client>()
  const entityIds: string[] = []
  let jf: string
  let zf: string
  let conflictedUser: string
  let itemId: string
  let item2Id: string
  let taskId: string
  let firstDrawId: string
  let currentDraw: any

  beforeAll(async () => {
    // On SQLite a database file, as in production: the draw job then reads the register in its
    // reader thread (an in-memory database is read through the app's connection).
    t = await buildTestApp({
      demo: true,
      env: { IMPORT_DIR: `/tmp/jg-insp-imports-${process.pid}-${Date.now()}`, ...(dialect === 'sqlite' ? { SQLITE_PATH: join(dbDir, 'inspections.db') } : {}) },
    })
    admin = await t.login('admin')
    random = await t.login('random')
    jfadmin = await t.login('jfadmin')
    handler = await t.login('handler')
    inspectorDemo = await t.login('inspector')
    jf = await unitId(t, 'JZ-410802')
    zf = await unitId(t, 'JZ-410802-ZF')
    // 40 entities in 解放区 (8 per risk stratum), 3 in 山阳区.
    for (let i = 0; i < 43; i++) {
      const sy = i >= 40
      const r = await admin.post('/api/entities', {
        uscc: code(i + 1, sy ? '410811' : '410802'),
        name: `焦作市抽查测试${i + 1}号商贸有限公司`,
        legalRep: `法人${i + 1}`,
        businessDivision: sy ? '410811001' : JF_TOWNS[i % JF_TOWNS.length],
        riskClass: RISKS[i % 5],
        industryCode: 'F5211',
      })
      expectOk(r, 201)
      entityIds.push(r.body.id)
    }
    clients.set(await userId(t, 'inspector'), inspectorDemo)
    for (const [n, unitCode] of [
      [1, 'JZ-410802-ZF'],
      [2, 'JZ-410802-ZF'],
      [3, 'JZ-410802-S02'],
      [4, 'JZ-410802-S03'],
    ] as const) {
      const u = await createActiveUser(admin, t, {
        displayName: `检查员${n}`,
        unitCode,
        certNo: `豫A08209${n}`,
        grants: [{ role: 'inspector', unitCode, scope: 'unit' }],
      })
      clients.set(u.user.id, u.client)
    }
  })
  afterAll(async () => {
    await t?.close()
    rmSync(dbDir, { recursive: true, force: true })
  })

  it('requires a session everywhere but the public endpoints', async () => {
    for (const url of ['/api/inspection-tasks', '/api/inspection-items', '/api/inspection-inspectors', '/api/inspection-my-targets', '/api/inspection-plans'])
      expectError(await t.anon.get(url), 401, 'UNAUTHENTICATED')
    expectOk(await t.anon.get('/api/public/inspections/tasks'))
    expectOk(await t.anon.get('/api/public/inspections/announcements'))
  })

  it('maintains the check-item list (manage permission, bounded input, zh-CN errors)', async () => {
    const body = {
      code: 'JZ-DJ-001',
      name: '登记事项和公示信息情况的检查',
      legalBasis: '《企业信息公示暂行条例》第十四条',
      unitId: jf,
      isKey: false,
      checkMethod: '书面检查、实地核查',
      resultOptions: ['no_problem', 'corrected', 'unreachable', 'not_publicised', 'pending_followup'],
      businessLine: 'registration',
      entityKinds: ['enterprise'],
    }
    expectError(await inspectorDemo.post('/api/inspection-items', body), 403, 'FORBIDDEN')
    expectError(await random.post('/api/inspection-items', { ...body, resultOptions: [] }), 400, 'VALIDATION')
    const r = await random.post('/api/inspection-items', body)
    expectOk(r, 201)
    itemId = r.body.id
    expect(r.body).toMatchObject({ code: 'JZ-DJ-001', businessLineLabel: '登记注册与信息公示', isKey: false, unitName: '焦作市解放区市场监督管理局' })
    expectError(await random.post('/api/inspection-items', body), 409, 'CONFLICT', /已存在/)
    const r2 = await random.post('/api/inspection-items', {
      ...body,
      code: 'JZ-SP-001',
      name: '食品经营者落实主体责任情况的检查',
      businessLine: 'food',
      resultOptions: ['no_problem', 'corrected'],
    })
    expectOk(r2, 201)
    item2Id = r2.body.id
    const upd = await random.patch(`/api/inspection-items/${itemId}`, { expectedVersion: 1, isKey: true })
    expect(upd.body).toMatchObject({ isKey: true, version: 2 })
    expectError(await random.patch(`/api/inspection-items/${itemId}`, { expectedVersion: 1, isKey: false }), 409, 'CONFLICT')
  })

  it('imports the item list from Excel (valid rows in, bad cells in the error report) and exports it', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('事项')
    ws.addRow(['事项编码', '事项名称', '法律依据', '实施部门', '适用主体类型', '事项类别', '检查方式', '检查结果选项', '业务条线', '状态'])
    ws.addRow([
      'JZ-JG-001',
      '明码标价情况的检查',
      '《价格法》第十三条',
      'JZ-410802',
      '企业、个体工商户',
      '一般',
      '现场检查',
      '未发现问题、发现问题已责令改正',
      '价格监督',
      '启用',
    ])
    ws.addRow(['JZ-JG-002', '价格欺诈行为的检查', '《价格法》第十四条', '不存在的部门', '企业', '普通', '现场检查', '未发现问题、查无此项', '价格', ''])
    ws.addRow(['JZ-JG-003', '山阳区的事项', '《价格法》第十四条', 'JZ-410811', '', '重点', '现场检查', '未发现问题', '价格监督', ''])
    const file = Buffer.from(await wb.xlsx.writeBuffer())
    const jf = await multipartPost(jfadmin, '/api/inspection-items/import', '事项清单.xlsx', file)
    expectOk(jf, 201)
    expect(jf.body).toMatchObject({ totalRows: 3, okRows: 1, errorRows: 2 })
    const reasons = jf.body.errors.map((e: { rowNo: number; columnName: string; reason: string }) => `${e.rowNo}:${e.columnName}:${e.reason}`).join('\n')
    expect(reasons).toContain('3:实施部门:实施部门不存在')
    expect(reasons).toContain('3:事项类别')
    expect(reasons).toContain('3:检查结果选项:检查结果“查无此项”不在结果目录中')
    expect(reasons).toContain('3:业务条线')
    expect(reasons).toContain('4:实施部门:实施部门不在您的管辖范围内')
    const report = await jfadmin.request('GET', `/api/inspection-imports/${jf.body.id}/error-report`)
    expect(report.status).toBe(200)
    expect(report.headers['content-type']).toContain('spreadsheetml')
    expectError(await random.request('GET', `/api/inspection-imports/${jf.body.id}/error-report`), 404, 'NOT_FOUND')
    // The import appears in the one import history, with its error report (the kit's layout).
    const history = await jfadmin.get('/api/imports?kind=inspections')
    expectOk(history)
    expect(history.body.items[0]).toMatchObject({
      id: jf.body.id,
      kind: 'inspections',
      kindLabel: '双随机检查事项清单',
      fileName: '事项清单.xlsx',
      status: 'done',
      statusLabel: '已完成',
      totalRows: 3,
      validRows: 1,
      errorRows: 2,
      importedRows: 1,
      errorReportUrl: `/api/inspection-imports/${jf.body.id}/error-report`,
    })
    expect(history.body.items[0].createdByName).toBeTruthy()
    const wb2 = new ExcelJS.Workbook()
    const raw = await t.app.inject({ method: 'GET', url: history.body.items[0].errorReportUrl, headers: { cookie: jfadmin.cookie! } })
    await wb2.xlsx.load(raw.rawPayload as unknown as ArrayBuffer)
    const sheet = wb2.worksheets[0]!
    expect(sheet.getRow(1).values).toEqual([undefined, '行号', '列', '值', '原因', '级别'])
    const lines: string[] = []
    sheet.eachRow((row, n) => {
      if (n > 1) lines.push((row.values as unknown[]).slice(1).join('|'))
    })
    expect(lines).toContain('3|实施部门|不存在的部门|实施部门不存在（填写机构编码或全称）|错误')
    expect(lines.some((l) => l.startsWith('4|实施部门|JZ-410811|实施部门不在您的管辖范围内'))).toBe(true)
    // Another user's history does not list it.
    expect((await random.get('/api/imports?kind=inspections')).body.items.map((h: { id: string }) => h.id)).not.toContain(jf.body.id)
    expectError(await (await t.login('operator')).get('/api/imports?kind=inspections'), 403, 'FORBIDDEN')
    const items = await random.get('/api/inspection-items?q=JZ-JG-001')
    expect(items.body.items[0]).toMatchObject({
      code: 'JZ-JG-001',
      businessLine: 'price',
      entityKinds: ['enterprise', 'individual'],
      resultOptions: [{ code: 'no_problem' }, { code: 'corrected' }],
    })
    const exp = await random.request('GET', '/api/inspection-items/export')
    expect(exp.status).toBe(200)
  })

  it('imports a special target list from USCCs, within the territory of its unit only', async () => {
    const csv = ['统一社会信用代码', code(1), code(2), code(2), code(41, '410811'), '91410802MA00000000', code(99)].join('\n')
    const r = await multipartPost(
      random,
      `/api/inspection-lists/import?name=${encodeURIComponent('解放区重点关注名单')}&unitId=${jf}`,
      'list.csv',
      Buffer.from(csv),
    )
    expectOk(r, 201)
    expect(r.body).toMatchObject({ totalRows: 6, okRows: 2, errorRows: 4 })
    const reasons = r.body.errors.map((e: { reason: string }) => e.reason).join('\n')
    expect(reasons).toMatch(/与第 3 行重复/)
    expect(reasons).toMatch(/不在焦作市解放区市场监督管理局辖区内/)
    expect(reasons).toMatch(/名录中没有该代码/)
    const lists = await jfadmin.get('/api/inspection-lists')
    expect(lists.body.items).toEqual([expect.objectContaining({ name: '解放区重点关注名单', memberCount: 2 })])
    const history = await random.get('/api/imports?kind=inspections')
    expect(history.body.items[0]).toMatchObject({ id: r.body.id, kindLabel: '双随机特定对象名录', totalRows: 6, errorRows: 4 })
    expectError(await (await t.login('operator')).get('/api/inspection-lists'), 403, 'FORBIDDEN')
  })

  it('builds the inspector register from certified users, with declared conflicts', async () => {
    const cands = await random.get('/api/inspection-inspectors/candidates')
    expectOk(cands)
    const ids = [...clients.keys()]
    for (const id of ids) expect(cands.body.items.map((c: { userId: string }) => c.userId)).toContain(id)
    // A user without an enforcement certificate cannot be an inspector.
    expectError(
      await random.put(`/api/inspection-inspectors/${await userId(t, 'handler')}`, { unitId: jf, lines: ['registration'] }),
      400,
      'VALIDATION',
      /执法证/,
    )
    for (const id of ids) {
      const unit = (await t.s.deps.db.selectFrom('userUnit').select('unitId').where('userId', '=', id).executeTakeFirstOrThrow()).unitId
      expectOk(await random.put(`/api/inspection-inspectors/${id}`, { unitId: unit, lines: ['registration'], maxLoad: null }))
    }
    conflictedUser = ids.find((id) => id !== ids[0])!
    const c = await random.post(`/api/inspection-inspectors/${conflictedUser}/conflicts`, {
      entityId: entityIds[3],
      kind: 'relative',
      reason: '配偶任该公司财务负责人',
      validFrom: '2026-01-01',
    })
    expectOk(c, 201)
    expect(c.body).toMatchObject({ kindLabel: '近亲属关系', entityName: '焦作市抽查测试4号商贸有限公司' })
    const list = await jfadmin.get('/api/inspection-inspectors?pageSize=50')
    expect(list.body.total).toBe(5)
    expect(list.body.items.find((i: { userId: string }) => i.userId === conflictedUser).conflictCount).toBe(1)
  })

  it('plans a task, keeps another district out of sight, announces it with a commitment', async () => {
    const plan = await random.post('/api/inspection-plans', { year: 2026, name: '解放区2026年度双随机抽查计划', unitId: jf, description: null })
    expectOk(plan, 201)
    const params = {
      strata: [
        { stratum: 'A', ratio: 0.25 },
        { stratum: 'B', ratio: 0.5 },
        { stratum: 'C', ratio: 0.5 },
        { stratum: 'D', ratio: 1 },
        { stratum: 'N', ratio: 0.25 },
      ],
      perTarget: 2,
      maxLoad: 12,
      excludeDailyStation: true,
      excludeRecent: true,
    }
    expectError(
      await random.post('/api/inspection-tasks', {
        planId: plan.body.id,
        name: 'x',
        unitId: jf,
        periodFrom: '2026-11-01',
        periodTo: '2026-12-31',
        items: [{ itemId }],
        scope: {},
        params: { ...params, perTarget: 1 },
      }),
      400,
      'VALIDATION',
    )
    const r = await random.post('/api/inspection-tasks', {
      planId: plan.body.id,
      name: '解放区企业登记事项和公示信息抽查',
      unitId: jf,
      periodFrom: '2026-11-01',
      periodTo: '2026-12-31',
      items: [{ itemId }],
      scope: { kinds: ['enterprise'] },
      params,
    })
    expectOk(r, 201)
    taskId = r.body.id
    expect(r.body).toMatchObject({ status: 'draft', commitmentHash: null, planName: '解放区2026年度双随机抽查计划' })
    expect(r.body.taskNo).toMatch(/^SJ2026\d{5}$/)

    // A 山阳区 task: invisible to 解放区 users (jfadmin: sys_admin of 解放区局; handler: 解放区局 tree).
    const sy = await random.post('/api/inspection-tasks', {
      name: '山阳区抽查',
      unitId: await unitId(t, 'JZ-410811'),
      periodFrom: '2026-11-01',
      periodTo: '2026-12-31',
      items: [{ itemId }],
      scope: {},
      params,
    })
    expectOk(sy, 201)
    for (const c of [jfadmin, handler]) {
      const list = await c.get('/api/inspection-tasks?pageSize=100')
      expectOk(list)
      expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([taskId])
      expectError(await c.get(`/api/inspection-tasks/${sy.body.id}`), 404, 'NOT_FOUND')
      expectError(await c.get(`/api/inspection-tasks/${sy.body.id}/targets`), 404, 'NOT_FOUND')
      expectOk(await c.get(`/api/inspection-tasks/${taskId}`))
    }
    // jfadmin reads but may not plan.
    expectError(await jfadmin.post(`/api/inspection-tasks/${taskId}/announce`), 403, 'FORBIDDEN')

    // Drawing before the announcement is refused.
    expectError(await random.post(`/api/inspection-tasks/${taskId}/draws`, {}), 409, 'ILLEGAL_TRANSITION')
    const a = await random.post(`/api/inspection-tasks/${taskId}/announce`)
    expectOk(a)
    expect(a.body.status).toBe('announced')
    expect(a.body.commitmentHash).toMatch(/^[0-9a-f]{64}$/)
    expectError(await random.patch(`/api/inspection-tasks/${taskId}`, { expectedVersion: a.body.version, name: '改名' }), 409, 'ILLEGAL_TRANSITION')
    // The commitment is public; the secret is nowhere to be read (API, public page, audit trail).
    const ann = await t.anon.get('/api/public/inspections/announcements')
    expect(ann.body.items.find((x: { taskNo: string }) => x.taskNo === a.body.taskNo)).toMatchObject({ commitmentHash: a.body.commitmentHash, drawNo: null })
    const secret = (await rawSql<{ commitmentSecret: string }>(t, `select commitment_secret from inspection_task where id = '${taskId}'`))[0]!.commitmentSecret
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(a.body)).not.toContain(secret)
    expect(JSON.stringify(ann.body)).not.toContain(secret)
    expect(JSON.stringify(await auditRecords(t))).not.toContain(secret)
  })

  it('previews the pool per stratum and draws with exact counts, assignments under every constraint', async () => {
    const p = await random.get(`/api/inspection-tasks/${taskId}/preview`)
    expectOk(p)
    expect(p.body.poolSize).toBe(40)
    expect(p.body.strata.map((s: { stratum: string; size: number; expected: number }) => [s.stratum, s.size, s.expected])).toEqual([
      ['A', 8, 2],
      ['B', 8, 4],
      ['C', 8, 4],
      ['D', 8, 8],
      ['N', 8, 2],
    ])
    expect(p.body.inspectors).toEqual([expect.objectContaining({ line: 'registration', available: 5 })])

    expectError(await jfadmin.post(`/api/inspection-tasks/${taskId}/draws`, {}), 403, 'FORBIDDEN')
    const start = await random.post(`/api/inspection-tasks/${taskId}/draws`, {})
    expect(start.status, start.raw).toBe(202)
    const job = await waitDraw(random, start.body.id)
    expect(job.status, job.message).toBe('succeeded')
    firstDrawId = job.drawId
    const draw = await random.get(`/api/inspection-draws/${firstDrawId}`)
    expectOk(draw)
    expect(draw.body).toMatchObject({ status: 'succeeded', algorithm: 'jg-draw/1', poolSize: 40, drawnCount: 20, redrawOf: null, drawTimeSource: 'server' })
    expect(draw.body.strata.map((s: { stratum: string; drawn: number }) => [s.stratum, s.drawn])).toEqual([
      ['A', 2],
      ['B', 4],
      ['C', 4],
      ['D', 8],
      ['N', 2],
    ])
    const task = await random.get(`/api/inspection-tasks/${taskId}`)
    expect(draw.body.commitmentHash).toBe(task.body.commitmentHash)
    expect(task.body).toMatchObject({ status: 'drawn', currentDrawId: firstDrawId, targetCount: 20 })
    await checkAssignments()
    const audit = await auditRecords(t, { action: 'inspection.draw', targetId: firstDrawId })
    expect(audit).toHaveLength(1)
  })

  async function checkAssignments() {
    const targets = await random.get(`/api/inspection-tasks/${taskId}/targets?pageSize=200`)
    expectOk(targets)
    expect(targets.body.total).toBe(20)
    const insp = await rawSql<{ userId: string; unitId: string }>(t, 'select user_id, unit_id from inspection_inspector')
    const unitOf = new Map(insp.map((i) => [i.userId, i.unitId]))
    const load = new Map<string, number>()
    for (const tg of targets.body.items) {
      const ids = tg.inspectors.map((i: { userId: string }) => i.userId)
      expect(ids.length).toBeGreaterThanOrEqual(2)
      expect(new Set(ids).size).toBe(ids.length)
      for (const u of ids) {
        expect(unitOf.get(u)).not.toBe(tg.stationUnitId) // never the daily supervising station
        load.set(u, (load.get(u) ?? 0) + 1)
      }
      if (tg.entityId === entityIds[3]) expect(ids).not.toContain(conflictedUser)
    }
    expect(targets.body.items.some((tg: { entityId: string }) => tg.entityId === entityIds[3])).toBe(true) // D stratum: all drawn
    for (const n of load.values()) expect(n).toBeLessThanOrEqual(12)
    currentDraw = targets.body.items
  }

  it('verifies the draw from its record (signed in)', async () => {
    const v = await random.get(`/api/inspection-draws/${firstDrawId}/verify`)
    expectOk(v)
    expect(v.body).toMatchObject({ ok: true, problems: [], poolSize: 40, drawnCount: 20 })
    expectError(await t.anon.get(`/api/public/inspections/draws/${v.body.drawNo}/verify`), 404, 'NOT_FOUND')
  })

  it('redraws only with a reason, as a new record linked to the previous one', async () => {
    expectError(await random.post(`/api/inspection-tasks/${taskId}/draws`, {}), 400, 'VALIDATION', /理由/)
    const start = await random.post(`/api/inspection-tasks/${taskId}/draws`, {
      reason: '抽取后发现名录中两户已迁出，经批准重新抽取',
      drawTimeValue: '2026-11-21 福彩3D 123',
    })
    expect(start.status, start.raw).toBe(202)
    const job = await waitDraw(random, start.body.id)
    expect(job.status).toBe('succeeded')
    const d = await random.get(`/api/inspection-draws/${job.drawId}`)
    expect(d.body).toMatchObject({
      redrawOf: firstDrawId,
      attempt: 2,
      drawTimeSource: 'operator',
      drawTimeValue: '2026-11-21 福彩3D 123',
      redrawReason: '抽取后发现名录中两户已迁出，经批准重新抽取',
    })
    expect(d.body.seed).not.toBe((await random.get(`/api/inspection-draws/${firstDrawId}`)).body.seed)
    const all = await random.get(`/api/inspection-tasks/${taskId}/draws`)
    expect(all.body.items.map((x: { attempt: number }) => x.attempt)).toEqual([1, 2])
    expect(await auditRecords(t, { action: 'inspection.redraw', targetId: job.drawId })).toHaveLength(1)
    await checkAssignments()
    expect((await random.get(`/api/inspection-draws/${job.drawId}/verify`)).body.ok).toBe(true)
  })

  it('refuses to announce a task that cannot be drawn, says why on the draft, and voids an announced task with a reason', async () => {
    // No inspector of the food line: the draft's preview says so and the announcement is refused.
    const r = await random.post('/api/inspection-tasks', {
      name: '食品抽查（容量检查）',
      unitId: jf,
      periodFrom: '2026-11-01',
      periodTo: '2026-12-31',
      items: [{ itemId: item2Id }],
      scope: {},
      params: { strata: [{ stratum: 'D', ratio: 1 }], perTarget: 2, maxLoad: 10, excludeDailyStation: true, excludeRecent: false },
    })
    expectOk(r, 201)
    const p = await random.get(`/api/inspection-tasks/${r.body.id}/preview`)
    expectOk(p)
    expect(p.body).toMatchObject({
      feasible: false,
      expectedTotal: 8,
      inspectors: [expect.objectContaining({ line: 'food', available: 0, need: 16, capacity: 0 })],
    })
    expect(p.body.problems.join()).toMatch(/食品安全.*可派检查人员 0 名，少于每户所需的 2 名/)
    expectError(await random.post(`/api/inspection-tasks/${r.body.id}/announce`), 409, 'ILLEGAL_TRANSITION', /无法完成抽取，不能公告.*可派检查人员 0 名/)
    expect((await random.get(`/api/inspection-tasks/${r.body.id}`)).body).toMatchObject({ status: 'draft', commitmentHash: null })
    // Nothing drawable in the scope (no enterprise of kind 'cooperative'): refused with the pool named.
    const empty = await random.post('/api/inspection-tasks', {
      name: '合作社抽查（无对象）',
      unitId: jf,
      periodFrom: '2026-11-01',
      periodTo: '2026-12-31',
      items: [{ itemId }],
      scope: { kinds: ['cooperative'] },
      params: { strata: [{ stratum: 'D', ratio: 1 }], perTarget: 2, maxLoad: 10, excludeDailyStation: true, excludeRecent: false },
    })
    expectOk(empty, 201)
    expectError(
      await random.post(`/api/inspection-tasks/${empty.body.id}/announce`),
      409,
      'ILLEGAL_TRANSITION',
      /抽不到任何检查对象（当前符合条件的对象共 0 户）/,
    )
    // Load limits too low: 8 targets × 2 = 16 places, 5 registration inspectors × 3 = 15.
    const tight = await random.post('/api/inspection-tasks', {
      name: '登记事项抽查（负荷不足）',
      unitId: jf,
      periodFrom: '2026-11-01',
      periodTo: '2026-12-31',
      items: [{ itemId }],
      scope: {},
      params: { strata: [{ stratum: 'D', ratio: 1 }], perTarget: 2, maxLoad: 3, excludeDailyStation: true, excludeRecent: false },
    })
    expectOk(tight, 201)
    const tp = await random.get(`/api/inspection-tasks/${tight.body.id}/preview`)
    expect(tp.body).toMatchObject({ feasible: false, inspectors: [expect.objectContaining({ available: 5, need: 16, capacity: 15 })] })
    expectError(
      await random.post(`/api/inspection-tasks/${tight.body.id}/announce`),
      409,
      'ILLEGAL_TRANSITION',
      /负荷上限合计不足.*需要 16 人次.*最多承担 15 人次/,
    )
    // Raised to 4 each (20 places): announced.
    expectOk(
      await random.patch(`/api/inspection-tasks/${tight.body.id}`, { expectedVersion: tight.body.version, params: { ...tight.body.params, maxLoad: 4 } }),
    )
    expect((await random.get(`/api/inspection-tasks/${tight.body.id}/preview`)).body).toMatchObject({ feasible: true, problems: [] })
    const ann = await random.post(`/api/inspection-tasks/${tight.body.id}/announce`)
    expectOk(ann)

    // 作废: a reason is required; the task stays, withdrawn on the public page, audited.
    expectError(await random.post(`/api/inspection-tasks/${tight.body.id}/void`, { reason: '' }), 400, 'VALIDATION', /作废的理由/)
    expectError(await jfadmin.post(`/api/inspection-tasks/${tight.body.id}/void`, { reason: '计划调整，本任务撤回' }), 403, 'FORBIDDEN')
    const v = await random.post(`/api/inspection-tasks/${tight.body.id}/void`, { reason: '计划调整，本任务撤回' })
    expectOk(v)
    expect(v.body).toMatchObject({ status: 'void', statusLabel: '已作废', voidReason: '计划调整，本任务撤回', commitmentHash: ann.body.commitmentHash })
    expect(v.body.voidedAt).toBeTruthy()
    const pub = await t.anon.get('/api/public/inspections/announcements?pageSize=100')
    const task0 = await random.get(`/api/inspection-tasks/${taskId}`)
    expect(pub.body.items.find((x: { taskNo: string }) => x.taskNo === tight.body.taskNo)).toMatchObject({
      withdrawn: true,
      withdrawReason: '计划调整，本任务撤回',
      commitmentHash: ann.body.commitmentHash,
      withdrawnAt: v.body.voidedAt,
    })
    expect(pub.body.items.find((x: { taskNo: string }) => x.taskNo === (task0.body.taskNo as string))).toMatchObject({ withdrawn: false, withdrawReason: null })
    expect(await auditRecords(t, { action: 'inspection.task.void', targetId: tight.body.id })).toHaveLength(1)
    expectError(await random.post(`/api/inspection-tasks/${tight.body.id}/draws`, {}), 409, 'ILLEGAL_TRANSITION')
    expectError(await random.post(`/api/inspection-tasks/${tight.body.id}/void`, { reason: '再次作废试试' }), 409, 'ILLEGAL_TRANSITION', /已作废/)
    expectError(await random.post(`/api/inspection-tasks/${tight.body.id}/announce`), 409, 'ILLEGAL_TRANSITION', /已作废/)
    // A drawn task is not voided here.
    expectError(await random.post(`/api/inspection-tasks/${taskId}/void`, { reason: '已抽取的任务作废' }), 409, 'ILLEGAL_TRANSITION', /已抽取的任务不能作废/)
    expect((await random.get('/api/inspection-tasks?status=void&pageSize=100')).body.items.map((x: { id: string }) => x.id)).toEqual([tight.body.id])
  })

  it("lets an assigned inspector outside the task unit's scope open the task, seeing only their own targets", async () => {
    const s02 = await unitId(t, 'JZ-410802-S02')
    const s03 = await unitId(t, 'JZ-410802-S03')
    const insp = await rawSql<{ userId: string; unitId: string }>(t, 'select user_id, unit_id from inspection_inspector')
    const stationInspectors = insp.filter((i) => i.unitId === s02 || i.unitId === s03).map((i) => i.userId)
    const assigned = stationInspectors.find((u) =>
      currentDraw.some((tg: { inspectors: Array<{ userId: string }> }) => tg.inspectors.some((i) => i.userId === u)),
    )
    expect(assigned).toBeDefined()
    const c = clients.get(assigned!)!
    const task = await c.get(`/api/inspection-tasks/${taskId}`)
    expectOk(task)
    expect(task.body.taskNo).toMatch(/^SJ2026/)
    const mine = currentDraw.filter((tg: { inspectors: Array<{ userId: string }> }) => tg.inspectors.some((i) => i.userId === assigned))
    const targets = await c.get(`/api/inspection-tasks/${taskId}/targets?pageSize=200`)
    expectOk(targets)
    expect(targets.body.total).toBe(mine.length)
    expect(targets.body.total).toBeLessThan(20)
    expect(targets.body.items.map((x: { id: string }) => x.id).sort()).toEqual(mine.map((x: { id: string }) => x.id).sort())
    expectOk(await c.get(`/api/inspection-tasks/${taskId}/draws`))
    expect((await c.get('/api/inspection-tasks?pageSize=100')).body.items.map((x: { id: string }) => x.id)).toContain(taskId)
    // Reading is all: no export, no draw.
    expectError(await c.request('GET', `/api/inspection-tasks/${taskId}/export`), 403, 'FORBIDDEN')
    // An inspector of the same station who is not assigned still does not see it.
    const other = await createActiveUser(admin, t, {
      displayName: '未分派检查员',
      unitCode: 'JZ-410802-S02',
      certNo: '豫A0820999',
      grants: [{ role: 'inspector', unitCode: 'JZ-410802-S02', scope: 'unit' }],
    })
    expectError(await other.client.get(`/api/inspection-tasks/${taskId}`), 404, 'NOT_FOUND')
    expectError(await other.client.get(`/api/inspection-tasks/${taskId}/targets`), 404, 'NOT_FOUND')
    expect((await other.client.get('/api/inspection-tasks?pageSize=100')).body.items).toEqual([])
  })

  it('records an infeasible draw as failed with a zh-CN explanation and changes nothing else', async () => {
    // Feasible when announced (two inspectors of the food line), no longer when drawn: the roster changed.
    const r = await random.post('/api/inspection-tasks', {
      name: '食品抽查（抽取前人员变动）',
      unitId: jf,
      periodFrom: '2026-11-01',
      periodTo: '2026-12-31',
      items: [{ itemId: item2Id }],
      scope: {},
      params: { strata: [{ stratum: 'D', ratio: 1 }], perTarget: 2, maxLoad: 10, excludeDailyStation: true, excludeRecent: false },
    })
    expectOk(r, 201)
    const zfInspectors = (await rawSql<{ userId: string; unitId: string }>(t, 'select user_id, unit_id from inspection_inspector')).filter(
      (i) => i.unitId === zf,
    )
    expect(zfInspectors.length).toBeGreaterThanOrEqual(2)
    for (const i of zfInspectors)
      expectOk(await random.put(`/api/inspection-inspectors/${i.userId}`, { unitId: i.unitId, lines: ['registration', 'food'], maxLoad: null }))
    expectOk(await random.post(`/api/inspection-tasks/${r.body.id}/announce`))
    for (const i of zfInspectors)
      expectOk(await random.put(`/api/inspection-inspectors/${i.userId}`, { unitId: i.unitId, lines: ['registration'], maxLoad: null }))
    const job = await waitDraw(random, (await random.post(`/api/inspection-tasks/${r.body.id}/draws`, {})).body.id)
    expect(job.status).toBe('failed')
    expect(job.message).toMatch(/无可用人员|没有该条线的检查人员/)
    const draws = await random.get(`/api/inspection-tasks/${r.body.id}/draws`)
    expect(draws.body.items).toHaveLength(1)
    expect(draws.body.items[0]).toMatchObject({ status: 'failed', drawnCount: 8 })
    expect(draws.body.items[0].failure.join()).toContain('食品安全')
    const task = await random.get(`/api/inspection-tasks/${r.body.id}`)
    expect(task.body).toMatchObject({ status: 'announced', currentDrawId: null, targetCount: 0 })
    // The failed record is itself verifiable: a re-run fails the same way.
    expect((await random.get(`/api/inspection-draws/${draws.body.items[0].id}/verify`)).body).toMatchObject({ ok: true, status: 'failed' })
  })

  it('lets only assigned inspectors record results; follow-ups create a lead and an abnormal-list proposal', async () => {
    const [first, second, ...rest] = currentDraw
    const notAssigned = [...clients.entries()].find(([id]) => !first.inspectors.some((i: { userId: string }) => i.userId === id))!
    const ok = { inspectedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), results: [{ itemId, result: 'no_problem', note: null }] }
    // Another inspector does not even see the target; a reader of the task may not record.
    expectError(await notAssigned[1].post(`/api/inspection-targets/${first.id}/results`, ok), 404, 'NOT_FOUND')
    expectError(await handler.post(`/api/inspection-targets/${first.id}/results`, ok), 403, 'FORBIDDEN')
    const byId = (tg: { inspectors: Array<{ userId: string }> }) => clients.get(tg.inspectors[0]!.userId)!
    // The inspector's own list holds exactly their targets.
    const mine = await byId(first).get('/api/inspection-my-targets?pageSize=200')
    expectOk(mine)
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(first.id)
    for (const x of mine.body.items) expect(x.inspectors.map((i: { userId: string }) => i.userId)).toContain(first.inspectors[0].userId)

    expectError(
      await byId(first).post(`/api/inspection-targets/${first.id}/results`, { ...ok, results: [{ itemId, result: 'corrected', note: null }] }),
      400,
      'VALIDATION',
      /写明问题/,
    )
    const r1 = await byId(first).post(`/api/inspection-targets/${first.id}/results`, {
      ...ok,
      results: [{ itemId, result: 'corrected', note: '未按规定公示即时信息，已责令限期改正' }],
    })
    expectOk(r1)
    expect(r1.body).toMatchObject({ status: 'done', outcome: 'problem' })
    expect(r1.body.leadNo).toMatch(/^XS2026/)
    expectError(await byId(first).post(`/api/inspection-targets/${first.id}/results`, ok), 409, 'CONFLICT')
    const r2 = await byId(second).post(`/api/inspection-targets/${second.id}/results`, {
      ...ok,
      results: [{ itemId, result: 'unreachable', note: '登记住所为空置商铺，电话无人接听' }],
    })
    expectOk(r2)
    expect(r2.body).toMatchObject({ outcome: 'unreachable', abnormalProposed: true, leadNo: null })

    const leads = await handler.get('/api/leads?source=inspection')
    expectOk(leads)
    expect(leads.body.items).toHaveLength(1)
    expect(leads.body.items[0]).toMatchObject({ sourceId: first.id, entityId: first.entityId, uscc: first.uscc })
    const credit = await t.login('credit')
    const props = await credit.get(`/api/credit/proposals?entityId=${second.entityId}`)
    expect(props.body.items).toHaveLength(1)
    expect(props.body.items[0]).toMatchObject({ reason: 'unreachable_at_registered_address', sourceType: 'inspection', sourceId: second.id })

    // An attachment: content checked against the name, size bounded.
    const png = TINY_PNG
    const up = await multipartPost(byId(first), `/api/inspection-targets/${first.id}/attachments`, '现场照片.png', png)
    expectOk(up, 201)
    expectError(await multipartPost(byId(first), `/api/inspection-targets/${first.id}/attachments`, '伪装.pdf', png), 400, 'VALIDATION')
    const dl = await random.request('GET', `/api/inspection-attachments/${up.body.id}`)
    expect(dl.status).toBe(200)
    expect(dl.headers['content-type']).toBe('image/png')
    // Every view of an inspection attachment is audited.
    const views = await auditRecords(t, { action: 'inspection.attachment.view', targetId: first.id })
    expect(views.map((v) => JSON.parse(String(v.afterJson)) as unknown)).toEqual([{ id: up.body.id, fileName: '现场照片.png', sha256: expect.any(String) }])
    expectError(await t.anon.get(`/api/inspection-attachments/${up.body.id}`), 401, 'UNAUTHENTICATED')
    // A refused file leaves nothing behind; the detail lists the one accepted.
    expect((await byId(first).get(`/api/inspection-targets/${first.id}`)).body.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([
      '现场照片.png',
    ])
    // Rows of the old inspection_attachment table (bytes in the database) are backfilled into the one store with their ids.
    await attachmentsMigration.down(t.s.deps.db)
    const legacyId = '00000000-0000-4000-8000-00000000b001'
    await sql`insert into inspection_attachment (id, target_id, task_id, file_name, mime, size, sha256, content, uploaded_by, uploaded_at)
      values (${legacyId}, ${first.id}, ${taskId}, ${'旧记录.pdf'}, 'application/pdf', ${TINY_PDF.length}, ${'0'.repeat(64)}, ${TINY_PDF}, null, '2026-11-01T02:00:00.000Z')`.execute(
      t.s.deps.db,
    )
    await attachmentsMigration.up(t.s.deps.db)
    const legacy = await random.request('GET', `/api/inspection-attachments/${legacyId}`)
    expect([legacy.status, legacy.headers['content-type']]).toEqual([200, 'application/pdf'])
    expect(legacy.raw).toBe(TINY_PDF.toString())

    expect((await random.get(`/api/inspection-tasks/${taskId}`)).body.publication.state).toBe('not_started')
    for (const tg of rest) expectOk(await byId(tg).post(`/api/inspection-targets/${tg.id}/results`, ok))
    const done = await random.get(`/api/inspection-tasks/${taskId}`)
    expect(done.body).toMatchObject({ status: 'completed', doneCount: 20 })
    expect(done.body.publication).toMatchObject({ state: 'pending', ruleId: 'random_check.publish', completedOn: ok.inspectedOn })
    expect(done.body.publication.dueOn > ok.inspectedOn).toBe(true)
    // No redraw once results exist.
    expectError(await random.post(`/api/inspection-tasks/${taskId}/draws`, { reason: '再抽一次试试看' }), 409, 'ILLEGAL_TRANSITION')

    // The entity profile shows the inspection.
    const profile = await random.get(`/api/entities/${first.entityId}/profile`)
    const section = profile.body.sections.find((s: { key: string }) => s.key === 'inspections')
    expect(section).toMatchObject({ title: '双随机抽查', count: 1 })
    // Readable cells under the section's columns: the task number links to the task, the outcome in words.
    expect(section.rows[0]).toMatchObject({
      outcome: { text: '发现问题', color: 'red' },
      leadNo: r1.body.leadNo,
      taskNo: { href: `/inspections/tasks/${taskId}` },
    })
  })

  it('exports the drawn list with results as Excel', async () => {
    expectError(await jfadmin.request('GET', `/api/inspection-tasks/${taskId}/export`), 403, 'FORBIDDEN')
    const r = await random.request('GET', `/api/inspection-tasks/${taskId}/export`)
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toContain('spreadsheetml')
  })

  it('publishes: the public page shows the task, names, USCCs and results, nothing personal', async () => {
    const task = (await random.get(`/api/inspection-tasks/${taskId}`)).body
    expectError(await t.anon.get(`/api/public/inspections/tasks/${task.taskNo}`), 404, 'NOT_FOUND')
    expectError(await jfadmin.post(`/api/inspection-tasks/${taskId}/publish`), 403, 'FORBIDDEN')
    const p = await random.post(`/api/inspection-tasks/${taskId}/publish`)
    expectOk(p)
    expect(p.body.publication.state).toBe('published')
    const list = await t.anon.get('/api/public/inspections/tasks')
    expect(list.body.items.map((x: { taskNo: string }) => x.taskNo)).toEqual([task.taskNo])
    expect(list.body.items[0]).toMatchObject({ targetCount: 20, problemCount: 2 })
    const targets = await t.anon.get(`/api/public/inspections/tasks/${task.taskNo}/targets?pageSize=100`)
    expectOk(targets)
    expect(targets.body.total).toBe(20)
    expect(Object.keys(targets.body.items[0]).sort()).toEqual(['entityName', 'inspectedOn', 'outcome', 'outcomeLabel', 'results', 'uscc'])
    const raw = JSON.stringify(targets.body) + JSON.stringify(list.body)
    for (const name of ['刘文博', '检查员', '法人']) expect(raw).not.toContain(name)
    // Only the published task: the failed and the 山阳区 ones stay private.
    expect(list.body.total).toBe(1)
    const v = await t.anon.get(`/api/public/inspections/draws/${list.body.items[0].drawNo}/verify`)
    expectOk(v)
    expect(v.body).toMatchObject({ ok: true, commitmentHash: task.commitmentHash })
    expect(v.body.commitmentSecret).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses UPDATE and DELETE on the draw tables', async () => {
    for (const stmt of [
      `update inspection_draw set seed = 'x' where id = '${firstDrawId}'`,
      `delete from inspection_draw_target where draw_id = '${firstDrawId}'`,
      `update inspection_draw_assignment set user_id = user_id where draw_id = '${firstDrawId}'`,
      `delete from inspection_draw_chunk where draw_id = '${firstDrawId}'`,
    ]) {
      await expect(rawSql(t, stmt)).rejects.toThrow(/append-only/)
    }
    expect((await random.get(`/api/inspection-draws/${firstDrawId}/verify`)).body.ok).toBe(true)
  })

  it('verification detects what the append-only tables still let through: added pool members and added drawn targets', async () => {
    const db = t.s.deps.db
    await db
      .insertInto('inspectionDrawTarget')
      .values({ drawId: firstDrawId, ordinal: 21, entityId: entityIds[42]!, stratum: 'A', stationUnitId: null })
      .execute()
    let v = await random.get(`/api/inspection-draws/${firstDrawId}/verify`)
    expect(v.body.ok).toBe(false)
    expect(v.body.problems.join()).toMatch(/抽取结果数量不一致|抽取名单数量与记录不符/)
    await db
      .insertInto('inspectionDrawChunk')
      .values({
        drawId: firstDrawId,
        kind: 'pool',
        chunkNo: 99,
        memberCount: 1,
        encoding: 'gzip',
        data: gzipSync(Buffer.from('ffffffff-0000-7000-8000-000000000000|A\n')),
      })
      .execute()
    v = await random.get(`/api/inspection-draws/${firstDrawId}/verify`)
    expect(v.body.problems.join()).toMatch(/名录快照哈希不一致/)
  })

  it('verification detects a tampered pool snapshot or drawn list once someone with schema rights removes the guards', async () => {
    const db = t.s.deps.db
    const drawId = (await random.get(`/api/inspection-tasks/${taskId}`)).body.currentDrawId as string
    const drawNo = (await random.get(`/api/inspection-draws/${drawId}`)).body.drawNo as string
    expect((await random.get(`/api/inspection-draws/${drawId}/verify`)).body).toMatchObject({ ok: true, poolSize: 40 })
    const pool = await db
      .selectFrom('inspectionDrawChunk')
      .select(['encoding', 'data'])
      .where('drawId', '=', drawId)
      .where('kind', '=', 'pool')
      .where('chunkNo', '=', 0)
      .executeTakeFirstOrThrow()
    expect(pool.encoding).toBe('br')
    const poolText = brotliDecompressSync(pool.data).toString('utf8')
    // The stored text is the canonical pool: its SHA-256 is the recorded pool hash.
    expect(createHash('sha256').update(poolText).digest('hex')).toBe((await random.get(`/api/inspection-draws/${drawId}`)).body.poolHash)
    await expect(rawSql(t, `update inspection_draw_chunk set member_count = member_count where draw_id = '${drawId}'`)).rejects.toThrow(/append-only/)
    for (const table of ['inspection_draw_chunk', 'inspection_draw_target']) {
      if (t.dialect === 'postgres') await rawSql(t, `drop trigger ${table}_append_only on ${table}`)
      else await rawSql(t, `drop trigger ${table}_no_update`)
    }
    const put = (text: string) =>
      db
        .updateTable('inspectionDrawChunk')
        .set({ data: brotliCompressSync(Buffer.from(text, 'utf8')) })
        .where('drawId', '=', drawId)
        .where('kind', '=', 'pool')
        .where('chunkNo', '=', 0)
        .execute()

    // One member moved from stratum D to A: same size, different pool.
    const forged = poolText.replace(/\|D\n/, '|A\n')
    expect(forged).not.toBe(poolText)
    await put(forged)
    let v = await random.get(`/api/inspection-draws/${drawId}/verify`)
    expect(v.body.ok).toBe(false)
    expect(v.body.problems.join()).toMatch(/名录快照哈希不一致/)
    expect((await t.anon.get(`/api/public/inspections/draws/${drawNo}/verify`)).body).toMatchObject({ ok: false })
    // Members out of order are refused, not silently re-sorted.
    const lines = poolText.trimEnd().split('\n')
    await put(`${[lines[1], lines[0], ...lines.slice(2)].join('\n')}\n`)
    v = await random.get(`/api/inspection-draws/${drawId}/verify`)
    expect(v.body.problems.join()).toMatch(/名录快照无效：检查对象名录未按标识排序/)
    await put(poolText)
    expect((await random.get(`/api/inspection-draws/${drawId}/verify`)).body).toMatchObject({ ok: true, problems: [] })

    // Another daily station for one drawn target: the station hash of the assignment record no longer matches.
    const first = await db
      .selectFrom('inspectionDrawTarget')
      .select(['stationUnitId'])
      .where('drawId', '=', drawId)
      .where('ordinal', '=', 1)
      .executeTakeFirstOrThrow()
    await db.updateTable('inspectionDrawTarget').set({ stationUnitId: jf }).where('drawId', '=', drawId).where('ordinal', '=', 1).execute()
    v = await random.get(`/api/inspection-draws/${drawId}/verify`)
    expect(v.body.ok).toBe(false)
    expect(v.body.problems).toContain('抽取名单中的日常监管机构与记录不符')
    await db.updateTable('inspectionDrawTarget').set({ stationUnitId: first.stationUnitId }).where('drawId', '=', drawId).where('ordinal', '=', 1).execute()
    expect((await random.get(`/api/inspection-draws/${drawId}/verify`)).body).toMatchObject({ ok: true, problems: [] })
  })

  it('verification detects a changed parameter once someone with schema rights removes the guard', async () => {
    const drawId = currentDraw[0].id ? (await random.get(`/api/inspection-tasks/${taskId}`)).body.currentDrawId : ''
    await expect(rawSql(t, `update inspection_draw set params_json = replace(params_json, '"ratio":1', '"ratio":0.5') where id = '${drawId}'`)).rejects.toThrow(
      /append-only/,
    )
    if (t.dialect === 'postgres') await rawSql(t, 'drop trigger inspection_draw_append_only on inspection_draw')
    else await rawSql(t, 'drop trigger inspection_draw_no_update')
    await rawSql(t, `update inspection_draw set params_json = replace(params_json, '"ratio":1', '"ratio":0.5') where id = '${drawId}'`)
    const v = await random.get(`/api/inspection-draws/${drawId}/verify`)
    expect(v.body.ok).toBe(false)
    expect(v.body.problems.join()).toMatch(/参数哈希不一致/)
    // The public verdict of the published task says the same.
    const pub = await t.anon.get(`/api/public/inspections/draws/${v.body.drawNo}/verify`)
    expect(pub.body.ok).toBe(false)
  })

  it('leaves out, before the snapshot, the entities drawn for the same item within the year, and records them', async () => {
    const first = await random.get(`/api/inspection-tasks/${taskId}/targets?pageSize=200`)
    const before = new Set<string>(first.body.items.map((x: { entityId: string }) => x.entityId))
    expect(before.size).toBe(20)
    const r = await random.post('/api/inspection-tasks', {
      name: '解放区登记事项复查',
      unitId: jf,
      periodFrom: '2026-11-01',
      periodTo: '2026-12-31',
      items: [{ itemId }],
      scope: {},
      params: {
        strata: [
          { stratum: 'A', ratio: 1 },
          { stratum: 'D', ratio: 1 },
        ],
        perTarget: 2,
        maxLoad: 30,
        excludeDailyStation: true,
        excludeRecent: true,
      },
    })
    expectOk(r, 201)
    expectOk(await random.post(`/api/inspection-tasks/${r.body.id}/announce`))
    const preview = await random.get(`/api/inspection-tasks/${r.body.id}/preview`)
    expect(preview.body).toMatchObject({ poolSize: 20, excludedCount: 20 })
    const job = await waitDraw(random, (await random.post(`/api/inspection-tasks/${r.body.id}/draws`, {})).body.id)
    expect(job.status, job.message).toBe('succeeded')
    const d = await random.get(`/api/inspection-draws/${job.drawId}`)
    expect(d.body).toMatchObject({ poolSize: 20, excludedCount: 20 })
    const drawn = await random.get(`/api/inspection-tasks/${r.body.id}/targets?pageSize=200`)
    const expectedCount = d.body.strata
      .filter((x: { stratum: string }) => x.stratum === 'A' || x.stratum === 'D')
      .reduce((a: number, x: { size: number }) => a + x.size, 0)
    expect(drawn.body.total).toBe(expectedCount)
    expect(drawn.body.items.filter((x: { entityId: string }) => before.has(x.entityId))).toEqual([])
    expect((await random.get(`/api/inspection-draws/${job.drawId}/verify`)).body).toMatchObject({ ok: true, excludedCount: 20 })
  })
})
