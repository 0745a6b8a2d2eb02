import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, createUser, expectError, MINUTE, mutableClock, unitId, type Client, type TestApp } from './helpers'

describe('account actions stay within the actor’s reach', () => {
  let t: TestApp
  let admin: Client
  let jfadmin: Client
  const clock = mutableClock('2026-11-20T02:00:00Z')
  beforeAll(async () => {
    t = await buildTestApp({ demo: true, clock })
    admin = await t.login('admin')
    jfadmin = await t.login('jfadmin')
  })
  afterAll(async () => t?.close())

  it('a district admin cannot edit, disable or unlock a city-wide admin who also belongs to the district', async () => {
    const city = await unitId(t, 'JZ')
    const jf = await unitId(t, 'JZ-410802')
    const res = await admin.post('/api/users', {
      username: 'cityboss',
      displayName: '市局管理员乙',
      unitIds: [city, jf],
      grants: [{ role: 'sys_admin', unitId: city, scope: 'all' }],
    })
    expect(res.status, res.raw).toBe(201)
    const id = res.body.user.id
    // Visible to the district admin (member of 解放区) …
    expect((await jfadmin.get(`/api/users/${id}`)).status).toBe(200)
    // … but out of reach for every change.
    expectError(await jfadmin.patch(`/api/users/${id}`, { expectedVersion: res.body.user.version, displayName: '被改名' }), 403, 'FORBIDDEN', /超出您管理范围/)
    expectError(await jfadmin.post(`/api/users/${id}/disable`), 403, 'FORBIDDEN')
    expectError(await jfadmin.post(`/api/users/${id}/unlock`), 403, 'FORBIDDEN')
    expectError(await jfadmin.post(`/api/users/${id}/reset-password`), 403, 'FORBIDDEN')
    const after = await admin.get(`/api/users/${id}`)
    expect(after.body).toMatchObject({ displayName: '市局管理员乙', status: 'active' })
    // A district user with district grants stays manageable.
    const local = await createUser(admin, t, { grants: [{ role: 'operator_12315', unitCode: 'JZ-410802', scope: 'unit' }] })
    expect((await jfadmin.post(`/api/users/${local.user.id}/disable`)).status).toBe(200)
  })

  it('refuses to issue an API token for a user who has not replaced the one-time password', async () => {
    const fresh = await createUser(admin, t, { grants: [{ role: 'operator_12315', unitCode: 'JZ-410802', scope: 'unit' }] })
    expectError(await admin.post('/api/tokens', { name: '对接令牌', userId: fresh.user.id, permissions: ['org.read'] }), 400, 'VALIDATION', /一次性初始密码/)
  })

  it('an expired lockout starts a fresh failure count', async () => {
    for (let i = 0; i < 5; i++) await t.anon.post('/api/auth/login', { username: 'credit', password: 'wrong-password-1' })
    expectError(await t.anon.post('/api/auth/login', { username: 'credit', password: 'Jianguan#Demo2026' }), 423, 'LOCKED')
    clock.advance(16 * MINUTE)
    // One typo after the lock ran out: a plain failure, not another lock.
    expectError(await t.anon.post('/api/auth/login', { username: 'credit', password: 'wrong-password-1' }), 401, 'UNAUTHENTICATED', '用户名或密码错误')
    expect((await t.anon.post('/api/auth/login', { username: 'credit', password: 'Jianguan#Demo2026' })).status).toBe(200)
  })

  it('national data (holiday schedule, rule catalogue) is changed only with a global scope', async () => {
    const cal = await jfadmin.post('/api/calendar/import', { format: 'rows', year: 2027, rows: [{ date: '2027-01-01', kind: '休', name: '元旦' }] })
    expectError(cal, 403, 'FORBIDDEN', /全局范围/)
    const rules = await admin.get('/api/rules?q=complaint.accept')
    const rule = rules.body.items[0]
    expectError(
      await jfadmin.patch(`/api/rules/${encodeURIComponent(rule.id)}`, { expectedRowVersion: rule.rowVersion, reason: '试图修改', notes: 'x' }),
      403,
      'FORBIDDEN',
      /全局范围/,
    )
    expect((await admin.get('/api/calendar/years')).body.items.some((y: { year: number }) => y.year === 2027)).toBe(false)
  })

  it('says in /api/health whether this is a demo installation, and answers a malformed URL in the one error shape', async () => {
    const h = await t.anon.get('/api/health')
    expect(h.body.demo).toBe(true)
    const bad = await t.app.inject({ method: 'GET', url: '/api/users/%E0%A4%A' })
    expect(bad.statusCode).toBe(400)
    expect(JSON.parse(bad.body)).toEqual({ error: { code: 'VALIDATION', message: '请求地址或格式无效' } })
  })

  it('does not take the caller’s X-Request-Id into the audit trail', async () => {
    const r = await admin.request(
      'POST',
      '/api/users',
      { username: 'reqidtest', displayName: '请求号测试', unitIds: [await unitId(t, 'JZ')] },
      { 'x-request-id': 'spoofed-request-id-1234' },
    )
    expect(r.status).toBe(201)
    expect(r.headers['x-request-id']).not.toBe('spoofed-request-id-1234')
    const rec = await t.s.deps.db
      .selectFrom('auditLog')
      .select('requestId')
      .where('action', '=', 'user.create')
      .where('targetId', '=', r.body.user.id)
      .executeTakeFirstOrThrow()
    expect(rec.requestId).toBe(r.headers['x-request-id'])
  })
})
