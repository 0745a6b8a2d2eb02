import { randomBytes } from 'node:crypto'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { buildApp, openPlatform, type Services } from '../src/app'
import { fixedClock, type Clock } from '../src/core/clock'
import { configFrom } from '../src/core/config'
import { DEMO_PASSWORD, loadDemoCity } from '../src/demo/demo'
import { adminQuery, PG_TEMPLATE, pgUrlFor } from './pg'

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
  close(): Promise<void>
}

export interface Client {
  cookie: string | null
  csrf: string | null
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Record<string, unknown>; raw: string }>
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
      return { status: res.statusCode, body: parsed, headers: res.headers as Record<string, unknown>, raw: res.body }
    },
    get: (url) => c.request('GET', url),
    post: (url, body) => c.request('POST', url, body ?? {}),
    patch: (url, body) => c.request('PATCH', url, body ?? {}),
    put: (url, body) => c.request('PUT', url, body ?? {}),
  }
  return c
}

/**
 * A fresh, migrated database for one test file (in-memory SQLite, or a PostgreSQL clone of the
 * migrated template), the real services and the real HTTP app. `demo: true` loads the demo city.
 */
export async function buildTestApp(opts: { demo?: boolean; clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  let dbName: string | undefined
  let env: Record<string, string> = { SQLITE_PATH: ':memory:', ...opts.env }
  if (dialect === 'postgres') {
    dbName = `jg_t_${randomBytes(6).toString('hex')}`
    await adminQuery(`create database ${dbName} template ${PG_TEMPLATE}`)
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
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
      const setCookie = res.headers['set-cookie']
      const raw = Array.isArray(setCookie) ? setCookie[0]! : String(setCookie)
      return makeClient(app, raw.split(';')[0]!, (JSON.parse(res.body) as { csrfToken: string }).csrfToken)
    },
    async close() {
      await app.close()
      await s.handle.close()
      if (dbName) await adminQuery(`drop database if exists ${dbName} with (force)`)
    },
  }
}

export { DEMO_PASSWORD, fixedClock }

/** Finds a unit id by its code. */
export async function unitId(t: TestApp, code: string): Promise<string> {
  const row = await t.s.deps.db.selectFrom('orgUnit').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  return row.id
}
