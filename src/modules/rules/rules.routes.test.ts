import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, expectError, expectOk, type Client, type TestApp, userId } from '../../../test/helpers'

describe('rules routes', () => {
  let t: TestApp
  let admin: Client
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
    admin = await t.login('admin')
  })
  afterAll(async () => t?.close())

  const ruleRow = (id: string) => t.s.deps.db.selectFrom('deadlineRule').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const versionsOf = (ruleId: string) => t.s.deps.db.selectFrom('deadlineRule').selectAll().where('ruleId', '=', ruleId).orderBy('version').execute()
  const deadline = (c: Client, ruleId: string, date: string) => c.get(`/api/rules-deadline?ruleId=${ruleId}&date=${date}`)

  it('resolves complaint.accept to the Order 20 version on 2026-04-14 and to Order 121 on 2026-04-15', async () => {
    const operator = await t.login('operator')
    const before = await deadline(operator, 'complaint.accept', '2026-04-14')
    expectOk(before)
    expect(before.body.rule).toMatchObject({ id: 'complaint.accept@v1', version: 1, length: 7, unit: 'WD' })
    expect(before.body.rule.legalBasis).toContain('总局令第20号')
    // Tuesday 2026-04-14 + 7 working days (no holiday in between).
    expect(before.body.deadline).toMatchObject({ date: '2026-04-23', provisional: false })

    const after = await deadline(operator, 'complaint.accept', '2026-04-15')
    expect(after.body.rule).toMatchObject({ id: 'complaint.accept@v2', version: 2 })
    expect(after.body.rule.legalBasis).toContain('总局令第121号')
    expect(after.body.deadline).toMatchObject({ date: '2026-04-24', provisional: false })

    expectError(await deadline(operator, 'complaint.accept', '2019-12-31'), 404, 'NOT_FOUND', '期限规则“complaint.accept@2019-12-31”不存在')
    expectError(await deadline(operator, 'complaint.accept', '2026-02-30'), 400, 'VALIDATION', /2026-02-30/)
  })

  it('needs rule.manage to amend or version a rule (operator → 403, nothing changed)', async () => {
    const operator = await t.login('operator')
    const row = await ruleRow('complaint.accept@v1')
    expectError(
      await operator.patch('/api/rules/complaint.accept@v1', { expectedRowVersion: row.rowVersion, reason: '越权修订', length: 3 }),
      403,
      'FORBIDDEN',
      '没有权限执行此操作',
    )
    expectError(await operator.post('/api/rules/complaint.accept@v1/versions', { validFrom: '2026-03-01', reason: '越权新版' }), 403, 'FORBIDDEN')
    expect(await ruleRow('complaint.accept@v1')).toEqual(row)
    expect(await versionsOf('complaint.accept')).toHaveLength(2)
  })

  it('amends a version in place, audited with the reason; a stale rowVersion → 409 and nothing changed', async () => {
    const before = await ruleRow('complaint.termination_notice@v1')
    const r = await admin.patch('/api/rules/complaint.termination_notice@v1', {
      expectedRowVersion: before.rowVersion,
      reason: '补充备注：告知双方当事人',
      notes: '已核对原文：告知投诉人和被投诉人。',
    })
    expectOk(r)
    expect(r.body).toMatchObject({ rowVersion: before.rowVersion + 1, notes: '已核对原文：告知投诉人和被投诉人。', version: 1 })
    expect((await ruleRow('complaint.termination_notice@v1')).notes).toBe('已核对原文：告知投诉人和被投诉人。')

    const audit = await auditRecords(t, { action: 'rule.amend', targetId: 'complaint.termination_notice@v1' })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: await userId(t, 'admin'), requestId: r.headers['x-request-id'] })
    expect(JSON.parse(audit[0]!.beforeJson!).notes).toBe(before.notes)
    expect(JSON.parse(audit[0]!.afterJson!)).toMatchObject({ reason: '补充备注：告知双方当事人', notes: '已核对原文：告知投诉人和被投诉人。' })

    const stale = await admin.patch('/api/rules/complaint.termination_notice@v1', { expectedRowVersion: before.rowVersion, reason: '过期的修订', length: 9 })
    expectError(stale, 409, 'CONFLICT', '该规则已被他人修改，请刷新后重试')
    expect(await ruleRow('complaint.termination_notice@v1')).toMatchObject({ length: 7, rowVersion: before.rowVersion + 1 })
    expect(await auditRecords(t, { action: 'rule.amend', targetId: 'complaint.termination_notice@v1' })).toHaveLength(1)
  })

  it('requires a reason for an amendment', async () => {
    const row = await ruleRow('complaint.mediation@v1')
    const r = await admin.patch('/api/rules/complaint.mediation@v1', { expectedRowVersion: row.rowVersion, reason: '', length: 30 })
    expectError(r, 400, 'VALIDATION', /请填写修订理由/)
    expect((await ruleRow('complaint.mediation@v1')).length).toBe(45)
  })

  it('creates a new version from a date and closes the old one the day before; resolution follows', async () => {
    const r = await admin.post('/api/rules/report.verify@v1/versions', { validFrom: '2027-01-01', reason: '新规施行', length: 10 })
    expectOk(r, 201)
    expect(r.body).toMatchObject({ id: 'report.verify@v2', ruleId: 'report.verify', version: 2, validFrom: '2027-01-01', validTo: null, length: 10 })
    expect(await ruleRow('report.verify@v1')).toMatchObject({ validTo: '2026-12-31', rowVersion: 2, length: 15 })
    expect(await ruleRow('report.verify@v2')).toMatchObject({ validFrom: '2027-01-01', validTo: null, length: 10 })

    const audit = await auditRecords(t, { action: 'rule.version.create', targetId: 'report.verify@v2' })
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]!.afterJson!)).toMatchObject({ reason: '新规施行', validFrom: '2027-01-01' })

    expect((await deadline(admin, 'report.verify', '2026-12-31')).body.rule).toMatchObject({ version: 1, length: 15 })
    expect((await deadline(admin, 'report.verify', '2027-01-01')).body.rule).toMatchObject({ version: 2, length: 10 })
  })

  it('refuses overlapping or invalid versions with zh-CN messages, changing nothing', async () => {
    const before = await versionsOf('complaint.accept')
    const cases: Array<[string, 'PATCH' | 'POST', object, RegExp]> = [
      // Reopening Order 20's version would overlap Order 121's.
      [
        '/api/rules/complaint.accept@v1',
        'PATCH',
        { expectedRowVersion: 1, reason: '取消失效日期', validTo: null },
        /规则“complaint.accept”的第 1 版（2020-01-01～长期）与第 2 版（2026-04-15～长期）有效期重叠/,
      ],
      [
        '/api/rules/complaint.accept@v1',
        'PATCH',
        { expectedRowVersion: 1, reason: '倒置日期', validTo: '2019-01-01' },
        /失效日期 2019-01-01 早于生效日期 2020-01-01/,
      ],
      ['/api/rules/complaint.accept@v2', 'PATCH', { expectedRowVersion: 1, reason: '长度为零', length: 0 }, /期限长度应为 1～10000 的整数/],
      // A successor of v1 that runs open-ended would overlap v2.
      ['/api/rules/complaint.accept@v1/versions', 'POST', { validFrom: '2026-03-01', validTo: null, reason: '重叠新版' }, /有效期重叠/],
      [
        '/api/rules/complaint.accept@v2/versions',
        'POST',
        { validFrom: '2026-04-15', reason: '同日新版' },
        /新版本的生效日期（2026-04-15）必须晚于当前版本的生效日期（2026-04-15）/,
      ],
      ['/api/rules/complaint.accept@v1/versions', 'POST', { validFrom: '2026-06-01', reason: '空档新版' }, /当前版本已于 2026-04-14 失效/],
      ['/api/rules/complaint.accept@v2/versions', 'POST', { validFrom: '2026-02-30', reason: '不存在的日期' }, /2026-02-30/],
    ]
    for (const [url, method, body, message] of cases) {
      const r = await admin.request(method, url, body)
      expectError(r, 400, 'VALIDATION', message)
    }
    expect(await versionsOf('complaint.accept')).toEqual(before)
    expect(await auditRecords(t, { action: 'rule.version.create', targetId: 'complaint.accept@v3' })).toHaveLength(0)
    expect(await auditRecords(t, { action: 'rule.amend', targetId: 'complaint.accept@v1' })).toHaveLength(0)
  })

  it('on a later start adds the built-in rules the database lacks (a newer module), never touching rules it holds', async () => {
    // As if the database predated the cases module: its lead-verification rule is absent, and an administrator edited another rule.
    await t.s.deps.db.deleteFrom('deadlineRule').where('ruleId', '=', 'case.lead_verify').execute()
    await t.s.deps.db.updateTable('deadlineRule').set({ length: 99 }).where('id', '=', 'case.seizure@v1').execute()
    const added = await t.s.rules.ensureBuiltin()
    expect(added).toBeGreaterThan(0)
    expect((await versionsOf('case.lead_verify')).length).toBe(added)
    expect((await ruleRow('case.seizure@v1')).length).toBe(99)
    expect(await t.s.rules.ensureBuiltin()).toBe(0)
  })

  it('answers 404 for an unknown rule version', async () => {
    expectError(await admin.get('/api/rules/nope.rule@v1'), 404, 'NOT_FOUND', '期限规则“nope.rule@v1”不存在')
  })
})
