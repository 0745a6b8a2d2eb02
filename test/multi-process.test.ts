import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPlatform, type Services } from '../src/app'
import { configFrom } from '../src/core/config'
import { DEMO_PASSWORD, loadDemoCity } from '../src/demo/demo'
import { dialect, STRONG_PASSWORD } from './helpers'
import { adminQuery, pgUrlFor } from './pg'

/**
 * Several app processes on one PostgreSQL: the deployment shape for a city bureau. Everything that
 * must hold across processes lives in the database (sessions, lockout counters, the audit chain
 * head, optimistic-lock versions), and this file checks it with two real `jianguan serve`
 * processes. SQLite is the single-process embedded engine, so the file runs on PostgreSQL only.
 */
// Skipped in the sqlite project: SQLite is embedded in one process, so there is no second app process to test.
describe.runIf(dialect === 'postgres')('two app processes on one PostgreSQL', () => {
  const ROOT = resolve(__dirname, '..')
  const dbName = `jg_mp_${randomBytes(6).toString('hex')}`
  const databaseUrl = pgUrlFor(dbName)
  const servers: Array<{ child: ChildProcess; port: number; output: string[] }> = []
  let s: Services

  async function freePort(): Promise<number> {
    return new Promise((ok, fail) => {
      const srv = createServer()
      srv.once('error', fail)
      srv.listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number }
        srv.close(() => ok(port))
      })
    })
  }

  /** Starts `node bin/jianguan.mjs serve` and resolves once it listens. */
  function startServer(port: number): Promise<{ child: ChildProcess; port: number; output: string[] }> {
    const child = spawn(process.execPath, ['bin/jianguan.mjs', 'serve'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DB_MIGRATE_ON_START: 'true',
        PG_POOL_MAX: '10',
        WEB_DIST: '/nonexistent',
        RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
        // Both processes sign checkpoints of the one chain into one file (ADR 0005), this run's own.
        AUDIT_ANCHOR_FILE: join(tmpdir(), `jg-mp-anchor-${process.pid}`, 'audit-anchors.jsonl'),
        AUDIT_ANCHOR_KEY_FILE: join(tmpdir(), `jg-mp-anchor-${process.pid}`, 'audit-anchor.key'),
      },
    })
    const output: string[] = []
    const server = { child, port, output }
    servers.push(server)
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`server on ${port} did not start:\n${output.join('')}`)), 90_000)
      child.stdout.on('data', (d: Buffer) => {
        output.push(d.toString())
        if (output.join('').includes('监管平台已启动')) {
          clearTimeout(timer)
          ok(server)
        }
      })
      child.stderr.on('data', (d: Buffer) => output.push(d.toString()))
      child.once('exit', (code) => {
        clearTimeout(timer)
        fail(new Error(`server on ${port} exited with ${code}:\n${output.join('')}`))
      })
    })
  }

  async function stopServer(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }

  interface Session {
    port: number
    cookie: string
    csrf: string
  }
  async function call(port: number, method: string, path: string, body?: unknown, session?: Pick<Session, 'cookie' | 'csrf'>) {
    const headers: Record<string, string> = {}
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (session) {
      headers.cookie = session.cookie
      if (method !== 'GET') headers['x-csrf-token'] = session.csrf
    }
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    let parsed: any = text
    try {
      parsed = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, raw: text, headers: res.headers }
  }
  async function login(port: number, username: string, password = DEMO_PASSWORD): Promise<Session> {
    const r = await call(port, 'POST', '/api/auth/login', { username, password })
    expect(r.status, r.raw).toBe(200)
    return { port, cookie: r.headers.getSetCookie()[0]!.split(';')[0]!, csrf: r.body.csrfToken }
  }
  const unitIdOf = async (code: string) => (await s.deps.db.selectFrom('orgUnit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id

  let a: Session
  let b: Session
  beforeAll(async () => {
    // An empty database: both processes migrate it at the same moment (Kysely's migration lock).
    await adminQuery(`create database ${dbName}`)
    const [p1, p2] = [await freePort(), await freePort()]
    await Promise.all([startServer(p1), startServer(p2)])
    s = await openPlatform(configFrom({ DATABASE_URL: databaseUrl, PG_POOL_MAX: '5' }), { migrate: false })
    await loadDemoCity(s)
    a = await login(p1, 'admin')
    b = await login(p2, 'admin')
  }, 180_000)

  afterAll(async () => {
    await Promise.all(servers.map((x) => stopServer(x.child)))
    await s?.handle.close()
    await adminQuery(`drop database if exists ${dbName} with (force)`)
  }, 60_000)

  it('migrated once and seeded the built-in catalogues once despite two processes starting together', async () => {
    const migrations = await s.deps.db
      .selectFrom('jg_migration' as never)
      .selectAll()
      .execute()
    expect(migrations.length).toBeGreaterThan(0)
    expect(new Set(migrations.map((m) => (m as { name: string }).name)).size).toBe(migrations.length)
    const rules = await s.deps.db.selectFrom('deadlineRule').select(['ruleId', 'version']).execute()
    expect(new Set(rules.map((r) => `${r.ruleId}@${r.version}`)).size).toBe(rules.length)
    expect(rules.length).toBeGreaterThan(10)
    const years = await s.deps.db.selectFrom('calendarYear').select('year').execute()
    expect(years.map((y) => y.year)).toContain(2024)
    for (const x of servers) expect(x.child.exitCode).toBeNull()
  })

  it('shares sessions through the database: a cookie from one process works on the other, and logout ends it on both', async () => {
    const s1 = await login(a.port, 'credit')
    expect((await call(b.port, 'GET', '/api/auth/me', undefined, s1)).status).toBe(200)
    expect((await call(b.port, 'POST', '/api/auth/logout', {}, s1)).status).toBe(200)
    const after = await call(a.port, 'GET', '/api/auth/me', undefined, s1)
    expect(after.status).toBe(401)
    expect(after.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('creates 40 users concurrently through both processes: all exist once, audit seq stays contiguous', async () => {
    const unit = await unitIdOf('JZ-410802')
    const names = Array.from({ length: 40 }, (_, i) => `mp_user_${String(i).padStart(2, '0')}`)
    const results = await Promise.all(
      names.map((username, i) =>
        call(
          i % 2 ? b.port : a.port,
          'POST',
          '/api/users',
          { username, displayName: `并发用户${i}`, unitIds: [unit], password: STRONG_PASSWORD },
          i % 2 ? b : a,
        ),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(names.map(() => 201))
    const rows = await s.deps.db.selectFrom('appUser').select('username').where('username', 'like', 'mp\\_user\\_%').execute()
    expect(rows.map((r) => r.username).sort()).toEqual(names)
    const created = await s.deps.db
      .selectFrom('auditLog')
      .select('targetLabel')
      .where('action', '=', 'user.create')
      .where('targetLabel', 'like', '%mp\\_user\\_%')
      .execute()
    expect(created).toHaveLength(40)
  })

  it('lets exactly one of 20 racing PATCHes with the same expectedVersion win; the rest get 409 (no lost update)', async () => {
    const created = await call(a.port, 'POST', '/api/users', { username: 'mp_race', displayName: '竞争对象', unitIds: [await unitIdOf('JZ-410802')] }, a)
    expect(created.status, created.raw).toBe(201)
    const id = created.body.user.id as string
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(i % 2 ? b.port : a.port, 'PATCH', `/api/users/${id}`, { expectedVersion: 1, displayName: `改名${i}` }, i % 2 ? b : a),
      ),
    )
    const winners = results.map((r, i) => ({ r, i })).filter(({ r }) => r.status === 200)
    expect(winners).toHaveLength(1)
    const losers = results.filter((r) => r.status !== 200)
    expect(losers).toHaveLength(19)
    for (const r of losers)
      expect({ status: r.status, code: r.body.error.code, message: r.body.error.message }).toEqual({
        status: 409,
        code: 'CONFLICT',
        message: '该用户已被他人修改，请刷新后重试',
      })
    const row = await s.deps.db.selectFrom('appUser').select(['displayName', 'version']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ displayName: `改名${winners[0]!.i}`, version: 2 })
    const updates = await s.deps.db.selectFrom('auditLog').select('afterJson').where('action', '=', 'user.update').where('targetId', '=', id).execute()
    expect(updates).toHaveLength(1)
    expect(JSON.parse(updates[0]!.afterJson!).displayName).toBe(`改名${winners[0]!.i}`)
  })

  it('counts failed logins across processes: a burst split over both locks the account everywhere', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => call(i % 2 ? b.port : a.port, 'POST', '/api/auth/login', { username: 'mp_user_00', password: `Wrong#Burst${i}x` })),
    )
    for (const r of results) expect([401, 423]).toContain(r.status)
    const row = await s.deps.db
      .selectFrom('appUser')
      .select(['id', 'failedLogins', 'lockedUntil'])
      .where('username', '=', 'mp_user_00')
      .executeTakeFirstOrThrow()
    const audited = await s.deps.db
      .selectFrom('auditLog')
      .select('action')
      .where('targetId', '=', row.id)
      .where('action', 'in', ['auth.login_failed', 'auth.lockout'])
      .execute()
    expect(row.failedLogins).toBe(audited.length)
    expect(row.lockedUntil).not.toBeNull()
    for (const port of [a.port, b.port]) {
      const r = await call(port, 'POST', '/api/auth/login', { username: 'mp_user_00', password: STRONG_PASSWORD })
      expect(r.status).toBe(423)
      expect(r.body.error.code).toBe('LOCKED')
    }
  })

  it('keeps the audit chain linear: seq 1..N contiguous and unique, head at N, verify ok', async () => {
    const seqs = (await s.deps.db.selectFrom('auditLog').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq))
    expect(seqs.length).toBeGreaterThan(60)
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1))
    const head = await s.deps.db.selectFrom('auditHead').selectAll().executeTakeFirstOrThrow()
    expect(Number(head.lastSeq)).toBe(seqs.length)
    const v = await s.audit.verify()
    expect(v).toMatchObject({ ok: true, checked: seqs.length, total: seqs.length, firstBadSeq: null, problem: null })
    expect(v.lastHash).toBe(head.lastHash)
    // Both processes kept running throughout.
    for (const x of servers) expect(x.child.exitCode, x.output.join('')).toBeNull()
  })
})
