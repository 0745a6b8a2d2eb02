import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  auditRecords,
  buildTestApp,
  createUser,
  DEMO_PASSWORD,
  expectError,
  expectOk,
  mutableClock,
  rawSql,
  STRONG_PASSWORD,
  uniqueName,
  unitId,
  userId,
  type Client,
  type TestApp,
} from '../../../test/helpers'
import { readFileSync, writeFileSync } from 'node:fs'
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
        action: 'auth.login',
        actor: 'credit',
        before: false,
        after: false,
        run: async () => ({ res: await t.anon.post('/api/auth/login', { username: 'credit', password: DEMO_PASSWORD }), targetId: await userId(t, 'credit') }),
      },
      {
        action: 'auth.login_failed',
        actor: 'credit',
        before: false,
        after: true,
        run: async () => ({ res: await t.anon.post('/api/auth/login', { username: 'credit', password: WRONG_PASSWORD }), targetId: await userId(t, 'credit') }),
      },
      {
        action: 'user.create',
        actor: 'admin',
        before: false,
        after: true,
        run: async () => {
          const res = await admin.post('/api/users', {
            username: uniqueName('aud'),
            displayName: '审计对象',
            unitIds: [await unitId(t, 'JZ-410802')],
            password: 'Created#Pass42',
          })
          secrets.add('Created#Pass42')
          return { res, targetId: res.body.user.id }
        },
      },
      {
        action: 'user.update',
        actor: 'admin',
        before: true,
        after: true,
        run: async () => ({
          res: await admin.patch(`/api/users/${subject.id}`, { expectedVersion: 1, displayName: '审计改名', phone: '13700000002' }),
          targetId: subject.id,
        }),
      },
      {
        action: 'user.grants.set',
        actor: 'admin',
        before: true,
        after: true,
        run: async () => ({
          res: await admin.put(`/api/users/${subject.id}/grants`, {
            grants: [{ role: 'credit_officer', unitId: await unitId(t, 'JZ-410802'), scope: 'unit_tree' }],
          }),
          targetId: subject.id,
        }),
      },
      {
        action: 'user.disable',
        actor: 'admin',
        before: true,
        after: true,
        run: async () => ({ res: await admin.post(`/api/users/${subject.id}/disable`), targetId: subject.id }),
      },
      {
        action: 'user.enable',
        actor: 'admin',
        before: true,
        after: true,
        run: async () => ({ res: await admin.post(`/api/users/${subject.id}/enable`), targetId: subject.id }),
      },
      {
        action: 'user.unlock',
        actor: 'admin',
        before: false,
        after: false,
        run: async () => ({ res: await admin.post(`/api/users/${subject.id}/unlock`), targetId: subject.id }),
      },
      {
        action: 'user.password_reset',
        actor: 'admin',
        before: false,
        after: false,
        run: async () => {
          const res = await admin.post(`/api/users/${subject.id}/reset-password`)
          secrets.add(res.body.initialPassword)
          subject.initialPassword = res.body.initialPassword
          return { res, targetId: subject.id }
        },
      },
      {
        action: 'auth.password_change',
        actor: 'subject',
        before: false,
        after: false,
        run: async () => {
          const c = track(await t.login(subject.username, subject.initialPassword))
          return { res: await c.post('/api/auth/password', { oldPassword: subject.initialPassword, newPassword: STRONG_PASSWORD }), targetId: subject.id }
        },
      },
      {
        action: 'user.personal_data.view',
        actor: 'leader',
        before: false,
        after: true,
        run: async () => ({ res: await track(await t.login('leader')).get(`/api/users/${subject.id}?reveal=1`), targetId: subject.id }),
      },
      {
        action: 'token.create',
        actor: 'admin',
        before: false,
        after: true,
        run: async () => {
          const res = await admin.post('/api/tokens', { name: '审计令牌', userId: subject.id, permissions: ['org.read'] })
          secrets.add(res.body.token)
          return { res, targetId: res.body.id }
        },
      },
      {
        action: 'token.revoke',
        actor: 'admin',
        before: false,
        after: false,
        run: async () => {
          const tok = await t.s.deps.db.selectFrom('apiToken').select('id').where('name', '=', '审计令牌').executeTakeFirstOrThrow()
          return { res: await admin.post(`/api/tokens/${tok.id}/revoke`), targetId: tok.id }
        },
      },
      {
        action: 'org.unit.create',
        actor: 'admin',
        before: false,
        after: true,
        run: async () => {
          const res = await admin.post('/api/org/units', { parentId: await unitId(t, 'JZ-410802'), code: 'A-S01', name: '审计测试所', kind: 'station' })
          return { res, targetId: res.body.id }
        },
      },
      {
        action: 'org.unit.update',
        actor: 'admin',
        before: true,
        after: true,
        run: async () => {
          const id = await unitId(t, 'A-S01')
          return { res: await admin.patch(`/api/org/units/${id}`, { expectedVersion: 1, name: '审计测试所（改）' }), targetId: id }
        },
      },
      {
        action: 'calendar.year.import',
        actor: 'admin',
        before: false,
        after: true,
        run: async () => ({
          res: await admin.post('/api/calendar/import', {
            format: 'holiday-cn',
            data: { year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] },
          }),
          targetId: '2027',
        }),
      },
      {
        action: 'rule.amend',
        actor: 'admin',
        before: true,
        after: true,
        run: async () => ({
          res: await admin.patch('/api/rules/case.seizure@v1', { expectedRowVersion: 1, reason: '审计测试', notes: '已核对' }),
          targetId: 'case.seizure@v1',
        }),
      },
      {
        action: 'rule.version.create',
        actor: 'admin',
        before: true,
        after: true,
        run: async () => {
          const res = await admin.post('/api/rules/case.seizure@v1/versions', { validFrom: '2030-01-01', reason: '审计测试新版' })
          return { res, targetId: res.body.id }
        },
      },
      {
        action: 'auth.logout',
        actor: 'credit',
        before: false,
        after: false,
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
      const res = await admin.request(
        'PATCH',
        `/api/org/units/${id}`,
        { expectedVersion: unit.body.version, phone: '0391-1234567' },
        { 'x-request-id': 'trace-abc.123_XYZ' },
      )
      expectOk(res)
      expect(res.headers['x-request-id']).not.toBe('trace-abc.123_XYZ')
      expect(await auditRecords(t, { requestId: 'trace-abc.123_XYZ' })).toHaveLength(0)
      expect(await auditRecords(t, { requestId: res.headers['x-request-id'] as string })).toHaveLength(1)
      const bad = await admin.request(
        'PATCH',
        `/api/org/units/${id}`,
        { expectedVersion: unit.body.version + 1, phone: '0391-7654321' },
        { 'x-request-id': "x'; drop table--" },
      )
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
      const dbCount = await t.s.deps.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', 'like', 'user.%')
        .executeTakeFirstOrThrow()
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
      const a = await (
        await t.login('admin')
      ).post('/api/org/units', { parentId: await unitId(t, 'JZ-410803'), code: 'DATE-A', name: '三月一日所', kind: 'station' })
      expectOk(a, 201)
      // … and 2026-03-02 00:30 in China, the same UTC day.
      clock.set('2026-03-01T16:30:00.000Z')
      const b = await (
        await t.login('admin')
      ).post('/api/org/units', { parentId: await unitId(t, 'JZ-410803'), code: 'DATE-B', name: '三月二日所', kind: 'station' })
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
      expect(r.body).toEqual({
        ok: true,
        checked: Number(head.lastSeq),
        total: Number(head.lastSeq),
        lastHash: head.lastHash,
        firstBadSeq: null,
        problem: null,
        checkpoints: 0,
        lastCheckpoint: null,
      })
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
    await t.s.deps.db
      .updateTable('auditLog')
      .set({ afterJson: forged, hash: auditHash(content) })
      .where('seq', '=', 3)
      .execute()
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
    expect(ok).toEqual({
      ok: true,
      checked: RECORDS,
      total: RECORDS,
      lastHash: head.lastHash,
      firstBadSeq: null,
      problem: null,
      checkpoints: 0,
      lastCheckpoint: null,
    })
    await dropGuards()
    await rawSql(t, "update audit_log set target_label = '改' where seq = 1")
    const bad = await t.s.audit.verify()
    expect(Object.keys(bad).sort()).toEqual(['checked', 'checkpoints', 'firstBadSeq', 'lastCheckpoint', 'lastHash', 'ok', 'problem', 'total'])
    expect(bad).toMatchObject({ ok: false, checked: 0, firstBadSeq: 1, lastHash: head.lastHash })
    expect(bad.problem).toMatch(/^第 1 条审计记录/)
    // Progress is reported for long chains.
    const progress: Array<[number, number]> = []
    await t.s.audit.verify((checked, total) => progress.push([checked, total]))
    expect(progress.length).toBeGreaterThan(0)
  })

  describe('anchored outside the database (signed checkpoints, ADR 0005)', () => {
    /**
     * The attack of issue 12 point 29: edit one record, recompute every later hash and the stored
     * head. The chain then checks out on its own; only a checkpoint outside the database tells.
     */
    async function rebuildFrom(seq: number, edit: (r: AuditRowT) => AuditRowT) {
      const { auditHash } = await import('./audit.domain')
      const rows = await auditRecords(t)
      let prev = rows.find((r) => r.seq === seq - 1)?.hash ?? '0'.repeat(64)
      for (const r of rows.filter((x) => x.seq >= seq)) {
        const { hash: _old, ...content } = { ...(r.seq === seq ? edit(r) : r), prevHash: prev }
        const hash = auditHash(content)
        await t.s.deps.db
          .updateTable('auditLog')
          .set({ ...content, hash })
          .where('seq', '=', r.seq)
          .execute()
        prev = hash
      }
      await t.s.deps.db.updateTable('auditHead').set({ lastHash: prev }).where('id', '=', 1).execute()
    }
    type AuditRowT = Awaited<ReturnType<typeof auditRecords>>[number]
    const anchorFile = () => t.s.deps.config.auditAnchor.file
    const addRecords = async (n: number) => {
      const ctx = systemCtx('tamper-test')
      for (let i = 0; i < n; i++)
        await t.s.org.createUnit(ctx, { parentId: null, code: uniqueName('X'), name: `后续单位${i}`, kind: 'city_bureau', divisionCodes: [] })
    }

    it('a checkpoint is signed, written once per head and verified', async () => {
      const c = await t.s.audit.checkpoint()
      expect(c).toMatchObject({ written: true, seq: RECORDS })
      expect((await t.s.audit.checkpoint()).written).toBe(false)
      const lines = readFileSync(anchorFile(), 'utf8').trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(JSON.parse(lines[0]!)).toMatchObject({ v: 1, seq: RECORDS, hash: c.hash, mac: expect.stringMatching(/^[0-9a-f]{64}$/) })
      await addRecords(2)
      expect(await t.s.audit.verify()).toMatchObject({ ok: true, checked: RECORDS + 2, checkpoints: 1, lastCheckpoint: { seq: RECORDS } })
      // The key is in its own file, never in the database.
      const key = readFileSync(t.s.deps.config.auditAnchor.keyFile, 'utf8').trim()
      expect(key).toMatch(/^[0-9a-f]{64}$/)
      expect(JSON.stringify(await auditRecords(t))).not.toContain(key)
    })

    it('a rebuilt chain (one record edited, every later hash and the head recomputed) is reported at the checkpointed record', async () => {
      await t.s.audit.checkpoint()
      await addRecords(2)
      const forge = (r: AuditRowT) => ({ ...r, afterJson: JSON.stringify({ ...JSON.parse(r.afterJson!), name: '伪造的名称' }) })
      await dropGuards()
      await rebuildFrom(3, forge)
      // Without the checkpoint the rebuilt chain would pass: it is internally consistent.
      const { createChainVerifier } = await import('./audit.domain')
      const bare = createChainVerifier()
      for (const r of await auditRecords(t)) expect(bare.push(r)).toBeUndefined()
      expect(bare.finish(await t.s.deps.db.selectFrom('auditHead').selectAll().executeTakeFirstOrThrow()).ok).toBe(true)

      const v = await t.s.audit.verify()
      expect(v).toMatchObject({ ok: false, firstBadSeq: RECORDS, checked: RECORDS - 1, checkpoints: 1 })
      expect(v.problem).toMatch(new RegExp(`^第 ${RECORDS} 条审计记录的哈希与 .+ 签名的检查点不符：.*审计链被重建`))
      // The server refuses to sign the rebuilt chain.
      await expect(t.s.audit.checkpoint()).rejects.toThrow(/审计链与检查点不符，未写入新检查点/)
      expect(readFileSync(anchorFile(), 'utf8').trim().split('\n')).toHaveLength(1)
    })

    it('a cut tail (last records deleted, head moved back) is reported as missing records after the head', async () => {
      await t.s.audit.checkpoint()
      await dropGuards()
      const rows = await auditRecords(t)
      await rawSql(t, `delete from audit_log where seq > ${RECORDS - 2}`)
      await t.s.deps.db
        .updateTable('auditHead')
        .set({ lastSeq: RECORDS - 2, lastHash: rows[RECORDS - 3]!.hash })
        .where('id', '=', 1)
        .execute()
      const v = await t.s.audit.verify()
      expect(v).toMatchObject({ ok: false, firstBadSeq: RECORDS - 1, checked: RECORDS - 2, total: RECORDS - 2 })
      expect(v.problem).toMatch(new RegExp(`^审计链只到第 ${RECORDS - 2} 条，而 .+ 签名的检查点已记到第 ${RECORDS} 条：末尾记录被截去`))
      await expect(t.s.audit.checkpoint()).rejects.toThrow(/末尾记录被截去/)
    })

    it('a cut tail grown back with new records is reported as a rebuilt chain', async () => {
      await t.s.audit.checkpoint()
      await dropGuards()
      const rows = await auditRecords(t)
      await rawSql(t, `delete from audit_log where seq > 2`)
      await t.s.deps.db.updateTable('auditHead').set({ lastSeq: 2, lastHash: rows[1]!.hash }).where('id', '=', 1).execute()
      await addRecords(RECORDS)
      const v = await t.s.audit.verify()
      expect(v).toMatchObject({ ok: false, firstBadSeq: RECORDS })
      expect(v.problem).toMatch(/审计链被重建/)
    })

    it('an edited or forged checkpoint line, or another key, is reported', async () => {
      const c = await t.s.audit.checkpoint()
      const original = readFileSync(anchorFile(), 'utf8')
      // An attacker lowers the checkpoint to hide a cut tail: the signature no longer matches.
      writeFileSync(anchorFile(), original.replace(`"seq":${c.seq}`, `"seq":${c.seq - 2}`))
      expect(await t.s.audit.verify()).toMatchObject({ ok: false, firstBadSeq: null, problem: '检查点文件第 1 行无效（签名不符）：检查点文件被改动或密钥不符' })
      writeFileSync(anchorFile(), `${original}not json\n`)
      expect((await t.s.audit.verify()).problem).toBe('检查点文件第 2 行无效（不是 JSON）：检查点文件被改动或密钥不符')
      writeFileSync(anchorFile(), original)
      writeFileSync(t.s.deps.config.auditAnchor.keyFile, 'another-key-another-key-another-key\n')
      expect((await t.s.audit.verify()).problem).toBe('检查点文件第 1 行无效（签名不符）：检查点文件被改动或密钥不符')
    })

    it('the server writes checkpoints on its schedule', async () => {
      const { startSchedules } = await import('../../app')
      const stop = startSchedules(t.s, { everyMs: { 'complaint.escalate': 3_600_000, 'complaint.alerts': 3_600_000, 'audit.checkpoint': 3_600_000 } })
      await stop()
      const lines = readFileSync(anchorFile(), 'utf8').trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(JSON.parse(lines[0]!)).toMatchObject({ seq: RECORDS })
    })
  })
})
