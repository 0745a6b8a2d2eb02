/**
 * `npm run bench:draw`: the 双随机 draw at scale (issue #5). For each pool size: a SQLite pool
 * shaped like `market_entity` (bench/draw-pool.ts, cached), then, timed one after the other:
 *
 *   read      the active members, three ways: (id, risk_class, station_unit_id) sorted by the
 *             primary key with `.raw().iterate()`; the same unsorted, sorted afterwards in
 *             JavaScript; and (used below) `id|risk_class` lines concatenated by SQLite in keyset
 *             chunks of 50,000 (`group_concat(… order by id)`), kept as text with an offset per
 *             member instead of 10⁷ JS strings; the stations are read for the drawn targets only
 *   hash      the snapshot hash with the canonical-order check (createPoolHasher().addLines)
 *   draw      drawTargetsColumnar, 4 strata A 1 % / B 4 % / C 8 % / D 100 %
 *   assign    assignInspectors: the drawn targets to 2,000 inspectors (4 lines, 1–2 each, 200
 *             stations, 3 random declared conflicts each, daily station excluded, no load limit:
 *             the smallest maximum load is searched)
 *   verify    verifyDrawColumnar (re-draw and compare) and verifyAssignment (re-run and compare)
 *
 * Peak RSS per phase is the kernel's high-water mark (VmHWM, reset before each phase through
 * /proc/self/clear_refs); heap is `heapUsed` at the end of the phase, with its data still live.
 * Results: bench/results/draw-<timestamp>.json and a summary on stdout.
 *
 *   npx tsx bench/draw.ts                              1,000,000
 *   npx tsx bench/draw.ts --sizes 1000000,10000000     both sizes
 *   npx tsx bench/draw.ts --inspectors 500
 *
 * `--mode service` measures the real thing instead: the inspections module's draw job on a
 * register-shaped SQLite database (bench/draw-pool.ts `ensureRegister`: every migration, the demo
 * city, `size` market_entity rows of register width, 2,000 certified inspectors with declared
 * conflicts; cached). Through the services it creates a check item and a city-wide task (A 1 %,
 * B 4 %, C 8 %, D 100 %, 2 inspectors per target, daily station excluded, repeat exclusion on),
 * announces it, runs the draw job to the end and verifies the stored draw
 * (`draws.verifyAsSystem`, what `jianguan draw verify` runs). Reported: the job's own phase
 * timings (DrawTimings: exclusions, read = waiting for the database + check/hash/index, draw, the
 * drawn targets' stations, assignment, store = the write transaction with its parts: drawn list,
 * assignments, wait for the names, working copy, wait for the snapshot compression, snapshot;
 * commit), where the register was read (reader thread or connection), wall time, peak RSS (VmHWM)
 * and heap of the job and of the verification, and the load average.
 *
 *   npx tsx bench/draw.ts --mode service --sizes 1000000,10000000
 *   npx tsx bench/draw.ts --mode service --sizes 10000000 --repeat   (then a second task on the same
 *                                      item, whose draw excludes the first one's targets)
 */
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import {
  assignInspectors,
  verifyAssignment,
  ASSIGN_ALGORITHM,
  type AssignParams,
  type AssignTarget,
  type Inspector,
} from '../src/modules/inspections/assign.domain'
import {
  commitmentOf,
  createPoolHasher,
  createRandomStream,
  deriveSeed,
  DRAW_ALGORITHM,
  drawTargetsColumnar,
  paramsHash,
  verifyDrawColumnar,
  type DrawParams,
} from '../src/modules/inspections/draw.domain'
import type { DrawTimings } from '../src/modules/inspections/inspections.draw'
import { ensurePool, ensureRegister, STATIONS } from './draw-pool'
import { fileStamp, machineInfo, RESULTS_DIR, round, table, writeJson } from './lib'

const argv = process.argv.slice(2)
function arg(name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (i < 0) return undefined
  const a = argv[i]!
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1]
}
const mode = arg('mode') ?? 'pure'
const sizes = (arg('sizes') ?? '1000000').split(',').map((s) => Number(s.replace(/_/g, '')))
const inspectorCount = Number(arg('inspectors') ?? 2000)
/** Service mode: after the measured draw, a second task on the same check item (its targets are excluded for a year). */
const repeat = argv.includes('--repeat')
if (
  sizes.some((s) => !Number.isSafeInteger(s) || s <= 0) ||
  !Number.isSafeInteger(inspectorCount) ||
  inspectorCount < 2 ||
  !['pure', 'service'].includes(mode)
) {
  process.stderr.write('usage: npx tsx bench/draw.ts [--mode pure|service] [--sizes 1000000,10000000] [--inspectors 2000] [--repeat]\n')
  process.exit(2)
}
const say = (s: string) => process.stdout.write(`${s}\n`)
const STRATA = ['A', 'B', 'C', 'D'] as const
const LINES = ['食品', '特种设备', '价格', '综合']
const PARAMS: DrawParams = {
  strata: [
    { stratum: 'A', ratio: 0.01 },
    { stratum: 'B', ratio: 0.04 },
    { stratum: 'C', ratio: 0.08 },
    { stratum: 'D', ratio: 1 },
  ],
}
const ASSIGN: AssignParams = { perTarget: 2, excludeDailyStation: true }

// ---------------------------------------------------------------------------------------------
// Measurement
// ---------------------------------------------------------------------------------------------

const MiB = 1024 * 1024
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  } catch {
    return false
  }
}
function peakRssMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1]) / 1024
  } catch {
    /* not Linux */
  }
  return process.memoryUsage().rss / MiB
}

interface Phase {
  name: string
  seconds: number
  peakRssMiB: number
  heapUsedMiB: number
  note?: string
}

function phase<T>(phases: Phase[], name: string, fn: () => T, note?: (r: T) => string): T {
  resetPeak()
  const t0 = performance.now()
  const r = fn()
  const seconds = (performance.now() - t0) / 1000
  const p: Phase = { name, seconds: round(seconds, 3), peakRssMiB: round(peakRssMiB(), 0), heapUsedMiB: round(process.memoryUsage().heapUsed / MiB, 0) }
  if (note) p.note = note(r)
  phases.push(p)
  say(
    `  ${name.padEnd(28)} ${seconds.toFixed(2).padStart(8)} s   peak RSS ${String(p.peakRssMiB).padStart(6)} MiB   heap ${String(p.heapUsedMiB).padStart(6)} MiB${p.note ? `   ${p.note}` : ''}`,
  )
  return r
}

// ---------------------------------------------------------------------------------------------
// Reading the pool
// ---------------------------------------------------------------------------------------------

interface Columns {
  ids: string[]
  codes: Uint8Array
  stations: Uint16Array
  size: number
}

const CODE: Record<string, number> = { A: 0, B: 1, C: 2, D: 3 }
const stationCode = (s: string | null) => (s === null ? 0xffff : Number(s.slice(-3)))

function newColumns(capacity: number): Columns {
  return { ids: [], codes: new Uint8Array(capacity), stations: new Uint16Array(capacity), size: 0 }
}
function push(c: Columns, row: unknown[]): void {
  const i = c.size++
  c.ids.push(row[0] as string)
  c.codes[i] = CODE[row[1] as string] ?? 255
  c.stations[i] = stationCode(row[2] as string | null)
}

const SELECT = "select id, risk_class, station_unit_id from market_entity where status = 'active'"

function readSortedIterate(db: Database.Database, capacity: number): Columns {
  const c = newColumns(capacity)
  for (const row of db.prepare(`${SELECT} order by id`).raw(true).iterate()) push(c, row as unknown[])
  return c
}

/** The pool as SQL-built text chunks: member i is line `start[i]…` of `chunks[chunkOf[i]]`. */
interface TextPool {
  chunks: string[]
  chunkOf: Uint16Array
  start: Uint32Array
  codes: Uint8Array
  size: number
}

function readTextChunks(db: Database.Database, capacity: number, chunkRows = 50_000): TextPool {
  const q = db
    .prepare(
      `select group_concat(id || '|' || risk_class, char(10) order by id) from (
    select id, risk_class from market_entity where status = 'active' and id > ? order by id limit ?)`,
    )
    .pluck()
  const p: TextPool = { chunks: [], chunkOf: new Uint16Array(capacity), start: new Uint32Array(capacity), codes: new Uint8Array(capacity), size: 0 }
  let last = ''
  for (;;) {
    const text = q.get(last, chunkRows) as string | null
    if (!text) break
    const ci = p.chunks.length
    p.chunks.push(text)
    let pos = 0
    let lines = 0
    for (;;) {
      const bar = text.indexOf('|', pos)
      const i = p.size++
      p.chunkOf[i] = ci
      p.start[i] = pos
      p.codes[i] = CODE[text.charAt(bar + 1)] ?? 255
      lines++
      const nl = text.indexOf('\n', bar)
      if (nl < 0) {
        last = text.slice(pos, bar)
        break
      }
      pos = nl + 1
    }
    if (lines < chunkRows) break
  }
  return p
}

function idAt(p: TextPool, i: number): string {
  const text = p.chunks[p.chunkOf[i]!]!
  const st = p.start[i]!
  return text.slice(st, text.indexOf('|', st))
}

/** Stations of the given ids (primary-key lookups in batches). */
function stationsOf(db: Database.Database, ids: string[]): Map<string, string | null> {
  const out = new Map<string, string | null>()
  const batch = 500
  const full = db.prepare(`select id, station_unit_id from market_entity where id in (${Array(batch).fill('?').join(',')})`).raw(true)
  for (let i = 0; i < ids.length; i += batch) {
    const part = ids.slice(i, i + batch)
    const stmt =
      part.length === batch ? full : db.prepare(`select id, station_unit_id from market_entity where id in (${part.map(() => '?').join(',')})`).raw(true)
    for (const r of stmt.all(...part) as Array<[string, string | null]>) out.set(r[0], r[1])
  }
  return out
}

function readScanThenSort(db: Database.Database, capacity: number): Columns {
  const raw = newColumns(capacity)
  for (const row of db.prepare(SELECT).raw(true).iterate()) push(raw, row as unknown[])
  const order = Array.from({ length: raw.size }, (_, i) => i)
  const ids = raw.ids
  order.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0))
  const c = newColumns(raw.size)
  for (const i of order) {
    const k = c.size++
    c.ids.push(ids[i]!)
    c.codes[k] = raw.codes[i]!
    c.stations[k] = raw.stations[i]!
  }
  return c
}

// ---------------------------------------------------------------------------------------------
// One size
// ---------------------------------------------------------------------------------------------

async function runSize(size: number) {
  say(`\n== pool of ${size.toLocaleString('en')} entities ==`)
  const { file, generatedSeconds } = ensurePool(size, say)
  const db = new Database(file, { readonly: true })
  db.pragma('cache_size = -65536') // 64 MiB page cache; the file itself is in the OS cache after generation
  const plan = (db.prepare(`explain query plan ${SELECT} order by id`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ')
  const phases: Phase[] = []
  const capacity = size
  const rows = (c: Columns) => `${c.size.toLocaleString('en')} rows`

  // The two alternatives first (their data is dropped), then the read the pipeline uses.
  let alt: Columns | null = phase(phases, 'read: unsorted scan + sort', () => readScanThenSort(db, capacity), rows)
  alt = phase(phases, 'read: sorted, iterate', () => readSortedIterate(db, capacity), rows)
  alt = null
  void alt
  const text = phase(
    phases,
    'read: sorted, SQL text chunks',
    () => readTextChunks(db, capacity),
    (p) => `${p.size.toLocaleString('en')} rows in ${p.chunks.length} chunks`,
  )
  if (text.codes.subarray(0, text.size).some((c) => c === 255)) throw new Error('unexpected risk class in the pool')

  const pool = phase(
    phases,
    'canonicalise + hash',
    () => {
      const h = createPoolHasher()
      for (const chunk of text.chunks) h.addLines(chunk)
      if (h.count !== text.size) throw new Error('hasher saw a different number of members')
      return {
        size: text.size,
        strataCodes: text.codes.subarray(0, text.size),
        strataNames: STRATA,
        computedPoolHash: h.digest(),
        idAt: (i: number) => idAt(text, i),
      }
    },
    (p) => `pool ${p.computedPoolHash.slice(0, 12)}…`,
  )

  const secret = `bench-secret-${size}`
  const seedInput = { commitmentSecret: secret, drawTimeValue: '2026-11-22 draw-time value', taskId: `BENCH-${size}` }
  const seedHex = deriveSeed({ ...seedInput, poolHash: pool.computedPoolHash, paramsHash: paramsHash(PARAMS) })
  const draw = phase(
    phases,
    'draw (4 strata)',
    () => drawTargetsColumnar(pool, PARAMS, seedHex),
    (d) => `${d.drawnIndices.length.toLocaleString('en')} drawn`,
  )
  const byStratum = Object.fromEntries(draw.byStratum)

  // The roster: 2,000 inspectors on 4 lines (a third with a second line), in the 200 stations and
  // a few bureau departments, each declaring 3 conflicts with drawn targets.
  const rng = createRandomStream(Buffer.alloc(32, 0x33))
  const targets: AssignTarget[] = phase(
    phases,
    'assign inputs (stations)',
    () => {
      const ids = Array.from(draw.drawnIndices, (i) => idAt(text, i))
      const stations = stationsOf(db, ids)
      return ids.map((id, k) => ({ entityId: id, stationUnitId: stations.get(id) ?? null, line: LINES[draw.drawnIndices[k]! % LINES.length]! }))
    },
    (t) => `${t.length.toLocaleString('en')} targets`,
  )
  db.close()
  const inspectors: Inspector[] = Array.from({ length: inspectorCount }, (_, k) => {
    const lines = [LINES[k % 4]!]
    if (rng.below(3) === 0) lines.push(LINES[(k + 1 + rng.below(3)) % 4]!)
    const unit = rng.below(STATIONS + 20)
    return {
      userId: `U${String(k).padStart(5, '0')}`,
      unitId: unit < STATIONS ? `JZ-ST-${String(unit).padStart(3, '0')}` : `JZ-DEPT-${unit - STATIONS}`,
      lines,
      maxLoad: null,
      conflicts: targets.length === 0 ? [] : Array.from({ length: 3 }, () => targets[rng.below(targets.length)]!.entityId),
    }
  })
  const assignment = phase(
    phases,
    `assign (${inspectorCount} inspectors)`,
    () => assignInspectors(targets, inspectors, ASSIGN, seedHex),
    (r) => (r.ok ? `max load ${r.maxAssignedLoad}` : `infeasible: ${r.explanation[0]}`),
  )

  const record = {
    algorithm: DRAW_ALGORITHM,
    poolHash: pool.computedPoolHash,
    params: PARAMS,
    paramsHash: paramsHash(PARAMS),
    seedHex,
    drawnEntityIds: targets.map((t) => t.entityId),
    seedInput: { ...seedInput, commitment: commitmentOf(secret) },
  }
  const vDraw = phase(
    phases,
    'verify draw',
    () => verifyDrawColumnar(record, pool),
    (v) => (v.ok ? 'ok' : v.problems.join('; ')),
  )
  const vAssign = assignment.ok
    ? phase(
        phases,
        'verify assignment',
        () => verifyAssignment({ algorithm: ASSIGN_ALGORITHM, assignments: assignment.assignments }, targets, inspectors, ASSIGN, seedHex),
        (v) => (v.ok ? 'ok' : v.problems.slice(0, 3).join('; ')),
      )
    : null
  if (!vDraw.ok || (vAssign && !vAssign.ok)) throw new Error('verification failed')

  const sec = (n: string) => phases.find((p) => p.name.startsWith(n))!.seconds
  const read = sec('read: sorted, SQL text chunks')
  const hash = sec('canonicalise')
  const drawS = sec('draw')
  const assign = sec('assign inputs') + sec('assign (')
  const drawPipeline = read + hash + drawS
  const summary = {
    size,
    activeMembers: text.size,
    drawn: draw.drawnIndices.length,
    byStratum,
    inspectors: inspectorCount,
    generatedSeconds: generatedSeconds === null ? 'cached' : round(generatedSeconds, 1),
    queryPlan: plan,
    drawPipelineSeconds: round(drawPipeline, 2),
    withAssignmentSeconds: round(drawPipeline + assign, 2),
    shareRead: round(read / drawPipeline, 3),
    shareHash: round(hash / drawPipeline, 3),
    shareDraw: round(drawS / drawPipeline, 3),
    peakRssMiB: Math.max(...phases.map((p) => p.peakRssMiB)),
    maxAssignedLoad: assignment.ok ? assignment.maxAssignedLoad : null,
    phases,
  }
  say(
    `  → read + hash + draw ${summary.drawPipelineSeconds} s (read ${Math.round(summary.shareRead * 100)} %, hash ${Math.round(summary.shareHash * 100)} %, draw ${Math.round(summary.shareDraw * 100)} %); with assignment ${summary.withAssignmentSeconds} s`,
  )
  return summary
}

// ---------------------------------------------------------------------------------------------
// Service mode: the inspections module's draw job on a register-shaped database
// ---------------------------------------------------------------------------------------------

async function runService(size: number) {
  say(`\n== service draw over a register of ${size.toLocaleString('en')} entities ==`)
  const { file, generatedSeconds } = await ensureRegister(size, say)
  const { openPlatform } = await import('../src/app')
  const { configFrom } = await import('../src/core/config')
  const { systemCtx } = await import('../src/core/actor')
  const s = await openPlatform(configFrom({ SQLITE_PATH: file, IMPORT_DIR: join(os.tmpdir(), 'jianguan-bench-draw', 'imports'), WEB_DIST: '/nonexistent' }), {
    migrate: true,
  })
  try {
    const ctx = systemCtx('bench-draw')
    const db = s.deps.db
    const city = await db.selectFrom('orgUnit').select('id').where('code', '=', 'JZ').executeTakeFirstOrThrow()
    const stamp = Date.now().toString(36).toUpperCase()
    const item = await s.inspections.catalog.createItem(ctx, {
      code: `BENCH-${stamp}`,
      name: '登记事项和公示信息情况的检查（基准测试）',
      legalBasis: '《企业信息公示暂行条例》第十四条',
      unitId: city.id,
      entityKinds: [],
      isKey: false,
      checkMethod: '书面检查、实地核查',
      resultOptions: ['no_problem', 'corrected', 'unreachable'],
      businessLine: 'registration',
      active: true,
    })
    const newTask = async (label: string) => {
      const created = await s.inspections.service.createTask(ctx, {
        planId: null,
        name: `全市登记事项抽查（基准测试 ${stamp}${label}）`,
        unitId: city.id,
        joint: false,
        periodFrom: '2026-12-01',
        periodTo: '2026-12-31',
        items: [{ itemId: item.id, unitId: null }],
        scope: { kinds: [], industries: [], divisions: [], tags: [], riskClasses: [], statuses: ['active'], specialListId: null },
        params: {
          strata: PARAMS.strata.map((r) => ({ stratum: r.stratum as 'A' | 'B' | 'C' | 'D', ratio: r.ratio })),
          perTarget: 2,
          maxLoad: 10_000,
          excludeDailyStation: true,
          excludeRecent: true,
        },
      })
      await s.inspections.service.announce(ctx, created.id)
      return created
    }
    const task = await newTask('')
    const load = os.loadavg()

    let timings: DrawTimings | null = null
    let peaks: number[] = []
    global.gc?.()
    resetPeak()
    const heapBefore = process.memoryUsage().heapUsed / MiB
    const sampler = setInterval(() => peaks.push(process.memoryUsage().heapUsed / MiB), 250)
    const t0 = performance.now()
    const job = await s.inspections.draws.startDraw(
      ctx,
      task.id,
      { drawTimeValue: `bench ${stamp}` },
      {
        wait: true,
        onTimings: (t) => {
          timings = t
        },
      },
    )
    const drawWall = (performance.now() - t0) / 1000
    clearInterval(sampler)
    const drawPeakRss = peakRssMiB()
    const drawPeakHeap = Math.max(heapBefore, ...peaks)
    const finished = await s.inspections.draws.getJob(ctx, job.id)
    if (finished.status !== 'succeeded' || !timings) throw new Error(`draw job ended ${finished.status}: ${finished.message}`)
    const t = timings as DrawTimings
    const draw = await s.inspections.draws.getDraw(ctx, finished.drawId!)
    say(`  job: ${finished.message}`)

    peaks = []
    global.gc?.()
    resetPeak()
    const sampler2 = setInterval(() => peaks.push(process.memoryUsage().heapUsed / MiB), 250)
    const v0 = performance.now()
    const verdict = await s.inspections.draws.verifyAsSystem(draw.drawNo)
    const verifyWall = (performance.now() - v0) / 1000
    clearInterval(sampler2)
    const verifyPeakRss = peakRssMiB()
    const verifyPeakHeap = Math.max(0, ...peaks)
    if (!verdict.ok) throw new Error(`verification failed: ${verdict.problems.join('; ')}`)
    const snapshotBytes = await db
      .selectFrom('inspectionDrawChunk')
      .select((eb) => [eb.fn.sum<number>(sql`length(data)`).as('bytes'), eb.fn.countAll<number>().as('n')])
      .where('drawId', '=', draw.id)
      .where('kind', '=', 'pool')
      .executeTakeFirstOrThrow()

    const sec = (ms: number) => round(ms / 1000, 2)
    const drawPart = t.read + t.draw
    const phases = {
      exclusions: sec(t.exclusions),
      read: sec(t.read),
      readSql: sec(t.readSql),
      hash: sec(t.hash),
      progress: sec(t.progress),
      draw: sec(t.draw),
      details: sec(t.details),
      assign: sec(t.assign),
      store: sec(t.store),
      storeTargets: sec(t.storeTargets),
      storeAssignments: sec(t.storeAssignments),
      namesWait: sec(t.namesWait),
      storeWorking: sec(t.storeWorking),
      compressWait: sec(t.compressWait),
      storeSnapshot: sec(t.storeSnapshot),
      commit: sec(t.commit),
      total: sec(t.total),
      readCpu: sec(t.readCpu),
      totalCpu: sec(t.totalCpu),
    }
    for (const [k, v] of Object.entries(phases)) say(`  ${k.padEnd(14)} ${v.toFixed(2).padStart(8)} s`)
    const summary = {
      size,
      poolSize: t.poolSize,
      drawn: t.drawn,
      assignments: t.assignments,
      reader: t.reader,
      strata: draw.strata,
      excludedCount: draw.excludedCount,
      generatedSeconds: generatedSeconds === null ? 'cached' : round(generatedSeconds, 1),
      loadAverage: load.map((x) => round(x, 2)),
      phases,
      jobWallSeconds: round(drawWall, 2),
      verifyWallSeconds: round(verifyWall, 2),
      readPlusDrawSeconds: sec(drawPart),
      shareReadOfDraw: round(t.read / drawPart, 3),
      shareReadOfJob: round(t.read / t.total, 3),
      shareReadSqlOfRead: round(t.readSql / t.read, 3),
      shareReadOfJobCpu: round(t.readCpu / t.totalCpu, 3),
      jobPeakRssMiB: round(drawPeakRss, 0),
      jobPeakHeapMiB: round(drawPeakHeap, 0),
      verifyPeakRssMiB: round(verifyPeakRss, 0),
      verifyPeakHeapMiB: round(verifyPeakHeap, 0),
      snapshotChunks: Number(snapshotBytes.n),
      snapshotMiB: round(Number(snapshotBytes.bytes) / MiB, 1),
      drawNo: draw.drawNo,
    }
    say(`  CPU: read ${phases.readCpu} s of ${phases.totalCpu} s for the job (${Math.round((t.readCpu / t.totalCpu) * 100)} %; all threads)`)
    say(
      `  → job ${summary.jobWallSeconds} s (read ${phases.read} s = ${Math.round(summary.shareReadOfJob * 100)} % of the job, ${Math.round(summary.shareReadOfDraw * 100)} % of read + draw); verify ${summary.verifyWallSeconds} s; peak RSS job ${summary.jobPeakRssMiB} MiB, verify ${summary.verifyPeakRssMiB} MiB; snapshot ${summary.snapshotMiB} MiB in ${summary.snapshotChunks} chunks`,
    )
    if (!repeat) return summary

    // A second task on the same item: the first one's targets are excluded (同一事项一年内不重复抽查).
    say('  repeat draw of the same check item:')
    const task2 = await newTask('·再次')
    let t2: DrawTimings | null = null
    const r0 = performance.now()
    const job2 = await s.inspections.draws.startDraw(
      ctx,
      task2.id,
      { drawTimeValue: `bench ${stamp} repeat` },
      {
        wait: true,
        onTimings: (x) => {
          t2 = x
        },
      },
    )
    const repeatWall = (performance.now() - r0) / 1000
    const done2 = await s.inspections.draws.getJob(ctx, job2.id)
    if (done2.status !== 'succeeded' || !t2) throw new Error(`repeat draw ended ${done2.status}: ${done2.message}`)
    const rt = t2 as DrawTimings
    const draw2 = await s.inspections.draws.getDraw(ctx, done2.drawId!)
    const v2 = await s.inspections.draws.verifyAsSystem(draw2.drawNo)
    if (!v2.ok) throw new Error(`repeat verification failed: ${v2.problems.join('; ')}`)
    const repeatSummary = {
      excludedCount: draw2.excludedCount,
      poolSize: rt.poolSize,
      drawn: rt.drawn,
      jobWallSeconds: round(repeatWall, 2),
      phases: {
        exclusions: sec(rt.exclusions),
        read: sec(rt.read),
        readSql: sec(rt.readSql),
        hash: sec(rt.hash),
        draw: sec(rt.draw),
        details: sec(rt.details),
        assign: sec(rt.assign),
        store: sec(rt.store),
        commit: sec(rt.commit),
        total: sec(rt.total),
      },
      drawNo: draw2.drawNo,
    }
    say(
      `    ${draw2.excludedCount.toLocaleString('en')} excluded, pool ${rt.poolSize.toLocaleString('en')}: exclusions ${repeatSummary.phases.exclusions} s, read ${repeatSummary.phases.read} s, job ${repeatSummary.jobWallSeconds} s; verified`,
    )
    return { ...summary, repeat: repeatSummary }
  } finally {
    await s.handle.close()
  }
}

const started = new Date()
if (mode === 'service') {
  const results = []
  for (const size of sizes) results.push(await runService(size))
  say('')
  say(
    table(
      ['register', 'pool', 'drawn', 'read s', 'draw s', 'assign s', 'store s', 'job s', 'read share (job)', 'verify s', 'peak RSS MiB (job/verify)', 'load'],
      results.map((r) => [
        r.size,
        r.poolSize,
        r.drawn,
        r.phases.read,
        r.phases.draw,
        r.phases.assign,
        round(r.phases.store + r.phases.commit, 2),
        r.jobWallSeconds,
        `${Math.round(r.shareReadOfJob * 100)} %`,
        r.verifyWallSeconds,
        `${r.jobPeakRssMiB} / ${r.verifyPeakRssMiB}`,
        r.loadAverage[0] ?? 0,
      ]),
    ),
  )
  const out = writeJson(join(RESULTS_DIR, `draw-service-${fileStamp(started)}.json`), {
    kind: 'draw-service',
    startedAt: started.toISOString(),
    machine: machineInfo(),
    params: PARAMS,
    results,
  })
  say(`\nresults: ${out}`)
} else {
  const results = []
  for (const size of sizes) results.push(await runSize(size))
  say('')
  say(
    table(
      ['pool', 'active', 'drawn', 'read s', 'hash s', 'draw s', 'assign s', 'read+hash+draw s', 'read share', 'peak RSS MiB'],
      results.map((r) => [
        r.size,
        r.activeMembers,
        r.drawn,
        r.phases.find((p) => p.name === 'read: sorted, SQL text chunks')!.seconds,
        r.phases.find((p) => p.name === 'canonicalise + hash')!.seconds,
        r.phases.find((p) => p.name === 'draw (4 strata)')!.seconds,
        round(
          r.phases.filter((p) => p.name.startsWith('assign')).reduce((a, p) => a + p.seconds, 0),
          2,
        ),
        r.drawPipelineSeconds,
        `${Math.round(r.shareRead * 100)} %`,
        r.peakRssMiB,
      ]),
    ),
  )
  const out = writeJson(join(RESULTS_DIR, `draw-${fileStamp(started)}.json`), {
    kind: 'draw',
    startedAt: started.toISOString(),
    machine: machineInfo(),
    params: PARAMS,
    assign: ASSIGN,
    results,
  })
  say(`\nresults: ${out}`)
}
