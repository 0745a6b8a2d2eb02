/**
 * Helpers for the benchmark suite (bench/run.ts): child servers, temporary databases, load
 * generation, latency statistics, result files and the clean-up registry that makes sure no child
 * process, temporary file or PostgreSQL database outlives a run, even one that fails.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import pg from 'pg'

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url))
export const ROOT = resolve(BENCH_DIR, '..')
export const RESULTS_DIR = join(BENCH_DIR, 'results')

// ---------------------------------------------------------------------------------------------
// Clean-up registry
// ---------------------------------------------------------------------------------------------

interface Cleanup {
  label: string
  fn: () => Promise<void> | void
}
const cleanups: Cleanup[] = []
/** Clean-up steps already started (by their owner or by cleanupAll) and not yet finished. */
const inFlight = new Set<Promise<void>>()

function start(c: Cleanup): Promise<void> {
  const p = (async () => c.fn())()
    .catch((e: unknown) => {
      process.stderr.write(`clean-up "${c.label}" failed: ${e instanceof Error ? e.message : String(e)}\n`)
    })
    .finally(() => inFlight.delete(p))
  inFlight.add(p)
  return p
}

/**
 * Registers a clean-up step and returns a function that runs it now (once) and unregisters it.
 * Whatever is still registered when the run ends, normally or not, runs in reverse order.
 */
export function defer(label: string, fn: () => Promise<void> | void): () => Promise<void> {
  const entry: Cleanup = { label, fn }
  cleanups.push(entry)
  return async () => {
    const i = cleanups.indexOf(entry)
    if (i < 0) return
    cleanups.splice(i, 1)
    await start(entry)
  }
}

/**
 * Runs every registered clean-up step, newest first (a failing step does not stop the others),
 * then waits for steps that were already under way, so exiting afterwards cannot cut one short.
 */
export async function cleanupAll(): Promise<void> {
  while (cleanups.length > 0) await start(cleanups.pop()!)
  while (inFlight.size > 0) await Promise.allSettled([...inFlight])
}

/**
 * On Ctrl-C or SIGTERM, and on a crash (an uncaught exception, e.g. an 'error' event from a
 * database pool nobody listens to): clean up (kill children, drop databases, delete files), then exit.
 */
export function installSignalHandlers(): void {
  let stopping = false
  const stop = (why: string, code: number) => {
    if (stopping) return
    stopping = true
    process.stderr.write(`\n${why}: cleaning up…\n`)
    void cleanupAll().finally(() => process.exit(code))
  }
  process.once('SIGINT', () => stop('SIGINT', 130))
  process.once('SIGTERM', () => stop('SIGTERM', 143))
  const crash = (e: unknown) => stop(`crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, 1)
  process.on('uncaughtException', crash)
  process.on('unhandledRejection', crash)
}

/** A temporary directory, deleted at clean-up. */
export function tempDir(prefix = 'jg-bench-'): { path: string; remove: () => Promise<void> } {
  const path = mkdtempSync(join(os.tmpdir(), prefix))
  const remove = defer(`remove ${path}`, () => rmSync(path, { recursive: true, force: true }))
  return { path, remove }
}

// ---------------------------------------------------------------------------------------------
// Child processes (the servers under test run outside the load generator's event loop)
// ---------------------------------------------------------------------------------------------

export interface ChildServer {
  pid: number
  port: number
  /** What the child printed on its ready line. */
  info: Record<string, unknown>
  stop(): Promise<void>
}

/**
 * Starts `node --import tsx <script>` and waits for its `BENCH_READY {json}` line (which must carry
 * `port`). The child's stdin stays open as a lifeline: the bench servers exit when it closes, so
 * they die with this process even if it is killed with SIGKILL. `o.root` runs the script of another
 * checkout in that directory (bench/ab.ts: the "before" commit's server from a temporary worktree);
 * `o.nodeArgs` go before `--import tsx` (e.g. `--cpu-prof`).
 */
export async function startChild(
  label: string,
  script: string,
  env: Record<string, string>,
  timeoutMs = 180_000,
  o: { root?: string; nodeArgs?: string[] } = {},
): Promise<ChildServer> {
  const root = o.root ?? ROOT
  const childEnv: NodeJS.ProcessEnv = { ...process.env }
  // Never let the caller's own database settings leak into a bench server.
  for (const k of ['DATABASE_URL', 'SQLITE_PATH', 'PG_POOL_MAX', 'PORT', 'HOST']) delete childEnv[k]
  Object.assign(childEnv, env)
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), '--import', 'tsx', resolve(root, script)], {
    cwd: root,
    env: childEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`${label}: could not spawn ${script}`)
  let exited = false
  const exitedP = new Promise<void>((res) =>
    child.once('exit', () => {
      exited = true
      res()
    }),
  )
  let stderrTail = ''
  child.stderr.on('data', (b: Buffer) => {
    const s = b.toString()
    stderrTail = (stderrTail + s).slice(-4000)
    process.stderr.write(s.replace(/^(?=.)/gm, `[${label}] `))
  })
  const stop = defer(`stop ${label} (pid ${pid})`, async () => {
    if (exited) return
    child.kill('SIGTERM')
    const t = setTimeout(() => {
      if (!exited) child.kill('SIGKILL')
    }, 5000)
    await exitedP
    clearTimeout(t)
  })
  try {
    const info = await new Promise<Record<string, unknown>>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`${label}: not ready within ${timeoutMs / 1000}s`)), timeoutMs)
      const rl = createInterface({ input: child.stdout })
      rl.on('line', (line) => {
        const m = /^BENCH_READY (.*)$/.exec(line)
        if (!m) return
        clearTimeout(timer)
        res(JSON.parse(m[1]!) as Record<string, unknown>)
      })
      child.once('exit', (code, sig) => {
        clearTimeout(timer)
        rej(new Error(`${label}: exited before ready (code ${code}, signal ${sig})\n${stderrTail}`))
      })
    })
    if (typeof info.port !== 'number') throw new Error(`${label}: ready line without a port`)
    return { pid, port: info.port, info, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL scratch databases
// ---------------------------------------------------------------------------------------------

export const DEFAULT_PG_ADMIN_URL = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export function pgUrlFor(adminUrl: string, database: string): string {
  const u = new URL(adminUrl)
  u.pathname = `/${database}`
  return u.toString()
}

export async function pgQuery<R extends pg.QueryResultRow = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query<R>(text, values)).rows
  } finally {
    await c.end()
  }
}

/** Null when PostgreSQL answers at `adminUrl`, else why not. */
export async function pgUnavailable(adminUrl: string): Promise<string | null> {
  try {
    await pgQuery(adminUrl, 'select 1')
    return null
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  }
}

export async function pgServerFacts(adminUrl: string): Promise<Record<string, string>> {
  const rows = await pgQuery<{ name: string; setting: string }>(
    adminUrl,
    "select name, setting from pg_settings where name in ('server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'max_connections', 'shared_buffers', 'commit_delay')",
  )
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]))
}

/** Creates `bench_jg_<tag>_<random>` and registers its DROP … WITH (FORCE) for clean-up. */
export async function createPgDatabase(adminUrl: string, tag: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `bench_jg_${tag}_${Math.random().toString(36).slice(2, 10)}`
  // Registered before it exists, so an interrupt during CREATE cannot leak it.
  const drop = defer(`drop database ${name}`, async () => {
    await pgQuery(adminUrl, `drop database if exists ${name} with (force)`)
  })
  await pgQuery(adminUrl, `create database ${name}`)
  return { name, url: pgUrlFor(adminUrl, name), drop }
}

/** Server processes (backends) currently connected to `database`. */
export async function pgBackendPids(adminUrl: string, database: string): Promise<number[]> {
  const rows = await pgQuery<{ pid: number }>(adminUrl, 'select pid from pg_stat_activity where datname = $1', [database])
  return rows.map((r) => r.pid)
}

/**
 * Samples pg_stat_activity for one database while writers run: how many of its backends are
 * waiting on a heavyweight lock (the audit_head row lock shows up as Lock/transactionid or
 * Lock/tuple) and how many are doing work. A direct measure of writer serialisation.
 */
export function startLockSampler(adminUrl: string, database: string, everyMs = 20) {
  const c = new pg.Client({ connectionString: adminUrl })
  let running = true
  let samples = 0
  let waitingSum = 0
  let activeSum = 0
  let maxWaiting = 0
  const events = new Map<string, number>()
  const done = (async () => {
    await c.connect()
    try {
      while (running) {
        const r = await c.query<{ state: string | null; wait_event_type: string | null; wait_event: string | null }>(
          'select state, wait_event_type, wait_event from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [database],
        )
        let waiting = 0
        let active = 0
        for (const row of r.rows) {
          if (row.state !== 'active') continue
          active++
          if (row.wait_event_type === 'Lock') waiting++
          if (row.wait_event_type) {
            const k = `${row.wait_event_type}/${row.wait_event}`
            events.set(k, (events.get(k) ?? 0) + 1)
          }
        }
        samples++
        waitingSum += waiting
        activeSum += active
        maxWaiting = Math.max(maxWaiting, waiting)
        await new Promise((res) => setTimeout(res, everyMs))
      }
    } finally {
      await c.end()
    }
  })()
  return {
    async stop() {
      running = false
      await done
      return {
        samples,
        meanActive: samples ? round(activeSum / samples, 2) : 0,
        meanWaitingOnLock: samples ? round(waitingSum / samples, 2) : 0,
        maxWaitingOnLock: maxWaiting,
        /** Share of sampled active backends per wait event (no wait event = on CPU or client round trip). */
        waitEvents: Object.fromEntries([...events.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, round(n / Math.max(1, activeSum), 3)])),
      }
    },
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP client (keep-alive) for set-up calls and mutation loops
// ---------------------------------------------------------------------------------------------

export interface HttpResponse {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
  json: unknown
}

export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets })
}

/** One HTTP request; resolves for any status (the caller checks it). */
export function httpRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: unknown; agent?: http.Agent } = {},
): Promise<HttpResponse> {
  const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body))
  return new Promise((res, rej) => {
    const req = http.request(
      url,
      {
        method: opts.method ?? 'GET',
        agent: opts.agent,
        headers: { ...opts.headers, ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}) },
      },
      (r) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown = undefined
          try {
            json = JSON.parse(text)
          } catch {
            /* not JSON */
          }
          res({ status: r.statusCode ?? 0, headers: r.headers, text, json })
        })
        r.on('error', rej)
      },
    )
    req.on('error', rej)
    if (payload) req.write(payload)
    req.end()
  })
}

export function expectStatus(r: HttpResponse, status: number, what: string): void {
  if (r.status !== status) throw new Error(`${what}: expected HTTP ${status}, got ${r.status}: ${r.text.slice(0, 300)}`)
}

// ---------------------------------------------------------------------------------------------
// Load generation and statistics
// ---------------------------------------------------------------------------------------------

export interface LatencySummary {
  mean: number
  p50: number
  p99: number
  max: number
}

export interface LoadResult {
  /** Mean of the per-second request counts (autocannon's requests.average). */
  rps: number
  rpsStddev: number
  /** Responses received during the measured window. */
  requests: number
  durationSec: number
  latencyMs: LatencySummary
  errors: number
  timeouts: number
  non2xx: number
  statusCodes: Record<string, number>
}

export interface LoadOptions {
  url: string
  headers?: Record<string, string>
  connections: number
  durationSec: number
  warmupSec: number
}

/** Warm-up run (discarded), then the measured run, with the same connections and pipelining 1. */
export async function load(o: LoadOptions): Promise<LoadResult> {
  const base = { url: o.url, headers: o.headers, connections: o.connections, pipelining: 1, timeout: 10 }
  if (o.warmupSec > 0) await autocannon({ ...base, duration: o.warmupSec })
  const r = await autocannon({ ...base, duration: o.durationSec })
  const statusCodes: Record<string, number> = {}
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = v.count ?? 0
  return {
    rps: round(r.requests.average, 1),
    rpsStddev: round(r.requests.stddev, 1),
    requests: r.requests.total,
    durationSec: r.duration,
    latencyMs: { mean: round(r.latency.mean, 2), p50: round(r.latency.p50, 2), p99: round(r.latency.p99, 2), max: round(r.latency.max, 2) },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes,
  }
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}

export function summarise(samplesMs: number[]): LatencySummary {
  if (samplesMs.length === 0) return { mean: 0, p50: 0, p99: 0, max: 0 }
  const s = [...samplesMs].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!
  return { mean: round(s.reduce((a, b) => a + b, 0) / s.length), p50: round(at(0.5)), p99: round(at(0.99)), max: round(s[s.length - 1]!) }
}

export interface PoolResult {
  concurrency: number
  /** Operations that completed without error. */
  ops: number
  errors: number
  firstError: string | null
  seconds: number
  perSecond: number
  latencyMs: LatencySummary
}

/**
 * Runs `total` operations with `concurrency` workers. Worker w gets indices w, w+c, w+2c…, so a
 * caller can give each worker its own rows (no optimistic-lock conflicts between workers).
 */
export async function timedPool(total: number, concurrency: number, op: (i: number, worker: number) => Promise<unknown>): Promise<PoolResult> {
  const latencies: number[] = []
  let errors = 0
  let firstError: string | null = null
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = w; i < total; i += concurrency) {
        const s = performance.now()
        try {
          await op(i, w)
          latencies.push(performance.now() - s)
        } catch (e) {
          errors++
          firstError ??= e instanceof Error ? e.message : String(e)
        }
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  return {
    concurrency,
    ops: latencies.length,
    errors,
    firstError,
    seconds: round(seconds, 3),
    perSecond: round(latencies.length / seconds, 1),
    latencyMs: summarise(latencies),
  }
}

// ---------------------------------------------------------------------------------------------
// Other work on the machine (Linux /proc): the figures are only as good as the quiet they ran in
// ---------------------------------------------------------------------------------------------

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
  } catch {
    return 100
  }
})()

interface ProcSample {
  ticks: number
  comm: string
  ppid: number
}
interface CpuSnapshot {
  procs: Map<number, ProcSample>
  /** Machine-wide ticks from /proc/stat: all, and stolen by the hypervisor (a VM's invisible neighbours). */
  total: number
  steal: number
}

/** CPU ticks (user+system) of every process, or null where /proc is not available. */
/** CPU seconds (user + system) a process has used so far, from /proc (null where there is none). */
export function processCpuSeconds(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ')
    return (Number(rest[11]) + Number(rest[12])) / 100
  } catch {
    return null
  }
}

export function cpuSnapshot(): CpuSnapshot | null {
  let pids: string[]
  let total = 0
  let steal = 0
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d))
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number)
    total = cpu.reduce((a, b) => a + b, 0)
    steal = cpu[7] ?? 0
  } catch {
    return null
  }
  const out = new Map<number, ProcSample>()
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      const comm = stat.slice(stat.indexOf('(') + 1, close)
      const f = stat.slice(close + 2).split(' ')
      out.set(Number(pid), { comm, ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) })
    } catch {
      /* exited meanwhile */
    }
  }
  return { procs: out, total, steal }
}

export interface OtherCpu {
  /** CPU used by processes outside the benchmark, in cores (1.0 = one core fully busy). */
  otherCores: number
  /** CPU used by the benchmark's own processes (this one, its children, given PostgreSQL backends), in cores. */
  benchCores: number
  /** Share of the machine's CPU time the hypervisor gave to other guests (0–1). */
  stealShare: number
  top: Array<{ pid: number; comm: string; cores: number }>
}

/** Splits the CPU used between two snapshots into the benchmark's processes and everything else. */
export function cpuBetween(snapBefore: CpuSnapshot | null, snapAfter: CpuSnapshot | null, seconds: number, extraOwnPids: number[] = []): OtherCpu | null {
  if (!snapBefore || !snapAfter || seconds <= 0) return null
  const before = snapBefore.procs
  const after = snapAfter.procs
  const own = new Set<number>([process.pid, process.ppid, ...extraOwnPids])
  // Descendants of this process (bench servers and their threads' processes, if any).
  let grew = true
  while (grew) {
    grew = false
    for (const [pid, p] of after)
      if (!own.has(pid) && own.has(p.ppid) && p.ppid !== 1) {
        own.add(pid)
        grew = true
      }
  }
  let other = 0
  let bench = 0
  const top: OtherCpu['top'] = []
  for (const [pid, a] of after) {
    const d = a.ticks - (before.get(pid)?.ticks ?? 0)
    if (d <= 0) continue
    const cores = d / CLK_TCK / seconds
    if (own.has(pid)) bench += cores
    else {
      other += cores
      top.push({ pid, comm: a.comm, cores: round(cores, 2) })
    }
  }
  top.sort((x, y) => y.cores - x.cores)
  const totalTicks = snapAfter.total - snapBefore.total
  const stealShare = totalTicks > 0 ? round((snapAfter.steal - snapBefore.steal) / totalTicks, 3) : 0
  return { otherCores: round(other, 2), benchCores: round(bench, 2), stealShare, top: top.slice(0, 3) }
}

/** Measures `fn` and the CPU the rest of the machine used meanwhile. */
export async function withCpuWatch<T>(
  fn: () => Promise<T>,
  ownPids: () => number[] | Promise<number[]> = () => [],
): Promise<{ result: T; cpu: OtherCpu | null }> {
  const before = cpuSnapshot()
  const t0 = performance.now()
  const result = await fn()
  const seconds = (performance.now() - t0) / 1000
  const pids = await ownPids()
  return { result, cpu: cpuBetween(before, cpuSnapshot(), seconds, pids) }
}

/**
 * Waits (up to `maxSec`) until other processes use less than `threshold` cores over a 2-second
 * sample, so a suite does not start in the middle of someone else's build. Returns what it saw.
 */
export async function waitForQuiet(
  maxSec: number,
  threshold = 0.25,
  say: (line: string) => void = () => {},
): Promise<{ waitedSec: number; otherCores: number | null }> {
  const t0 = performance.now()
  let said = false
  for (;;) {
    const { cpu } = await withCpuWatch(() => new Promise((res) => setTimeout(res, 2000)))
    const waited = round((performance.now() - t0) / 1000, 0)
    if (!cpu) return { waitedSec: waited, otherCores: null }
    if (cpu.otherCores < threshold || waited >= maxSec) {
      if (cpu.otherCores >= threshold)
        say(`  machine still busy after ${waited} s (other processes use ${cpu.otherCores} cores: ${cpu.top.map((t) => t.comm).join(', ')}); measuring anyway`)
      return { waitedSec: waited, otherCores: cpu.otherCores }
    }
    if (!said) {
      say(`  waiting for the machine to quieten (other processes use ${cpu.otherCores} cores: ${cpu.top.map((t) => `${t.comm} ${t.cores}`).join(', ')}) …`)
      said = true
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Machine facts, result files, printing
// ---------------------------------------------------------------------------------------------

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
  } catch {
    return null
  }
}

export function machineInfo() {
  const cpus = os.cpus()
  const status = git(['status', '--porcelain'])
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    loadAverageAtStart: os.loadavg().map((n) => round(n, 2)),
    gitCommit: git(['rev-parse', '--short', 'HEAD']),
    gitDirty: status === null ? null : status.length > 0,
  }
}

/** `2026-11-21T22-47-05Z`: an ISO-8601 instant that is a safe file name everywhere. */
export function fileStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-')
}

export function writeJson(file: string, data: unknown): string {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`)
  return file
}

/** A plain text table; numbers are right-aligned. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))]
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)))
  const line = (r: string[], isHeader: boolean) =>
    r
      .map((c, i) => (!isHeader && /^[\d.,×%-]+$/.test(c) && i > 0 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(cells[0]!, true), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map((r) => line(r, false))].join('\n')
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return '-'
  if (Number.isInteger(n) || Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US')
  if (Math.abs(n) >= 100) return n.toFixed(0)
  if (Math.abs(n) >= 10) return n.toFixed(1)
  return n.toFixed(2)
}
