import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  auditRecords, buildTestApp, createUser, DEMO_PASSWORD, expectError, expectOk, mutableClock, rawSql,
  STRONG_PASSWORD, uniqueName, unitId, userId, type Client, type TestApp,
} from '../../../test/helpers'
import { systemCtx } from '../../core/actor'

const WRONG_PASSWORD = 'Guess#Wrong77'

describe('audit trail over the API', () => {
  const clock = mutableClock('2026-02-20T02:00:00.000Z')
  let t: TestApp
  let admin: Client
  /** Every secret that passed through the API in this file; none may reach the audit trail. */
  const secrets = new Set<string>([DEMO_PASSWORD, STRONG_PASSWORD, WRONG_PASSWORD])
  const track = (c: Client) => {
    if (c.cookie) secrets.add(c.cookie.split('=')[1]!)
    if (c.csrf) secrets.add(c.csrf)
    return c
  }
  beforeAll(async () => {
    t = await buildTestApp({ demo: true, clock })
    admin = track(await t.login('admin'))
  })
  afterAll(async () => t?.close())

  describe('every mutation leaves a complete record', () => {
    interface Case {
      action: string
      actor: string
      run(): Promise<{ res: Awaited<ReturnType<Client['request']>>; targetId: string }>
      before: boolean
      after: boolean
    }
    let subject: { id: string; username: string; initialPassword: string }
    beforeAll(async () => {
      const c = await createUser(admin, t, { phone: '13700000001' })
      subject = { id: c.user.id, username: c.username, initialPassword: c.initialPassword }
      secrets.add(c.initialPassword)
    })

    const cases: Case[] = [
      {
        action: 'auth.login', actor: 'credit', before: false, after: false,
        run: async () => ({ res: await t.anon.post('/api/auth/login', { username: 'credit', password: DEMO_PASSWORD }), targetId: await userId(t, 'credit') }),
      },
      {
        action: 'auth.login_failed', actor: 'credit', before: false, after: true,
        run: async () => ({ res: await t.anon.post('/api/auth/login', { username: 'credit', password: WRONG_PASSWORD }), targetId: await userId(t, 'credit') }),
      },
      {
        action: 'user.create', actor: 'admin', before: false, after: true,
        run: async () => {
          const res = await admin.post('/api/users', { username: uniqueName('aud'), displayName: '审计对象', unitIds: [await unitId(t, 'JZ-410802')], password: 'Created#Pass42' })
          secrets.add('Created#Pass42')
          return { res, targetId: res.body.user.id }
        },
      },
      {
        action: 'user.update', actor: 'admin', before: true, after: true,
        run: async () => ({ res: await admin.patch(`/api/users/${subject.id}`, { expectedVersion: 1, displayName: '审计改名', phone: '13700000002' }), targetId: subject.id }),
      },
      {
        action: 'user.grants.set', actor: 'admin', before: true, after: true,
        run: async () => ({ res: await admin.put(`/api/users/${subject.id}/grants`, { grants: [{ role: 'credit_officer', unitId: await unitId(t, 'JZ-410802'), scope: 'unit_tree' }] }), targetId: subject.id }),
      },
      { action: 'user.disable', actor: 'admin', before: true, after: true, run: async () => ({ res: await admin.post(`/api/users/${subject.id}/disable`), targetId: subject.id }) },
      { action: 'user.enable', actor: 'admin', before: true, after: true, run: async () => ({ res: await admin.post(`/api/users/${subject.id}/enable`), targetId: subject.id }) },
      { action: 'user.unlock', actor: 'admin', before: false, after: false, run: async () => ({ res: await admin.post(`/api/users/${subject.id}/unlock`), targetId: subject.id }) },
      {
        action: 'user.password_reset', actor: 'admin', before: false, after: false,
        run: async () => {
          const res = await admin.post(`/api/users/${subject.id}/reset-password`)
          secrets.add(res.body.initialPassword)
          subject.initialPassword = res.body.initialPassword
          return { res, targetId: subject.id }
        },
      },
      {
        action: 'auth.password_change', actor: 'subject', before: false, after: false,
        run: async () => {
          const c = track(await t.login(subject.username, subject.initialPassword))
          return { res: await c.post('/api/auth/password', { oldPassword: subject.initialPassword, newPassword: STRONG_PASSWORD }), targetId: subject.id }
        },
      },
      {
        action: 'user.personal_data.view', actor: 'leader', before: false, after: true,
        run: async () => ({ res: await track(await t.login('leader')).get(`/api/users/${subject.id}?reveal=1`), targetId: subject.id }),
      },
      {
        action: 'token.create', actor: 'admin', before: false, after: true,
        run: async () => {
          const res = await admin.post('/api/tokens', { name: '审计令牌', userId: subject.id, permissions: ['org.read'] })
          secrets.add(res.body.token)
          return { res, targetId: res.body.id }
        },
      },
      {
        action: 'token.revoke', actor: 'admin', before: false, after: false,
        run: async () => {
          const tok = await t.s.deps.db.selectFrom('apiToken').select('id').where('name', '=', '审计令牌').executeTakeFirstOrThrow()
          return { res: await admin.post(`/api/tokens/${tok.id}/revoke`), targetId: tok.id }
        },
      },
      {
        action: 'org.unit.create', actor: 'admin', before: false, after: true,
        run: async () => {
          const res = await admin.post('/api/org/units', { parentId: await unitId(t, 'JZ-410802'), code: 'A-S01', name: '审计测试所', kind: 'station' })
          return { res, targetId: res.body.id }
        },
      },
      {
        action: 'org.unit.update', actor: 'admin', before: true, after: true,
        run: async () => {
          const id = await unitId(t, 'A-S01')
          return { res: await admin.patch(`/api/org/units/${id}`, { expectedVersion: 1, name: '审计测试所（改）' }), targetId: id }
        },
      },
      {
        action: 'calendar.year.import', actor: 'admin', before: false, after: true,
        run: async () => ({
          res: await admin.post('/api/calendar/import', { format: 'holiday-cn', data: { year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] } }),
          targetId: '2027',
        }),
      },
      {
        action: 'rule.amend', actor: 'admin', before: true, after: true,
        run: async () => ({ res: await admin.patch('/api/rules/case.seizure@v1', { expectedRowVersion: 1, reason: '审计测试', notes: '已核对' }), targetId: 'case.seizure@v1' }),
      },
      {
        action: 'rule.version.create', actor: 'admin', before: true, after: true,
        run: async () => {
          const res = await admin.post('/api/rules/case.seizure@v1/versions', { validFrom: '2030-01-01', reason: '审计测试新版' })
          return { res, targetId: res.body.id }
        },
      },
      {
        action: 'auth.logout', actor: 'credit', before: false, after: false,
        run: async () => ({ res: await track(await t.login('credit')).post('/api/auth/logout'), targetId: await userId(t, 'credit') }),
      },
    ]

    for (const c of cases) {
      it(`${c.action}: actor, target, before/after, request id and ip`, async () => {
        const { res, targetId } = await c.run()
        expect(res.status, res.raw).toBeLessThan(c.action === 'auth.login_failed' ? 500 : 300)
        const requestId = res.headers['x-request-id'] as string
        expect(requestId).toMatch(/^[A-Za-z0-9._-]{8,64}$/)
        const records = (await auditRecords(t, { requestId })).filter((r) => r.action === c.action)
        expect(records, `no ${c.action} record for request ${requestId}`).toHaveLength(1)
        const r = records[0]!
        const actorId = c.actor === 'subject' ? subject.id : await userId(t, c.actor)
        expect(r).toMatchObject({ actorId, targetId, ip: '127.0.0.1', requestId })
        expect(r.actorName).toBeTruthy()
        expect(r.targetType).toMatch(/^[a-z_]+$/)
        expect(r.at).toBe(clock.now().toISOString())
        expect(r.beforeJson !== null).toBe(c.before)
        expect(r.afterJson !== null).toBe(c.after)
        if (r.beforeJson) JSON.parse(r.beforeJson)
        if (r.afterJson) JSON.parse(r.afterJson)
      })
    }

    it('stores the server’s request id, not one a caller made up (only a trusted proxy may set it)', async () => {
      const id = await unitId(t, 'A-S01')
      const unit = await admin.get(`/api/org/units/${id}`)
      const res = await admin.request('PATCH', `/api/org/units/${id}`, { expectedVersion: unit.body.version, phone: '0391-1234567' }, { 'x-request-id': 'trace-abc.123_XYZ' })
      expectOk(res)
      expect(res.headers['x-request-id']).not.toBe('trace-abc.123_XYZ')
      expect(await auditRecords(t, { requestId: 'trace-abc.123_XYZ' })).toHaveLength(0)
      expect(await auditRecords(t, { requestId: res.headers['x-request-id'] as string })).toHaveLength(1)
      const bad = await admin.request('PATCH', `/api/org/units/${id}`, { expectedVersion: unit.body.version + 1, phone: '0391-7654321' }, { 'x-request-id': "x'; drop table--" })
      expectOk(bad)
      expect(bad.headers['x-request-id']).not.toBe("x'; drop table--")
      expect(await auditRecords(t, { requestId: bad.headers['x-request-id'] as string })).toHaveLength(1)
    })

    it('never stores password hashes, passwords, token hashes, session ids or CSRF tokens', async () => {
      const db = t.s.deps.db
      for (const u of await db.selectFrom('appUser').select('passwordHash').execute()) if (u.passwordHash) secrets.add(u.passwordHash)
      for (const k of await db.selectFrom('apiToken').select('tokenHash').execute()) secrets.add(k.tokenHash)
      for (const s of await db.selectFrom('session').select(['idHash', 'csrfToken']).execute()) {
        secrets.add(s.idHash)
        secrets.add(s.csrfToken)
      }
      const rows = await db.selectFrom('auditLog').selectAll().execute()
      expect(rows.length).toBeGreaterThan(20)
      const text = JSON.stringify(rows)
      expect(text).not.toMatch(/\$argon2/)
      const leaked = [...secrets].filter((s) => s.length >= 8 && text.includes(s))
      expect(leaked).toEqual([])
      // The redaction marker shows where a secret field was dropped.
      expect(text).toContain('[已隐去]')
    })
  })

  describe('reading the trail', () => {
    it('is forbidden to the system administrator (三员分立) and allowed to the auditor', async () => {
      expectError(await admin.get('/api/audit'), 403, 'FORBIDDEN', '没有权限执行此操作')
      expectError(await admin.get('/api/audit/verify'), 403, 'FORBIDDEN')
      const auditor = await t.login('auditor')
      const r = await auditor.get('/api/audit?pageSize=200')
      expectOk(r)
      const count = await rawSql<{ n: number | string }>(t, 'select count(*) as n from audit_log')
      expect(r.body.total).toBe(Number(count[0]!.n))
      // Newest first, and no secrets in what is served either.
      const seqs = r.body.items.map((i: { seq: number }) => Number(i.seq))
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
      expect(r.raw).not.toMatch(/\$argon2/)
    })

    it('filters by actor (id or name fragment), action prefix and target', async () => {
      const auditor = await t.login('auditor')
      const adminId = await userId(t, 'admin')
      const byId = await auditor.get(`/api/audit?actor=${adminId}&pageSize=200`)
      expect(byId.body.total).toBeGreaterThan(5)
      expect(byId.body.items.every((i: { actorId: string }) => i.actorId === adminId)).toBe(true)
      const byName = await auditor.get(`/api/audit?actor=${encodeURIComponent('王建')}&pageSize=200`)
      expect(byName.body.total).toBe(byId.body.total)

      const users = await auditor.get('/api/audit?action=user.&pageSize=200')
      expect(users.body.total).toBeGreaterThan(5)
      expect(users.body.items.every((i: { action: string }) => i.action.startsWith('user.'))).toBe(true)
      const dbCount = await t.s.deps.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'user.%').executeTakeFirstOrThrow()
      expect(users.body.total).toBe(Number(dbCount.n))
      // The prefix is literal: '_' and '%' are not wildcards, on both engines.
      const failed = await auditor.get('/api/audit?action=auth.login_failed')
      const failedInDb = await t.s.deps.db.selectFrom('auditLog').select('seq').where('action', '=', 'auth.login_failed').execute()
      expect(failedInDb.length).toBeGreaterThan(0)
      expect(failed.body.total).toBe(failedInDb.length)
      expect((await auditor.get('/api/audit?action=auth.login%5Ffailed')).body.total).toBe(failedInDb.length)
      expect((await auditor.get('/api/audit?action=user_')).body.total).toBe(0)
      expect((await auditor.get('/api/audit?action=%25')).body.total).toBe(0)
      expect((await auditor.get('/api/audit?action=auth.login%25')).body.total).toBe(0)

      const rule = await auditor.get('/api/audit?targetType=deadline_rule&targetId=case.seizure@v1')
      expect(rule.body.items.map((i: { action: string }) => i.action)).toEqual(['rule.amend'])
    })

    it('filters by date range in China time (UTC+8)', async () => {
      // 2026-03-01 23:30 in China …
      clock.set('2026-03-01T15:30:00.000Z')
      const a = await (await t.login('admin')).post('/api/org/units', { parentId: await unitId(t, 'JZ-410803'), code: 'DATE-A', name: '三月一日所', kind: 'station' })
      expectOk(a, 201)
      // … and 2026-03-02 00:30 in China, the same UTC day.
      clock.set('2026-03-01T16:30:00.000Z')
      const b = await (await t.login('admin')).post('/api/org/units', { parentId: await unitId(t, 'JZ-410803'), code: 'DATE-B', name: '三月二日所', kind: 'station' })
      expectOk(b, 201)
      const auditor = await t.login('auditor')
      const on = async (from: string, to: string) =>
        (await auditor.get(`/api/audit?action=org.unit.create&from=${from}&to=${to}`)).body.items.map((i: { targetId: string }) => i.targetId)
      expect(await on('2026-03-01', '2026-03-01')).toEqual([a.body.id])
      expect(await on('2026-03-02', '2026-03-02')).toEqual([b.body.id])
      expect(await on('2026-03-01', '2026-03-02')).toEqual([b.body.id, a.body.id])
      expect(await on('2026-02-28', '2026-02-28')).toEqual([])
      expectError(await auditor.get('/api/audit?from=2026-3-1'), 400, 'VALIDATION', /日期格式应为 YYYY-MM-DD/)
    })

    it('verifies an untouched chain as ok, over the API and through the service the CLI uses', async () => {
      const auditor = await t.login('auditor')
      const r = await auditor.get('/api/audit/verify')
      expectOk(r)
      const head = await t.s.deps.db.selectFrom('auditHead').selectAll().executeTakeFirstOrThrow()
      expect(r.body).toEqual({ ok: true, checked: Number(head.lastSeq), total: Number(head.lastSeq), lastHash: head.lastHash, firstBadSeq: null, problem: null })
      // `jianguan audit verify` prints from exactly this result.
      const v = await t.s.audit.verify()
      expect(v.ok).toBe(true)
      expect(v.total).toBeGreaterThan(0)
    })
  })
})

describe('audit tamper detection', () => {
  let t: TestApp
  const RECORDS = 5
  beforeEach(async () => {
    t = await buildTestApp()
    const ctx = systemCtx('tamper-test')
    const root = await t.s.org.createUnit(ctx, { parentId: null, code: 'ROOT', name: '测试市局', kind: 'city_bureau', divisionCodes: [] })
    for (let i = 1; i < RECORDS; i++) await t.s.org.createUnit(ctx, { parentId: root.id, code: `D${i}`, name: `测试科室${i}`, kind: 'department' })
    expect((await t.s.audit.verify()).ok).toBe(true)
  })
  afterEach(async () => t?.close())

  /** What an attacker with database access does first: switch the append-only guard off. */
  async function dropGuards() {
    if (t.dialect === 'sqlite') {
      await rawSql(t, 'drop trigger audit_log_no_update')
      await rawSql(t, 'drop trigger audit_log_no_delete')
    } else {
      await rawSql(t, 'alter table audit_log disable trigger all')
    }
  }

  it('the database refuses UPDATE and DELETE on audit_log', async () => {
    await expect(rawSql(t, "update audit_log set action = 'x' where seq = 2")).rejects.toThrow(/append-only table audit_log/)
    await expect(rawSql(t, 'delete from audit_log where seq = 2')).rejects.toThrow(/append-only table audit_log/)
    await expect(rawSql(t, 'delete from audit_log')).rejects.toThrow(/append-only table audit_log/)
    if (t.dialect === 'postgres') await expect(rawSql(t, 'truncate audit_log')).rejects.toThrow(/append-only table audit_log/)
    const rows = await auditRecords(t)
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5])
    expect(rows[1]!.action).toBe('org.unit.create')
    expect((await t.s.audit.verify()).ok).toBe(true)
  })

  it('an edited record is reported as the first bad one; restoring it makes the chain whole again', async () => {
    await dropGuards()
    const original = (await auditRecords(t))[2]!
    expect(original.seq).toBe(3)
    const forged = JSON.stringify({ ...JSON.parse(original.afterJson!), name: '伪造的名称' })
    await t.s.deps.db.updateTable('auditLog').set({ afterJson: forged }).where('seq', '=', 3).execute()
    const v = await t.s.audit.verify()
    expect(v).toMatchObject({ ok: false, firstBadSeq: 3, checked: 2, total: RECORDS, problem: '第 3 条审计记录的内容与其哈希不符：记录被篡改' })

    await t.s.deps.db.updateTable('auditLog').set({ afterJson: original.afterJson }).where('seq', '=', 3).execute()
    expect((await t.s.audit.verify()).ok).toBe(true)

    // Re-hashing the forged record does not help: the next record's prev_hash no longer matches.
    const { auditHash } = await import('./audit.domain')
    const { hash: _h, ...content } = { ...original, afterJson: forged }
    await t.s.deps.db.updateTable('auditLog').set({ afterJson: forged, hash: auditHash(content) }).where('seq', '=', 3).execute()
    const again = await t.s.audit.verify()
    expect(again).toMatchObject({ ok: false, firstBadSeq: 4, problem: '第 4 条审计记录的前序哈希与第 3 条不符：链条被改动' })
  })

  it('a deleted middle record is reported as a gap at that record', async () => {
    await dropGuards()
    await rawSql(t, 'delete from audit_log where seq = 3')
    const v = await t.s.audit.verify()
    expect(v).toMatchObject({ ok: false, firstBadSeq: 3, checked: 2, problem: '第 3 条审计记录缺失（下一条为第 4 条）：记录被删除或插入' })
  })

  it('a deleted last record is reported as a head mismatch', async () => {
    await dropGuards()
    await rawSql(t, `delete from audit_log where seq = ${RECORDS}`)
    const v = await t.s.audit.verify()
    expect(v).toMatchObject({ ok: false, firstBadSeq: RECORDS, checked: RECORDS - 1, total: RECORDS })
    expect(v.problem).toBe(`审计链头（最后一条为第 ${RECORDS} 条）与记录不符：末尾记录被删除或链头被改动`)
  })

  it('keeps the CLI contract of `jianguan audit verify`: a fixed result shape', async () => {
    const ok = await t.s.audit.verify()
    const head = await t.s.deps.db.selectFrom('auditHead').selectAll().executeTakeFirstOrThrow()
    expect(ok).toEqual({ ok: true, checked: RECORDS, total: RECORDS, lastHash: head.lastHash, firstBadSeq: null, problem: null })
    await dropGuards()
    await rawSql(t, "update audit_log set target_label = '改' where seq = 1")
    const bad = await t.s.audit.verify()
    expect(Object.keys(bad).sort()).toEqual(['checked', 'firstBadSeq', 'lastHash', 'ok', 'problem', 'total'])
    expect(bad).toMatchObject({ ok: false, checked: 0, firstBadSeq: 1, lastHash: head.lastHash })
    expect(bad.problem).toMatch(/^第 1 条审计记录/)
    // Progress is reported for long chains.
    const progress: Array<[number, number]> = []
    await t.s.audit.verify((checked, total) => progress.push([checked, total]))
    expect(progress.length).toBeGreaterThan(0)
  })
})
