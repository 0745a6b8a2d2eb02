import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { sql } from 'kysely'
import { expect } from 'vitest'
import { buildApp, openPlatform, type Services } from '../src/app'
import { fixedClock, type Clock } from '../src/core/clock'
import { configFrom } from '../src/core/config'
import { DEMO_PASSWORD, loadDemoCity } from '../src/demo/demo'
import { inject } from 'vitest'
import { adminQuery, pgUrlFor } from './pg'

export type TestDialect = 'sqlite' | 'postgres'
export const dialect = (process.env.TEST_DIALECT ?? 'sqlite') as TestDialect

export interface TestApp {
  app: FastifyInstance
  s: Services
  dialect: TestDialect
  /** Logs in through the real login route and returns a client carrying the cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>
  /** A client with no session. */
  anon: Client
  /** The PostgreSQL URL of this file's database (null on SQLite, which is in-memory). */
  databaseUrl: string | null
  close(): Promise<void>
}

export interface Client {
  cookie: string | null
  csrf: string | null
  request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Record<string, unknown>; raw: string }>
  get(url: string): ReturnType<Client['request']>
  post(url: string, body?: unknown): ReturnType<Client['request']>
  patch(url: string, body?: unknown): ReturnType<Client['request']>
  put(url: string, body?: unknown): ReturnType<Client['request']>
}

export function makeClient(app: FastifyInstance, cookie: string | null = null, csrf: string | null = null, extra: Record<string, string> = {}): Client {
  const c: Client = {
    cookie,
    csrf,
    async request(method, url, body, headers = {}) {
      const h: Record<string, string> = { ...extra, ...headers }
      if (c.cookie) h.cookie = c.cookie
      if (c.csrf && method !== 'GET') h['x-csrf-token'] = c.csrf
      const res = await app.inject({ method, url, headers: h, ...(body !== undefined ? { payload: body as object } : {}) })
      let parsed: any = res.body
      try {
        parsed = JSON.parse(res.body)
      } catch {
        /* not JSON */
      }
      return { status: res.statusCode, body: parsed, headers: res.headers, raw: res.body }
    },
    get: (url) => c.request('GET', url),
    post: (url, body) => c.request('POST', url, body ?? {}),
    patch: (url, body) => c.request('PATCH', url, body ?? {}),
    put: (url, body) => c.request('PUT', url, body ?? {}),
  }
  return c
}

/**
 * A fresh, migrated database for one test file (a SQLite file in a temporary directory, or a PostgreSQL clone of the
 * migrated template), the real services and the real HTTP app. `demo: true` loads the demo city.
 */
export async function buildTestApp(opts: { demo?: boolean; clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  let dbName: string | undefined
  // Login is rate-limited per IP and every injected request comes from 127.0.0.1, so files that log
  // in many times would trip it; the files that test the limit set it low through `env`.
  // One temporary folder per test app, removed by close(): the SQLite file and the uploaded import
  // files (without IMPORT_DIR the platform would keep them under ./data/imports of the checkout).
  const workDir = mkdtempSync(join(tmpdir(), 'jg-test-'))
  let env: Record<string, string> = { RATE_LIMIT_LOGIN_PER_MINUTE: '10000', IMPORT_DIR: join(workDir, 'imports'), ...opts.env }
  // A folder a test chose for its imports is a temporary one too: removed with the app.
  const importDir = env.IMPORT_DIR!
  // SQLite on a file, as installations run it: WAL, a writer and a reader connection.
  if (dialect !== 'postgres' && !env.SQLITE_PATH) env.SQLITE_PATH = join(workDir, 'platform.db')
  // The audit chain's checkpoint file and key (ADR 0005) live outside the database, and uploaded
  // attachments in the file store: both in the same temporary folder unless the test chose its own.
  env = {
    AUDIT_ANCHOR_FILE: join(workDir, 'audit-anchors.jsonl'),
    AUDIT_ANCHOR_KEY_FILE: join(workDir, 'audit-anchor.key'),
    FILE_DIR: join(workDir, 'files'),
    ...env,
  }
  if (dialect === 'postgres') {
    dbName = `jg_t_${randomBytes(6).toString('hex')}`
    await adminQuery(`create database ${dbName} template ${inject('pgTemplate')}`)
    env = { ...env, DATABASE_URL: pgUrlFor(dbName), PG_POOL_MAX: '5' }
  }
  const s = await openPlatform(configFrom({ WEB_DIST: '/nonexistent', ...env }), { migrate: true, clock: opts.clock })
  if (opts.demo) await loadDemoCity(s)
  const app = await buildApp(s)
  await app.ready()
  return {
    app,
    s,
    dialect,
    anon: makeClient(app),
    databaseUrl: dbName ? pgUrlFor(dbName) : null,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
      const setCookie = res.headers['set-cookie']
      const raw = Array.isArray(setCookie) ? setCookie[0]! : String(setCookie)
      return makeClient(app, raw.split(';')[0], (JSON.parse(res.body) as { csrfToken: string }).csrfToken)
    },
    async close() {
      await app.close()
      await s.handle.close()
      if (dbName) await adminQuery(`drop database if exists ${dbName} with (force)`)
      rmSync(importDir, { recursive: true, force: true })
      rmSync(workDir, { recursive: true, force: true })
    },
  }
}

export { DEMO_PASSWORD, fixedClock }

/** Finds a unit id by its code. */
export async function unitId(t: TestApp, code: string): Promise<string> {
  const row = await t.s.deps.db.selectFrom('orgUnit').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  return row.id
}

/** A clock the test moves by hand: `clock.advance(31 * MINUTE)`. */
export interface MutableClock extends Clock {
  set(iso: string): void
  advance(ms: number): void
}
export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export function mutableClock(startIso: string): MutableClock {
  let current = new Date(startIso)
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso)
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms)
    },
  }
}

type Res = Awaited<ReturnType<Client['request']>>

/** Asserts the one error shape: status, stable code and (when given) the zh-CN message. */
export function expectError(res: Res, status: number, code: string, message?: string | RegExp): void {
  expect({ status: res.status, code: res.body?.error?.code }, res.raw).toEqual({ status, code })
  expect(typeof res.body.error.message).toBe('string')
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
  if (typeof message === 'string') expect(res.body.error.message).toBe(message)
  else if (message) expect(res.body.error.message).toMatch(message)
}

/** Asserts a 2xx status, showing the body when it is not. */
export function expectOk(res: Res, status = 200): void {
  expect(res.status, res.raw).toBe(status)
}

/** Runs raw SQL on this file's database (for tamper simulations and read-backs). */
export async function rawSql<R = Record<string, unknown>>(t: TestApp, text: string): Promise<R[]> {
  const r = await sql.raw<R>(text).execute(t.s.deps.db)
  return r.rows
}

/** Audit records, oldest first, optionally filtered by action and target. */
export async function auditRecords(t: TestApp, where: { action?: string; targetId?: string; requestId?: string } = {}) {
  let q = t.s.deps.db.selectFrom('auditLog').selectAll().orderBy('seq')
  if (where.action) q = q.where('action', '=', where.action)
  if (where.targetId) q = q.where('targetId', '=', where.targetId)
  if (where.requestId) q = q.where('requestId', '=', where.requestId)
  return (await q.execute()).map((r) => ({ ...r, seq: Number(r.seq) }))
}

/** A user id by username. */
export async function userId(t: TestApp, username: string): Promise<string> {
  const row = await t.s.deps.db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  return row.id
}

let seq = 0
/** A unique lowercase username with a readable prefix. */
export function uniqueName(prefix = 'u'): string {
  seq++
  return `${prefix}${Date.now().toString(36)}${seq}${randomBytes(2).toString('hex')}`.slice(0, 32)
}

/** A password that satisfies the policy and contains no username. */
export const STRONG_PASSWORD = 'Hx7#vLq9!mZp'

/**
 * Factory: creates a user through the API as `admin` (201 expected) with no password, so the
 * platform issues a one-time password. Returns the created user and that password.
 */
export async function createUser(
  admin: Client,
  t: TestApp,
  overrides: {
    username?: string
    displayName?: string
    unitCode?: string
    grants?: Array<{ role: string; unitCode: string; scope: string }>
    phone?: string | null
    certNo?: string | null
  } = {},
): Promise<{ user: any; initialPassword: string; username: string }> {
  const username = overrides.username ?? uniqueName()
  const grants = await Promise.all((overrides.grants ?? []).map(async (g) => ({ role: g.role, unitId: await unitId(t, g.unitCode), scope: g.scope })))
  const res = await admin.post('/api/users', {
    username,
    displayName: overrides.displayName ?? '测试用户',
    unitIds: [await unitId(t, overrides.unitCode ?? 'JZ-410802')],
    phone: overrides.phone ?? null,
    certNo: overrides.certNo ?? null,
    grants,
  })
  expect(res.status, res.raw).toBe(201)
  return { user: res.body.user, initialPassword: res.body.initialPassword, username }
}

/**
 * Factory: a user created through the API who has logged in with the one-time password and set
 * `STRONG_PASSWORD`, so their grants are in effect. Returns their logged-in client.
 */
export async function createActiveUser(admin: Client, t: TestApp, overrides: Parameters<typeof createUser>[2] = {}) {
  const created = await createUser(admin, t, overrides)
  const c = await t.login(created.username, created.initialPassword)
  const r = await c.post('/api/auth/password', { oldPassword: created.initialPassword, newPassword: STRONG_PASSWORD })
  expect(r.status, r.raw).toBe(200)
  return { ...created, client: c }
}

/** POSTs one file as multipart/form-data (field `file`), the way a browser's upload does. */
export async function multipartPost(c: Client, url: string, fileName: string, content: Buffer) {
  const boundary = `----jg${Math.random().toString(16).slice(2)}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return c.request('POST', url, Buffer.concat([head, content, tail]), { 'content-type': `multipart/form-data; boundary=${boundary}` })
}
