import { createHash, randomBytes } from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'
import { CompiledQuery, sql, type RawBuilder } from 'kysely'
import { assertCan, inScope, unitPathInScope, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { Executor } from '../../core/db/database'
import { nextYearlyNumber } from '../../core/db/sequence'
import type { CoreDeps } from '../../core/deps'
import { AppError, conflict, isAppError, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { AuditService } from '../audit'
import { ASSIGN_ALGORITHM, assignInspectors, verifyAssignment, type AssignTarget, type Inspector } from './assign.domain'
import {
  commitmentOf,
  deriveSeed,
  DRAW_ALGORITHM,
  drawTargetsColumnar,
  exclusionHash,
  expectedCounts,
  paramsHash,
  verifyDrawColumnar,
  type DrawParams,
  type PoolMember,
} from './draw.domain'
import {
  addDays,
  assignmentGroups,
  BUSINESS_LINES,
  conflictInForce,
  REPEAT_WINDOW_DAYS,
  STRATUM_LABEL,
  unpackCodes,
  type AssignmentGroup,
  type BusinessLine,
  type Stratum,
} from './inspections.domain'
import { assignedToTask, inspectorsOfLine, jurisdictionRoot, loadUnit, poolConditions, unitNames, type UnitRef } from './inspections.repo'
import { TaskParams, TaskScope, type Draw, type DrawBody, type DrawJob, type Verdict } from './inspections.schema'
import { compilePageQuery, openPoolSource, type PoolSource } from './inspections.reader'
import { chunkTextAsync, createLineCutter, decodeChunks, encodeChunks, linesHash, PoolBuilder, type PoolColumns } from './inspections.snapshot'
import type { InspectionDrawTable, InspectionTaskTable } from './inspections.tables'

/** Members per read page and per stored snapshot chunk. */
const PAGE = 50_000
/** Rows per multi-row INSERT of the drawn list and assignments (PostgreSQL; SQLite runs one prepared statement per row). */
const INSERT_BATCH = 500
/** The job's progress record is updated at most this often during the read (ms). */
const PROGRESS_EVERY_MS = 500
/** Rows written between two turns of the event loop while storing (SQLite). */
const ROWS_PER_YIELD = 20_000
/**
 * The working copy's columns set at draw time; the result columns (inspected_on, outcome, lead_id,
 * lead_no, abnormal_id, completed_at, completed_by) start NULL, their column default.
 */
const WORKING_COLUMNS = ['id', 'task_id', 'draw_id', 'entity_id', 'entity_name', 'uscc', 'station_unit_id', 'stratum', 'ordinal', 'status'] as const
export const JOB_STATUS_LABEL: Record<string, string> = { queued: '排队中', running: '抽取中', succeeded: '抽取完成', failed: '未能完成抽取' }
export const PHASE_LABEL: Record<string, string> = {
  reading: '读取检查对象名录',
  excluding: '排除一年内已抽查的对象',
  drawing: '随机抽取检查对象',
  assigning: '随机分派检查人员',
  saving: '保存抽取记录',
}

/** What the draw record keeps about the assignment (JSON in inspection_draw.assignment_json). */
export interface AssignmentRecord {
  algorithm: string
  perTarget: number
  excludeDailyStation: boolean
  maxLoadDefault: number
  groups: AssignmentGroup[]
  /**
   * hex SHA-256 over `entityId|stationUnitId` lines (LF-terminated, empty station if none) of the
   * drawn targets in draw order: the stations the assignment avoided, as looked up at draw time
   * (the pool hash covers id and stratum only).
   */
  stationHash: string
}

/**
 * Where a draw job's time went, in milliseconds (for benchmarks and logs; not stored). `read` is
 * the whole read of the pool: `readSql` (waiting for the database to build the next page text —
 * with the reader thread, only what did not overlap the hashing), `hash` (order and format check,
 * pool hash and the per-member offsets and strata, one pass) and `progress` (job updates, turns of
 * the event loop) are its parts. `details` looks up the daily stations of the drawn targets (the
 * assignment needs them); their names and USCCs are looked up meanwhile, and `namesWait` is what
 * was left of that lookup when the writes began. `store` is the whole write transaction up to the
 * commit: the drawn list, assignments and working copy (`storeTargets`, `storeAssignments`,
 * `storeWorking`), then the pool snapshot (`compressWait`: what was left of its compression, which
 * runs beside the earlier phases; `storeSnapshot`). `reader` says where the register was read.
 */
export interface DrawTimings {
  exclusions: number
  read: number
  readSql: number
  hash: number
  progress: number
  draw: number
  details: number
  assign: number
  store: number
  storeTargets: number
  storeAssignments: number
  namesWait: number
  storeWorking: number
  compressWait: number
  storeSnapshot: number
  commit: number
  total: number
  /** CPU time of the process (all threads: compression runs in the thread pool, the read in the reader thread) during the read and the whole job. */
  readCpu: number
  totalCpu: number
  poolSize: number
  drawn: number
  assignments: number
  reader: PoolSource['kind'] | null
}
function newTimings(): DrawTimings {
  return {
    exclusions: 0,
    read: 0,
    readSql: 0,
    hash: 0,
    progress: 0,
    draw: 0,
    details: 0,
    assign: 0,
    store: 0,
    storeTargets: 0,
    storeAssignments: 0,
    namesWait: 0,
    storeWorking: 0,
    compressWait: 0,
    storeSnapshot: 0,
    commit: 0,
    total: 0,
    readCpu: 0,
    totalCpu: 0,
    poolSize: 0,
    drawn: 0,
    assignments: 0,
    reader: null,
  }
}

/**
 * The seed of one assignment group: group g's inspectors are drawn with
 * hex SHA-256(`<seed>|group|<g>`), so the groups of a joint task are independent streams.
 */
export function groupSeed(seed: string, groupNo: number): string {
  return createHash('sha256').update(`${seed}|group|${groupNo}`, 'utf8').digest('hex')
}

interface TaskRow extends InspectionTaskTable {
  unitPath: string
  /** Readable only because the actor is one of its assigned inspectors (outside their scope). */
  viaAssignment?: boolean
}

/**
 * Visible task (scope on the task's organising unit). With `assigned`, reading is also allowed to
 * an inspector assigned by the task's current draw though the task's unit lies outside their scope
 * (a station's inspector on a bureau's task); the row says so (`viaAssignment`), and the caller
 * shows such a reader only their own targets. @throws NOT_FOUND outside the scope
 */
export async function loadTask(exec: Executor, ctx: Ctx, permission: string, id: string, opts: { assigned?: boolean } = {}): Promise<TaskRow> {
  const scope = assertCan(ctx.actor, permission)
  const t = await exec
    .selectFrom('inspectionTask')
    .innerJoin('orgUnit', 'orgUnit.id', 'inspectionTask.unitId')
    .selectAll('inspectionTask')
    .select('orgUnit.path as unitPath')
    .where('inspectionTask.id', '=', id)
    .executeTakeFirst()
  if (
    t &&
    !unitPathInScope(scope, t.unitId, t.unitPath) &&
    opts.assigned &&
    permission === 'inspection.read' &&
    (await assignedToTask(exec, id, ctx.actor.userId))
  )
    return { ...t, viaAssignment: true }
  if (!t || !unitPathInScope(scope, t.unitId, t.unitPath)) {
    // Visible for reading but not for this action: say so rather than pretend it is missing.
    if (t && permission !== 'inspection.read') {
      const read = ctx.actor.kind === 'system' ? undefined : ctx.actor.scopes.get('inspection.read')
      if (read && unitPathInScope(read, t.unitId, t.unitPath)) throw new AppError('FORBIDDEN', '该任务不在您的操作范围内')
    }
    throw notFound('抽查任务', id)
  }
  return t
}

/**
 * The draw (抽取) and its verification. A draw freezes the pool (after removing entities already
 * drawn for the same items within 365 days), hashes it with the parameters, derives the seed from
 * the committed secret and a value only known now, draws the targets per risk stratum and then the
 * inspectors per (department, business line) group with avoidance. Everything is written as one
 * immutable record (append-only tables); an infeasible draw is recorded as failed with its zh-CN
 * explanation and changes nothing else. Long draws run as a job the page polls.
 */
export function createDrawService({
  db,
  dialect,
  clock,
  audit,
  sqlite,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & {
  audit: AuditService
  /**
   * The better-sqlite3 connection behind `db` (SQLite), for the bulk writes of the drawn list,
   * assignments and working copy: one prepared statement per row inside the job's transaction.
   * Without it they are multi-row INSERTs through `db`.
   */
  sqlite?: BetterSqlite3.Database
}) {
  const running = new Set<string>()

  async function job(id: string): Promise<DrawJob> {
    const j = await db.selectFrom('inspectionDrawJob').selectAll().where('id', '=', id).executeTakeFirst()
    if (!j) throw notFound('抽取任务进度', id)
    return {
      id: j.id,
      taskId: j.taskId,
      status: j.status,
      statusLabel: JOB_STATUS_LABEL[j.status] ?? j.status,
      phase: j.phase ? (PHASE_LABEL[j.phase] ?? j.phase) : null,
      processed: j.processed,
      poolSize: j.poolSize,
      message: j.message,
      drawId: j.drawId,
      createdAt: j.createdAt,
      finishedAt: j.finishedAt,
    }
  }

  /** Progress of a draw job, for whoever may read its task. */
  async function getJob(ctx: Ctx, id: string): Promise<DrawJob> {
    const j = await job(id)
    await loadTask(db, ctx, 'inspection.read', j.taskId).catch(() => {
      throw notFound('抽取任务进度', id)
    })
    return j
  }

  /**
   * Starts a draw (or a redraw, which needs a reason and a task without results). Returns the job;
   * the draw runs in the background and its progress is in the job record.
   * @throws ILLEGAL_TRANSITION before the announcement or after results; CONFLICT while one runs
   */
  async function startDraw(ctx: Ctx, taskId: string, body: DrawBody, opts: { wait?: boolean; onTimings?: (t: DrawTimings) => void } = {}): Promise<DrawJob> {
    const task = await loadTask(db, ctx, 'inspection.draw', taskId)
    if (task.status === 'draft') throw new AppError('ILLEGAL_TRANSITION', '任务尚未公告（未公布承诺值），不能抽取')
    if (task.status === 'void') throw new AppError('ILLEGAL_TRANSITION', '任务已作废，不能抽取')
    if (task.status === 'completed' || task.status === 'published') throw new AppError('ILLEGAL_TRANSITION', '任务已检查完成，不能重新抽取')
    const previous = await db.selectFrom('inspectionDraw').select(['id', 'status']).where('taskId', '=', taskId).orderBy('attempt', 'desc').executeTakeFirst()
    if (previous && !body.reason) throw validation('该任务已有抽取记录，重新抽取须说明理由')
    if (task.status === 'drawn') {
      const done = await db.selectFrom('inspectionTarget').select('id').where('taskId', '=', taskId).where('status', '=', 'done').limit(1).executeTakeFirst()
      if (done) throw new AppError('ILLEGAL_TRANSITION', '已有检查结果录入，不能重新抽取')
    }
    if (running.has(taskId)) throw conflict('该任务正在抽取，请等待完成')
    const active = await db
      .selectFrom('inspectionDrawJob')
      .select('id')
      .where('taskId', '=', taskId)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst()
    if (active) throw conflict('该任务正在抽取，请等待完成')
    const now = clock.now().toISOString()
    const id = newId()
    await db
      .insertInto('inspectionDrawJob')
      .values({
        id,
        taskId,
        status: 'queued',
        phase: null,
        processed: 0,
        poolSize: null,
        message: null,
        drawId: null,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
      })
      .execute()
    running.add(taskId)
    const p = run(id, ctx, task, body, previous?.id ?? null, opts.onTimings).finally(() => running.delete(taskId))
    if (opts.wait) await p
    else p.catch(() => undefined)
    return job(id)
  }

  async function patchJob(
    id: string,
    p: Partial<{
      status: string
      phase: string | null
      processed: number
      poolSize: number | null
      message: string | null
      drawId: string | null
      finishedAt: string | null
    }>,
  ) {
    await db
      .updateTable('inspectionDrawJob')
      .set({ ...p, updatedAt: clock.now().toISOString() })
      .where('id', '=', id)
      .execute()
  }

  async function taskItems(exec: Executor, taskId: string) {
    return exec
      .selectFrom('inspectionTaskItem')
      .innerJoin('inspectionItem', 'inspectionItem.id', 'inspectionTaskItem.itemId')
      .select(['inspectionTaskItem.itemId', 'inspectionTaskItem.unitId', 'inspectionItem.businessLine', 'inspectionItem.name'])
      .where('inspectionTaskItem.taskId', '=', taskId)
      .execute()
  }

  /**
   * Entities drawn for any of the task's items by another task within REPEAT_WINDOW_DAYS before
   * `today` (and not after `cutoff`, the start of this draw), as a subquery.
   */
  function recentlyDrawnSql(taskId: string, itemIds: string[], today: string, cutoff: string) {
    const since = `${addDays(today, -REPEAT_WINDOW_DAYS)}T00:00:00`
    return sql`select it.entity_id from inspection_target it join inspection_task k on k.id = it.task_id where it.task_id <> ${taskId} and k.drawn_at >= ${since} and k.drawn_at <= ${cutoff} and it.task_id in (select ti.task_id from inspection_task_item ti where ti.item_id in (${sql.join(itemIds)}))`
  }

  /**
   * Opens the register for one draw (a {@link PoolSource}: on a SQLite file a reader thread with
   * one snapshot for the whole draw) with the pool's keyset page query and, if the task excludes
   * recent targets, the query listing them. The pool is read in canonical order (byte order of the
   * id: SQLite's primary key and BINARY collation, PostgreSQL's `COLLATE "C"`; both walk
   * market_entity_draw_idx) in keyset pages of PAGE members that the database itself turns into
   * the canonical text, one `entityId|stratum` line per member: the pool hash's input as it is.
   */
  async function openRegister(scope: TaskScope, root: UnitRef, excluded: RawBuilder<{ id: string }> | null): Promise<PoolSource> {
    const pg = dialect === 'postgres'
    const where = poolConditions(scope, root.path, { unindexed: !pg })
    const stratum = sql`case when market_entity.risk_class in ('A', 'B', 'C', 'D') then market_entity.risk_class else 'N' end`
    const page = compilePageQuery(db, (after) =>
      pg
        ? sql<{ lines: string | null }>`select string_agg(p.l, chr(10) order by p.k) as lines from (
          select market_entity.id collate "C" as k, market_entity.id || '|' || ${stratum} as l from market_entity
          where ${where} and market_entity.id collate "C" > ${after} order by market_entity.id collate "C" limit ${PAGE}) p`
        : sql<{ lines: string | null }>`select group_concat(p.l, char(10)) as lines from (
          select market_entity.id || '|' || ${stratum} as l from market_entity
          where ${where} and market_entity.id > ${after} order by market_entity.id limit ${PAGE}) p`,
    )
    const ex = excluded?.compile(db)
    return openPoolSource(db, dialect, page, { excluded: ex ? { sql: ex.sql, parameters: ex.parameters } : null })
  }

  /**
   * Reads the pool's pages from `source`, without the excluded ids (`excluded`, sorted: each is an
   * in-scope member, so it is on exactly one page, where its line is cut out — a list that does not
   * match the pages fails the draw instead of being ignored). Each page is checked, hashed and
   * indexed in one pass as it arrives (PoolBuilder: the text plus 5 bytes per member, no object per
   * member); the caller compresses the pages for the snapshot afterwards. A page whose lines came
   * out of order would be refused by the hasher, never silently re-sorted.
   */
  async function readPool(source: PoolSource, excluded: readonly string[], onProgress: (n: number) => Promise<void>, t: DrawTimings) {
    const builder = new PoolBuilder()
    const cut = createLineCutter(excluded)
    let reported = performance.now()
    for (;;) {
      const t0 = performance.now()
      const read = await source.nextPage()
      const t1 = performance.now()
      t.readSql += t1 - t0
      if (read === null) break
      builder.add(cut.page(read))
      const t2 = performance.now()
      t.hash += t2 - t1
      if (t2 - reported >= PROGRESS_EVERY_MS) {
        reported = t2
        await onProgress(builder.count)
      }
      // Let the server answer requests (the draw page polls this job) between pages: queries
      // through the synchronous SQLite driver never yield by themselves.
      if (source.kind === 'connection') await yieldToEventLoop()
      t.progress += performance.now() - t2
    }
    if (cut.missing() > 0) throw conflict(`有 ${cut.missing()} 户应排除的对象不在读取的名录中（名录在抽取过程中发生变化），请重新抽取`)
    await onProgress(builder.count)
    return builder.finish()
  }

  /** The inspectors who may be drawn for a group: active, of the line, within the group's territory. */
  async function rosterFor(group: AssignmentGroup, territory: UnitRef, today: string) {
    const rows = await inspectorsOfLine(db, group.line, territory.path)
    const conflicts = rows.length
      ? await db
          .selectFrom('inspectionConflict')
          .select(['userId', 'entityId', 'validFrom', 'validTo'])
          .where(
            'userId',
            'in',
            rows.map((r) => r.userId),
          )
          .execute()
      : []
    return rows.map((r) => ({ ...r, conflicts: conflicts.filter((c) => c.userId === r.userId && conflictInForce(c, today)).map((c) => c.entityId) }))
  }

  async function run(
    jobId: string,
    ctx: Ctx,
    task: TaskRow,
    body: DrawBody,
    previousDrawId: string | null,
    onTimings?: (t: DrawTimings) => void,
  ): Promise<void> {
    const t: DrawTimings = newTimings()
    const tRun = performance.now()
    const cpuRun = process.cpuUsage()
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const d = process.cpuUsage(since)
      return (d.user + d.system) / 1000
    }
    let mark = tRun
    const lap = () => {
      const now = performance.now()
      const d = now - mark
      mark = now
      return d
    }
    let source: PoolSource | null = null
    try {
      await patchJob(jobId, { status: 'running', phase: 'excluding' })
      const scope = TaskScope.parse(JSON.parse(task.scopeJson))
      const params = TaskParams.parse(JSON.parse(task.paramsJson))
      const unit = (await loadUnit(db, task.unitId))!
      const root = await jurisdictionRoot(db, unit)
      const today = chinaDate(clock.now())
      const cutoff = clock.now().toISOString()
      const items = await taskItems(db, task.id)

      // Exclusions first (同一事项一年内不重复抽查): the in-scope entities drawn recently for the same
      // items are listed (in the read's snapshot) and hashed; the read cuts their lines out of the
      // pages (a NOT IN in the page query would rebuild the list for every page).
      const recent =
        params.excludeRecent && items.length > 0
          ? sql<{
              id: string
            }>`select market_entity.id as id from market_entity where ${poolConditions(scope, root.path)} and market_entity.id in (${recentlyDrawnSql(
              task.id,
              items.map((i) => i.itemId),
              today,
              cutoff,
            )})`
          : null
      const reader = await openRegister(scope, root, recent)
      source = reader
      t.reader = reader.kind
      const excludedIds = [...new Set(await reader.excludedIds())].sort()
      const excludedCount = excludedIds.length
      const exHash = exclusionHash(excludedIds)
      t.exclusions = lap()

      await patchJob(jobId, { phase: 'reading' })
      const cpuRead = process.cpuUsage()
      const pool = await readPool(reader, excludedIds, (n) => patchJob(jobId, { processed: n }), t)
      t.read = lap()
      t.readCpu = cpuMs(cpuRead)

      const drawParams: DrawParams = {
        strata: params.strata.map((r) => ({
          stratum: r.stratum,
          ratio: r.ratio,
          ...(r.min !== undefined ? { min: r.min } : {}),
          ...(r.max !== undefined ? { max: r.max } : {}),
        })),
      }
      const pHash = pool.computedPoolHash
      const prmHash = paramsHash(drawParams)
      const drawTimeValue = body.drawTimeValue ?? randomBytes(32).toString('hex')
      const seed = deriveSeed({ commitmentSecret: task.commitmentSecret!, drawTimeValue, poolHash: pHash, paramsHash: prmHash, taskId: task.id })

      await patchJob(jobId, { phase: 'drawing', poolSize: pool.size })
      lap()
      const { byStratum, drawnIndices } = drawTargetsColumnar(pool, drawParams, seed)
      const drawnIds = Array.from(drawnIndices, (i) => pool.idAt(i))
      t.draw = lap()
      // The daily stations of the drawn targets only (sorted lookups, in the read's snapshot when
      // a reader thread is used); their names and USCCs (for the working copy) are looked up
      // while the inspectors are assigned and the drawn list is stored.
      // Entity order (the pool's: pool positions sort as the ids do) for the lookups and the rows
      // written below: index and foreign-key lookups into the register then walk it forwards
      // instead of jumping around 10⁷ rows.
      const byEntity = Array.from(drawnIds.keys()).sort((a, b) => drawnIndices[a]! - drawnIndices[b]!)
      const idsInOrder = byEntity.map((i) => drawnIds[i]!)
      const stationList = await reader.stations(idsInOrder)
      const stationOf = new Map(idsInOrder.map((id, k) => [id, stationList[k]!]))
      const namesLookup = reader.names(idsInOrder)
      namesLookup.catch(() => undefined)
      // The snapshot's chunks are compressed off this thread while the inspectors are assigned
      // and the drawn list stored (the read had the cores for the database and the hash).
      const compressed = reader.compress(pool.chunks)
      compressed.catch(() => undefined)
      const drawn: PoolMember[] = drawnIds.map((id, k) => ({
        entityId: id,
        stratum: pool.stratumAt(drawnIndices[k]!),
        stationUnitId: stationOf.get(id) ?? null,
      }))
      t.details = lap()
      const sizes = new Map<string, number>()
      for (const [s, o] of byStratum) if (o.size > 0) sizes.set(s, o.size)
      const expected = expectedCounts(sizes, drawParams)
      const failures: string[] = []
      const notes: string[] = []
      const strata = [...expected].map(([s, e]) => ({
        stratum: s,
        label: STRATUM_LABEL[s as Stratum] ?? s,
        size: e.size,
        expected: e.expected,
        drawn: byStratum.get(s)?.drawn ?? 0,
        ratio: e.ratio,
      }))
      for (const r of drawParams.strata) {
        const size = sizes.get(r.stratum) ?? 0
        // No silent shortfall: a minimum the stratum cannot meet is stated in the record.
        if (r.min !== undefined && r.min > size)
          notes.push(`${STRATUM_LABEL[r.stratum as Stratum] ?? r.stratum}仅有 ${size} 户，少于最少抽取数 ${r.min}，已全部抽取`)
      }
      if (drawn.length === 0)
        failures.push(
          `按任务的范围和比例没有抽到任何检查对象（符合条件的对象共 ${pool.size} 户${excludedCount ? `，另有 ${excludedCount} 户因一年内已抽查而排除` : ''}）`,
        )

      await patchJob(jobId, { phase: 'assigning' })
      const groups = assignmentGroups(items.map((i) => ({ itemId: i.itemId, unitId: task.joint ? i.unitId : task.unitId, businessLine: i.businessLine })))
      const rosterRows: string[][] = []
      let assignmentCount = 0
      const used = new Map<string, number>()
      const nameOfUnit = await unitNames(db, [...groups.map((g) => g.unitId), ...new Set(drawn.map((m) => m.stationUnitId))])
      const targets: AssignTarget[] = drawn.map((m) => ({ entityId: m.entityId, stationUnitId: m.stationUnitId, line: '' }))
      // Per group, the inspectors of each target (written out in entity order below).
      const teams: Array<{ groupNo: number; byEntity: Map<string, string[]> }> = []
      if (drawn.length > 0) {
        for (const g of groups) {
          const gUnit = (await loadUnit(db, g.unitId))!
          const territory = task.joint ? gUnit : root
          const roster = await rosterFor(g, territory, today)
          const inspectors: Inspector[] = roster.map((r) => {
            const base = Math.min(r.maxLoad ?? params.maxLoad, params.maxLoad)
            return {
              userId: r.userId,
              unitId: r.unitId,
              lines: unpackCodes(r.lines),
              maxLoad: Math.max(0, base - (used.get(r.userId) ?? 0)),
              conflicts: r.conflicts,
            }
          })
          for (const i of inspectors) rosterRows.push([String(g.groupNo), i.userId, i.unitId, i.lines.join(','), String(i.maxLoad), i.conflicts.join(',')])
          const result = assignInspectors(
            targets.map((t) => ({ ...t, line: g.line })),
            inspectors,
            { perTarget: params.perTarget, excludeDailyStation: params.excludeDailyStation, maxLoadDefault: params.maxLoad },
            groupSeed(seed, g.groupNo),
          )
          const label = `${nameOfUnit.get(g.unitId) ?? ''}·${BUSINESS_LINES[g.line as BusinessLine] ?? g.line}`
          if (!result.ok) {
            // Ids in the explanation become names people recognise.
            const entityNames = await namesLookup
            const readable = (s: string) =>
              s.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => entityNames.get(id)?.name ?? nameOfUnit.get(id) ?? id)
            failures.push(...result.explanation.map((e) => `【${label}】${readable(e)}`))
            continue
          }
          const byEntity = new Map<string, string[]>()
          for (const a of result.assignments) {
            byEntity.set(a.entityId, a.inspectorIds)
            for (const u of a.inspectorIds) used.set(u, (used.get(u) ?? 0) + 1)
            assignmentCount += a.inspectorIds.length
          }
          teams.push({ groupNo: g.groupNo, byEntity })
        }
      }
      const ok = failures.length === 0

      t.assign = lap()

      await patchJob(jobId, { phase: 'saving' })
      lap()
      const listChunks = [
        ...encodeChunks(excludedIds.map((id) => [id])).map((c) => ({ ...c, kind: 'excluded' })),
        ...encodeChunks(rosterRows).map((c) => ({ ...c, kind: 'roster' })),
      ]
      const assignmentRecord: AssignmentRecord = {
        algorithm: ASSIGN_ALGORITHM,
        perTarget: params.perTarget,
        excludeDailyStation: params.excludeDailyStation,
        maxLoadDefault: params.maxLoad,
        groups,
        stationHash: linesHash(drawn.map((m) => [m.entityId, m.stationUnitId ?? ''])),
      }
      const drawId = newId()
      const now = clock.now().toISOString()
      // The names before the transaction: read through the job's own connection (in-memory SQLite),
      // the lookup could not finish while the transaction holds it. (In the reader thread they are
      // long done by now.)
      lap()
      const entityNames = await namesLookup
      t.namesWait = lap()
      const tStore = performance.now()
      await db.transaction().execute(async (trx) => {
        // The task may have moved on since the job started (another redraw, results): re-check.
        const fresh = await trx.selectFrom('inspectionTask').select(['status', 'version']).where('id', '=', task.id).executeTakeFirstOrThrow()
        if (fresh.status !== task.status || fresh.version !== task.version) throw conflict('任务状态已变化，请刷新后重新抽取')
        const last = await trx
          .selectFrom('inspectionDraw')
          .select((eb) => eb.fn.max('attempt').as('n'))
          .where('taskId', '=', task.id)
          .executeTakeFirst()
        const attempt = Number(last?.n ?? 0) + 1
        const drawNo = await nextYearlyNumber(trx, 'CQ', today.slice(0, 4))
        const row: InspectionDrawTable = {
          id: drawId,
          drawNo,
          taskId: task.id,
          attempt,
          redrawOf: previousDrawId,
          redrawReason: previousDrawId ? (body.reason ?? null) : null,
          status: ok ? 'succeeded' : 'failed',
          algorithm: DRAW_ALGORITHM,
          poolSize: pool.size,
          poolHash: pHash,
          paramsJson: JSON.stringify(drawParams),
          paramsHash: prmHash,
          excludedCount,
          exclusionHash: exHash,
          commitmentHash: task.commitmentHash!,
          commitmentSecret: task.commitmentSecret!,
          drawTimeValue,
          drawTimeSource: body.drawTimeValue ? 'operator' : 'server',
          seed,
          strataJson: JSON.stringify({ strata, notes }),
          drawnCount: drawn.length,
          assignmentJson: JSON.stringify(assignmentRecord),
          rosterHash: linesHash(rosterRows),
          failureJson: ok ? null : JSON.stringify(failures),
          drawnBy: ctx.actor.userId,
          drawnByName: ctx.actor.displayName,
          drawnAt: now,
        }
        await trx.insertInto('inspectionDraw').values(row).execute()
        const storeChunks = async (chunks: Array<{ kind: string; chunkNo: number; memberCount: number; encoding: string; data: Buffer }>) => {
          for (const c of chunks)
            await trx
              .insertInto('inspectionDrawChunk')
              .values({ drawId, kind: c.kind, chunkNo: c.chunkNo, memberCount: c.memberCount, encoding: c.encoding, data: c.data })
              .execute()
        }
        await storeChunks(listChunks)
        lap()
        // Rows go in in entity order (see above), each filled into one reused array.
        await insertMany(trx, 'inspection_draw_target', ['draw_id', 'ordinal', 'entity_id', 'stratum', 'station_unit_id'], byEntity.length, (k, row) => {
          const i = byEntity[k]!
          const m = drawn[i]!
          row[0] = drawId
          row[1] = i + 1
          row[2] = m.entityId
          row[3] = m.stratum
          row[4] = m.stationUnitId
        })
        t.storeTargets = lap()
        if (ok) {
          // (target, group, position, inspector) in entity, group, position order, as columns.
          const aTarget = new Int32Array(assignmentCount)
          const aGroup = new Int32Array(assignmentCount)
          const aPosition = new Int32Array(assignmentCount)
          const aUser: string[] = new Array<string>(assignmentCount)
          let n = 0
          for (const i of byEntity) {
            for (const team of teams) {
              team.byEntity.get(drawn[i]!.entityId)?.forEach((u, position) => {
                aTarget[n] = i
                aGroup[n] = team.groupNo
                aPosition[n] = position
                aUser[n++] = u
              })
            }
          }
          await insertMany(trx, 'inspection_draw_assignment', ['draw_id', 'entity_id', 'group_no', 'position', 'user_id'], n, (k, row) => {
            row[0] = drawId
            row[1] = drawn[aTarget[k]!]!.entityId
            row[2] = aGroup[k]
            row[3] = aPosition[k]
            row[4] = aUser[k]
          })
          t.storeAssignments = lap()
          await trx.deleteFrom('inspectionTarget').where('taskId', '=', task.id).execute()
          await insertMany(trx, 'inspection_target', WORKING_COLUMNS, byEntity.length, (k, row) => {
            const i = byEntity[k]!
            const m = drawn[i]!
            const d = entityNames.get(m.entityId)
            row[0] = newId()
            row[1] = task.id
            row[2] = drawId
            row[3] = m.entityId
            row[4] = d?.name ?? m.entityId
            row[5] = d?.uscc ?? null
            row[6] = m.stationUnitId
            row[7] = m.stratum
            row[8] = i + 1
            row[9] = 'pending'
          })
          t.storeWorking = lap()
          await trx
            .updateTable('inspectionTask')
            .set({ status: 'drawn', currentDrawId: drawId, drawnAt: now, updatedAt: now, version: task.version + 1 })
            .where('id', '=', task.id)
            .execute()
        }
        // The pool snapshot last: its compression ran beside the writes above.
        const pages = await compressed
        // Nothing more to read: the reader's snapshot (and thread) can go.
        void reader.close()
        t.compressWait = lap()
        await storeChunks(pages.map((data, i) => ({ kind: 'pool', chunkNo: i, memberCount: pool.chunkSizes[i]!, encoding: 'br', data })))
        t.storeSnapshot = lap()
        const { commitmentSecret: _s, paramsJson: _p, assignmentJson: _a, ...auditRow } = row
        await audit.record(trx, ctx, {
          action: ok ? (previousDrawId ? 'inspection.redraw' : 'inspection.draw') : 'inspection.draw.failed',
          targetType: 'inspection_draw',
          targetId: drawId,
          targetLabel: `${drawNo}（${task.taskNo}）`,
          unitId: task.unitId,
          after: { ...auditRow, params: drawParams, assignments: assignmentCount },
        })
        t.store = performance.now() - tStore
      })
      t.commit = lap()
      await reader.close()
      await patchJob(jobId, {
        status: ok ? 'succeeded' : 'failed',
        phase: null,
        drawId,
        message: ok ? [`抽取检查对象 ${drawn.length} 户，分派检查人员 ${assignmentCount} 人次`, ...notes].join('；') : failures.join('\n').slice(0, 4000),
        finishedAt: clock.now().toISOString(),
      })
      t.total = performance.now() - tRun
      t.totalCpu = cpuMs(cpuRun)
      t.poolSize = pool.size
      t.drawn = drawn.length
      t.assignments = assignmentCount
      onTimings?.(t)
    } catch (e) {
      await source?.close()
      const message = isAppError(e) ? e.message : '抽取过程中发生错误，未保存任何结果，请稍后重试'
      await patchJob(jobId, { status: 'failed', phase: null, message, finishedAt: clock.now().toISOString() }).catch(() => undefined)
      if (!isAppError(e)) throw e
    }
  }

  /**
   * Writes `count` rows (a draw at 10⁷ writes ~7·10⁵) inside the job's transaction; `fill(k, row)`
   * puts row k's values, in `columns` order, into `row` (one array reused for every row: no
   * per-row garbage). SQLite: one prepared statement per row on the connection itself (binding a
   * row costs less than building and binding multi-row statements), the event loop let through
   * every ROWS_PER_YIELD rows (other queries wait for the transaction as they would anyway).
   * PostgreSQL: multi-row INSERTs compiled straight to SQL text with placeholders (Kysely's
   * per-value query building would cost more than the database's work). `table` and `columns` are
   * fixed identifiers of this module, never input.
   */
  async function insertMany(
    exec: Executor,
    table: string,
    columns: readonly string[],
    count: number,
    fill: (k: number, row: unknown[]) => void,
  ): Promise<void> {
    const row: unknown[] = new Array<unknown>(columns.length).fill(null)
    if (sqlite && dialect === 'sqlite') {
      // Only ever inside the job's transaction (the one Kysely opened on this same connection).
      if (!sqlite.inTransaction) throw new Error(`insertMany(${table}) outside a transaction`)
      const stmt = sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`)
      for (let k = 0; k < count; k++) {
        fill(k, row)
        stmt.run(row)
        if (k % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await yieldToEventLoop()
      }
      return
    }
    const pg = dialect === 'postgres'
    for (let start = 0; start < count; start += INSERT_BATCH) {
      const end = Math.min(count, start + INSERT_BATCH)
      const params: unknown[] = []
      for (let k = start; k < end; k++) {
        fill(k, row)
        for (const v of row) params.push(v)
      }
      let n = 0
      const values = Array.from({ length: end - start }, () => `(${columns.map(() => (pg ? `$${++n}` : '?')).join(', ')})`).join(', ')
      await exec.executeQuery(CompiledQuery.raw(`insert into ${table} (${columns.join(', ')}) values ${values}`, params))
    }
  }

  function presentDraw(r: InspectionDrawTable, taskNo: string): Draw {
    const s = JSON.parse(r.strataJson) as { strata: Draw['strata'] }
    return {
      id: r.id,
      drawNo: r.drawNo,
      taskId: r.taskId,
      taskNo,
      attempt: r.attempt,
      redrawOf: r.redrawOf,
      redrawReason: r.redrawReason,
      status: r.status as Draw['status'],
      algorithm: r.algorithm,
      poolSize: r.poolSize,
      poolHash: r.poolHash,
      params: JSON.parse(r.paramsJson) as Record<string, unknown>,
      paramsHash: r.paramsHash,
      excludedCount: r.excludedCount,
      exclusionHash: r.exclusionHash,
      commitmentHash: r.commitmentHash,
      commitmentSecret: r.commitmentSecret,
      drawTimeValue: r.drawTimeValue,
      drawTimeSource: r.drawTimeSource,
      seed: r.seed,
      strata: s.strata,
      drawnCount: r.drawnCount,
      rosterHash: r.rosterHash,
      failure: r.failureJson ? (JSON.parse(r.failureJson) as string[]) : null,
      drawnByName: r.drawnByName,
      drawnAt: r.drawnAt,
    }
  }

  async function getDraw(ctx: Ctx, id: string): Promise<Draw> {
    const r = await db.selectFrom('inspectionDraw').selectAll().where('id', '=', id).executeTakeFirst()
    if (!r) throw notFound('抽取记录', id)
    const t = await loadTask(db, ctx, 'inspection.read', r.taskId, { assigned: true }).catch(() => {
      throw notFound('抽取记录', id)
    })
    return presentDraw(r, t.taskNo)
  }

  async function listDraws(ctx: Ctx, taskId: string): Promise<Draw[]> {
    const t = await loadTask(db, ctx, 'inspection.read', taskId, { assigned: true })
    const rows = await db.selectFrom('inspectionDraw').selectAll().where('taskId', '=', taskId).orderBy('attempt').execute()
    return rows.map((r) => presentDraw(r, t.taskNo))
  }

  /**
   * The stored pool snapshot, streamed back chunk by chunk (fetched and decompressed one at a time)
   * into the same columnar form the draw used, with the same order and format checks and the same
   * hash. Problems (missing, extra or misnumbered chunks, undecodable or malformed text, counts
   * that differ from the chunk's) are added in zh-CN; null when the snapshot cannot be read.
   */
  async function readSnapshot(drawId: string, problems: string[]): Promise<PoolColumns | null> {
    const meta = await db
      .selectFrom('inspectionDrawChunk')
      .select(['chunkNo', 'memberCount'])
      .where('drawId', '=', drawId)
      .where('kind', '=', 'pool')
      .orderBy('chunkNo')
      .execute()
    if (meta.some((m, i) => m.chunkNo !== i)) problems.push('名录快照的分块编号不连续')
    const builder = new PoolBuilder()
    // One chunk ahead: the next chunk decompresses in the thread pool while this one is hashed.
    const load = async (chunkNo: number) =>
      chunkTextAsync(
        await db
          .selectFrom('inspectionDrawChunk')
          .select(['encoding', 'data'])
          .where('drawId', '=', drawId)
          .where('kind', '=', 'pool')
          .where('chunkNo', '=', chunkNo)
          .executeTakeFirstOrThrow(),
      )
    let next: Promise<string> | null = meta.length > 0 ? load(meta[0]!.chunkNo) : null
    try {
      for (let k = 0; k < meta.length; k++) {
        const m = meta[k]!
        const lines = await next!
        next = k + 1 < meta.length ? load(meta[k + 1]!.chunkNo) : null
        if (!lines.endsWith('\n')) throw validation(`第 ${m.chunkNo + 1} 块不以换行结束`)
        const before = builder.count
        builder.add(lines.slice(0, -1))
        if (builder.count - before !== m.memberCount) problems.push(`名录快照第 ${m.chunkNo + 1} 块的对象数与记录不符`)
        await yieldToEventLoop()
      }
      return builder.finish()
    } catch (e) {
      next?.catch(() => undefined)
      problems.push(`名录快照无效：${e instanceof Error ? e.message : String(e)}`)
      return null
    }
  }

  /**
   * Re-runs a draw from its stored record alone: the commitment, the seed derivation, the pool
   * snapshot (hash, order, size), the exclusion list, the parameters, the drawn list and the
   * inspector assignment. A failed draw must still fail on re-run. zh-CN problems; never throws
   * on a tampered record.
   */
  async function verifyStored(idOrNo: string): Promise<{
    draw: InspectionDrawTable
    task: { taskNo: string; name: string; commitmentHash: string | null; status: string }
    ok: boolean
    problems: string[]
  }> {
    const draw = await db
      .selectFrom('inspectionDraw')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrNo), eb('drawNo', '=', idOrNo)]))
      .executeTakeFirst()
    if (!draw) throw notFound('抽取记录', idOrNo)
    const task = await db
      .selectFrom('inspectionTask')
      .select(['taskNo', 'name', 'commitmentHash', 'status'])
      .where('id', '=', draw.taskId)
      .executeTakeFirstOrThrow()
    const problems: string[] = []
    const guard = <T>(what: string, f: () => T): T | undefined => {
      try {
        return f()
      } catch (e) {
        problems.push(`${what}：${e instanceof Error ? e.message : String(e)}`)
        return undefined
      }
    }
    const params = guard('参数无法解析', () => JSON.parse(draw.paramsJson) as DrawParams) ?? { strata: [] }
    const assignment = guard('分派记录无法解析', () => JSON.parse(draw.assignmentJson) as AssignmentRecord)
    const small = await db
      .selectFrom('inspectionDrawChunk')
      .select(['kind', 'chunkNo', 'encoding', 'data'])
      .where('drawId', '=', draw.id)
      .where('kind', 'in', ['excluded', 'roster'])
      .orderBy('kind')
      .orderBy('chunkNo')
      .execute()
    const excluded = (guard('排除名单无法解码', () => decodeChunks(small.filter((c) => c.kind === 'excluded'))) ?? []).map((r) => r[0] ?? '')
    const rosterRows = guard('检查人员名录快照无法解码', () => decodeChunks(small.filter((c) => c.kind === 'roster'))) ?? []
    const pool = await readSnapshot(draw.id, problems)

    if (draw.commitmentHash !== task.commitmentHash) problems.push('抽取记录中的承诺值与任务公告时公布的承诺值不符')
    if (pool && pool.size !== draw.poolSize) problems.push(`名录快照的对象数不一致（记录 ${draw.poolSize} 户，快照中 ${pool.size} 户）`)
    if (excluded.length !== draw.excludedCount) problems.push(`排除名单的对象数不一致（记录 ${draw.excludedCount} 户，名单中 ${excluded.length} 户）`)
    if (exclusionHash(excluded) !== draw.exclusionHash) problems.push('排除名单哈希不一致')
    if (pool && excluded.some((id) => pool.indexOf(id) >= 0)) problems.push('名录快照中含有已排除的对象')
    if (linesHash(rosterRows) !== draw.rosterHash) problems.push('检查人员名录快照哈希不一致')

    const targets = await db
      .selectFrom('inspectionDrawTarget')
      .select(['ordinal', 'entityId', 'stratum', 'stationUnitId'])
      .where('drawId', '=', draw.id)
      .orderBy('ordinal')
      .execute()
    if (assignment && linesHash(targets.map((x) => [x.entityId, x.stationUnitId ?? ''])) !== assignment.stationHash)
      problems.push('抽取名单中的日常监管机构与记录不符')
    targets.forEach((t, i) => {
      if (t.ordinal !== i + 1) problems.push(`抽取名单序号不连续（第 ${i + 1} 个记录为 ${t.ordinal}）`)
    })
    if (targets.length !== draw.drawnCount) problems.push(`抽取名单数量与记录不符（记录 ${draw.drawnCount} 户，名单 ${targets.length} 户）`)
    if (pool) {
      const v = verifyDrawColumnar(
        {
          algorithm: draw.algorithm,
          poolHash: draw.poolHash,
          params,
          seedHex: draw.seed,
          drawnEntityIds: targets.map((t) => t.entityId),
          paramsHash: draw.paramsHash,
          seedInput: { commitmentSecret: draw.commitmentSecret, drawTimeValue: draw.drawTimeValue, taskId: draw.taskId, commitment: draw.commitmentHash },
        },
        pool,
      )
      problems.push(...v.problems)
    }

    if (pool && assignment && problems.length === 0) {
      const stationOf = new Map(targets.map((x) => [x.entityId, x.stationUnitId]))
      const stored = await db
        .selectFrom('inspectionDrawAssignment')
        .selectAll()
        .where('drawId', '=', draw.id)
        .orderBy('groupNo')
        .orderBy('entityId')
        .orderBy('position')
        .execute()
      let anyInfeasible = targets.length === 0
      const used = new Map<string, number>()
      for (const g of assignment.groups) {
        const inspectors: Inspector[] = rosterRows
          .filter((r) => r[0] === String(g.groupNo))
          .map((r) => ({ userId: r[1]!, unitId: r[2]!, lines: r[3] ? r[3].split(',') : [], maxLoad: Number(r[4]), conflicts: r[5] ? r[5].split(',') : [] }))
        const gTargets: AssignTarget[] = targets.map((t) => ({ entityId: t.entityId, stationUnitId: stationOf.get(t.entityId) ?? null, line: g.line }))
        const opts = { perTarget: assignment.perTarget, excludeDailyStation: assignment.excludeDailyStation, maxLoadDefault: assignment.maxLoadDefault }
        for (const i of inspectors) {
          // The load left for a later group is the task limit minus what earlier groups used.
          if ((i.maxLoad ?? Infinity) > Math.max(0, assignment.maxLoadDefault - (used.get(i.userId) ?? 0)))
            problems.push(`检查人员名录快照中的负荷上限与前序分组不符（${i.userId}）`)
        }
        if (draw.status === 'failed') {
          const r = guard('重算人员分派失败', () => assignInspectors(gTargets, inspectors, opts, groupSeed(draw.seed, g.groupNo)))
          if (r && !r.ok) anyInfeasible = true
          if (r?.ok) for (const a of r.assignments) for (const u of a.inspectorIds) used.set(u, (used.get(u) ?? 0) + 1)
          continue
        }
        const mine = stored.filter((a) => a.groupNo === g.groupNo)
        const byEntity = new Map<string, string[]>()
        for (const a of mine) byEntity.set(a.entityId, [...(byEntity.get(a.entityId) ?? []), a.userId])
        const rec = gTargets.map((t) => ({ entityId: t.entityId, inspectorIds: byEntity.get(t.entityId) ?? [] }))
        const va = verifyAssignment({ algorithm: assignment.algorithm, assignments: rec }, gTargets, inspectors, opts, groupSeed(draw.seed, g.groupNo))
        problems.push(...va.problems.map((p) => (assignment.groups.length > 1 ? `（第 ${g.groupNo} 组）${p}` : p)))
        for (const a of rec) for (const u of a.inspectorIds) used.set(u, (used.get(u) ?? 0) + 1)
      }
      if (draw.status === 'failed' && !anyInfeasible) problems.push('记录为抽取失败，但按记录重算可以完成分派')
      if (draw.status === 'succeeded' && stored.some((a) => !assignment.groups.some((g) => g.groupNo === a.groupNo)))
        problems.push('人员分派记录中有不属于任何分组的记录')
    }
    return { draw, task, ok: problems.length === 0, problems }
  }

  function verdictOf(r: Awaited<ReturnType<typeof verifyStored>>): Verdict {
    const d = r.draw
    return {
      drawNo: d.drawNo,
      taskNo: r.task.taskNo,
      taskName: r.task.name,
      status: d.status,
      algorithm: d.algorithm,
      poolSize: d.poolSize,
      poolHash: d.poolHash,
      params: safeJson(d.paramsJson),
      paramsHash: d.paramsHash,
      excludedCount: d.excludedCount,
      exclusionHash: d.exclusionHash,
      commitmentHash: d.commitmentHash,
      commitmentSecret: d.commitmentSecret,
      drawTimeValue: d.drawTimeValue,
      seed: d.seed,
      rosterHash: d.rosterHash,
      drawnCount: d.drawnCount,
      drawnAt: d.drawnAt,
      redrawOf: d.redrawOf,
      redrawReason: d.redrawReason,
      ok: r.ok,
      problems: r.problems,
      checkedAt: clock.now().toISOString(),
    }
  }

  /** Verification for signed-in users who may read the task. */
  async function verify(ctx: Ctx, idOrNo: string): Promise<Verdict> {
    const r = await verifyStored(idOrNo)
    await loadTask(db, ctx, 'inspection.read', r.draw.taskId, { assigned: true }).catch(() => {
      throw notFound('抽取记录', idOrNo)
    })
    return verdictOf(r)
  }

  /** Public verification (no login): only draws of tasks whose results are published. */
  async function verifyPublic(drawNo: string): Promise<Verdict> {
    const d = await db
      .selectFrom('inspectionDraw')
      .innerJoin('inspectionTask', 'inspectionTask.id', 'inspectionDraw.taskId')
      .select(['inspectionDraw.id', 'inspectionTask.status'])
      .where('inspectionDraw.drawNo', '=', drawNo)
      .executeTakeFirst()
    if (!d || d.status !== 'published') throw notFound('已公示的抽取记录', drawNo)
    return verdictOf(await verifyStored(d.id))
  }

  /** For the CLI: the platform itself verifies any draw. */
  async function verifyAsSystem(idOrNo: string) {
    return verdictOf(await verifyStored(idOrNo))
  }

  /** Draws visible to the actor, newest first (for the verification page). */
  async function recentDraws(ctx: Ctx, limit = 50) {
    const scope = assertCan(ctx.actor, 'inspection.read')
    const rows = await db
      .selectFrom('inspectionDraw')
      .innerJoin('inspectionTask', 'inspectionTask.id', 'inspectionDraw.taskId')
      .select(['inspectionDraw.id', 'inspectionDraw.drawNo', 'inspectionDraw.status', 'inspectionDraw.drawnAt', 'inspectionTask.taskNo', 'inspectionTask.name'])
      .where((eb) => inScope(eb, scope, ctx.actor, 'inspection_task.unit_id'))
      .orderBy('inspectionDraw.drawnAt', 'desc')
      .limit(limit)
      .execute()
    return { items: rows }
  }

  /** Commitment for a newly announced task: a fresh secret kept server-side, and its public hash. */
  function newCommitment(): { secret: string; hash: string } {
    const secret = randomBytes(32).toString('hex')
    return { secret, hash: commitmentOf(secret) }
  }

  return { startDraw, getJob, getDraw, listDraws, verify, verifyPublic, verifyAsSystem, recentDraws, newCommitment, verifyStored }
}
export type DrawService = ReturnType<typeof createDrawService>

/** Lets pending I/O (HTTP requests) run: queries through the synchronous SQLite driver never do. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

function safeJson(s: string): Record<string, unknown> {
  try {
    return JSON.parse(s) as Record<string, unknown>
  } catch {
    return { raw: s }
  }
}
