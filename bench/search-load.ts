/**
 * `npx tsx bench/search-load.ts --sqlite=PATH | --pg-db=NAME [--rounds=3] [--sec=10] [--root=DIR | --no-migrate]`: the register's
 * name search over HTTP against an already populated database (bench/entities-build.ts), beside the
 * authenticated no-op of the same server, alternated in rounds (no-op, search, no-op, search…) so
 * both see the same machine. The queries are those of `bench:entities`: 5-character substrings
 * (`name.slice(3, 8)`) of 50 enterprise names, rotated, 50 connections. Prints each round and the
 * median round (by search ÷ no-op); writes bench/results/<stamp>-search-load-<engine>.json.
 */
import { join } from 'node:path'
import os from 'node:os'
import autocannon from 'autocannon'
import { DEMO_PASSWORD } from '../src/demo/demo'
import { openPlatform } from '../src/app'
import { configFrom } from '../src/core/config'
import {
  cleanupAll,
  DEFAULT_PG_ADMIN_URL,
  fileStamp,
  httpRequest,
  installSignalHandlers,
  load,
  machineInfo,
  pgUrlFor,
  RESULTS_DIR,
  round,
  startChild,
  writeJson,
} from './lib'

const argv = process.argv.slice(2)
const arg = (k: string) => argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3)
const sqlitePath = arg('sqlite')
const pgDb = arg('pg-db')
const rounds = Number(arg('rounds') ?? 3)
const sec = Number(arg('sec') ?? 10)
const url = pgDb ? pgUrlFor(arg('pg-url') ?? DEFAULT_PG_ADMIN_URL, pgDb) : null
if (!sqlitePath && !url) throw new Error('--sqlite=PATH or --pg-db=NAME')
const engine = url ? 'postgres' : 'sqlite'
/** Another checkout's server (e.g. a worktree of the commit before a change), on a database it already migrated. */
const root = arg('root')
const migrate = !root && !argv.includes('--no-migrate')
const say = (s: string) => process.stdout.write(`${s}\n`)

installSignalHandlers()
try {
  // The same sample as bench:entities: the first 200 enterprise record keys from 91410.
  const s = await openPlatform(configFrom({ ...(url ? { DATABASE_URL: url } : { SQLITE_PATH: sqlitePath }), WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' }), {
    migrate,
  })
  const sample = await s.deps.db.selectFrom('marketEntity').select(['name']).where('recordKey', '>=', '91410').orderBy('recordKey').limit(50).execute()
  await s.handle.close()
  const paths = sample.map((r) => `/api/entities?name=${encodeURIComponent(r.name.slice(3, 8))}`)
  const server = await startChild(
    `entity-server-${engine}`,
    'bench/entity-server.ts',
    url ? { BENCH_DATABASE_URL: url } : { BENCH_SQLITE_PATH: sqlitePath! },
    180_000,
    root ? { root } : {},
  )
  const base = `http://127.0.0.1:${server.port}`
  const login = await httpRequest(`${base}/api/auth/login`, { method: 'POST', body: { username: 'admin', password: DEMO_PASSWORD } })
  const headers = { cookie: String(login.headers['set-cookie'] ?? '').split(';')[0]! }
  for (const p of paths.slice(0, 3)) {
    const r = await httpRequest(`${base}${p}`, { headers })
    if (r.status !== 200) throw new Error(`search ${p}: ${r.status}`)
  }
  const out = []
  for (let i = 0; i < rounds; i++) {
    const load1 = os.loadavg()[0]!
    const noop = await load({ url: `${base}/api/ping`, headers, connections: 50, durationSec: sec, warmupSec: 2 })
    let k = 0
    const requests = [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[k++ % paths.length] }) }]
    const o = { url: base, headers, connections: 50, pipelining: 1, timeout: 10, requests }
    await autocannon({ ...o, duration: 2 } as unknown as autocannon.Options)
    const r = await autocannon({ ...o, duration: sec } as unknown as autocannon.Options)
    const search = { rps: round(r.requests.average, 1), p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, errors: r.errors, non2xx: r.non2xx }
    const row = {
      loadAverage1m: round(load1, 2),
      noop: { rps: noop.rps, p50: noop.latencyMs.p50, p99: noop.latencyMs.p99 },
      search,
      searchVsNoop: round(search.rps / noop.rps, 4),
    }
    out.push(row)
    say(
      `${engine} round ${i + 1}: load ${row.loadAverage1m} · no-op ${noop.rps} req/s p99 ${noop.latencyMs.p99} ms · search ${search.rps} req/s p50 ${search.p50} p99 ${search.p99} max ${search.max} ms (non2xx ${search.non2xx}) · ${round(row.searchVsNoop * 100, 2)} % of no-op`,
    )
  }
  await server.stop()
  const median = [...out].sort((a, b) => a.searchVsNoop - b.searchVsNoop)[Math.floor(out.length / 2)]!
  say(
    `median round: search p99 ${median.search.p99} ms, ${median.search.rps} req/s = ${round(median.searchVsNoop * 100, 2)} % of the no-op (${median.noop.rps})`,
  )
  const stamp = fileStamp(new Date())
  writeJson(join(RESULTS_DIR, `${stamp}-search-load-${engine}${root ? '-other-root' : ''}.json`), {
    suite: 'search-load',
    engine,
    root: root ?? null,
    at: new Date().toISOString(),
    machine: machineInfo(),
    rounds: out,
    median,
  })
} finally {
  await cleanupAll()
}
