import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, createUser, DEMO_PASSWORD, expectError, expectOk, type Client, type TestApp, unitId, userId } from './helpers'

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const
const SAMPLE_UUID = '0190c0de-1234-7abc-8def-0123456789ab'

/** Public operations: everything else must answer 401 without a session. */
function isPublic(method: string, path: string): boolean {
  return (
    path.startsWith('/api/public/') ||
    path === '/api/health' ||
    path === '/api/openapi.json' ||
    path.startsWith('/api/docs') ||
    (method === 'post' && path === '/api/auth/login')
  )
}

/** The error body never carries a stack trace, driver text or SQL. */
function expectNoInternals(raw: string): void {
  expect(raw).not.toMatch(/\n\s+at\s/)
  expect(raw).not.toMatch(/\bat (?:[\w.<>]+ )?\(?(?:file:|node:|\/)/)
  expect(raw).not.toMatch(/\b(?:select|insert into|update \w+ set|delete from)\b/i)
  expect(raw).not.toMatch(/sqlite|postgres|SQLSTATE|kysely|fastify|zod/i)
  // zod's English defaults must not leak through.
  expect(raw).not.toMatch(/Invalid input|expected \w+, received|Too (big|small)|Required|Unexpected token/i)
}

describe('security', () => {
  let t: TestApp
  let webDir: string
  beforeAll(async () => {
    // A built web client, so the HTML responses go through the same app.
    webDir = mkdtempSync(join(tmpdir(), 'jg-web-'))
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><html><head><title>监管</title></head><body><div id="root"></div></body></html>')
    t = await buildTestApp({ demo: true, env: { WEB_DIST: webDir } })
  })
  afterAll(async () => {
    await t?.close()
    rmSync(webDir, { recursive: true, force: true })
  })

  describe('authentication on every operation', () => {
    it('answers 401 UNAUTHENTICATED for every non-public operation in the OpenAPI document', async () => {
      const doc = await t.anon.get('/api/openapi.json')
      expectOk(doc)
      const ops: Array<{ method: string; path: string }> = []
      for (const [path, item] of Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)) {
        for (const method of HTTP_METHODS) if (item[method] && !isPublic(method, path)) ops.push({ method, path })
      }
      expect(ops.length).toBeGreaterThanOrEqual(25)
      const failures: string[] = []
      for (const { method, path } of ops) {
        const url = path.replace(/\{[^}]+\}/g, SAMPLE_UUID)
        // The router decodes percent-escapes, so '/%61pi/…' reaches the same route: it must be
        // guarded just the same.
        for (const variant of [url, url.replace('/api/', '/%61pi/'), url.replace('/api/', '/api/%2e/')]) {
          const r = await t.anon.request(method.toUpperCase(), variant, method === 'get' ? undefined : {})
          if (r.status !== 401 || r.body?.error?.code !== 'UNAUTHENTICATED' || r.body.error.message !== '请先登录')
            failures.push(`${method.toUpperCase()} ${variant} → ${r.status} ${r.raw.slice(0, 120)}`)
        }
      }
      expect(failures).toEqual([])
    })

    it('also refuses a forged or garbage cookie and a malformed bearer token', async () => {
      for (const headers of [
        { cookie: 'jg_session=' + 'A'.repeat(43) },
        { cookie: 'jg_session=x' },
        { authorization: 'Bearer jg_' + 'B'.repeat(40) },
        { authorization: 'Bearer ' },
        { authorization: 'Basic YWRtaW46YWRtaW4=' },
      ] as Array<Record<string, string>>) {
        expectError(await t.anon.request('GET', '/api/users', undefined, headers), 401, 'UNAUTHENTICATED', '请先登录')
      }
    })

    it('keeps the public operations public', async () => {
      expectOk(await t.anon.get('/api/health'))
      expectOk(await t.anon.get('/api/public/calendar/is-working-day?date=2024-02-04'))
      expectOk(await t.anon.get('/api/openapi.json'))
      const docs = await t.anon.get('/api/docs')
      expectOk(docs)
      expect(String(docs.headers['content-type'])).toMatch(/^text\/html/)
      expectOk(await t.anon.get('/api/docs/json'))
    })

    it('serves /api/docs at a LAN address over plain HTTP: no upgrade-insecure-requests, no https: sources', async () => {
      const lan = { host: '192.168.1.20:3100' }
      for (const url of [
        '/api/docs',
        '/api/docs/static/index.html',
        '/api/docs/static/swagger-initializer.js',
        '/api/docs/static/swagger-ui-bundle.js',
        '/api/docs/json',
      ]) {
        const r = await t.anon.request('GET', url, undefined, lan)
        expect(r.status, url).toBeLessThan(400)
        const csp = String(r.headers['content-security-policy'] ?? '')
        expect(csp, url).toContain("default-src 'self'")
        expect(csp, url).not.toMatch(/upgrade-insecure-requests|block-all-mixed-content|https:/)
        expect(r.headers['strict-transport-security'], url).toBeUndefined()
      }
    })

    it('documents cookie login with the X-CSRF-Token header and bearer tokens, and a write from the docs page works', async () => {
      const doc = (await t.anon.get('/api/openapi.json')).body
      expect(doc.components.securitySchemes).toMatchObject({
        session: { type: 'apiKey', in: 'cookie', name: 'jg_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        bearer: { type: 'http', scheme: 'bearer' },
      })
      expect(doc.security).toEqual([{ session: [], csrf: [] }, { bearer: [] }])
      expect(doc.info.description).toContain('X-CSRF-Token')
      expect(doc.paths['/api/auth/login'].post.security).toEqual([])

      // The docs page's request interceptor (served in its initializer) fills in the session's CSRF token.
      const init = await t.anon.get('/api/docs/static/swagger-initializer.js')
      expect(init.raw).toContain('requestInterceptor')
      expect(init.raw).toContain('X-CSRF-Token')
      const { DOCS_CSRF_INTERCEPTOR } = await import('../src/core/http/http')
      const user = await t.login('admin')
      const realFetch = globalThis.fetch
      globalThis.fetch = (async (url: string) => {
        const r = await t.app.inject({ method: 'GET', url, headers: { cookie: user.cookie! } })
        return { ok: r.statusCode === 200, json: async () => r.json() }
      }) as unknown as typeof fetch
      try {
        const write = {
          url: 'http://192.168.1.20:3100/api/auth/logout',
          method: 'POST',
          headers: { 'Content-Type': 'application/json' } as Record<string, string>,
        }
        // Without the header a session write is refused…
        expectError(await t.anon.request('POST', '/api/auth/logout', {}, { cookie: user.cookie! }), 403, 'CSRF')
        // …with what the interceptor adds it succeeds.
        const sent = (await DOCS_CSRF_INTERCEPTOR(write)) as typeof write
        expect(sent.headers['X-CSRF-Token']).toBe(user.csrf)
        expectOk(await t.anon.request('POST', '/api/auth/logout', {}, { cookie: user.cookie!, 'x-csrf-token': sent.headers['X-CSRF-Token']! }))
        // Reads, logins and bearer calls are left alone.
        const read = { url: '/api/users', method: 'GET', headers: {} as Record<string, string> }
        expect(((await DOCS_CSRF_INTERCEPTOR(read)) as typeof read).headers).toEqual({})
      } finally {
        globalThis.fetch = realFetch
      }
    })
  })

  describe('responses', () => {
    it('answers an unknown /api route with 404 in the one JSON error shape (not the web client, not 401)', async () => {
      for (const [method, url] of [
        ['GET', '/api/no-such-thing'],
        ['POST', '/api/users/x/y/z'],
        ['GET', '/api/'],
      ] as const) {
        const r = await t.anon.request(method, url, method === 'POST' ? {} : undefined)
        expectError(r, 404, 'NOT_FOUND', `接口不存在：${method} ${url}`)
        expect(String(r.headers['content-type'])).toMatch(/^application\/json/)
        expect(Object.keys(r.body)).toEqual(['error'])
      }
    })

    it('sets security headers on HTML and on API responses', async () => {
      const html = await t.anon.get('/')
      expectOk(html)
      expect(String(html.headers['content-type'])).toMatch(/^text\/html/)
      expect(html.raw).toContain('<div id="root">')
      const spa = await t.anon.get('/complaints/123')
      expect(spa.raw).toContain('<div id="root">')
      const api = await t.anon.get('/api/health')
      const error = await t.anon.get('/api/users')
      for (const r of [html, spa, api, error]) {
        const csp = String(r.headers['content-security-policy'])
        expect(csp).toContain("default-src 'self'")
        expect(csp).toContain("script-src 'self'")
        expect(csp).toContain("object-src 'none'")
        expect(r.headers['x-content-type-options']).toBe('nosniff')
        expect(r.headers['x-frame-options'] !== undefined || csp.includes("frame-ancestors 'none'")).toBe(true)
        expect(csp).toContain("frame-ancestors 'none'")
        expect(r.headers['referrer-policy']).toBeDefined()
        expect(r.headers['x-powered-by']).toBeUndefined()
      }
      // API responses are never cached.
      expect(api.headers['cache-control']).toBe('no-store')
    })
  })

  describe('bad input never leaks internals', () => {
    it('malformed JSON → 400 VALIDATION', async () => {
      const r = await t.anon.request('POST', '/api/auth/login', '{"username": "admin", "password": ', { 'content-type': 'application/json' })
      expectError(r, 400, 'VALIDATION', '请求体不是有效的 JSON')
      expectNoInternals(r.raw)
      const admin = await t.login('admin')
      const r2 = await admin.request('POST', '/api/users', '{not json', { 'content-type': 'application/json' })
      expectError(r2, 400, 'VALIDATION', '请求体不是有效的 JSON')
      expectNoInternals(r2.raw)
    })

    it('a 2 MB body → 413 PAYLOAD_TOO_LARGE', async () => {
      const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) })
      const r = await t.anon.request('POST', '/api/auth/login', big, { 'content-type': 'application/json' })
      expectError(r, 413, 'PAYLOAD_TOO_LARGE', '提交的内容过大')
      expectNoInternals(r.raw)
      const admin = await t.login('admin')
      const r2 = await admin.request('POST', '/api/org/units', big, { 'content-type': 'application/json' })
      expectError(r2, 413, 'PAYLOAD_TOO_LARGE', '提交的内容过大')
    })

    it('wrong types → 400 VALIDATION with a zh-CN message and per-field details', async () => {
      const r = await t.anon.post('/api/auth/login', { username: 123, password: ['x'] })
      expectError(r, 400, 'VALIDATION', /^请求体不符合要求：username /)
      expectNoInternals(r.raw)
      for (const d of r.body.error.details) expect(d.message).toMatch(/[\u4e00-\u9fff]/)

      const admin = await t.login('admin')
      const before = await t.s.users.countUsers()
      const cases: Array<[string, string, unknown]> = [
        ['POST', '/api/users', { username: 'typed', displayName: 42, unitIds: 'JZ' }],
        ['POST', '/api/users', { username: 'typed', displayName: '类型', unitIds: ['not-a-uuid'] }],
        ['PATCH', `/api/users/${await userId(t, 'operator')}`, { expectedVersion: '1' }],
        ['GET', '/api/users?pageSize=100000', undefined],
        ['GET', '/api/users/not-a-uuid', undefined],
        ['GET', '/api/calendar/compute?start=2026-01-01&length=-1&unit=WD', undefined],
        ['POST', '/api/org/units', { parentId: null, code: 'x y', name: 'a', kind: 'palace' }],
      ]
      for (const [method, url, body] of cases) {
        const res = await admin.request(method, url, body)
        expectError(res, 400, 'VALIDATION', /^(请求体|查询参数|路径参数)不符合要求：/)
        expectNoInternals(res.raw)
      }
      expect(await t.s.users.countUsers()).toBe(before)
    })

    it('a 10,000-character username → 400, no lockout bookkeeping, no internals', async () => {
      const auditBefore = (await auditRecords(t)).length
      const r = await t.anon.post('/api/auth/login', { username: 'a'.repeat(10_000), password: DEMO_PASSWORD })
      expectError(r, 400, 'VALIDATION', /^请求体不符合要求：username /)
      expectNoInternals(r.raw)
      expect(r.raw.length).toBeLessThan(2000)
      expect((await auditRecords(t)).length).toBe(auditBefore)
      // The same through user creation.
      const admin = await t.login('admin')
      const r2 = await admin.post('/api/users', { username: 'a'.repeat(10_000), displayName: '超长', unitIds: [await unitId(t, 'JZ')] })
      expectError(r2, 400, 'VALIDATION', /用户名为 3–32 位小写字母/)
      expect(r2.raw.length).toBeLessThan(2000)
    })

    it('SQL metacharacters in search input are data, not SQL, on both engines', async () => {
      const admin = await t.login('admin')
      const unit = await unitId(t, 'JZ')
      for (const username of ['under_score', 'under1score', 'percent.x'])
        expectOk(await admin.post('/api/users', { username, displayName: `检索${username}`, unitIds: [unit] }), 201)
      const found = async (q: string) => {
        const r = await admin.get(`/api/users?q=${encodeURIComponent(q)}&pageSize=200`)
        expectOk(r)
        return r.body.items.map((u: { username: string }) => u.username).sort()
      }
      expect(await found("' or 1=1 --")).toEqual([])
      expect(await found('%')).toEqual([])
      expect(await found('\\')).toEqual([])
      // '_' matches a literal underscore only, not any character.
      expect(await found('_')).toEqual(['under_score'])
      expect(await found('under_')).toEqual(['under_score'])
      expect(await found('检索under')).toEqual(['under1score', 'under_score'])
      expect(await t.s.users.countUsers()).toBeGreaterThan(10)
    })
  })

  describe('rate limiting', () => {
    it('answers 429 RATE_LIMITED after RATE_LIMIT_LOGIN_PER_MINUTE login attempts, even with the right password', async () => {
      const limited = await buildTestApp({ demo: true, env: { RATE_LIMIT_LOGIN_PER_MINUTE: '3' } })
      try {
        for (let i = 0; i < 3; i++)
          expectError(await limited.anon.post('/api/auth/login', { username: 'credit', password: 'Wrong#Guess99' }), 401, 'UNAUTHENTICATED')
        const auditBefore = (await auditRecords(limited)).length
        const r = await limited.anon.post('/api/auth/login', { username: 'credit', password: DEMO_PASSWORD })
        expectError(r, 429, 'RATE_LIMITED', '请求过于频繁，请稍后再试')
        expect(r.headers['set-cookie']).toBeUndefined()
        expect(r.headers['retry-after']).toBeDefined()
        expectNoInternals(r.raw)
        // The refused attempt never reached the account.
        expect((await auditRecords(limited)).length).toBe(auditBefore)
        const row = await limited.s.deps.db.selectFrom('appUser').select('failedLogins').where('username', '=', 'credit').executeTakeFirstOrThrow()
        expect(row.failedLogins).toBe(3)
        // Authenticated API use is not affected by the login limit.
        expectOk(await limited.anon.get('/api/health'))
      } finally {
        await limited.close()
      }
    })
  })

  describe('data scope', () => {
    let other: { id: string; username: string }
    beforeAll(async () => {
      const admin = await t.login('admin')
      const u = await createUser(admin, t, { unitCode: 'JZ-410803-S01', displayName: '中站区人员' })
      other = { id: u.user.id, username: u.username }
    })

    it('never shows jfadmin users of other districts or of the city', async () => {
      const jf = await t.login('jfadmin')
      const r = await jf.get('/api/users?pageSize=200')
      expectOk(r)
      const root = await t.s.deps.db.selectFrom('orgUnit').select('path').where('code', '=', 'JZ-410802').executeTakeFirstOrThrow()
      const inTree = new Set((await t.s.deps.db.selectFrom('orgUnit').select('id').where('path', 'like', `${root.path}%`).execute()).map((u) => u.id))
      const names: string[] = r.body.items.map((u: { username: string }) => u.username)
      expect(names).toEqual(expect.arrayContaining(['jfadmin', 'handler', 'inspector']))
      for (const hidden of ['admin', 'leader', 'operator', 'auditor', 'credit', other.username]) expect(names).not.toContain(hidden)
      for (const u of r.body.items as Array<{ units: Array<{ id: string }> }>) expect(u.units.some((x) => inTree.has(x.id))).toBe(true)
      // The total agrees with the database: users with a unit in the 解放区 tree.
      const expected = await t.s.deps.db
        .selectFrom('userUnit')
        .select('userId')
        .distinct()
        .where('unitId', 'in', [...inTree])
        .execute()
      expect(r.body.total).toBe(expected.length)

      const search = await jf.get(`/api/users?q=${other.username}`)
      expect(search.body).toMatchObject({ total: 0, items: [] })
      expectError(await jf.get(`/api/users/${other.id}`), 404, 'NOT_FOUND', `用户“${other.id}”不存在`)
      const adminId = await userId(t, 'admin')
      expectError(await jf.get(`/api/users/${adminId}`), 404, 'NOT_FOUND')
      expectError(await jf.post(`/api/users/${adminId}/disable`), 404, 'NOT_FOUND')
      expect((await t.s.deps.db.selectFrom('appUser').select('status').where('id', '=', adminId).executeTakeFirstOrThrow()).status).toBe('active')
    })

    it('refuses the user list to handler, who has no user.read (403)', async () => {
      const handler: Client = await t.login('handler')
      expectError(await handler.get('/api/users'), 403, 'FORBIDDEN', '没有权限执行此操作')
      expectError(await handler.get(`/api/users/${await userId(t, 'handler')}`), 403, 'FORBIDDEN')
      expectError(await handler.get('/api/audit'), 403, 'FORBIDDEN')
    })
  })
})
