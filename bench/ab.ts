/**
 * `npm run bench:ab`: the 12315 intake of two commits, alternated (A, B, A, B, …) on the same
 * machine, each run against its own no-op ceiling — the fair way to say whether a change made the
 * intake slower when the machine's speed drifts from minute to minute (a shared 2-core VM).
 *
 * A is a commit (default: bed308f, the last main commit before the supervised-matter kernel of
 * issue 13), checked out into a temporary git worktree under os.tmpdir() whose node_modules is a
 * hard-link copy of this checkout's (`cp -al`; `npm ci` there when package-lock.json differs in its
 * runtime dependencies is left to the caller: pass --npm-ci). B is this checkout as it is (its
 * working tree, not only HEAD).
 *
 * One run = a fresh server child (bench/server.ts of that tree: fresh database, demo city), login as
 * the operator, one checked intake, warm-up (no-op and intake, 3 s each), then the authenticated
 * no-op GET /api/ping for 10 s and the intake POST /api/complaints for 10 s at 32 connections (the
 * load of `bench:complaints --only=intake`, same bodies: every request a different caller and shop).
 * The load generator is this process for both A and B. Per run: intake ÷ no-op throughput and the
 * intake's p99 ÷ p50; per engine and side: the medians over the runs. The load average
 * (os.loadavg) and the CPU other processes used are recorded for every run.
 *
 *   npm run bench:ab                                   3 runs per side on SQLite and PostgreSQL
 *   npm run bench:ab -- --runs=4 --engine=postgres
 *   npm run bench:ab -- --a=<commit> [--b-root=<dir>]
 *   npm run bench:ab -- --cpu-prof                     writes each server's CPU profile to bench/results/prof-*
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { DEMO_PASSWORD } from '../src/demo/demo'
import {
  cleanupAll,
  createPgDatabase,
  defer,
  DEFAULT_PG_ADMIN_URL,
  fileStamp,
  httpRequest,
  installSignalHandlers,
  load,
  machineInfo,
  pgBackendPids,
  pgUnavailable,
  processCpuSeconds,
  RESULTS_DIR,
  ROOT,
  round,
  startChild,
  table,
  tempDir,
  withCpuWatch,
  writeJson,
} from './lib'

type Engine = 'sqlite' | 'postgres'
type Side = string
const argv = process.argv.slice(2)
const arg = (k: string) => argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3)
const commitA = arg('a') ?? 'bed308f'
/** Further commits measured in the same alternation, between A and the working tree (e.g. --also=49c907a: main before a fix). */
const also = arg('also')?.split(',').filter(Boolean) ?? []
const bRoot = arg('b-root') ?? ROOT
const RUNS = Number(arg('runs') ?? 3)
const engines = (arg('engine')?.split(',') ?? ['sqlite', 'postgres']) as Engine[]
const pgAdmin = arg('pg-url') ?? DEFAULT_PG_ADMIN_URL
/** Alternating no-op / intake slices per run, and their length. */
const SLICES = Number(arg('slices') ?? 5)
const SLICE_SEC = Number(arg('slice-sec') ?? 2)
const WARM = 3
const CONNECTIONS = 32
const cpuProf = argv.includes('--cpu-prof')
const say = (s: string) => process.stdout.write(`${s}\n`)
const git = (args: string[], cwd = ROOT) =>
  execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .trim()

const INTAKE_BODY = {
  types: ['complaint'],
  channel: 'hotline',
  category: 'price',
  productCode: '0203',
  summary: '药店口罩价格过高',
  request: '要求退还差价并查处哄抬价格行为',
  facts: '在解放区民主路一家药店购买一次性医用口罩，每只售价8元，比平时贵了数倍，店员称进价上涨。',
  persons: [{ name: '王测试', phone: '13900001111', address: '焦作市解放区民主路1号' }],
  respondent: { name: '焦作市惠民大药房', division: '410802', address: '焦作市解放区民主路2号' },
}

/** The "before" tree: a detached worktree of `commit` with this checkout's node_modules hard-linked. */
function worktreeFor(commit: string): string {
  const full = git(['rev-parse', commit])
  const dir = join(os.tmpdir(), `jg-ab-${full.slice(0, 10)}`)
  if (!existsSync(join(dir, 'package.json'))) {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true })
    git(['worktree', 'prune'])
    git(['worktree', 'add', '--detach', dir, full])
  }
  if (!existsSync(join(dir, 'node_modules'))) {
    if (argv.includes('--npm-ci')) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' })
    else execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')])
  }
  return dir
}

interface Run {
  side: Side
  engine: Engine
  run: number
  noopRps: number
  intakeRps: number
  intakeP50: number
  intakeP99: number
  intakeVsNoop: number
  p99OverP50: number
  /** CPU µs per request of the server process (and, on PostgreSQL, its database's backends). */
  noopServerUs: number
  intakeServerUs: number
  /** No-op CPU per request ÷ intake CPU per request: the throughput ratio if CPU were the only limit. */
  cpuCostRatio: number
  non2xx: number
  /** The intake's p99 exceeds a tenth of a slice: in-flight requests cut off at each slice's end bias the figure. */
  sliceTooShort: boolean
  loadAvgBefore: number[]
  loadAvgAfter: number[]
  otherCpuCores: number | null
}

async function oneRun(side: Side, root: string, engine: Engine, n: number): Promise<Run> {
  const dir = tempDir(`jg-ab-${engine}-`)
  let env: Record<string, string>
  let drop = async () => {}
  let dbName: string | null = null
  if (engine === 'postgres') {
    const db = await createPgDatabase(pgAdmin, 'ab')
    env = { BENCH_DATABASE_URL: db.url, BENCH_PG_POOL_MAX: '10', BENCH_EXTRA_USERS: '0' }
    drop = db.drop
    dbName = db.name
  } else env = { BENCH_SQLITE_PATH: join(dir.path, 'platform.db'), BENCH_EXTRA_USERS: '0' }
  const profDir = join(RESULTS_DIR, `prof-${engine}-${side}-${n}`)
  if (cpuProf) mkdirSync(profDir, { recursive: true })
  const server = await startChild(`${side}-${engine}`, 'bench/server.ts', env, 180_000, {
    root,
    nodeArgs: cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
  })
  try {
    const base = `http://127.0.0.1:${server.port}`
    const login = await httpRequest(`${base}/api/auth/login`, { method: 'POST', body: { username: 'operator', password: DEMO_PASSWORD } })
    if (login.status !== 200) throw new Error(`login: ${login.status} ${login.text.slice(0, 200)}`)
    const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0]!
    const csrf = (login.json as { csrfToken: string }).csrfToken
    const check = await httpRequest(`${base}/api/complaints`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: INTAKE_BODY })
    if (check.status !== 201) throw new Error(`intake check: ${check.status} ${check.text.slice(0, 300)}`)
    let k = 0
    const body = () => {
      k++
      return JSON.stringify({
        ...INTAKE_BODY,
        persons: [{ ...INTAKE_BODY.persons[0], phone: `139${String(10_000_000 + k).slice(-8)}` }],
        respondent: { ...INTAKE_BODY.respondent, name: `焦作市惠民大药房第${k}分店` },
      })
    }
    const intakeOpts = {
      url: `${base}/api/complaints`,
      method: 'POST' as const,
      connections: CONNECTIONS,
      pipelining: 1,
      timeout: 10,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      requests: [{ method: 'POST' as const, setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }) }],
    }
    // CPU of the platform: the server process and, on PostgreSQL, its database's backends.
    const pids = async () => (engine === 'postgres' && dbName ? [server.pid, ...(await pgBackendPids(pgAdmin, dbName))] : [server.pid])
    const cpuOf = (ps: number[]) => ps.reduce((a, p) => a + (processCpuSeconds(p) ?? 0), 0)
    // Warm both routes (JIT, caches, connection pool), then the measured slices.
    await load({ url: `${base}/api/ping`, headers: { cookie }, connections: CONNECTIONS, durationSec: WARM, warmupSec: 0 })
    await autocannon({ ...intakeOpts, duration: WARM } as unknown as autocannon.Options)
    const loadAvgBefore = os.loadavg().map((x) => round(x, 2))
    // No-op and intake alternate in short slices, so both see the same machine even when its speed
    // drifts from second to second; each kind's figure is over all its slices.
    const acc = { noop: { req: 0, sec: 0, cpu: 0 }, intake: { req: 0, sec: 0, cpu: 0, non2xx: 0 } }
    const latencies: number[] = []
    const { cpu } = await withCpuWatch(async () => {
      for (let i = 0; i < SLICES; i++) {
        let ps = await pids()
        let c0 = cpuOf(ps)
        const noop = await autocannon({
          url: `${base}/api/ping`,
          headers: { cookie },
          connections: CONNECTIONS,
          pipelining: 1,
          timeout: 10,
          duration: SLICE_SEC,
        })
        acc.noop.cpu += cpuOf(ps) - c0
        acc.noop.req += noop.requests.total
        acc.noop.sec += noop.duration
        ps = await pids()
        c0 = cpuOf(ps)
        const inst = autocannon({ ...intakeOpts, duration: SLICE_SEC } as unknown as autocannon.Options) as unknown as autocannon.Instance &
          PromiseLike<autocannon.Result>
        inst.on('response', (_c, status, _b, ms) => {
          if (status === 201) latencies.push(ms)
        })
        const intake = await inst
        acc.intake.cpu += cpuOf(ps) - c0
        acc.intake.req += intake.requests.total
        acc.intake.sec += intake.duration
        acc.intake.non2xx += intake.non2xx
        // autocannon stops at the end of the slice without waiting for the requests in flight; the
        // server finishes them after it. Let it, so their work does not land in the next no-op slice.
        await new Promise((res) => setTimeout(res, Math.min(10_000, Math.max(200, intake.latency.max))))
      }
    })
    latencies.sort((a, b) => a - b)
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? 0
    const noopRps = round(acc.noop.req / acc.noop.sec, 1)
    const intakeRps = round(acc.intake.req / acc.intake.sec, 1)
    const noopUs = round((acc.noop.cpu * 1e6) / Math.max(1, acc.noop.req), 0)
    const intakeUs = round((acc.intake.cpu * 1e6) / Math.max(1, acc.intake.req), 0)
    const p50 = round(pct(0.5), 2)
    const p99 = round(pct(0.99), 2)
    return {
      side,
      engine,
      run: n,
      noopRps,
      intakeRps,
      intakeP50: p50,
      intakeP99: p99,
      intakeVsNoop: round(intakeRps / noopRps, 4),
      p99OverP50: round(p99 / Math.max(0.001, p50), 2),
      noopServerUs: noopUs,
      intakeServerUs: intakeUs,
      cpuCostRatio: round(noopUs / Math.max(1, intakeUs), 4),
      non2xx: acc.intake.non2xx,
      // Requests still in flight when a slice ends are not counted: with a p99 near the slice's
      // length the throughput is understated, most for the slower side. Use longer slices then.
      sliceTooShort: p99 > (SLICE_SEC * 1000) / 10,
      loadAvgBefore,
      loadAvgAfter: os.loadavg().map((x) => round(x, 2)),
      otherCpuCores: cpu?.otherCores ?? null,
    }
  } finally {
    await server.stop()
    await drop()
    await dir.remove()
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : round((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2, 4)
}

installSignalHandlers()
const machineAtStart = machineInfo()
try {
  const trees = [commitA, ...also].map((c) => worktreeFor(c))
  for (const t of trees)
    defer(`remove worktree ${t}`, () => {
      if (!argv.includes('--keep')) git(['worktree', 'remove', '--force', t])
    })
  const sideNames = [...trees, bRoot].map((_, i) => String.fromCharCode(65 + i))
  const roots: Record<Side, string> = Object.fromEntries([...trees, bRoot].map((t, i) => [sideNames[i]!, t]))
  const commits: Record<Side, string> = Object.fromEntries(sideNames.map((n) => [n, git(['rev-parse', '--short', 'HEAD'], roots[n])]))
  const last = sideNames[sideNames.length - 1]!
  const dirtyB = git(['status', '--porcelain'], bRoot).length > 0
  say(
    `${sideNames.map((n) => `${n} = ${commits[n]}${n === last && dirtyB ? ' + working tree changes' : ''} (${roots[n]})`).join(', ')}; ${RUNS} runs per side, each ${SLICES} × (${SLICE_SEC} s no-op + ${SLICE_SEC} s intake)`,
  )
  const skipped: Record<string, string> = {}
  const runs: Run[] = []
  for (const engine of engines) {
    if (engine === 'postgres') {
      const why = await pgUnavailable(pgAdmin)
      if (why) {
        skipped.postgres = why
        say(`postgres skipped: ${why}`)
        continue
      }
    }
    for (let i = 1; i <= RUNS; i++) {
      for (const side of sideNames) {
        const r = await oneRun(side, roots[side]!, engine, i)
        runs.push(r)
        say(
          `${engine} ${side}${i}: no-op ${r.noopRps} req/s, intake ${r.intakeRps} req/s (p50 ${r.intakeP50} / p99 ${r.intakeP99} ms), ratio ${round(r.intakeVsNoop * 100, 2)} %, tail ${r.p99OverP50}; CPU µs/req no-op ${r.noopServerUs} intake ${r.intakeServerUs} (cost ratio ${round(r.cpuCostRatio * 100, 2)} %); load ${r.loadAvgBefore[0]}, others ${r.otherCpuCores ?? '—'} cores${r.sliceTooShort ? ' — SLICES TOO SHORT for this latency (--slice-sec)' : ''}`,
        )
      }
    }
  }
  const summary = engines
    .filter((e) => !skipped[e])
    .map((engine) => {
      const of = (side: Side) => runs.filter((r) => r.engine === engine && r.side === side)
      const s = (side: Side) => {
        const rs = of(side)
        return {
          medianIntakeVsNoop: median(rs.map((r) => r.intakeVsNoop)),
          medianP99OverP50: median(rs.map((r) => r.p99OverP50)),
          medianIntakeRps: median(rs.map((r) => r.intakeRps)),
          medianNoopRps: median(rs.map((r) => r.noopRps)),
          medianIntakeServerUs: median(rs.map((r) => r.intakeServerUs)),
          medianCpuCostRatio: median(rs.map((r) => r.cpuCostRatio)),
          intakeVsNoopRange: [Math.min(...rs.map((r) => r.intakeVsNoop)), Math.max(...rs.map((r) => r.intakeVsNoop))],
          p99OverP50Range: [Math.min(...rs.map((r) => r.p99OverP50)), Math.max(...rs.map((r) => r.p99OverP50))],
        }
      }
      const bySide = Object.fromEntries(sideNames.map((n) => [n, s(n)]))
      const A = bySide.A!
      const versusA = Object.fromEntries(
        sideNames.slice(1).map((n) => {
          const x = bySide[n]!
          return [
            n,
            {
              ratioNotLower: x.medianIntakeVsNoop >= A.medianIntakeVsNoop,
              cpuCostRatioNotLower: x.medianCpuCostRatio >= A.medianCpuCostRatio,
              tailNotWider: x.medianP99OverP50 <= A.medianP99OverP50,
            },
          ]
        }),
      )
      return { engine, sides: bySide, versusA }
    })
  say('')
  say(
    table(
      [
        'engine',
        'side',
        'commit',
        'median intake ÷ no-op',
        'range',
        'median p99 ÷ p50',
        'range',
        'median intake req/s',
        'median no-op req/s',
        'intake CPU µs/req',
        'CPU cost ratio',
      ],
      summary.flatMap((x) =>
        sideNames.map((side) => [
          x.engine,
          side,
          commits[side]!,
          `${round(x.sides[side]!.medianIntakeVsNoop * 100, 2)} %`,
          `${round(x.sides[side]!.intakeVsNoopRange[0]! * 100, 2)}–${round(x.sides[side]!.intakeVsNoopRange[1]! * 100, 2)} %`,
          x.sides[side]!.medianP99OverP50,
          `${x.sides[side]!.p99OverP50Range[0]}–${x.sides[side]!.p99OverP50Range[1]}`,
          x.sides[side]!.medianIntakeRps,
          x.sides[side]!.medianNoopRps,
          x.sides[side]!.medianIntakeServerUs,
          `${round(x.sides[side]!.medianCpuCostRatio * 100, 2)} %`,
        ]),
      ),
    ),
  )
  for (const x of summary)
    for (const [n, v] of Object.entries(x.versusA))
      say(
        `${x.engine}: ${n}'s ratio ${v.ratioNotLower ? 'is not lower' : 'IS LOWER'} than A's; its tail ${v.tailNotWider ? 'is not wider' : 'IS WIDER'}; its CPU cost ratio ${v.cpuCostRatioNotLower ? 'is not lower' : 'IS LOWER'}`,
      )
  const stamp = fileStamp(new Date())
  const file = writeJson(join(RESULTS_DIR, `${stamp}-ab-intake.json`), {
    machine: { ...machineAtStart, loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)) },
    settings: { commits, dirtyB, runs: RUNS, slices: SLICES, sliceSeconds: SLICE_SEC, warmupSeconds: WARM, connections: CONNECTIONS, cpuProf },
    summary,
    runs,
    skipped,
  })
  say(`results: ${file}`)
} finally {
  await cleanupAll()
}
