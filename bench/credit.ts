/**
 * Credit supervision benchmarks (issue 15), SQLite, one process:
 *
 *   query    GET /api/public/credit/entities/:uscc over HTTP at 50 connections, rotating over listed
 *            and unlisted entities, against the same run's no-op (`GET /api/ping` without
 *            credentials: 401 from the auth hook) — ratio of throughputs and p99 ÷ p50
 *   filing   POST /api/public/credit/annual-reports over HTTP at 8 connections, each request a
 *            liaison session of its own entity (a correction after the first filing: a write with
 *            the replaced version kept), against the same no-op
 *   batch    the after-season listing proposal job (`proposeNonFilers`) over a register of
 *            BENCH_CREDIT_ENTITIES rows (default 1,000,000; ~4 % non-filers), wall time and the
 *            process's peak RSS; then run again (idempotent: proposes nothing)
 *
 *   npx tsx bench/credit.ts [--only=query|filing|batch]
 *
 * Results: bench/results/<time>-credit.json. The clock is fixed inside the 2026 season for the
 * filing figures and moved after 30 June for the batch.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { openPlatform, buildApp } from '../src/app'
import { configFrom } from '../src/core/config'
import { newId } from '../src/core/ids'
import { loadDemoCity } from '../src/demo/demo'
import { composeUscc } from '../src/modules/entities'
import { peakRssKiB } from './peak-rss'
import { RESULTS_DIR, round, tempDir } from './lib'

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7)
const N = Number(process.env.BENCH_CREDIT_ENTITIES ?? 1_000_000)
const SEC = Number(process.env.BENCH_SEC ?? 8)
let now = new Date('2026-03-02T02:00:00Z')
const clock = { now: () => new Date(now) }

async function cannon(
  url: string,
  o: { connections: number; method?: string; paths: string[]; headers?: (i: number) => Record<string, string>; body?: string },
) {
  let i = 0
  const requests = [
    {
      method: o.method ?? 'GET',
      setupRequest: (req: Record<string, unknown>) => {
        const k = i++
        return { ...req, path: o.paths[k % o.paths.length], headers: { 'content-type': 'application/json', ...(o.headers?.(k) ?? {}) }, body: o.body }
      },
    },
  ]
  const base = { url, connections: o.connections, pipelining: 1, timeout: 20 }
  await autocannon({ ...base, duration: 2, requests } as unknown as autocannon.Options)
  const r = await autocannon({ ...base, duration: SEC, requests } as unknown as autocannon.Options)
  return {
    rps: round(r.requests.average, 1),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    ratioTail: round(r.latency.p99 / Math.max(r.latency.p50, 0.01), 2),
  }
}

async function main() {
  const dir = tempDir('jg-bench-credit-')
  const s = await openPlatform(
    configFrom({
      SQLITE_PATH: join(dir.path, 'credit.db'),
      WEB_DIST: '/nonexistent',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
      IMPORT_DIR: join(dir.path, 'imports'),
    }),
    { migrate: true, clock },
  )
  await loadDemoCity(s)
  const db = s.deps.db
  const unit = (await db.selectFrom('orgUnit').select('id').where('code', '=', 'JZ-410802-S01').executeTakeFirstOrThrow()).id
  const out: Record<string, unknown> = { at: new Date().toISOString(), entities: N, loadavgBefore: loadavg().map((x) => round(x, 2)) }

  // The register: raw rows (the batch reads id, kind, status, registration date, station).
  const t0 = Date.now()
  const usccs: string[] = []
  const sqlite = s.handle.sqlite!
  const ins = sqlite.prepare(
    `insert into market_entity (id, record_key, uscc, name, entity_kind, status, registered_on, station_unit_id, source, created_at, updated_at) values (?, ?, ?, ?, ?, 'active', ?, ?, 'bench', ?, ?)`,
  )
  const insertMany = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const uscc = composeUscc(i % 10 === 0 ? '92' : '91', '410802', `M${String(i).padStart(7, '0')}`)
      if (i < 20_000) usccs.push(uscc)
      ins.run(
        newId(),
        uscc,
        uscc,
        `焦作市基准测试${i}有限公司`,
        i % 10 === 0 ? 'individual' : 'enterprise',
        '2018-01-01',
        unit,
        '2026-01-01T00:00:00Z',
        '2026-01-01T00:00:00Z',
      )
    }
  })
  for (let i = 0; i < N; i += 50_000) insertMany(i, Math.min(N, i + 50_000))
  // ~96 % filed the 2025 report.
  const rep = sqlite.prepare(
    `insert into annual_report (id, entity_id, report_year, form, public_json, optional_json, publish_optional, filed_on, late, source, revision, version, created_at, updated_at) select ?, id, 2025, 'enterprise', '{}', '{}', 0, '2026-03-01', 0, 'demo', 1, 1, '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z' from market_entity where record_key = ?`,
  )
  const reports = sqlite.transaction((list: string[]) => {
    for (const u of list) rep.run(newId(), u)
  })
  const filers: string[] = []
  for (let i = 0; i < N; i++) if (i % 25 !== 0) filers.push(composeUscc(i % 10 === 0 ? '92' : '91', '410802', `M${String(i).padStart(7, '0')}`))
  for (let i = 0; i < filers.length; i += 50_000) reports(filers.slice(i, i + 50_000))
  out.setupSec = round((Date.now() - t0) / 1000, 1)
  sqlite.pragma('analysis_limit = 1000')
  sqlite.exec('analyze')

  const app = await buildApp(s)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const addr = app.server.address() as { port: number }
  const url = `http://127.0.0.1:${addr.port}`

  if (!only || only === 'query' || only === 'filing') {
    const noop = await cannon(url, { connections: 50, paths: ['/api/ping'] })
    out.noop = noop
    if (!only || only === 'query') {
      const paths = usccs.slice(0, 5000).map((u) => `/api/public/credit/entities/${u}`)
      const q = await cannon(url, { connections: 50, paths })
      out.query = { ...q, ratio: round(q.rps / noop.rps, 3) }
    }
    if (!only || only === 'filing') {
      const tokens: string[] = []
      for (const u of usccs.slice(1, 400)) {
        if (tokens.length >= 200) break
        const r = await s.creditLists.reports.registerLiaison({ uscc: u, name: '基准联络员', phone: '13800000000' }, null)
        const code = (await s.creditLists.reports.issue((await import('../src/core/actor')).systemCtx(), r.id)).code
        tokens.push((await s.creditLists.reports.activate({ uscc: u, phone: '13800000000', code }, null)).token)
      }
      const body = JSON.stringify({
        reportYear: 2025,
        public: { contact: { address: '焦作市解放区', phone: '0391-1234567' }, operatingStatus: 'operating' },
        optional: { employees: 3 },
      })
      const f = await cannon(url, {
        connections: 8,
        method: 'POST',
        paths: ['/api/public/credit/annual-reports'],
        headers: (k) => ({ 'x-liaison-token': tokens[k % tokens.length]! }),
        body,
      })
      out.filing = { ...f, ratio: round(f.rps / noop.rps, 3) }
    }
  }
  await app.close()

  if (!only || only === 'batch') {
    now = new Date('2026-07-01T01:00:00Z')
    const root = await s.creditLists.rootUnitId()
    const rssBefore = peakRssKiB()
    const b0 = Date.now()
    const first = await s.creditLists.listings.proposeNonFilers({ reportYear: 2025, fallbackUnitId: root, batchId: 'bench-1', chunk: 1000 })
    const firstSec = (Date.now() - b0) / 1000
    const b1 = Date.now()
    const again = await s.creditLists.listings.proposeNonFilers({ reportYear: 2025, fallbackUnitId: root, batchId: 'bench-2', chunk: 1000 })
    out.batch = {
      scanned: first.scanned,
      proposed: first.proposed,
      sec: round(firstSec, 1),
      entitiesPerSec: round(first.scanned / firstSec, 0),
      againProposed: again.proposed,
      againSec: round((Date.now() - b1) / 1000, 1),
      peakRssMiB: round(peakRssKiB() / 1024, 0),
      peakRssBeforeMiB: round(rssBefore / 1024, 0),
    }
  }
  out.loadavgAfter = loadavg().map((x) => round(x, 2))
  await s.handle.close()
  await dir.remove()
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}-credit.json`)
  writeFileSync(file, JSON.stringify(out, null, 2))
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n${file}\n`)
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
