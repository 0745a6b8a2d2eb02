/**
 * `npm run bench`: the platform's benchmark suite. Every figure is reported next to a ceiling
 * measured in the same run on the same machine, so the ratios mean something even where the
 * absolute numbers do not travel.
 *
 *   npm run bench                          full run (10 s per HTTP figure, 3 000 mutations per writer mode)
 *   npm run bench -- --quick               short run (3 s, 400 mutations): a smoke test of the suite
 *   npm run bench -- --only=http           only the HTTP read figures
 *   npm run bench -- --only=audit          only the audit-writing mutation figures
 *   npm run bench -- --engine=sqlite       one engine only (sqlite | postgres)
 *   npm run bench -- --pg-url=postgres://postgres@127.0.0.1:5432/postgres
 *                                          PostgreSQL admin connection (creates and drops bench_jg_* databases)
 *
 * Results: bench/results/<ISO instant>-<suite>-<engine>.json per suite and bench/results/latest.json
 * for the whole run. Exits non-zero when an audit chain fails verification, when any measured
 * request or mutation failed, or when a suite could not run. See bench/README.md.
 */
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openPlatform } from '../src/app'
import { configFrom } from '../src/core/config'
import { forUpdate } from '../src/core/db/dialect'
import { DEMO_PASSWORD, loadDemoCity } from '../src/demo/demo'
import {
  cleanupAll,
  createPgDatabase,
  DEFAULT_PG_ADMIN_URL,
  defer,
  expectStatus,
  fileStamp,
  fmt,
  httpRequest,
  installSignalHandlers,
  keepAliveAgent,
  load,
  machineInfo,
  pgBackendPids,
  pgServerFacts,
  pgUnavailable,
  RESULTS_DIR,
  round,
  startChild,
  startLockSampler,
  table,
  tempDir,
  timedPool,
  waitForQuiet,
  withCpuWatch,
  writeJson,
  type HttpResponse,
  type LoadResult,
  type OtherCpu,
  type PoolResult,
} from './lib'

type Engine = 'sqlite' | 'postgres'

interface Args {
  quick: boolean
  only: 'http' | 'audit' | null
  pgUrl: string
  engines: Engine[]
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, only: null, pgUrl: DEFAULT_PG_ADMIN_URL, engines: ['sqlite', 'postgres'] }
  for (const a of argv) {
    if (a === '--quick') args.quick = true
    else if (a === '--only=http' || a === '--only=audit') args.only = a.slice(7) as 'http' | 'audit'
    else if (a.startsWith('--pg-url=')) args.pgUrl = a.slice(9)
    else if (a === '--engine=sqlite' || a === '--engine=postgres') args.engines = [a.slice(9) as Engine]
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run bench -- [--quick] [--only=http|audit] [--engine=sqlite|postgres] [--pg-url=postgres://…/postgres]\n')
      process.exit(0)
    } else throw new Error(`unknown argument: ${a} (try --help)`)
  }
  if (!/^postgres(ql)?:\/\//.test(args.pgUrl)) throw new Error(`--pg-url must be a postgres:// URL, got ${args.pgUrl}`)
  return args
}

const args = parseArgs(process.argv.slice(2))
const settings = args.quick
  ? {
      mode: 'quick' as const,
      connections: 50,
      pipelining: 1,
      durationSec: 3,
      warmupSec: 1,
      serviceMutations: 400,
      httpMutations: 300,
      concurrency: 8,
      quietWaitMaxSec: 0,
      quietWaitPerFigureSec: 0,
    }
  : {
      mode: 'full' as const,
      connections: 50,
      pipelining: 1,
      durationSec: 10,
      warmupSec: 3,
      serviceMutations: 3000,
      httpMutations: 2000,
      concurrency: 8,
      quietWaitMaxSec: 300,
      quietWaitPerFigureSec: 60,
    }

const failures: string[] = []
const log = (line: string) => process.stderr.write(`${line}\n`)

/** In a full run, gives other work on the machine up to a minute to finish before each figure. */
async function quietBeforeFigure(): Promise<void> {
  if (settings.quietWaitPerFigureSec > 0) await waitForQuiet(settings.quietWaitPerFigureSec, 0.25, log)
}

// ---------------------------------------------------------------------------------------------
// Fresh databases
// ---------------------------------------------------------------------------------------------

interface Provisioned {
  /** Environment for bench/server.ts. */
  serverEnv: Record<string, string>
  /** Config overrides for an in-process openPlatform. */
  config: Record<string, string>
  pgDatabase: string | null
  release(): Promise<void>
}

async function provision(engine: Engine, tag: string): Promise<Provisioned> {
  if (engine === 'sqlite') {
    const dir = tempDir(`jg-bench-${tag}-`)
    const path = join(dir.path, 'jianguan.db')
    return { serverEnv: { BENCH_SQLITE_PATH: path }, config: { SQLITE_PATH: path }, pgDatabase: null, release: dir.remove }
  }
  const db = await createPgDatabase(args.pgUrl, tag)
  return { serverEnv: { BENCH_DATABASE_URL: db.url }, config: { DATABASE_URL: db.url }, pgDatabase: db.name, release: db.drop }
}

async function loginAs(base: string, username: string): Promise<{ cookie: string; csrf: string; userId: string }> {
  const r = await httpRequest(`${base}/api/auth/login`, { method: 'POST', body: { username, password: DEMO_PASSWORD } })
  expectStatus(r, 200, `login as ${username}`)
  const cookie = (r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('jg_session='))
  const body = r.json as { csrfToken?: string; user?: { id?: string } }
  if (!cookie || !body.csrfToken || !body.user?.id) throw new Error(`login as ${username}: no session cookie or CSRF token in the response`)
  return { cookie, csrf: body.csrfToken, userId: body.user.id }
}

// ---------------------------------------------------------------------------------------------
// 1. HTTP: authenticated no-op vs the raw Fastify ceiling, and realistic reads
// ---------------------------------------------------------------------------------------------

interface HttpRow extends LoadResult {
  key: string
  label: string
  ratioToCeiling: number
  /** 1-minute load average when the scenario started. */
  loadAvg1m: number
  /** CPU (in cores) used during the measured window by processes outside the benchmark, and by the benchmark itself. */
  otherCpuCores: number | null
  benchCpuCores: number | null
  /** Share of CPU time stolen by the hypervisor meanwhile. */
  stealShare: number | null
  busiestOthers: OtherCpu['top']
}

async function httpSuite(engine: Engine) {
  log(`\n== HTTP reads · ${engine} ==`)
  const db = await provision(engine, 'http')
  const ownPids = () => (db.pgDatabase ? pgBackendPids(args.pgUrl, db.pgDatabase) : [])
  try {
    const [ceiling, server] = await Promise.all([
      startChild('ceiling', 'bench/ceiling.ts', {}),
      startChild(`server-${engine}`, 'bench/server.ts', db.serverEnv),
    ])
    try {
      const base = `http://127.0.0.1:${server.port}`
      const admin = await loginAs(base, 'admin')
      const tok = await httpRequest(`${base}/api/tokens`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
        body: { name: 'bench token', userId: admin.userId, permissions: ['org.read'] },
      })
      expectStatus(tok, 201, 'create API token')
      const token = (tok.json as { token: string }).token
      const scenarios: Array<{ key: string; label: string; url: string; headers: Record<string, string>; status?: number }> = [
        { key: 'ceiling', label: 'raw Fastify no-op (ceiling)', url: `http://127.0.0.1:${ceiling.port}/ping`, headers: {} },
        // The platform's plugin stack and error path with no database work: helmet, cookie, the auth hook, the error handler.
        { key: 'unauthenticated', label: 'GET /api/ping, no credentials (401)', url: `${base}/api/ping`, headers: {}, status: 401 },
        { key: 'health', label: 'GET /api/health (public, 1 DB ping)', url: `${base}/api/health`, headers: {} },
        { key: 'pingSession', label: 'GET /api/ping (session cookie)', url: `${base}/api/ping`, headers: { cookie: admin.cookie } },
        { key: 'pingToken', label: 'GET /api/ping (Bearer API token)', url: `${base}/api/ping`, headers: { authorization: `Bearer ${token}` } },
        { key: 'usersPage', label: 'GET /api/users?pageSize=20 (session)', url: `${base}/api/users?pageSize=20`, headers: { cookie: admin.cookie } },
      ]
      // Preflight: every scenario must answer 200 before it is worth timing.
      for (const sc of scenarios) expectStatus(await httpRequest(sc.url, { headers: sc.headers }), sc.status ?? 200, sc.label)
      const page = (await httpRequest(`${base}/api/users?pageSize=20`, { headers: { cookie: admin.cookie } })).json as { items: unknown[]; total: number }

      const rows: HttpRow[] = []
      for (const sc of scenarios) {
        await quietBeforeFigure()
        log(`  ${sc.label} …`)
        const loadAvg1m = round(os.loadavg()[0]!, 2)
        const { result: r, cpu } = await withCpuWatch(
          () => load({ url: sc.url, headers: sc.headers, connections: settings.connections, durationSec: settings.durationSec, warmupSec: settings.warmupSec }),
          ownPids,
        )
        rows.push({
          key: sc.key,
          label: sc.label,
          ...r,
          ratioToCeiling: 0,
          loadAvg1m,
          otherCpuCores: cpu?.otherCores ?? null,
          benchCpuCores: cpu?.benchCores ?? null,
          stealShare: cpu?.stealShare ?? null,
          busiestOthers: cpu?.top ?? [],
        })
        const unexpected = sc.status === undefined ? r.non2xx : r.requests - (r.statusCodes[String(sc.status)] ?? 0)
        if (r.errors > 0 || unexpected > 0) failures.push(`http-${engine} ${sc.label}: ${r.errors} errors, ${unexpected} unexpected statuses`)
      }
      // The ceiling again at the end: how much the machine drifted during the block.
      await quietBeforeFigure()
      log('  raw Fastify no-op (ceiling, again) …')
      const { result: again, cpu: againCpu } = await withCpuWatch(
        () => load({ url: scenarios[0]!.url, connections: settings.connections, durationSec: settings.durationSec, warmupSec: settings.warmupSec }),
        ownPids,
      )
      // Noise only ever lowers a throughput, so the ceiling is the better of its two measurements.
      const first = rows[0]!.rps
      const ceilingRps = Math.max(first, again.rps)
      for (const r of rows) r.ratioToCeiling = round(r.rps / ceilingRps, 3)
      return {
        engine,
        serverProcess: server.info,
        usersPage: { items: page.items.length, total: page.total },
        ceilingRps,
        rows,
        ceilingAgain: {
          rps: again.rps,
          latencyMs: again.latencyMs,
          driftPct: round((again.rps / first - 1) * 100, 1),
          otherCpuCores: againCpu?.otherCores ?? null,
          stealShare: againCpu?.stealShare ?? null,
        },
      }
    } finally {
      await server.stop()
      await ceiling.stop()
    }
  } finally {
    await db.release()
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Audit-writing mutations
// ---------------------------------------------------------------------------------------------

interface AuditRow extends PoolResult {
  key: string
  label: string
  /** The ceiling this row is compared with (same engine, same concurrency). */
  ceilingKey: string | null
  ratioToCeiling: number | null
  /** 1-minute load average when the row finished. */
  loadAvg1m: number
  /** CPU (in cores) used meanwhile by processes outside the benchmark, and by the benchmark itself. */
  otherCpuCores: number | null
  benchCpuCores: number | null
  stealShare: number | null
}

type ScratchTables = {
  benchScratch: { id: string; seq: number; at: string; payload: string; hash: string }
  benchHead: { id: number; n: number; hash: string }
}

async function auditSuite(engine: Engine) {
  log(`\n== Audit-writing mutations · ${engine} ==`)
  const N = settings.serviceMutations
  const C = settings.concurrency
  const rows: AuditRow[] = []
  const lockWait: Record<string, unknown> = {}
  const add = (key: string, label: string, m: { result: PoolResult; cpu: OtherCpu | null }, ceilingKey: string | null) => {
    const r = m.result
    const c = ceilingKey ? rows.find((x) => x.key === ceilingKey) : undefined
    rows.push({
      key,
      label,
      ...r,
      ceilingKey,
      ratioToCeiling: c ? round(r.perSecond / c.perSecond, 3) : null,
      loadAvg1m: round(os.loadavg()[0]!, 2),
      otherCpuCores: m.cpu?.otherCores ?? null,
      benchCpuCores: m.cpu?.benchCores ?? null,
      stealShare: m.cpu?.stealShare ?? null,
    })
    if (r.errors > 0) failures.push(`audit-${engine} ${label}: ${r.errors} failed (${r.firstError})`)
  }
  /** Times a run, watches the machine's other CPU use and, on PostgreSQL with several writers, samples lock waits. */
  const measure = async (key: string, database: string | null, run: () => Promise<PoolResult>) => {
    await quietBeforeFigure()
    const sampler = database && !key.endsWith('C1') ? startLockSampler(args.pgUrl, database) : null
    try {
      return await withCpuWatch(run, () => (database ? pgBackendPids(args.pgUrl, database) : []))
    } finally {
      if (sampler) lockWait[key] = await sampler.stop()
    }
  }

  // --- (a) + (b): in this process, straight against the services --------------------------------
  const db = await provision(engine, 'audit')
  let serviceVerify: Record<string, unknown>
  let recordsWritten: { expected: number; actual: number }
  let pgPoolMax: number | null = null
  try {
    const s = await openPlatform(configFrom({ ...db.config, WEB_DIST: '/nonexistent' }), { migrate: true })
    const closeServices = defer('close in-process services', () => s.handle.close())
    try {
      if (s.deps.config.db.driver === 'postgres') pgPoolMax = s.deps.config.db.poolMax
      await loadDemoCity(s)
      const dialect = s.handle.dialect
      const sdb = s.deps.db.withTables<ScratchTables>()
      await sql`create table bench_scratch (id varchar(36) primary key, seq integer not null, at varchar(32) not null, payload text not null, hash varchar(64) not null)`.execute(
        sdb,
      )
      await sql`create table bench_head (id integer primary key, n integer not null, hash varchar(64) not null)`.execute(sdb)
      await sql`insert into bench_head (id, n, hash) values (1, 0, '')`.execute(sdb)

      const units = await s.org.listAll()
      // A payload the size of an org.unit.update audit record's before/after snapshot.
      const payload = JSON.stringify({ before: units[0], after: units[0] })
      const hash = 'f'.repeat(64)
      const rawInsert = () =>
        sdb
          .transaction()
          .execute((trx) => trx.insertInto('benchScratch').values({ id: randomUUID(), seq: 0, at: new Date().toISOString(), payload, hash }).execute())
      const chainInsert = () =>
        sdb.transaction().execute(async (trx) => {
          const head = await forUpdate(dialect, trx.selectFrom('benchHead').select(['n', 'hash']).where('id', '=', 1)).executeTakeFirstOrThrow()
          await trx
            .insertInto('benchScratch')
            .values({ id: randomUUID(), seq: head.n + 1, at: new Date().toISOString(), payload, hash })
            .execute()
          await trx
            .updateTable('benchHead')
            .set({ n: head.n + 1, hash })
            .where('id', '=', 1)
            .execute()
        })

      log(`  ceiling: ${N} plain inserts, 1 transaction each …`)
      add('rawC1', 'ceiling: plain insert, 1 tx each', await measure('rawC1', db.pgDatabase, () => timedPool(N, 1, rawInsert)), null)
      add(`rawC${C}`, 'ceiling: plain insert, 1 tx each', await measure(`rawC${C}`, db.pgDatabase, () => timedPool(N, C, rawInsert)), null)
      log(`  ceiling: ${N} chained inserts (head row locked, as the audit chain does) …`)
      add('chainC1', 'ceiling: insert + locked head row', await measure('chainC1', db.pgDatabase, () => timedPool(N, 1, chainInsert)), 'rawC1')
      add(`chainC${C}`, 'ceiling: insert + locked head row', await measure(`chainC${C}`, db.pgDatabase, () => timedPool(N, C, chainInsert)), `rawC${C}`)

      const admin = await s.deps.db.selectFrom('appUser').select(['id', 'username', 'displayName']).where('username', '=', 'admin').executeTakeFirstOrThrow()
      const actor = await s.auth.actorFor(admin.id, admin.username, admin.displayName)
      const version = new Map(units.map((u) => [u.id, u.version]))
      const headBefore = (await s.deps.db.selectFrom('auditHead').select('lastSeq').where('id', '=', 1).executeTakeFirstOrThrow()).lastSeq
      let okMutations = 0
      const serviceRun = (concurrency: number) => {
        // Worker w owns units w, w+c, …: no two writers touch the same row, so no version conflicts.
        const owned = Array.from({ length: concurrency }, (_, w) => units.filter((_, i) => i % concurrency === w))
        return timedPool(N, concurrency, async (i, w) => {
          const mine = owned[w]!
          const unit = mine[Math.floor(i / concurrency) % mine.length]!
          const out = await s.org.updateUnit({ actor, requestId: `bench-${i}`, ip: '127.0.0.1' }, unit.id, {
            expectedVersion: version.get(unit.id)!,
            address: `基准测试地址 ${i}`,
          })
          version.set(unit.id, out.version)
          okMutations++
        })
      }
      log(`  service: ${N} × org.updateUnit, 1 writer …`)
      add('serviceC1', 'service: org.updateUnit', await measure('serviceC1', db.pgDatabase, () => serviceRun(1)), 'rawC1')
      log(`  service: ${N} × org.updateUnit, ${C} writers …`)
      add(`serviceC${C}`, 'service: org.updateUnit', await measure(`serviceC${C}`, db.pgDatabase, () => serviceRun(C)), `rawC${C}`)

      const headAfter = (await s.deps.db.selectFrom('auditHead').select('lastSeq').where('id', '=', 1).executeTakeFirstOrThrow()).lastSeq
      recordsWritten = { expected: okMutations, actual: headAfter - headBefore }
      if (recordsWritten.actual !== recordsWritten.expected)
        failures.push(`audit-${engine}: ${okMutations} mutations wrote ${recordsWritten.actual} audit records`)
      log('  verifying the audit chain …')
      const t0 = performance.now()
      const v = await s.audit.verify()
      const seconds = (performance.now() - t0) / 1000
      serviceVerify = { ...v, seconds: round(seconds, 3), recordsPerSecond: round(v.checked / seconds, 0) }
      if (!v.ok) failures.push(`audit-${engine}: audit chain verification FAILED at seq ${v.firstBadSeq}: ${v.problem}`)
    } finally {
      await closeServices()
    }
  } finally {
    await db.release()
  }

  // --- (c): over HTTP, PATCH /api/org/units/:id against a server child ---------------------------
  const M = settings.httpMutations
  const db2 = await provision(engine, 'audithttp')
  let httpVerify: Record<string, unknown>
  let httpRecords: { expected: number; actual: number }
  try {
    const server = await startChild(`server-${engine}`, 'bench/server.ts', db2.serverEnv)
    try {
      const base = `http://127.0.0.1:${server.port}`
      const admin = await loginAs(base, 'admin')
      const auditor = await loginAs(base, 'auditor')
      const verify = async () => {
        const r = await httpRequest(`${base}/api/audit/verify`, { headers: { cookie: auditor.cookie } })
        expectStatus(r, 200, 'GET /api/audit/verify')
        return r.json as { ok: boolean; checked: number; total: number; firstBadSeq: number | null; problem: string | null }
      }
      const list = await httpRequest(`${base}/api/org/units`, { headers: { cookie: admin.cookie } })
      expectStatus(list, 200, 'GET /api/org/units')
      const units = (list.json as { items: Array<{ id: string; version: number }> }).items
      const version = new Map(units.map((u) => [u.id, u.version]))
      const before = await verify()
      let ok = 0
      const httpRun = async (concurrency: number) => {
        const agent = keepAliveAgent(concurrency)
        try {
          const owned = Array.from({ length: concurrency }, (_, w) => units.filter((_, i) => i % concurrency === w))
          return await timedPool(M, concurrency, async (i, w) => {
            const mine = owned[w]!
            const unit = mine[Math.floor(i / concurrency) % mine.length]!
            const r: HttpResponse = await httpRequest(`${base}/api/org/units/${unit.id}`, {
              method: 'PATCH',
              agent,
              headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
              body: { expectedVersion: version.get(unit.id)!, address: `基准测试地址 ${i}` },
            })
            if (r.status !== 200) throw new Error(`PATCH → ${r.status}: ${r.text.slice(0, 200)}`)
            version.set(unit.id, (r.json as { version: number }).version)
            ok++
          })
        } finally {
          agent.destroy()
        }
      }
      log(`  HTTP: ${M} × PATCH /api/org/units/:id, 1 client …`)
      add('httpC1', 'HTTP: PATCH /api/org/units/:id', await measure('httpC1', db2.pgDatabase, () => httpRun(1)), 'rawC1')
      log(`  HTTP: ${M} × PATCH /api/org/units/:id, ${C} clients …`)
      add(`httpC${C}`, 'HTTP: PATCH /api/org/units/:id', await measure(`httpC${C}`, db2.pgDatabase, () => httpRun(C)), `rawC${C}`)
      const after = await verify()
      httpVerify = after
      httpRecords = { expected: ok, actual: after.total - before.total }
      if (!after.ok) failures.push(`audit-${engine} (HTTP): audit chain verification FAILED at seq ${after.firstBadSeq}: ${after.problem}`)
      if (httpRecords.actual !== httpRecords.expected) failures.push(`audit-${engine} (HTTP): ${ok} mutations wrote ${httpRecords.actual} audit records`)
    } finally {
      await server.stop()
    }
  } finally {
    await db2.release()
  }

  return {
    engine,
    mutationsPerRun: { service: N, http: M },
    concurrency: C,
    pgPoolMax,
    rows,
    verify: { service: serviceVerify!, http: httpVerify! },
    auditRecords: { service: recordsWritten!, http: httpRecords! },
    ...(engine === 'postgres' ? { lockWait } : {}),
  }
}

// ---------------------------------------------------------------------------------------------
// Printing and files
// ---------------------------------------------------------------------------------------------

type HttpSuite = Awaited<ReturnType<typeof httpSuite>>
type AuditSuite = Awaited<ReturnType<typeof auditSuite>>

function printHttp(r: HttpSuite) {
  const rows = r.rows.map((x) => [
    x.label,
    x.rps,
    `${fmt(x.ratioToCeiling * 100)}%`,
    x.latencyMs.p50,
    x.latencyMs.p99,
    x.latencyMs.max,
    `${x.errors}/${x.non2xx}`,
    x.otherCpuCores ?? '?',
  ])
  process.stdout.write(
    `\nHTTP · ${r.engine} · ${settings.connections} connections, ${settings.durationSec} s each · ceiling measured before and after: ${fmt(r.rows[0]!.rps)} and ${fmt(r.ceilingAgain.rps)} req/s; ratios use the higher\n`,
  )
  process.stdout.write(`${table(['scenario', 'req/s', 'of ceiling', 'p50 ms', 'p99 ms', 'max ms', 'err/non2xx', 'other CPU'], rows)}\n`)
}

function printAudit(r: AuditSuite) {
  const rows = r.rows.map((x) => [
    x.label,
    x.concurrency,
    x.ops,
    x.perSecond,
    x.ratioToCeiling === null ? '—' : `${fmt(x.ratioToCeiling * 100)}%`,
    x.latencyMs.p50,
    x.latencyMs.p99,
    x.latencyMs.max,
    x.errors,
    x.otherCpuCores ?? '?',
  ])
  process.stdout.write(`\nAudit-writing mutations · ${r.engine} (ratio = vs plain insert at the same concurrency)\n`)
  process.stdout.write(`${table(['workload', 'writers', 'ops', 'ops/s', 'of ceiling', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'other CPU'], rows)}\n`)
  process.stdout.write(
    `audit chain: in-process verify ok=${String(r.verify.service.ok)} (${String(r.verify.service.checked)} records), HTTP verify ok=${String(r.verify.http.ok)} (${String(r.verify.http.checked)} records)\n`,
  )
  if ('lockWait' in r && r.lockWait) {
    for (const [k, v] of Object.entries(r.lockWait)) {
      const w = v as { meanActive: number; meanWaitingOnLock: number; maxWaitingOnLock: number }
      process.stdout.write(
        `pg_stat_activity during ${k}: ${w.meanActive} backends active on average, ${w.meanWaitingOnLock} of them waiting on a lock (max ${w.maxWaitingOnLock})\n`,
      )
    }
  }
}

async function main() {
  installSignalHandlers()
  const startedAt = new Date()
  const stamp = fileStamp(startedAt)
  const machine = machineInfo()
  const suites: Record<string, unknown> = {}
  const skipped: Record<string, string> = {}

  let engines = args.engines
  let postgres: Record<string, string> | null = null
  if (engines.includes('postgres')) {
    const why = await pgUnavailable(args.pgUrl)
    if (why) {
      log(`PostgreSQL not reachable at ${args.pgUrl} (${why}): skipping the PostgreSQL figures`)
      skipped.postgres = why
      engines = engines.filter((e) => e !== 'postgres')
    } else postgres = await pgServerFacts(args.pgUrl)
  }
  log(`bench: ${settings.mode} run, engines ${engines.join(', ')}, on ${machine.cpuCount} × ${machine.cpuModel}`)

  const plan: Array<{ name: string; run: () => Promise<unknown>; print: (r: never) => void }> = []
  for (const e of engines) if (args.only !== 'audit') plan.push({ name: `http-${e}`, run: () => httpSuite(e), print: printHttp })
  for (const e of engines) if (args.only !== 'http') plan.push({ name: `audit-${e}`, run: () => auditSuite(e), print: printAudit })

  const header = {
    schema: 1,
    mode: settings.mode,
    startedAt: startedAt.toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: { ...machine, postgres, note: 'load generator, server under test and PostgreSQL share the same cores' },
    settings,
  }
  for (const p of plan) {
    try {
      const quiet = await waitForQuiet(settings.quietWaitMaxSec, 0.25, log)
      const r = { ...((await p.run()) as object), quietBeforeStart: quiet }
      suites[p.name] = r
      p.print(r as never)
      writeJson(join(RESULTS_DIR, `${stamp}-${p.name}.json`), { ...header, suite: p.name, result: r })
    } catch (e) {
      const msg = e instanceof Error ? (e.stack ?? e.message) : String(e)
      log(`suite ${p.name} failed: ${msg}`)
      failures.push(`${p.name}: ${e instanceof Error ? e.message : String(e)}`)
      suites[p.name] = { error: e instanceof Error ? e.message : String(e) }
      await cleanupAll()
    }
  }
  const latest = { ...header, finishedAt: new Date().toISOString(), skipped, failures, suites }
  writeJson(join(RESULTS_DIR, 'latest.json'), latest)
  process.stdout.write('\n"other CPU": cores used by processes outside the benchmark while a figure was measured (0 = quiet machine).\n')
  process.stdout.write(`results: bench/results/${stamp}-*.json and bench/results/latest.json\n`)
  if (failures.length > 0) {
    process.stdout.write(`\nFAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`)
    process.exitCode = 1
  }
}

try {
  await main()
} catch (e) {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exitCode = 1
} finally {
  await cleanupAll()
}
// autocannon and pg may leave handles behind; the run is over.
process.exit(process.exitCode ?? 0)
