/**
 * `npm run bench:cases`: penalty cases at scale, on SQLite and PostgreSQL, every figure beside a
 * reference measured in the same run (bench/README.md explains the harness).
 *
 *   stats    GET /api/case-stats for one month × all units (the leader's whole city, roll-up through
 *            the tree) over N generated cases (default 1,000,000): 1 cold + 7 warm sequential calls,
 *            median and max. Target: under 1 s.
 *   mine     GET /api/cases?mine=1&open=1 (我的案件, the handler) at 50 connections vs the session
 *            no-op GET /api/ping of the same server, alternating (3 pairs, the median pair reported).
 *            Targets: ≥ 20 % of the no-op's throughput, p99 ÷ p50 ≤ 3.
 *   search   GET /api/public/penalties?q=<name> (no login, bigram index) at 50 connections over N
 *            publicity records, a different company name on each request. Target: p99 < 100 ms.
 *
 * The rows are written straight into the server's database after it started (a bench fixture, not
 * the platform's write path): leads, case files (filed 2019-07 … 2026-11, 90 % closed, 70 %
 * decided with fines), one officer row in 500 for the demo handler, and one publicity record per
 * case (80 % on display) with its grams. On PostgreSQL the grams' GIN index is rebuilt after the load.
 *
 *   npm run bench:cases                      1,000,000 cases, both engines
 *   npm run bench:cases -- --cases=100000    fewer rows
 *   npm run bench:cases -- --engine=sqlite   one engine
 *   npm run bench:cases -- --quick           100,000 rows, 3 s HTTP figures
 *   npm run bench:cases -- --sqlite=/tmp/cases.db --pg-db=bench_jg_keep_cases
 *                                            keep the databases: the first run seeds them and leaves
 *                                            them in place, later runs (≥ N cases found) migrate and
 *                                            measure without seeding again
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import pg from 'pg'
import { gramsOf } from '../src/core/db/text-search'
import { DEMO_PASSWORD } from '../src/demo/demo'
import {
  cleanupAll,
  createPgDatabase,
  DEFAULT_PG_ADMIN_URL,
  fileStamp,
  httpRequest,
  installSignalHandlers,
  load,
  machineInfo,
  pgQuery,
  pgUnavailable,
  pgUrlFor,
  RESULTS_DIR,
  round,
  startChild,
  summarise,
  tempDir,
  writeJson,
} from './lib'

type Engine = 'sqlite' | 'postgres'
const argv = process.argv.slice(2)
const arg = (k: string) => argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3)
const quick = argv.includes('--quick')
const N = Number(arg('cases') ?? (quick ? 100_000 : 1_000_000))
const engines = (arg('engine')?.split(',') ?? ['sqlite', 'postgres']) as Engine[]
const pgAdmin = arg('pg-url') ?? DEFAULT_PG_ADMIN_URL
const httpSec = quick ? 3 : 10
const warmSec = quick ? 1 : 3
const CONNECTIONS = 50
const ROUNDS = quick ? 1 : 3
const TARGET = { statsMs: 1000, mineVsNoop: 0.2, mineTail: 3, searchP99Ms: 100 }
const say = (s: string) => process.stdout.write(`${s}\n`)

// ---- data -----------------------------------------------------------------------------------------
const A = [
  '宏达',
  '鑫源',
  '恒泰',
  '华通',
  '金鼎',
  '瑞丰',
  '永盛',
  '福康',
  '天润',
  '博远',
  '中联',
  '万嘉',
  '德信',
  '正阳',
  '通达',
  '佳和',
  '东方',
  '新兴',
  '兴隆',
  '嘉禾',
]
const B = [
  '百货',
  '药房',
  '超市',
  '食品',
  '电器',
  '商贸',
  '餐饮',
  '五金',
  '家具',
  '服饰',
  '建材',
  '农资',
  '烟酒',
  '母婴',
  '日化',
  '粮油',
  '汽修',
  '茶叶',
  '眼镜',
  '广告',
]
const C = ['有限公司', '经营部', '商行', '门市部', '店', '中心', '分店', '批发部']
const TYPES = ['price', 'quality', 'food', 'advertising', 'online', 'drug_device', 'metrology', 'other']
const nameOf = (i: number) =>
  `焦作市${A[i % 20]}${B[Math.floor(i / 20) % 20]}${A[Math.floor(i / 400) % 20]}${B[Math.floor(i / 8000) % 20]}${C[Math.floor(i / 160000) % 8]}`
const DAY = 86_400_000
const FROM = Date.parse('2019-07-01T00:00:00Z')
const SPAN = Math.round((Date.parse('2026-11-30T00:00:00Z') - FROM) / DAY)
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
/** Deterministic pseudo-random in [0, 1). */
const rnd = (i: number, salt: number) => {
  let x = (i * 2654435761 + salt * 40503) >>> 0
  x ^= x >>> 16
  x = Math.imul(x, 0x45d9f3b) >>> 0
  x = (x ^ (x >>> 16)) >>> 0 // `^` yields a signed 32-bit integer: without `>>> 0` half the draws were negative
  return x / 4294967296
}

interface Row {
  lead: unknown[]
  file: unknown[]
  publicity: unknown[]
  /** The demo handler is an officer of one case in 500; the inspector of every case. */
  officer: boolean
  /** Not closed: case_officer.case_open (migration 20261210060000), which 结案 clears. */
  open: number
  id: string
  name: string
}
function rowOf(i: number, units: string[], now: string): Row {
  const id = randomUUID()
  const leadId = randomUUID()
  const unit = units[i % units.length]!
  const filed = FROM + Math.floor(rnd(i, 1) * SPAN) * DAY
  const filedOn = iso(filed)
  const decided = rnd(i, 2) < 0.7 ? iso(filed + (20 + Math.floor(rnd(i, 3) * 60)) * DAY) : null
  const closedMs = filed + (30 + Math.floor(rnd(i, 4) * 90)) * DAY
  const closed = rnd(i, 5) < 0.9 && closedMs < Date.parse('2026-12-01T00:00:00Z') ? iso(closedMs) : null
  const type = TYPES[i % TYPES.length]!
  const fine = decided ? 100_000 + Math.floor(rnd(i, 6) * 50) * 10_000 : 0
  const gains = decided && rnd(i, 7) < 0.3 ? 50_000 : 0
  const name = nameOf(i)
  const leadNo = `BL${i}`
  const caseNo = `基准案〔${filedOn.slice(0, 4)}〕${i}号`
  const published = iso(filed + 30 * DAY)
  const onDisplay = rnd(i, 8) < 0.8
  return {
    id,
    name,
    officer: i % 500 === 0,
    open: closed ? 0 : 1,
    lead: [leadId, leadNo, 'inspection', 'bench', unit, name, '基准线索', filedOn, 'filed', now, now, 1],
    file: [
      id,
      caseNo,
      unit,
      leadId,
      leadNo,
      'inspection',
      'bench',
      '基准案件',
      type,
      'entity',
      name,
      '基准事实',
      filedOn,
      0,
      0,
      fine,
      gains,
      0,
      decided,
      decided ? `基准罚〔${filedOn.slice(0, 4)}〕${i}号` : null,
      closed,
      closed ? 'closed' : decided ? 'served' : 'investigating',
      1,
      now,
      now,
    ],
    publicity: [
      randomUUID(),
      id,
      unit,
      `基准罚〔${filedOn.slice(0, 4)}〕${i}号`,
      'entity',
      name,
      type,
      '基准事实',
      '基准依据',
      'fine',
      '罚款人民币1,000.00元',
      fine,
      gains,
      '焦作市市场监督管理局',
      decided ?? filedOn,
      'long',
      onDisplay ? 'published' : 'withdrawn',
      published,
      onDisplay ? '2029-12-31' : '2020-01-01',
      now,
      now,
    ],
  }
}
const LEAD_COLS = ['id', 'lead_no', 'source', 'source_id', 'unit_id', 'entity_name', 'summary', 'found_on', 'state', 'created_at', 'updated_at', 'version']
const FILE_COLS = [
  'id',
  'case_no',
  'unit_id',
  'lead_id',
  'lead_no',
  'source',
  'source_id',
  'title',
  'case_type',
  'party_kind',
  'party_name',
  'facts',
  'filed_on',
  'major',
  'hearing_right',
  'fine_fen',
  'gains_fen',
  'goods_value_fen',
  'decided_on',
  'decision_no',
  'closed_on',
  'state',
  'version',
  'created_at',
  'updated_at',
]
const PUB_COLS = [
  'id',
  'case_id',
  'unit_id',
  'decision_no',
  'party_kind',
  'party_name',
  'case_type',
  'facts',
  'basis',
  'penalty_type',
  'penalty_content',
  'fine_fen',
  'confiscated_fen',
  'authority',
  'decided_on',
  'display_kind',
  'state',
  'published_on',
  'display_end_on',
  'created_at',
  'updated_at',
]

async function seedSqlite(path: string, handlerId: string, otherId: string, from: number): Promise<number> {
  const db = new Database(path)
  db.pragma('busy_timeout = 60000')
  db.pragma('cache_size = -400000') // 400 MB: the random-key inserts of four tables otherwise re-read pages from the OS all the time
  const units = (db.prepare(`select id from org_unit where kind in ('district_bureau', 'station')`).all() as Array<{ id: string }>).map((u) => u.id)
  const now = new Date().toISOString()
  const ins = (t: string, cols: string[]) => db.prepare(`insert into ${t} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`)
  const lead = ins('case_lead', LEAD_COLS)
  const file = ins('case_file', FILE_COLS)
  const pub = db.prepare(`insert into case_publicity (rowid, ${PUB_COLS.join(',')}) values (?, ${PUB_COLS.map(() => '?').join(',')})`)
  const fts = db.prepare('insert into case_publicity_fts (rowid, grams) values (?, ?)')
  const off = db.prepare('insert into case_officer (case_id, user_id, seq, name, cert_no, case_open) values (?, ?, ?, ?, ?, ?)')
  const t0 = performance.now()
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const r = rowOf(i, units, now)
      lead.run(...r.lead)
      file.run(...r.file)
      pub.run(i + 1, ...r.publicity)
      fts.run(i + 1, gramsOf(r.name).join(' '))
      off.run(r.id, otherId, 1, '检查人员', '豫A0820001', r.open)
      if (r.officer) off.run(r.id, handlerId, 2, '办案人员', '豫A0820002', r.open)
    }
  })
  for (let i = from; i < N; i += 50_000) {
    batch(i, Math.min(N, i + 50_000))
    if (i % 200_000 === 0) say(`  sqlite: ${i.toLocaleString()} rows`)
    await new Promise((r) => setImmediate(r)) // lets Ctrl-C's clean-up run between batches
  }
  // What a bulk load into a gram index ends with (core/db/text-search.ts#optimiseGramIndex).
  db.exec(`insert into case_publicity_fts(case_publicity_fts) values ('optimize')`)
  db.exec('analyze')
  db.close()
  return round((performance.now() - t0) / 1000, 1)
}

async function seedPostgres(url: string, handlerId: string, otherId: string, from: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  const units = (await pool.query<{ id: string }>(`select id from org_unit where kind in ('district_bureau', 'station')`)).rows.map((u) => u.id)
  const now = new Date().toISOString()
  const t0 = performance.now()
  await pool.query('drop index if exists case_publicity_grams_gin')
  const insert = async (table: string, cols: string[], rows: unknown[][]) => {
    const params: unknown[] = []
    const values = rows.map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(',')})`)
    await pool.query(`insert into ${table} (${cols.join(',')}) values ${values.join(',')}`, params)
  }
  const STEP = 1000
  for (let i = from; i < N; i += STEP) {
    const rows = Array.from({ length: Math.min(STEP, N - i) }, (_, k) => rowOf(i + k, units, now))
    await insert(
      'case_lead',
      LEAD_COLS,
      rows.map((r) => r.lead),
    )
    await insert(
      'case_file',
      FILE_COLS,
      rows.map((r) => r.file),
    )
    await insert(
      'case_publicity',
      [...PUB_COLS, 'grams'],
      rows.map((r) => [...r.publicity, gramsOf(r.name)]),
    )
    const off = [
      ...rows.map((r) => [r.id, otherId, 1, '检查人员', '豫A0820001', r.open]),
      ...rows.filter((r) => r.officer).map((r) => [r.id, handlerId, 2, '办案人员', '豫A0820002', r.open]),
    ]
    await insert('case_officer', ['case_id', 'user_id', 'seq', 'name', 'cert_no', 'case_open'], off)
    if (i % 100_000 === 0) say(`  postgres: ${i.toLocaleString()} rows`)
  }
  // As migrations/_helpers.ts#tuneGramIndex leaves it (migration 20261210060000): no pending list.
  await pool.query('create index case_publicity_grams_gin on case_publicity using gin (grams) with (fastupdate = off)')
  await pool.query('analyze')
  await pool.end()
  return round((performance.now() - t0) / 1000, 1)
}

// ---- measurements -------------------------------------------------------------------------------------
async function loginAs(base: string, username: string) {
  const r = await httpRequest(`${base}/api/auth/login`, { method: 'POST', body: { username, password: DEMO_PASSWORD } })
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text.slice(0, 200)}`)
  return { cookie: String(r.headers['set-cookie'] ?? '').split(';')[0]! }
}

async function benchEngine(engine: Engine) {
  const dir = tempDir(`jg-bench-cases-${engine}-`)
  let env: Record<string, string>
  let drop = async () => {}
  let pgUrl = ''
  // A kept database (--sqlite=<file>, --pg-db=<name>): seeded by the first run and left in place;
  // a later run finds its cases, migrates it to this checkout and measures without seeding again.
  let have = 0
  if (engine === 'postgres') {
    const keep = arg('pg-db')
    if (keep) {
      if (!/^[a-z_][a-z0-9_]*$/.test(keep)) throw new Error(`--pg-db=${keep}: lower-case letters, digits and _ only`)
      pgUrl = pgUrlFor(pgAdmin, keep)
      const exists = (await pgQuery(pgAdmin, 'select 1 from pg_database where datname = $1', [keep])).length > 0
      if (!exists) await pgQuery(pgAdmin, `create database ${keep}`)
      else {
        have = Number((await pgQuery<{ n: string }>(pgUrl, 'select count(*) as n from case_file').catch(() => [{ n: '0' }]))[0]!.n)
        // An interrupted seed left the grams index dropped (seedPostgres rebuilds it at the end); migrations expect it.
        if (have > 0) await pgQuery(pgUrl, 'create index if not exists case_publicity_grams_gin on case_publicity using gin (grams) with (fastupdate = off)')
      }
    } else {
      const db = await createPgDatabase(pgAdmin, 'cases')
      drop = db.drop
      pgUrl = db.url
    }
    env = { BENCH_DATABASE_URL: pgUrl, BENCH_PG_POOL_MAX: '10', BENCH_EXTRA_USERS: '0', BENCH_PUBLIC_PER_MINUTE: '100000' }
  } else {
    const keep = arg('sqlite')
    if (keep && existsSync(keep)) {
      const db = new Database(keep, { readonly: true })
      have = Number((db.prepare('select count(*) as n from case_file').get() as { n: number }).n)
      db.close()
    }
    env = { BENCH_SQLITE_PATH: keep ?? join(dir.path, 'platform.db'), BENCH_EXTRA_USERS: '0', BENCH_PUBLIC_PER_MINUTE: '100000' }
  }
  // A kept database holds the demo city already; one with fewer than N cases (an interrupted seed) is completed.
  const kept = have >= N
  if (have > 0) env.BENCH_KEPT = '1'
  const server = await startChild(`cases-${engine}`, 'bench/server.ts', env)
  try {
    const base = `http://127.0.0.1:${server.port}`
    const userIdOf = async (username: string) => {
      if (engine === 'postgres') {
        const c = new pg.Client({ connectionString: pgUrl })
        await c.connect()
        const r = await c.query<{ id: string }>('select id from app_user where username = $1', [username])
        await c.end()
        return r.rows[0]!.id
      }
      const db = new Database(env.BENCH_SQLITE_PATH, { readonly: true })
      const r = db.prepare('select id from app_user where username = ?').get(username) as { id: string }
      db.close()
      return r.id
    }
    const handlerId = await userIdOf('handler')
    const otherId = await userIdOf('inspector')
    let seedSec: number | null = null
    if (kept) say(`${engine}: kept database with ≥ ${N.toLocaleString()} cases, not seeding`)
    else {
      say(`${engine}: seeding ${(N - have).toLocaleString()} cases and publicity records (rows ${have.toLocaleString()} …)…`)
      seedSec = engine === 'postgres' ? await seedPostgres(pgUrl, handlerId, otherId, have) : await seedSqlite(env.BENCH_SQLITE_PATH!, handlerId, otherId, have)
      say(`${engine}: seeded in ${seedSec} s`)
    }
    const leader = await loginAs(base, 'leader')
    const handler = await loginAs(base, 'handler')

    // Statistics: one month × all units.
    const statsUrl = `${base}/api/case-stats?from=2026-10-01&to=2026-10-31`
    const statsMs: number[] = []
    let filed = 0
    for (let i = 0; i < 8; i++) {
      const t0 = performance.now()
      const r = await httpRequest(statsUrl, { headers: { cookie: leader.cookie } })
      statsMs.push(performance.now() - t0)
      if (r.status !== 200) throw new Error(`stats: ${r.status} ${r.text.slice(0, 300)}`)
      filed = (r.json as { total: { filed: number } }).total.filed
    }
    const stats = { coldMs: round(statsMs[0]!, 1), warm: summarise(statsMs.slice(1)), filedInMonth: filed }

    // 我的案件 vs the session no-op, alternating.
    const mineUrl = `${base}/api/cases?mine=1&open=1`
    const check = await httpRequest(mineUrl, { headers: { cookie: handler.cookie } })
    if (check.status !== 200) throw new Error(`mine: ${check.status} ${check.text.slice(0, 300)}`)
    const mineTotal = (check.json as { total: number }).total
    await load({ url: `${base}/api/ping`, headers: { cookie: handler.cookie }, connections: CONNECTIONS, durationSec: warmSec, warmupSec: 0 })
    await load({ url: mineUrl, headers: { cookie: handler.cookie }, connections: CONNECTIONS, durationSec: warmSec, warmupSec: 0 })
    const rounds = []
    for (let i = 0; i < ROUNDS; i++) {
      const noop = await load({ url: `${base}/api/ping`, headers: { cookie: handler.cookie }, connections: CONNECTIONS, durationSec: httpSec, warmupSec: 0 })
      const mine = await load({ url: mineUrl, headers: { cookie: handler.cookie }, connections: CONNECTIONS, durationSec: httpSec, warmupSec: 0 })
      rounds.push({ noop, mine, ratio: round(mine.rps / noop.rps, 3), tail: round(mine.latencyMs.p99 / Math.max(1, mine.latencyMs.p50), 2) })
    }
    const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)]!

    // Public search by name, a different company each request.
    let k = 0
    const names = Array.from({ length: 2000 }, (_, i) => nameOf((i * 7919) % N).slice(3, 9))
    const probe = await httpRequest(`${base}/api/public/penalties?q=${encodeURIComponent(names[0]!)}`)
    if (probe.status !== 200) throw new Error(`search: ${probe.status} ${probe.text.slice(0, 300)}`)
    const hits = (probe.json as { items: unknown[] }).items.length
    const searchRun = async (sec: number) => {
      const r = await autocannon({
        url: `${base}/api/public/penalties`,
        connections: CONNECTIONS,
        pipelining: 1,
        timeout: 10,
        duration: sec,
        requests: [
          {
            method: 'GET',
            setupRequest: (req: Record<string, unknown>) => ({ ...req, path: `/api/public/penalties?q=${encodeURIComponent(names[k++ % names.length]!)}` }),
          },
        ],
      } as unknown as autocannon.Options)
      return {
        rps: round(r.requests.average, 1),
        requests: r.requests.total,
        latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
        errors: r.errors,
        non2xx: r.non2xx,
      }
    }
    await searchRun(warmSec)
    const search = await searchRun(httpSec)
    return {
      engine,
      cases: N,
      seedSec,
      stats: { ...stats, verdict: stats.warm.p50 < TARGET.statsMs && stats.coldMs < TARGET.statsMs ? 'met' : 'NOT met' },
      mine: {
        totalMine: mineTotal,
        noopRps: median.noop.rps,
        mineRps: median.mine.rps,
        p50: median.mine.latencyMs.p50,
        p99: median.mine.latencyMs.p99,
        ratio: median.ratio,
        p99OverP50: median.tail,
        non2xx: median.mine.non2xx,
        verdict: median.ratio >= TARGET.mineVsNoop && median.tail <= TARGET.mineTail ? 'met' : 'NOT met',
        rounds: rounds.map((r) => ({
          noopRps: r.noop.rps,
          mineRps: r.mine.rps,
          ratio: r.ratio,
          p50: r.mine.latencyMs.p50,
          p99: r.mine.latencyMs.p99,
          tail: r.tail,
        })),
      },
      search: {
        ...search,
        sampleHits: hits,
        verdict: search.requests > 0 && search.errors === 0 && search.latencyMs.p99 < TARGET.searchP99Ms && search.non2xx === 0 ? 'met' : 'NOT met',
      },
    }
  } finally {
    await server.stop()
    await drop()
    await dir.remove()
  }
}

installSignalHandlers()
const started = new Date()
const load0 = os.loadavg()
const results = []
const skipped: string[] = []
for (const e of engines) {
  if (e === 'postgres') {
    const why = await pgUnavailable(pgAdmin)
    if (why) {
      skipped.push(`postgres: ${why}`)
      continue
    }
  }
  results.push(await benchEngine(e))
}
const out = {
  started: started.toISOString(),
  machine: machineInfo(),
  loadAverage: { atStart: load0.map((x) => round(x, 2)), atEnd: os.loadavg().map((x) => round(x, 2)) },
  targets: TARGET,
  results,
  skipped,
}
// The engines in the name: two runs started in the same second (one per engine) must not overwrite each other.
const file = writeJson(join(RESULTS_DIR, `cases-${engines.join('-')}-${fileStamp(started)}.json`), out)
for (const r of results) {
  say(
    `${r.engine}: stats month × all units cold ${r.stats.coldMs} ms, warm p50 ${r.stats.warm.p50} ms (max ${r.stats.warm.max}) [${r.stats.verdict}]; ` +
      `我的案件 ${r.mine.mineRps} rps = ${r.mine.ratio} × no-op ${r.mine.noopRps}, p99/p50 ${r.mine.p99OverP50} [${r.mine.verdict}]; ` +
      `public search p50 ${r.search.latencyMs.p50} ms p99 ${r.search.latencyMs.p99} ms ${r.search.rps} rps [${r.search.verdict}]; ` +
      `month filed ${r.stats.filedInMonth}, handler's open cases ${r.mine.totalMine}, sample hits ${r.search.sampleHits}`,
  )
}
say(`load average ${out.loadAverage.atStart.join(' / ')} → ${out.loadAverage.atEnd.join(' / ')}; results: ${file}`)
await cleanupAll()
