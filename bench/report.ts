/**
 * Renders a results file as Markdown tables (the figures part of BENCHMARKS.md), so the document
 * is copied from the JSON rather than retyped.
 *
 *   npx tsx bench/report.ts [bench/results/latest.json]
 */
import { readFileSync } from 'node:fs'
import { fmt } from './lib'

interface Latency {
  p50: number
  p99: number
  max: number
}
interface HttpRow {
  key: string
  label: string
  rps: number
  ratioToCeiling: number
  latencyMs: Latency
  errors: number
  non2xx: number
  requests: number
  otherCpuCores: number | null
}
interface AuditRow {
  key: string
  label: string
  concurrency: number
  ops: number
  perSecond: number
  ratioToCeiling: number | null
  latencyMs: Latency
  errors: number
  otherCpuCores: number | null
}
interface LockWait {
  meanActive: number
  meanWaitingOnLock: number
  maxWaitingOnLock: number
  waitEvents: Record<string, number>
}
interface Run {
  mode: string
  startedAt: string
  finishedAt: string
  command: string
  machine: {
    node: string
    platform: string
    cpuModel: string
    cpuCount: number
    totalMemoryGiB: number
    gitCommit: string | null
    gitDirty: boolean | null
    postgres: Record<string, string> | null
  }
  settings: { connections: number; durationSec: number; warmupSec: number; serviceMutations: number; httpMutations: number; concurrency: number }
  failures: string[]
  skipped: Record<string, string>
  suites: Record<
    string,
    {
      error?: string
      rows?: unknown[]
      ceilingAgain?: { rps: number; driftPct: number; otherCpuCores?: number | null }
      verify?: { service: { ok: boolean; checked: number; recordsPerSecond?: number }; http: { ok: boolean; checked: number } }
      lockWait?: Record<string, LockWait>
      usersPage?: { items: number; total: number }
    }
  >
}

const file = process.argv[2] ?? 'bench/results/latest.json'
const run = JSON.parse(readFileSync(file, 'utf8')) as Run
const out: string[] = []
const pct = (r: number | null) => (r === null ? '—' : `${fmt(r * 100)} %`)
/** A Markdown table; the first column and any column named in `left` are left-aligned, the rest right-aligned. */
const md = (headers: string[], rows: Array<Array<string | number>>, left: number[] = []) => {
  out.push(`| ${headers.join(' | ')} |`, `| ${headers.map((_, i) => (i === 0 || left.includes(i) ? '---' : '---:')).join(' | ')} |`)
  for (const r of rows) out.push(`| ${r.map((c) => (typeof c === 'number' ? fmt(c) : c)).join(' | ')} |`)
  out.push('')
}

const m = run.machine
out.push(`- **When:** ${run.startedAt} → ${run.finishedAt} (${run.mode} run)`)
out.push(`- **Command:** \`${run.command}\``)
out.push(
  `- **Machine:** ${m.cpuCount} × ${m.cpuModel}, ${m.totalMemoryGiB} GiB, ${m.platform}; Node ${m.node}` +
    (m.postgres
      ? `; PostgreSQL ${m.postgres.server_version} (fsync ${m.postgres.fsync}, synchronous_commit ${m.postgres.synchronous_commit}, wal_sync_method ${m.postgres.wal_sync_method})`
      : ''),
)
out.push(`- **Commit:** ${m.gitCommit ?? 'unknown'}${m.gitDirty ? ' (working tree had uncommitted changes)' : ''}`)
out.push(
  `- **Load:** ${run.settings.connections} connections, pipelining 1, ${run.settings.warmupSec} s warm-up + ${run.settings.durationSec} s per HTTP figure; ${run.settings.serviceMutations} in-process and ${run.settings.httpMutations} HTTP mutations per writer mode; ${run.settings.concurrency} concurrent writers`,
)
if (run.failures.length) out.push(`- **Failures:** ${run.failures.join('; ')}`)
if (Object.keys(run.skipped).length)
  out.push(
    `- **Skipped:** ${Object.entries(run.skipped)
      .map(([k, v]) => `${k} (${v})`)
      .join('; ')}`,
  )
out.push('')

for (const [name, suite] of Object.entries(run.suites)) {
  if (suite.error) {
    out.push(`### ${name}`, '', `Failed: ${suite.error}`, '')
    continue
  }
  if (name.startsWith('http-')) {
    out.push(`### HTTP reads · ${name.slice(5)}`, '')
    // autocannon measures whole milliseconds: 0 means under one.
    const ms = (v: number) => (v === 0 ? '<1' : v)
    const rows = (suite.rows as HttpRow[]).map((r) => [
      r.label,
      r.rps,
      pct(r.ratioToCeiling),
      ms(r.latencyMs.p50),
      ms(r.latencyMs.p99),
      ms(r.latencyMs.max),
      r.key === 'unauthenticated' ? `0 / all 401 (expected)` : `${r.errors} / ${r.non2xx}`,
      r.otherCpuCores ?? '?',
    ])
    md(['Scenario', 'req/s', 'of ceiling', 'p50 ms', 'p99 ms', 'max ms', 'errors / non-2xx', 'other CPU (cores)'], rows)
    if (suite.ceilingAgain) {
      const first = (suite.rows as HttpRow[])[0]!
      out.push(
        `Ceiling measured before and after the block: ${fmt(first.rps)} and ${fmt(suite.ceilingAgain.rps)} req/s (other CPU ${first.otherCpuCores ?? '?'} and ${suite.ceilingAgain.otherCpuCores ?? '?'} cores); the ratios use the higher.`,
        '',
      )
    }
  } else {
    out.push(`### Audit-writing mutations · ${name.slice(6)}`, '')
    const rows = (suite.rows as AuditRow[]).map((r) => [
      r.label,
      r.concurrency,
      r.ops,
      r.perSecond,
      pct(r.ratioToCeiling),
      r.latencyMs.p50,
      r.latencyMs.p99,
      r.latencyMs.max,
      r.errors,
      r.otherCpuCores ?? '?',
    ])
    md(['Workload', 'writers', 'ops', 'ops/s', 'of plain-insert ceiling', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'other CPU (cores)'], rows)
    if (suite.verify)
      out.push(
        `Audit chain verified after the in-process rows: **${suite.verify.service.ok ? 'ok' : 'FAILED'}** (${suite.verify.service.checked} records${suite.verify.service.recordsPerSecond ? `, ${fmt(suite.verify.service.recordsPerSecond)} records/s` : ''}); after the HTTP rows: **${suite.verify.http.ok ? 'ok' : 'FAILED'}** (${suite.verify.http.checked} records).`,
        '',
      )
    if (suite.lockWait) {
      md(
        ['While running', 'active backends (mean)', 'waiting on a lock (mean)', 'waiting (max)', 'top wait events (share of active samples)'],
        Object.entries(suite.lockWait).map(([k, w]) => [
          k,
          w.meanActive,
          w.meanWaitingOnLock,
          w.maxWaitingOnLock,
          Object.entries(w.waitEvents)
            .slice(0, 3)
            .map(([e, v]) => `${e} ${fmt(v * 100)} %`)
            .join(', '),
        ]),
        [4],
      )
    }
  }
}
process.stdout.write(`${out.join('\n')}\n`)
