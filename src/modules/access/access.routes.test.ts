import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  auditRecords,
  buildTestApp,
  createActiveUser,
  createUser,
  DEMO_PASSWORD,
  expectError,
  expectOk,
  HOUR,
  makeClient,
  MINUTE,
  mutableClock,
  STRONG_PASSWORD,
  uniqueName,
  unitId,
  userId,
  type TestApp,
} from '../../../test/helpers'

const GENERIC_LOGIN_FAILURE = '用户名或密码错误'
const CSRF_MESSAGE = '安全校验失败，请刷新页面后重试'
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

describe('access: login, sessions, CSRF, passwords, users, grants, personal data, API tokens', () => {
  const clock = mutableClock('2026-05-11T02:00:00.000Z')
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: true, clock })
  })
  afterAll(async () => t?.close())

  const rawLogin = (username: string, password: string) => t.anon.post('/api/auth/login', { username, password })
  const userRow = (username: string) => t.s.deps.db.selectFrom('appUser').selectAll().where('username', '=', username).executeTakeFirstOrThrow()

  describe('login', () => {
    it('logs in with the right password, opens a server-side session and audits auth.login', async () => {
      const r = await rawLogin('credit', DEMO_PASSWORD)
      expectOk(r)
      expect(r.body.user.username).toBe('credit')
      expect(r.body.via).toBe('session')
      expect(r.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/)
      const cookie = String(r.headers['set-cookie']).split(';')[0]!
      const token = cookie.split('=')[1]!
      // Only the SHA-256 of the cookie value is stored.
      const session = await t.s.deps.db.selectFrom('session').selectAll().where('idHash', '=', sha256(token)).executeTakeFirst()
      expect(session?.userId).toBe(await userId(t, 'credit'))
      expect(await t.s.deps.db.selectFrom('session').select('idHash').where('idHash', '=', token).executeTakeFirst()).toBeUndefined()
      const me = await makeClient(t.app, cookie).get('/api/auth/me')
      expectOk(me)
      expect(me.body.user.username).toBe('credit')
      const audit = await auditRecords(t, { action: 'auth.login', targetId: await userId(t, 'credit') })
      expect(audit.length).toBeGreaterThanOrEqual(1)
    })

    it('answers unknown user and wrong password with the same generic message', async () => {
      const unknown = await rawLogin('nobody_here', DEMO_PASSWORD)
      expectError(unknown, 401, 'UNAUTHENTICATED', GENERIC_LOGIN_FAILURE)
      const wrong = await rawLogin('operator', 'Wrong#Password1')
      expectError(wrong, 401, 'UNAUTHENTICATED', GENERIC_LOGIN_FAILURE)
      expect(unknown.body).toEqual(wrong.body)
      expect(unknown.headers['set-cookie']).toBeUndefined()
      expect(wrong.headers['set-cookie']).toBeUndefined()
      // The wrong password counted against the account; a success resets it.
      expect((await userRow('operator')).failedLogins).toBe(1)
      expectOk(await rawLogin('operator', DEMO_PASSWORD))
      expect((await userRow('operator')).failedLogins).toBe(0)
    })

    it('locks the account after LOGIN_MAX_FAILURES failures (423 even with the right password), audits it, and admin unlock works', async () => {
      const { username } = await createActiveUser(await t.login('admin'), t, { grants: [{ role: 'case_handler', unitCode: 'JZ-410802', scope: 'unit_tree' }] })
      const id = await userId(t, username)
      for (let i = 1; i <= 4; i++) expectError(await rawLogin(username, `Wrong#Pass${i}x`), 401, 'UNAUTHENTICATED', GENERIC_LOGIN_FAILURE)
      expect((await userRow(username)).lockedUntil).toBeNull()
      expectError(await rawLogin(username, 'Wrong#Pass5x'), 401, 'UNAUTHENTICATED', GENERIC_LOGIN_FAILURE)
      const row = await userRow(username)
      expect(row.failedLogins).toBe(5)
      expect(Date.parse(row.lockedUntil!)).toBe(clock.now().getTime() + 15 * MINUTE)

      const locked = await rawLogin(username, STRONG_PASSWORD)
      expectError(locked, 423, 'LOCKED', '登录失败次数过多，账号已临时锁定，请 15 分钟后再试或联系管理员解锁')
      expect(locked.headers['set-cookie']).toBeUndefined()

      const failed = await auditRecords(t, { action: 'auth.login_failed', targetId: id })
      expect(failed).toHaveLength(4)
      expect(failed.map((r) => JSON.parse(r.afterJson!).failedLogins)).toEqual([1, 2, 3, 4])
      const lockout = await auditRecords(t, { action: 'auth.lockout', targetId: id })
      expect(lockout).toHaveLength(1)
      expect(JSON.parse(lockout[0]!.afterJson!)).toEqual({ failedLogins: 5, locked: true })
      expect(lockout[0]!.ip).toBe('127.0.0.1')

      const admin = await t.login('admin')
      const before = await admin.get(`/api/users/${id}`)
      expect(before.body.locked).toBe(true)
      const unlocked = await admin.post(`/api/users/${id}/unlock`)
      expectOk(unlocked)
      expect(unlocked.body.locked).toBe(false)
      expect((await userRow(username)).lockedUntil).toBeNull()
      expect(await auditRecords(t, { action: 'user.unlock', targetId: id })).toHaveLength(1)
      expectOk(await rawLogin(username, STRONG_PASSWORD))
    })

    it('counts parallel wrong guesses without losing any: a burst cannot get past the lockout', async () => {
      const { username } = await createActiveUser(await t.login('admin'), t)
      const id = await userId(t, username)
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => rawLogin(username, `Wrong#Burst${i}x`)))
      for (const r of results) expect([401, 423]).toContain(r.status)
      const row = await userRow(username)
      const failures = (await auditRecords(t, { targetId: id })).filter((r) => r.action === 'auth.login_failed' || r.action === 'auth.lockout')
      // Every counted failure is audited, and each one saw a distinct count.
      expect(row.failedLogins).toBe(failures.length)
      expect(new Set(failures.map((r) => JSON.parse(r.afterJson!).failedLogins)).size).toBe(failures.length)
      expect(row.lockedUntil).not.toBeNull()
      expectError(await rawLogin(username, STRONG_PASSWORD), 423, 'LOCKED')
    })

    it('lifts the lock by itself after LOGIN_LOCK_MINUTES', async () => {
      const { username } = await createActiveUser(await t.login('admin'), t)
      for (let i = 0; i < 5; i++) await rawLogin(username, `Wrong#Pass${i}x`)
      expectError(await rawLogin(username, STRONG_PASSWORD), 423, 'LOCKED')
      clock.advance(14 * MINUTE)
      expectError(await rawLogin(username, STRONG_PASSWORD), 423, 'LOCKED', /请 1 分钟后再试/)
      clock.advance(1 * MINUTE + 1000)
      expectOk(await rawLogin(username, STRONG_PASSWORD))
    })

    it('refuses a disabled account even with the right password', async () => {
      const admin = await t.login('admin')
      const { username } = await createActiveUser(admin, t)
      expectOk(await admin.post(`/api/users/${await userId(t, username)}/disable`))
      expectError(await rawLogin(username, STRONG_PASSWORD), 403, 'FORBIDDEN', '账号已停用，请联系管理员')
    })
  })

  describe('sessions', () => {
    it('sets the session cookie HttpOnly, SameSite=Strict, Path=/', async () => {
      const r = await rawLogin('credit', DEMO_PASSWORD)
      const raw = String(r.headers['set-cookie'])
      expect(raw).toMatch(/^jg_session=[A-Za-z0-9_-]{40,};/)
      expect(raw).toMatch(/;\s*HttpOnly/i)
      expect(raw).toMatch(/;\s*SameSite=Strict/i)
      expect(raw).toMatch(/;\s*Path=\/(;|$)/)
      // COOKIE_SECURE defaults to false (plain HTTP in the demo); production sets it.
      expect(raw).not.toMatch(/;\s*Secure/i)
    })

    it('logout revokes the session at once: the same cookie is refused afterwards', async () => {
      const c = await t.login('credit')
      expectOk(await c.get('/api/auth/me'))
      const out = await c.post('/api/auth/logout')
      expectOk(out)
      expect(String(out.headers['set-cookie'])).toMatch(/jg_session=;/)
      expectError(await c.get('/api/auth/me'), 401, 'UNAUTHENTICATED', '请先登录')
      expectError(await c.get('/api/org/units'), 401, 'UNAUTHENTICATED')
      const s = await t.s.deps.db
        .selectFrom('session')
        .selectAll()
        .where('idHash', '=', sha256(c.cookie!.split('=')[1]!))
        .executeTakeFirstOrThrow()
      expect(s.revokedAt).not.toBeNull()
    })

    it('disabling a user revokes their live session and their API tokens at once', async () => {
      const admin = await t.login('admin')
      const victim = await createActiveUser(admin, t, { grants: [{ role: 'bureau_leader', unitCode: 'JZ-410802', scope: 'unit_tree' }] })
      const id = await userId(t, victim.username)
      expectOk(await victim.client.get('/api/users'))
      const tok = await admin.post('/api/tokens', { name: '对接令牌', userId: id, permissions: ['user.read'] })
      expectOk(tok, 201)
      const bearer = makeClient(t.app, null, null, { authorization: `Bearer ${tok.body.token}` })
      expectOk(await bearer.get('/api/users'))

      expectOk(await admin.post(`/api/users/${id}/disable`))
      expectError(await victim.client.get('/api/users'), 401, 'UNAUTHENTICATED')
      expectError(await bearer.get('/api/users'), 401, 'UNAUTHENTICATED')
      const sessions = await t.s.deps.db.selectFrom('session').select('revokedAt').where('userId', '=', id).execute()
      expect(sessions.length).toBeGreaterThan(0)
      expect(sessions.every((s) => s.revokedAt !== null)).toBe(true)
      const tokenRow = await t.s.deps.db.selectFrom('apiToken').select('revokedAt').where('id', '=', tok.body.id).executeTakeFirstOrThrow()
      expect(tokenRow.revokedAt).not.toBeNull()
      // Re-enabling does not bring the old session or token back.
      expectOk(await admin.post(`/api/users/${id}/enable`))
      expectError(await victim.client.get('/api/users'), 401, 'UNAUTHENTICATED')
      expectError(await bearer.get('/api/users'), 401, 'UNAUTHENTICATED')
    })

    it(`expires a session after SESSION_IDLE_MINUTES (30) without requests`, async () => {
      const c = await t.login('credit')
      clock.advance(29 * MINUTE)
      expectOk(await c.get('/api/auth/me'))
      // Activity moved the idle window: another 29 minutes are still fine.
      clock.advance(29 * MINUTE)
      expectOk(await c.get('/api/auth/me'))
      clock.advance(30 * MINUTE + 1000)
      expectError(await c.get('/api/auth/me'), 401, 'UNAUTHENTICATED', '请先登录')
      // …and it stays dead.
      expectError(await c.get('/api/auth/me'), 401, 'UNAUTHENTICATED')
    })

    it('expires a session after SESSION_ABSOLUTE_HOURS (12) however active it is', async () => {
      const c = await t.login('credit')
      const start = clock.now().getTime()
      while (clock.now().getTime() - start < 12 * HOUR - 20 * MINUTE) {
        clock.advance(20 * MINUTE)
        expectOk(await c.get('/api/auth/me'))
      }
      clock.advance(20 * MINUTE + 1000)
      expect(clock.now().getTime() - start).toBeGreaterThan(12 * HOUR)
      expectError(await c.get('/api/auth/me'), 401, 'UNAUTHENTICATED')
    })
  })

  describe('CSRF', () => {
    it('refuses a cookie-authenticated POST without or with a wrong X-CSRF-Token, and changes nothing', async () => {
      const admin = await t.login('admin')
      const unit = await unitId(t, 'JZ-410802')
      for (const headers of [{}, { 'x-csrf-token': 'not-the-token' }, { 'x-csrf-token': '' }] as Array<Record<string, string>>) {
        const username = uniqueName('csrf')
        const noToken = makeClient(t.app, admin.cookie, null)
        const r = await noToken.request('POST', '/api/users', { username, displayName: '跨站请求', unitIds: [unit] }, headers)
        expectError(r, 403, 'CSRF', CSRF_MESSAGE)
        expect(await t.s.deps.db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirst()).toBeUndefined()
      }
      // PATCH too, and the user stays as it was.
      const operatorId = await userId(t, 'operator')
      const before = await admin.get(`/api/users/${operatorId}`)
      const r = await makeClient(t.app, admin.cookie, 'wrong').patch(`/api/users/${operatorId}`, {
        expectedVersion: before.body.version,
        displayName: '被篡改',
      })
      expectError(r, 403, 'CSRF', CSRF_MESSAGE)
      const after = await admin.get(`/api/users/${operatorId}`)
      expect(after.body.displayName).toBe(before.body.displayName)
      expect(after.body.version).toBe(before.body.version)
      // Logout is a write too: without the token the session survives.
      expectError(await makeClient(t.app, admin.cookie, null).post('/api/auth/logout'), 403, 'CSRF')
      expectOk(await admin.get('/api/auth/me'))
    })

    it('needs no CSRF token for bearer-token requests', async () => {
      const admin = await t.login('admin')
      const tok = await admin.post('/api/tokens', { name: '集成令牌', userId: await userId(t, 'admin'), permissions: ['user.read', 'user.manage'] })
      expectOk(tok, 201)
      const bearer = makeClient(t.app, null, null, { authorization: `Bearer ${tok.body.token}` })
      const username = uniqueName('tok')
      const r = await bearer.post('/api/users', { username, displayName: '令牌建的用户', unitIds: [await unitId(t, 'JZ-410802')] })
      expectOk(r, 201)
      const row = await userRow(username)
      expect(row.id).toBe(r.body.user.id)
      const audit = await auditRecords(t, { action: 'user.create', targetId: row.id })
      expect(audit[0]!.actorName).toBe('王建国·集成令牌（接口令牌）')
    })
  })

  describe('passwords', () => {
    it('enforces the password policy with zh-CN messages and keeps the old password', async () => {
      const admin = await t.login('admin')
      const u = await createActiveUser(admin, t, { username: uniqueName('pw') })
      const cases: Array<[string, string]> = [
        ['Ab1!xyz', '密码至少 10 位'],
        ['abcdefghjkmn', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
        [`X9#${u.username}`, '密码不能包含用户名'],
      ]
      for (const [newPassword, problem] of cases) {
        const r = await u.client.post('/api/auth/password', { oldPassword: STRONG_PASSWORD, newPassword })
        expectError(r, 400, 'VALIDATION')
        expect(r.body.error.message).toContain(problem)
        expect(r.body.error.details.problems).toContain(problem)
      }
      expectError(await u.client.post('/api/auth/password', { oldPassword: 'Not#TheOld9', newPassword: 'Brand#New9pass' }), 400, 'VALIDATION', '原密码不正确')
      expectOk(await rawLogin(u.username, STRONG_PASSWORD))
      // The same policy applies when an administrator sets a password at creation.
      const username = uniqueName('pw')
      const r = await admin.post('/api/users', { username, displayName: '弱密码', unitIds: [await unitId(t, 'JZ-410802')], password: 'short1A' })
      expectError(r, 400, 'VALIDATION', /密码至少 10 位/)
      expect(await t.s.deps.db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirst()).toBeUndefined()
    })

    it('stores argon2id hashes, never the password', async () => {
      const admin = await t.login('admin')
      const username = uniqueName('hash')
      const password = 'Plain#Text9word'
      expectOk(await admin.post('/api/users', { username, displayName: '哈希检查', unitIds: [await unitId(t, 'JZ-410802')], password }), 201)
      const row = await userRow(username)
      expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
      expect(row.passwordHash).not.toContain(password)
      const demo = await userRow('admin')
      expect(demo.passwordHash).toMatch(/^\$argon2id\$/)
    })

    it('mustChangePassword: a one-time password gives a session without permissions until the password is changed', async () => {
      const admin = await t.login('admin')
      const { username, initialPassword, user } = await createUser(admin, t, { grants: [{ role: 'bureau_leader', unitCode: 'JZ', scope: 'all' }] })
      expect(initialPassword).toMatch(/^.{16}$/)
      expect(user.mustChangePassword).toBe(true)
      const c = await t.login(username, initialPassword)
      const me = await c.get('/api/auth/me')
      expect(me.body.user.mustChangePassword).toBe(true)
      expect(me.body.permissions).toEqual([])
      expectError(await c.get('/api/users'), 403, 'FORBIDDEN', '没有权限执行此操作')
      expectError(await c.get('/api/org/units'), 403, 'FORBIDDEN')

      const changed = await c.post('/api/auth/password', { oldPassword: initialPassword, newPassword: STRONG_PASSWORD })
      expectOk(changed)
      expect((await userRow(username)).mustChangePassword).toBe(0)
      const list = await c.get('/api/users')
      expectOk(list)
      expect(list.body.total).toBeGreaterThan(0)
      expect((await c.get('/api/auth/me')).body.permissions).toContain('user.read')
      expectError(await rawLogin(username, initialPassword), 401, 'UNAUTHENTICATED', GENERIC_LOGIN_FAILURE)
      expectOk(await rawLogin(username, STRONG_PASSWORD))
      expect(await auditRecords(t, { action: 'auth.password_change', targetId: user.id })).toHaveLength(1)
    })
  })

  describe('users', () => {
    it('creates, reads and updates a user with optimistic locking (stale expectedVersion → 409, nothing changed)', async () => {
      const admin = await t.login('admin')
      const { user } = await createUser(admin, t, { displayName: '乐观锁', phone: '13800001111' })
      const got = await admin.get(`/api/users/${user.id}`)
      expect(got.body).toMatchObject({ displayName: '乐观锁', version: 1, status: 'active', phone: '138****1111' })

      const first = await admin.patch(`/api/users/${user.id}`, { expectedVersion: 1, displayName: '第一次修改' })
      expectOk(first)
      expect(first.body.version).toBe(2)
      const stale = await admin.patch(`/api/users/${user.id}`, { expectedVersion: 1, displayName: '过期修改' })
      expectError(stale, 409, 'CONFLICT', '该用户已被他人修改，请刷新后重试')
      const after = await admin.get(`/api/users/${user.id}`)
      expect(after.body).toMatchObject({ displayName: '第一次修改', version: 2 })
      expect((await userRow(user.username)).displayName).toBe('第一次修改')
      expect(await auditRecords(t, { action: 'user.update', targetId: user.id })).toHaveLength(1)
    })

    it('refuses a duplicate username with 409', async () => {
      const admin = await t.login('admin')
      const r = await admin.post('/api/users', { username: 'leader', displayName: '重名', unitIds: [await unitId(t, 'JZ')] })
      expectError(r, 409, 'CONFLICT', '用户名“leader”已被使用')
      expect(await t.s.deps.db.selectFrom('appUser').select('id').where('username', '=', 'leader').execute()).toHaveLength(1)
    })

    it('does not let an administrator disable their own account', async () => {
      const admin = await t.login('admin')
      expectError(await admin.post(`/api/users/${await userId(t, 'admin')}/disable`), 400, 'VALIDATION', '不能停用自己的账号')
      expect((await userRow('admin')).status).toBe('active')
    })
  })

  describe('grants (no escalation)', () => {
    it('lets jfadmin create a user inside 解放区 with a grant inside 解放区 (positive control)', async () => {
      const jf = await t.login('jfadmin')
      const r = await jf.post('/api/users', {
        username: uniqueName('jf'),
        displayName: '区局新人',
        unitIds: [await unitId(t, 'JZ-410802-S01')],
        grants: [{ role: 'case_handler', unitId: await unitId(t, 'JZ-410802'), scope: 'unit_tree' }],
      })
      expectOk(r, 201)
      expect(r.body.user.grants).toMatchObject([{ role: 'case_handler', scope: 'unit_tree', unitName: '焦作市解放区市场监督管理局' }])
    })

    it('refuses jfadmin granting scope all, granting at the city unit, or assigning a unit outside 解放区 (403, nothing created)', async () => {
      const jf = await t.login('jfadmin')
      const jfUnit = await unitId(t, 'JZ-410802')
      const attempts = [
        {
          body: { unitIds: [jfUnit], grants: [{ role: 'sys_admin', unitId: jfUnit, scope: 'all' }] },
          message: '不能授予超出您管理范围的权限（系统管理员，焦作市解放区市场监督管理局，全部）',
        },
        {
          body: { unitIds: [jfUnit], grants: [{ role: 'bureau_leader', unitId: await unitId(t, 'JZ'), scope: 'unit' }] },
          message: '不能授予超出您管理范围的权限（局领导，焦作市市场监督管理局，仅本单位）',
        },
        { body: { unitIds: [await unitId(t, 'JZ-410803')], grants: [] }, message: '不能把用户分配到您管理范围之外的机构（焦作市中站区市场监督管理局）' },
      ]
      for (const a of attempts) {
        const username = uniqueName('esc')
        expectError(await jf.post('/api/users', { username, displayName: '越权', ...a.body }), 403, 'FORBIDDEN', a.message)
        expect(await t.s.deps.db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirst()).toBeUndefined()
      }
      // Through PUT /grants as well: the target keeps its grants.
      const handlerId = await userId(t, 'handler')
      const r = await jf.put(`/api/users/${handlerId}/grants`, { grants: [{ role: 'sys_admin', unitId: jfUnit, scope: 'all' }] })
      expectError(r, 403, 'FORBIDDEN', /不能授予超出您管理范围的权限/)
      const grants = await t.s.deps.db.selectFrom('roleGrant').select(['role', 'scope']).where('userId', '=', handlerId).execute()
      expect(grants).toEqual([{ role: 'case_handler', scope: 'unit_tree' }])
    })

    it('refuses jfadmin taking over a more powerful account that merely also belongs to 解放区 (password reset, API token)', async () => {
      const admin = await t.login('admin')
      const username = uniqueName('mixed')
      const created = await admin.post('/api/users', {
        username,
        displayName: '挂职市局管理员',
        unitIds: [await unitId(t, 'JZ'), await unitId(t, 'JZ-410802')],
        password: STRONG_PASSWORD,
        grants: [{ role: 'sys_admin', unitId: await unitId(t, 'JZ'), scope: 'all' }],
      })
      expectOk(created, 201)
      const id = created.body.user.id as string
      const hashBefore = (await userRow(username)).passwordHash
      const jf = await t.login('jfadmin')
      // The account is visible to jfadmin (one of its units is in 解放区)…
      expectOk(await jf.get(`/api/users/${id}`))
      // …but a new one-time password would hand jfadmin a city-wide administrator.
      const reset = await jf.post(`/api/users/${id}/reset-password`)
      expectError(reset, 403, 'FORBIDDEN', /超出您管理范围/)
      expect(reset.raw).not.toMatch(/initialPassword/)
      expect((await userRow(username)).passwordHash).toBe(hashBefore)
      // …and so would an API token acting as that user.
      const tok = await jf.post('/api/tokens', { name: '越权令牌', userId: id, permissions: ['user.manage'] })
      expectError(tok, 403, 'FORBIDDEN', /超出您管理范围/)
      expect(await t.s.deps.db.selectFrom('apiToken').select('id').where('userId', '=', id).execute()).toHaveLength(0)
      // Positive control: jfadmin can still reset a 解放区 user's password.
      const local = await createUser(admin, t, { grants: [{ role: 'case_handler', unitCode: 'JZ-410802', scope: 'unit_tree' }] })
      const ok = await jf.post(`/api/users/${local.user.id}/reset-password`)
      expectOk(ok)
      expect(ok.body.initialPassword).toMatch(/^.{16}$/)
    })

    it('requires a certificate number for the inspector role (400)', async () => {
      const admin = await t.login('admin')
      const station = await unitId(t, 'JZ-410802-S01')
      const username = uniqueName('insp')
      const r = await admin.post('/api/users', {
        username,
        displayName: '无证检查员',
        unitIds: [station],
        grants: [{ role: 'inspector', unitId: station, scope: 'unit' }],
      })
      expectError(r, 400, 'VALIDATION', '授予“执法检查人员”角色前须填写执法证号')
      expect(await t.s.deps.db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirst()).toBeUndefined()
      const ok = await admin.post('/api/users', {
        username,
        displayName: '持证检查员',
        certNo: '豫A0820099',
        unitIds: [station],
        grants: [{ role: 'inspector', unitId: station, scope: 'unit' }],
      })
      expectOk(ok, 201)
      // And the certificate cannot be cleared while the role is held.
      const cleared = await admin.patch(`/api/users/${ok.body.user.id}`, { expectedVersion: 1, certNo: null })
      expectError(cleared, 400, 'VALIDATION', '该用户持有“执法检查人员”角色，执法证号不能清空')
      expect((await userRow(username)).certNo).toBe('豫A0820099')
    })
  })

  describe('personal data', () => {
    it('masks phones in list and detail', async () => {
      const admin = await t.login('admin')
      const list = await admin.get('/api/users?q=admin')
      const me = list.body.items.find((u: { username: string }) => u.username === 'admin')
      expect(me.phone).toBe('139****0001')
      const detail = await admin.get(`/api/users/${me.id}`)
      expect(detail.body.phone).toBe('139****0001')
      expect(list.raw).not.toContain('13903910001')
    })

    it('reveals the phone only with personal_data.view (leader yes, admin no) and audits each reveal', async () => {
      const adminId = await userId(t, 'admin')
      const admin = await t.login('admin')
      const refused = await admin.get(`/api/users/${adminId}?reveal=1`)
      expectError(refused, 403, 'FORBIDDEN', '没有查看个人信息明文的权限')
      expect(refused.raw).not.toContain('13903910001')
      expect(await auditRecords(t, { action: 'user.personal_data.view', targetId: adminId })).toHaveLength(0)

      const leader = await t.login('leader')
      const shown = await leader.get(`/api/users/${adminId}?reveal=1`)
      expectOk(shown)
      expect(shown.body.phone).toBe('13903910001')
      const views = await auditRecords(t, { action: 'user.personal_data.view', targetId: adminId })
      expect(views).toHaveLength(1)
      expect(views[0]).toMatchObject({
        actorId: await userId(t, 'leader'),
        actorName: '李卫东',
        targetLabel: 'admin',
        requestId: shown.headers['x-request-id'],
      })
      expect(JSON.parse(views[0]!.afterJson!)).toEqual({ fields: ['phone', 'email'] })
      // Without reveal the leader sees it masked, and nothing is recorded.
      expect((await leader.get(`/api/users/${adminId}`)).body.phone).toBe('139****0001')
      expect(await auditRecords(t, { action: 'user.personal_data.view', targetId: adminId })).toHaveLength(1)
    })
  })

  describe('API tokens', () => {
    it('shows the plain token once, stores only its SHA-256, and limits it to its listed permissions', async () => {
      const admin = await t.login('admin')
      const adminId = await userId(t, 'admin')
      const r = await admin.post('/api/tokens', { name: '只读用户', userId: adminId, permissions: ['user.read'] })
      expectOk(r, 201)
      const plain: string = r.body.token
      expect(plain).toMatch(/^jg_[A-Za-z0-9_-]{30,}$/)
      const row = await t.s.deps.db.selectFrom('apiToken').selectAll().where('id', '=', r.body.id).executeTakeFirstOrThrow()
      expect(row.tokenHash).toBe(sha256(plain))
      expect(JSON.stringify(row)).not.toContain(plain)
      const list = await admin.get('/api/tokens')
      expect(list.body.items.find((x: { id: string }) => x.id === r.body.id)).toMatchObject({ prefix: plain.slice(0, 10), permissions: ['user.read'] })
      expect(list.raw).not.toContain(plain)

      const bearer = makeClient(t.app, null, null, { authorization: `Bearer ${plain}` })
      expectOk(await bearer.get('/api/users'))
      // sys_admin holds org.read, but the token does not list it.
      expectError(await bearer.get('/api/org/units'), 403, 'FORBIDDEN', '没有权限执行此操作')
      expectError(await bearer.post('/api/users', { username: uniqueName('t'), displayName: '不允许', unitIds: [await unitId(t, 'JZ')] }), 403, 'FORBIDDEN')
      // A token can never change a password.
      expectError(
        await bearer.post('/api/auth/password', { oldPassword: DEMO_PASSWORD, newPassword: STRONG_PASSWORD }),
        403,
        'FORBIDDEN',
        '接口令牌不能修改密码',
      )
      // A token that is off by one character is just unknown.
      expectError(await makeClient(t.app, null, null, { authorization: `Bearer ${plain}x` }).get('/api/users'), 401, 'UNAUTHENTICATED')
    })

    it("keeps other districts' and the city's tokens out of jfadmin's reach: not listed, not revocable (404)", async () => {
      const admin = await t.login('admin')
      const cityTok = await admin.post('/api/tokens', { name: '市局对接', userId: await userId(t, 'admin'), permissions: ['org.read'] })
      expectOk(cityTok, 201)
      const jfTok = await admin.post('/api/tokens', { name: '解放区对接', userId: await userId(t, 'handler'), permissions: ['org.read'] })
      expectOk(jfTok, 201)
      const jf = await t.login('jfadmin')
      const list = await jf.get('/api/tokens')
      expectOk(list)
      const ids = list.body.items.map((x: { id: string }) => x.id)
      expect(ids).toContain(jfTok.body.id)
      expect(ids).not.toContain(cityTok.body.id)
      expect(list.raw).not.toContain('市局对接')
      const handlerId = await userId(t, 'handler')
      expect(list.body.items.every((x: { userId: string; username: string }) => x.username !== 'admin')).toBe(true)
      expect(list.body.items.some((x: { userId: string }) => x.userId === handlerId)).toBe(true)

      expectError(await jf.post(`/api/tokens/${cityTok.body.id}/revoke`), 404, 'NOT_FOUND', `接口令牌“${cityTok.body.id}”不存在`)
      const row = await t.s.deps.db.selectFrom('apiToken').select('revokedAt').where('id', '=', cityTok.body.id).executeTakeFirstOrThrow()
      expect(row.revokedAt).toBeNull()
      expectOk(await makeClient(t.app, null, null, { authorization: `Bearer ${cityTok.body.token}` }).get('/api/org/units'))
      // Within reach it works.
      expectOk(await jf.post(`/api/tokens/${jfTok.body.id}/revoke`))
    })

    it('refuses unknown permissions', async () => {
      const admin = await t.login('admin')
      const r = await admin.post('/api/tokens', { name: '未知权限', userId: await userId(t, 'admin'), permissions: ['user.read', 'root.everything'] })
      expectError(r, 400, 'VALIDATION', '未知权限：root.everything')
    })

    it('rejects a revoked token (401) and an expired token (401)', async () => {
      const admin = await t.login('admin')
      const adminId = await userId(t, 'admin')
      const a = await admin.post('/api/tokens', { name: '将被撤销', userId: adminId, permissions: ['user.read'] })
      const revoked = makeClient(t.app, null, null, { authorization: `Bearer ${a.body.token}` })
      expectOk(await revoked.get('/api/users'))
      expectOk(await admin.post(`/api/tokens/${a.body.id}/revoke`))
      expectError(await revoked.get('/api/users'), 401, 'UNAUTHENTICATED')
      expect(await auditRecords(t, { action: 'token.revoke', targetId: a.body.id })).toHaveLength(1)

      const b = await admin.post('/api/tokens', { name: '一天有效', userId: adminId, permissions: ['user.read'], expiresInDays: 1 })
      const expiring = makeClient(t.app, null, null, { authorization: `Bearer ${b.body.token}` })
      clock.advance(23 * HOUR)
      expectOk(await expiring.get('/api/users'))
      clock.advance(1 * HOUR + 1000)
      expectError(await expiring.get('/api/users'), 401, 'UNAUTHENTICATED')
    })
  })
})
