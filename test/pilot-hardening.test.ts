import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  auditRecords,
  buildTestApp,
  createActiveUser,
  DEMO_PASSWORD,
  expectError,
  expectOk,
  MINUTE,
  mutableClock,
  STRONG_PASSWORD,
  unitId,
  type Client,
  type TestApp,
} from './helpers'

/*
 * Issue 12, point 32: the smaller holes found by the security sweep, each through HTTP.
 */

describe('pilot hardening (issue 12 #32)', () => {
  const clock = mutableClock('2026-05-11T02:00:00.000Z')
  let t: TestApp
  let admin: Client
  beforeAll(async () => {
    t = await buildTestApp({ demo: true, clock, env: { TRUST_PROXY: 'true' } })
    admin = await t.login('admin')
  })
  afterAll(async () => {
    await t?.close()
  })

  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    t.anon.request('POST', '/api/auth/login', { username, password }, headers)

  describe('login', () => {
    it('answers and locks an unknown username exactly like a real account, and lifts both locks alike', async () => {
      const real = (await createActiveUser(admin, t, { grants: [{ role: 'case_handler', unitCode: 'JZ-410802', scope: 'unit' }] })).username
      const ghost = 'ghost-no-such-account'
      const seen = { [real]: [] as string[], [ghost]: [] as string[] }
      for (let i = 0; i < 7; i++) {
        for (const u of [real, ghost]) {
          const r = await login(u, 'Wrong#Guess99')
          seen[u]!.push(`${r.status} ${JSON.stringify(r.body)}`)
        }
      }
      expect(seen[ghost]).toEqual(seen[real])
      expect(seen[real]!.slice(0, 5).every((s) => s.startsWith('401 '))).toBe(true)
      expect(seen[real]![5]).toMatch(/^423 .*账号已临时锁定/)
      // Locked means locked, whatever the password.
      expect((await login(real, STRONG_PASSWORD)).status).toBe(423)
      expect((await login(ghost, STRONG_PASSWORD)).status).toBe(423)
      clock.advance(16 * MINUTE)
      expectOk(await login(real, STRONG_PASSWORD))
      const after = await login(ghost, STRONG_PASSWORD)
      expectError(after, 401, 'UNAUTHENTICATED', '用户名或密码错误')
      // One more typo after the lock ran out does not lock again at once, for either.
      expect((await login(ghost, 'Wrong#Guess99')).status).toBe(401)
      expect((await login(ghost, 'Wrong#Guess99')).status).toBe(401)
    })

    it('writes failed logins for unknown usernames into the audit trail', async () => {
      const name = 'intruder-probe'
      const before = (await auditRecords(t, { action: 'auth.login_failed' })).filter((r) => r.targetLabel === name).length
      const r = await login(name, 'Wrong#Guess99', { 'x-forwarded-for': '203.0.113.9' })
      expectError(r, 401, 'UNAUTHENTICATED', '用户名或密码错误')
      const records = (await auditRecords(t, { action: 'auth.login_failed' })).filter((x) => x.targetLabel === name)
      expect(records.length).toBe(before + 1)
      const rec = records.at(-1)!
      expect(rec.targetId).toBeNull()
      expect(rec.ip).toBe('203.0.113.9')
      expect(JSON.parse(String(rec.afterJson))).toMatchObject({ failedLogins: 1, locked: false, unknownUser: true })
    })
  })

  describe('HTTPS', () => {
    it('marks the session cookie Secure and sends HSTS when the request came over HTTPS through the trusted proxy', async () => {
      const https = await login('operator', DEMO_PASSWORD, { 'x-forwarded-proto': 'https' })
      expectOk(https)
      expect(String(https.headers['set-cookie'])).toMatch(/;\s*Secure/i)
      expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
      expect((await t.anon.request('GET', '/api/health', undefined, { 'x-forwarded-proto': 'https' })).headers['strict-transport-security']).toBeDefined()

      // Plain HTTP (COOKIE_SECURE not set): neither.
      const http = await login('operator', DEMO_PASSWORD)
      expectOk(http)
      expect(String(http.headers['set-cookie'])).not.toMatch(/;\s*Secure/i)
      expect(http.headers['strict-transport-security']).toBeUndefined()
    })
  })

  describe('password policy', () => {
    it('refuses common passwords, also with capitals, look-alikes and digits added (Password123)', async () => {
      const u = await createActiveUser(admin, t)
      for (const weak of ['Password123', 'P@ssw0rd2026', 'Qwerty#2026', 'Iloveyou!2026']) {
        const r = await u.client.post('/api/auth/password', { oldPassword: STRONG_PASSWORD, newPassword: weak })
        expectError(r, 400, 'VALIDATION', /密码过于常见/)
      }
      expectOk(await login(u.username, STRONG_PASSWORD))
      expectOk(await u.client.post('/api/auth/password', { oldPassword: STRONG_PASSWORD, newPassword: 'Lh8#wQ2x!Tz9' }))
    })
  })

  describe('permissions and data scope', () => {
    it('GET /api/complaints/settings needs complaint.read', async () => {
      expectError(await admin.get('/api/complaints/settings'), 403, 'FORBIDDEN')
      expectError(await (await t.login('auditor')).get('/api/complaints/settings'), 403, 'FORBIDDEN')
      expectOk(await (await t.login('operator')).get('/api/complaints/settings'))
    })

    it("the check-item list keeps to its data scope: another district's items are not listed, read or exported", async () => {
      const zz = await unitId(t, 'JZ-410803')
      const created = await admin.post('/api/inspection-items', {
        code: 'ZZ-SCOPE-001',
        name: '中站区自定事项',
        legalBasis: '《中站区测试依据》',
        unitId: zz,
        checkMethod: '现场检查',
        resultOptions: ['no_problem', 'corrected'],
        businessLine: 'registration',
      })
      expectOk(created, 201)
      // The city's list (kept by its 信用科) applies in every district.
      const cityItem = await admin.post('/api/inspection-items', {
        code: 'JZ-SCOPE-001',
        name: '市局统一事项',
        legalBasis: '《市局测试依据》',
        unitId: await unitId(t, 'JZ-XY'),
        checkMethod: '书面检查',
        resultOptions: ['no_problem'],
        businessLine: 'registration',
      })
      expectOk(cityItem, 201)
      const jfHandler = await t.login('handler') // 解放区, inspection.read on 本单位及下级
      const zzUser = (
        await createActiveUser(admin, t, { unitCode: 'JZ-410803', grants: [{ role: 'case_handler', unitCode: 'JZ-410803', scope: 'unit_tree' }] })
      ).client

      const jfList = await jfHandler.get('/api/inspection-items?pageSize=100')
      expectOk(jfList)
      const jfCodes = (jfList.body.items as Array<{ code: string }>).map((i) => i.code)
      expect(jfCodes).not.toContain('ZZ-SCOPE-001')
      expect(jfCodes).toContain('JZ-SCOPE-001')
      expect(jfList.body.total).toBe(jfCodes.length)
      expectError(await jfHandler.get(`/api/inspection-items/${created.body.id}`), 404, 'NOT_FOUND')
      const exported = await t.app.inject({ method: 'GET', url: '/api/inspection-items/export', headers: { cookie: jfHandler.cookie! } })
      expect(exported.statusCode).toBe(200)

      const zzList = await zzUser.get('/api/inspection-items?pageSize=100')
      expect((zzList.body.items as Array<{ code: string }>).map((i) => i.code)).toEqual(expect.arrayContaining(['ZZ-SCOPE-001', 'JZ-SCOPE-001']))
      expectOk(await zzUser.get(`/api/inspection-items/${created.body.id}`))
      expect((await admin.get('/api/inspection-items?q=ZZ-SCOPE-001')).body.total).toBe(1)
    })
  })
})

describe('an X-Forwarded-Proto from an untrusted client changes nothing', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
  })
  afterAll(async () => {
    await t?.close()
  })
  it('no Secure cookie, no HSTS without TRUST_PROXY', async () => {
    const r = await t.anon.request('POST', '/api/auth/login', { username: 'operator', password: DEMO_PASSWORD }, { 'x-forwarded-proto': 'https' })
    expectOk(r)
    expect(String(r.headers['set-cookie'])).not.toMatch(/;\s*Secure/i)
    expect(r.headers['strict-transport-security']).toBeUndefined()
  })
})
