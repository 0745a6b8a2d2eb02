/**
 * `npx tsx bench/request-queries.ts (--sqlite=<file> | --pg-db=<name>) --url=<path> [--user=<username>] [--explain]`:
 * the statements one GET request sends to the database, through the real HTTP layer (app.inject),
 * against a kept, populated database (bench/cases.ts --sqlite= / --pg-db=, bench/entities-build.ts).
 * Prints the statements of one request (after two warm-up requests) and, with --explain, the plan of
 * every SELECT among them with the request's own parameters: PostgreSQL `EXPLAIN (ANALYZE, BUFFERS)`
 * (actual rows and buffers read), SQLite `EXPLAIN QUERY PLAN`. Load-independent evidence for a query
 * change: count and plans, not timings. The database is not migrated or changed (the analysed
 * statements are SELECTs, run inside a rolled-back transaction on PostgreSQL).
 *
 *   npx tsx bench/request-queries.ts --pg-db=bench_jg_keep_cases --user=handler --url='/api/cases?mine=1&open=1' --explain
 *   npx tsx bench/request-queries.ts --sqlite=/tmp/cases.db --url='/api/public/penalties?q=宏达百货' --explain
 */
import Database from 'better-sqlite3'
import pg from 'pg'
import { buildApp, openPlatform } from '../src/app'
import { configFrom } from '../src/core/config'
import { DEMO_PASSWORD } from '../src/demo/demo'
import { DEFAULT_PG_ADMIN_URL, pgUrlFor } from './lib'

const argv = process.argv.slice(2)
const arg = (k: string) => argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3)
const sqlitePath = arg('sqlite')
const pgDb = arg('pg-db')
const url = arg('url')
const user = arg('user')
const explain = argv.includes('--explain')
if ((!sqlitePath && !pgDb) || !url) throw new Error('usage: --sqlite=<file> | --pg-db=<name>, --url=<path> [--user=<username>] [--explain]')

interface Stmt {
  text: string
  params: unknown[]
}
let log: Stmt[] | null = null
const short = (s: string) => s.replace(/\s+/g, ' ')
if (pgDb) {
  const proto = pg.Client.prototype as unknown as Record<string, (this: unknown, ...a: unknown[]) => unknown>
  const orig = proto.query!
  proto.query = function (this: unknown, ...a: unknown[]) {
    const q = a[0] as string | { text?: string; name?: string; values?: unknown[] }
    if (log)
      log.push(
        typeof q === 'string'
          ? { text: q, params: (a[1] as unknown[]) ?? [] }
          : { text: q.text ?? q.name ?? '?', params: q.values ?? (a[1] as unknown[]) ?? [] },
      )
    return orig.apply(this, a)
  }
}
const pgUrl = pgDb ? pgUrlFor(DEFAULT_PG_ADMIN_URL, pgDb) : ''
const s = await openPlatform(
  configFrom({ ...(pgDb ? { DATABASE_URL: pgUrl, PG_POOL_MAX: '4' } : { SQLITE_PATH: sqlitePath }), WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' }),
  {
    migrate: false,
  },
)
if (sqlitePath) {
  const proto = Object.getPrototypeOf(s.handle.sqlite!.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>
  for (const m of ['run', 'get', 'all', 'iterate']) {
    const orig = proto[m]!
    proto[m] = function (this: { source: string }, ...a: unknown[]) {
      if (log) log.push({ text: this.source, params: a })
      return orig.apply(this, a)
    }
  }
}
const app = await buildApp(s)
try {
  let cookie = ''
  if (user) {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user, password: DEMO_PASSWORD } })
    if (login.statusCode !== 200) throw new Error(`login ${user}: ${login.statusCode} ${login.body.slice(0, 200)}`)
    cookie = String(login.headers['set-cookie']).split(';')[0]!
  }
  const get = () => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} })
  for (let i = 0; i < 2; i++) await get()
  log = []
  const t0 = performance.now()
  const r = await get()
  const ms = performance.now() - t0
  const stmts = log
  log = null
  process.stdout.write(`${url}: ${r.statusCode}, ${stmts.length} statements, ${ms.toFixed(1)} ms (one request, warm; not a benchmark)\n`)
  process.stdout.write(`${r.body.slice(0, 300)}\n`)
  stmts.forEach((q, i) => process.stdout.write(`  ${i + 1}. ${short(q.text).slice(0, 400)}  ${JSON.stringify(q.params).slice(0, 200)}\n`))
  if (explain) {
    for (const [i, q] of stmts.entries()) {
      if (!/^\s*select/i.test(q.text) || /pg_stats|from "?session/i.test(q.text)) continue
      process.stdout.write(`\n-- plan of ${i + 1}\n`)
      if (pgDb) {
        const c = new pg.Client({ connectionString: pgUrl })
        await c.connect()
        try {
          await c.query('begin')
          const p = await c.query(`explain (analyze, buffers) ${q.text}`, q.params)
          process.stdout.write(`${p.rows.map((x: Record<string, string>) => `    ${x['QUERY PLAN']}`).join('\n')}\n`)
        } finally {
          await c.query('rollback')
          await c.end()
        }
      } else {
        const db = new Database(sqlitePath, { readonly: true })
        const params = (q.params.length === 1 && Array.isArray(q.params[0]) ? q.params[0] : q.params) as unknown[]
        const p = db.prepare(`explain query plan ${q.text}`).all(...params) as Array<{ detail: string }>
        process.stdout.write(`${p.map((x) => `    ${x.detail}`).join('\n')}\n`)
        db.close()
      }
    }
  }
} finally {
  await app.close()
  await s.handle.close()
}
