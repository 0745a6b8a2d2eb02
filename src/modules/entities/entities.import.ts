import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { assertCan, inScope, type Ctx, systemCtx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import { createBulkUpserter } from '../../core/db/bulk'
import { analyze } from '../../core/db/dialect'
import { optimiseGramIndex } from '../../core/db/text-search'
import type { Jobs } from '../../core/jobs'
import type { DbHandle, Executor, Trx } from '../../core/db/database'
import type { CoreDeps } from '../../core/deps'
import { AppError, conflict, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import {
  createIssueStore,
  createResumableImports,
  createRunStore,
  detectFileFormat,
  hasErrors,
  issue,
  mappedRows,
  readRows,
  assertCommittable,
  RUN_STATUS_LABEL,
  type CommitMode,
  type ImportJobInfo,
  type ImportKindDef,
  type ImportRun,
  type RowIssue,
  type SourceFormat,
  type TableSpec,
} from '../../core/imports'
import { offsetOf } from '../../core/pagination'
import type { AuditService } from '../audit'
import { divisionCodeStatus, getDivision } from '../org'
import type { CountCache } from './count-cache'
import {
  IMPORT_FIELDS,
  IMPORT_REQUIRE_ANY,
  IMPORT_REQUIRED,
  rowKey,
  validateEntityRow,
  VERSIONED_FIELDS,
  type EntityRow,
  type ImportField,
} from './entities.domain'
import { createEntitiesRepo, createStationResolver, ENTITY_COLUMNS, ENTITY_UPDATE_COLUMNS, type EntityRecord } from './entities.repo'

const BATCH = 5000
const MAX_STORED_ERRORS = 100_000
const PROGRESS_EVERY_MS = 400
/** Lease of an import job: a process that dies mid-import is taken over this long after its last heartbeat. */
const IMPORT_LEASE_MS = 15_000

/** The register import's kind in the one import history (contributed to modules/imports). */
export const ENTITY_IMPORT: ImportKindDef = {
  kind: 'entities',
  label: '经营主体名录',
  permission: 'entity.import',
  visibility: 'scope',
  errorReportUrl: (id) => `/api/entities-import/jobs/${id}/error-report`,
}

/** A register import: its run in `import_run` (core/imports) with the file it reads. */
export type ImportJob = ImportRun & { filePath: string; format: string }
interface ValidatedRow {
  rowNo: number
  row?: EntityRow
  /** Errors keep the row out; warnings (e.g. a USCC under a retired division code) are reported only. */
  issues: RowIssue[]
}
export type ImportMode = CommitMode
export interface ProgressSink {
  (job: Pick<ImportJob, 'status' | 'phase' | 'processedRows' | 'totalRows' | 'validRows' | 'errorRows'>): void
}

function tagsText(tags: string[]): string {
  return tags.length > 0 ? `|${tags.join('|')}|` : ''
}

function changed(old: EntityRecord, r: EntityRow, tags: string): boolean {
  for (const f of VERSIONED_FIELDS) {
    const now = f === 'tags' ? tags : ((r as unknown as Record<string, unknown>)[f] ?? null)
    if ((old as unknown as Record<string, unknown>)[f] !== now) return true
  }
  return false
}

/**
 * Import jobs for the register: upload → validate (every row, errors stored for a downloadable
 * report) → the user imports nothing or only the valid rows → batches upserted by USCC, each batch
 * committed together with the job's checkpoint, so a crash resumes after the last committed batch
 * and never duplicates (the upsert is idempotent besides). Progress lives in the job record, so a
 * page reload or another process sees it.
 */
export function createImportService({
  handle,
  clock,
  config,
  audit,
  jobs,
  registerCounts,
}: Pick<CoreDeps, 'clock' | 'config'> & {
  handle: DbHandle
  audit: AuditService
  /** The job runner's kernel: the import phase runs as a resumable job. */
  jobs: Jobs
  /** The register list's count cache (entities service), dropped after every committed batch. */
  registerCounts?: CountCache
}) {
  const db = handle.db
  const repo = createEntitiesRepo()
  const issues = createIssueStore(db)
  const runs = createRunStore(db)
  const resumable = createResumableImports({ db, jobs, clock })
  const running = new Map<string, { cancel: boolean }>()
  const bulk = createBulkUpserter(handle, {
    table: 'market_entity',
    columns: ENTITY_COLUMNS,
    conflict: 'record_key',
    update: ENTITY_UPDATE_COLUMNS,
    gramSource: 'name',
  })
  const bulkTags = createBulkUpserter(handle, { table: 'entity_tag', columns: ['tag', 'entity_id'], conflict: ['tag', 'entity_id'], update: [] })
  const bulkLicences = createBulkUpserter(handle, {
    table: 'entity_licence',
    columns: ['id', 'entity_id', 'kind', 'number', 'scope', 'issuer', 'valid_from', 'valid_to', 'created_at'],
    conflict: ['kind', 'number'],
    update: ['entity_id', 'scope', 'valid_to'],
  })

  const uploadDir = resolve(config.imports.dir)
  /** Removes an uploaded file once its job ends; a file the CLI imported in place is the user's and stays. */
  async function cleanup(filePath: string | null) {
    if (filePath && resolve(filePath).startsWith(`${uploadDir}/`)) await rm(filePath, { force: true }).catch(() => undefined)
  }

  const asJob = (r: ImportRun): ImportJob => ({ ...r, filePath: r.filePath ?? '', format: r.format ?? 'csv' })

  async function load(id: string, exec: Executor = db): Promise<ImportJob> {
    const j = await runs.get(id, exec)
    if (!j || j.kind !== ENTITY_IMPORT.kind) throw notFound('导入任务', id)
    return asJob(j)
  }

  async function visibleJob(ctx: Ctx, id: string): Promise<ImportJob> {
    return asJob(await runs.visible(ctx, ENTITY_IMPORT, id, '导入任务'))
  }

  async function patch(id: string, p: Partial<ImportJob>, exec: Executor = db) {
    await runs.patch(exec, id, p, clock.now().toISOString())
  }

  /** Registers an uploaded file as a job. The file stays where it is until the job ends. */
  async function createJob(ctx: Ctx, input: { fileName: string; filePath: string; mapping?: Partial<Record<ImportField, string>> }): Promise<ImportJob> {
    assertCan(ctx.actor, 'entity.import')
    const st = await stat(input.filePath).catch(() => undefined)
    if (!st) throw validation('找不到上传的文件')
    if (st.size === 0) throw validation('文件为空（0 字节）')
    const format: SourceFormat = await detectFileFormat(input.filePath, input.fileName)
    const id = newId()
    const now = clock.now().toISOString()
    const sha256 = await fileSha256(input.filePath)
    const job: ImportJob = {
      id,
      kind: ENTITY_IMPORT.kind,
      variant: null,
      fileName: input.fileName.slice(0, 200),
      filePath: input.filePath,
      fileSize: st.size,
      sha256,
      format,
      status: 'validating',
      phase: 'validate',
      mode: null,
      totalRows: 0,
      validRows: 0,
      errorRows: 0,
      warningRows: 0,
      processedRows: 0,
      insertedRows: 0,
      updatedRows: 0,
      importedRows: 0,
      checkpointRow: 0,
      mapping: input.mapping ? JSON.stringify(input.mapping) : null,
      message: null,
      data: null,
      jobId: null,
      createdBy: ctx.actor.userId,
      unitId: ctx.actor.primaryUnitId,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    }
    await db.transaction().execute(async (trx) => {
      await runs.create(trx, job)
      await audit.record(trx, ctx, {
        action: 'entity.import.upload',
        targetType: 'import_job',
        targetId: id,
        targetLabel: job.fileName,
        after: { fileName: job.fileName, fileSize: st.size, format, sha256 },
      })
    })
    return job
  }

  /** The file's data rows with their validation outcome, in file order, in batches (the import kit's pipeline). */
  async function* validatedRows(job: ImportJob): AsyncGenerator<ValidatedRow[]> {
    const spec: TableSpec<ImportField> = {
      columns: IMPORT_FIELDS,
      required: IMPORT_REQUIRED,
      requireAny: IMPORT_REQUIRE_ANY,
      custom: job.mapping ? (JSON.parse(job.mapping) as Partial<Record<ImportField, string>>) : undefined,
      missingHint: '（可用列名见导入模板）',
    }
    const ctx = { isKnownDivision: (c: string) => getDivision(c) !== undefined, lookupDivision: divisionCodeStatus, today: chinaDate(clock.now()) }
    const seen = new Map<string, number>()
    for await (const rows of mappedRows(readRows(job.filePath, job.format as SourceFormat), spec)) {
      const out: ValidatedRow[] = []
      for (const { rowNo, record } of rows) {
        const r = validateEntityRow((f) => record[f], ctx)
        const found = [
          ...r.errors.map((e) => issue(rowNo, e.column, e.value, e.reason)),
          ...r.warnings.map((w) => issue(rowNo, w.column, w.value, w.reason, 'warning')),
        ]
        if (r.row) {
          const key = rowKey(r.row)
          const prev = seen.get(key)
          if (prev !== undefined) {
            const dup = `与第 ${prev} 行的代码重复（同一文件中每个主体只能出现一次）`
            out.push({ rowNo, issues: [issue(rowNo, IMPORT_FIELDS.uscc.label, r.row.uscc ?? r.row.regNo ?? '', dup)] })
            continue
          }
          seen.set(key, rowNo)
        }
        out.push({ rowNo, row: r.row, issues: found })
      }
      yield out
    }
  }

  /** The validation phase: every row checked, errors stored, counts and progress on the job. */
  async function validate(id: string, onProgress?: ProgressSink): Promise<ImportJob> {
    const token = { cancel: false }
    running.set(id, token)
    try {
      await issues.clear(db, id)
      await patch(id, { status: 'validating', phase: 'validate', processedRows: 0, validRows: 0, errorRows: 0, warningRows: 0, totalRows: 0, message: null })
      const job = await load(id)
      let total = 0
      let valid = 0
      let bad = 0
      let warned = 0
      let stored = 0
      let pending: RowIssue[] = []
      let last = Date.now()
      const flushErrors = async () => {
        if (pending.length === 0) return
        await issues.add(db, id, pending)
        pending = []
      }
      for await (const chunk of validatedRows(job)) {
        if (token.cancel) break
        for (const r of chunk) {
          total++
          if (hasErrors(r.issues)) bad++
          else valid++
          if (r.issues.some((i) => i.severity === 'warning')) warned++
          for (const e of r.issues) if (stored++ < MAX_STORED_ERRORS) pending.push(e)
          if (pending.length >= 1000) await flushErrors()
        }
        if (Date.now() - last > PROGRESS_EVERY_MS) {
          last = Date.now()
          await patch(id, { processedRows: total, validRows: valid, errorRows: bad, warningRows: warned })
          onProgress?.({ status: 'validating', phase: 'validate', processedRows: total, totalRows: 0, validRows: valid, errorRows: bad })
        }
      }
      await flushErrors()
      if (token.cancel) return await finishCancelled(id)
      if (total === 0) throw validation('文件中没有数据行')
      const message = stored > MAX_STORED_ERRORS ? `错误过多，仅保存前 ${MAX_STORED_ERRORS} 条错误明细` : null
      await patch(id, {
        status: 'validated',
        phase: null,
        totalRows: total,
        processedRows: total,
        validRows: valid,
        errorRows: bad,
        warningRows: warned,
        message,
      })
      onProgress?.({ status: 'validated', phase: null, processedRows: total, totalRows: total, validRows: valid, errorRows: bad })
      return load(id)
    } catch (e) {
      const message = e instanceof AppError ? e.message : '读取文件时出错'
      await patch(id, { status: 'failed', phase: null, message, finishedAt: clock.now().toISOString() })
      await cleanup((await load(id)).filePath)
      if (e instanceof AppError) throw e
      throw new AppError('VALIDATION', message)
    } finally {
      running.delete(id)
    }
  }

  async function finishCancelled(id: string) {
    const job = await load(id)
    await patch(id, { status: 'cancelled', phase: null, finishedAt: clock.now().toISOString() })
    await cleanup(job.filePath)
    return load(id)
  }

  /**
   * Writes one batch of valid rows (upsert by key, versions, name history, tags, licences) in the
   * batch's transaction; the kit (core/imports resumable) commits it with the run's checkpoint.
   */
  async function writeBatch(
    trx: Trx,
    job: Pick<ImportJob, 'id'>,
    batch: ReadonlyArray<{ rowNo: number; row: EntityRow }>,
    by: string | null,
    freshLoad: boolean,
  ): Promise<{ inserted: number; updated: number }> {
    const resolveStation = await stationResolver()
    const now = clock.now().toISOString()
    const counts = { inserted: 0, updated: 0 }
    // Into an empty register nothing can exist yet: skip the lookups (the upsert still guarantees
    // that a key never appears twice).
    const existing = freshLoad
      ? new Map<string, EntityRecord>()
      : new Map(
          (
            await repo.findManyByKeys(
              trx,
              batch.map((b) => rowKey(b.row)),
            )
          ).map((e) => [e.recordKey, e]),
        )
    const values: unknown[][] = []
    const tagRows: Array<{ tag: string; entityId: string }> = []
    const retag: string[] = []
    const versions: Array<{ id: string; entityId: string; version: number; snapshot: string; changedAt: string; changedBy: string | null; source: string }> = []
    const names: Array<{ id: string; entityId: string; name: string; changedAt: string }> = []
    const licences: Array<{
      id: string
      entityId: string
      kind: string
      number: string
      scope: string | null
      issuer: string | null
      validFrom: string | null
      validTo: string | null
      createdAt: string
    }> = []
    for (const { row } of batch) {
      const key = rowKey(row)
      const old = existing.get(key)
      const tags = tagsText(row.tags)
      if (old && !changed(old, row, tags)) continue
      const id = old?.id ?? newId()
      const version = old ? old.version + 1 : 1
      if (old) {
        versions.push({
          id: newId(),
          entityId: id,
          version: old.version,
          snapshot: JSON.stringify(old),
          changedAt: now,
          changedBy: by,
          source: `import:${job.id}`,
        })
        if (old.name !== row.name) names.push({ id: newId(), entityId: id, name: old.name, changedAt: now })
        retag.push(id)
        counts.updated++
      } else counts.inserted++
      for (const t of row.tags) tagRows.push({ tag: t, entityId: id })
      if (row.licence)
        licences.push({
          id: newId(),
          entityId: id,
          kind: 'food_business',
          number: row.licence.number,
          scope: row.licence.scope,
          issuer: null,
          validFrom: null,
          validTo: row.licence.validTo,
          createdAt: now,
        })
      values.push([
        id,
        key,
        row.uscc,
        row.regNo,
        row.orgCode,
        row.name,
        row.entityKind,
        row.entityType,
        row.legalRep,
        row.domicile,
        row.domicileDivision,
        row.businessAddress,
        row.businessDivision,
        row.industryCode,
        row.registeredOn,
        row.regAuthority,
        row.status,
        row.riskClass,
        resolveStation(row.businessDivision),
        tags,
        row.platformName,
        0,
        null,
        'import',
        version,
        old?.createdAt ?? now,
        now,
        by,
      ])
    }
    await bulk.write(trx, values, new Set(existing.keys()))
    if (retag.length > 0) await trx.deleteFrom('entityTag').where('entityId', 'in', retag).execute()
    await bulkTags.write(
      trx,
      tagRows.map((t) => [t.tag, t.entityId]),
    )
    for (let i = 0; i < versions.length; i += 500)
      await trx
        .insertInto('entityVersion')
        .values(versions.slice(i, i + 500))
        .execute()
    for (let i = 0; i < names.length; i += 500)
      await trx
        .insertInto('entityNameHistory')
        .values(names.slice(i, i + 500))
        .execute()
    await bulkLicences.write(
      trx,
      licences.map((l) => [l.id, l.entityId, l.kind, l.number, l.scope, l.issuer, l.validFrom, l.validTo, l.createdAt]),
    )
    return counts
  }

  let resolverCache: { at: number; fn: ReturnType<typeof createStationResolver> } | undefined
  async function stationResolver() {
    if (!resolverCache || Date.now() - resolverCache.at > 10_000)
      resolverCache = { at: Date.now(), fn: createStationResolver(await repo.jurisdictionClaims(db)) }
    return resolverCache.fn
  }

  /** The actor a background import acts as: the user who started it (rebuilt from the job). */
  const jobCtx = (job: ImportJobInfo): Ctx => ({
    ...systemCtx(`job:${job.id}`),
    actor: { ...systemCtx().actor, userId: job.createdBy, displayName: job.createdByName ?? '系统（导入任务）' },
  })

  /** Per attempt: whether the register was empty when the run started writing (no lookups needed). */
  const freshLoads = new Map<string, Promise<boolean>>()
  const freshLoad = (run: ImportRun) => {
    const key = `${run.id}:${run.checkpointRow}:${run.updatedAt}`
    let p = freshLoads.get(key)
    if (!p) {
      p =
        Number(run.checkpointRow) === 0
          ? db
              .selectFrom('marketEntity')
              .select('id')
              .limit(1)
              .executeTakeFirst()
              .then((r) => !r)
          : Promise.resolve(false)
      freshLoads.set(key, p)
    }
    return p
  }

  /**
   * The import phase as a resumable job of the job runner (core/imports `createResumableImports`):
   * batches of BATCH rows, each committed with the run's checkpoint; a job re-claimed after a crash
   * re-reads the rows up to the checkpoint (to rebuild duplicate detection) and writes only those after it.
   */
  const importer = resumable.define<EntityRow>({
    job: 'entity.import',
    label: '导入经营主体名录',
    kind: ENTITY_IMPORT.kind,
    batchSize: BATCH,
    rows: (run) => validatedRows(asJob(run)),
    async commit(trx, run, batch, job) {
      return writeBatch(trx, run, batch, job.createdBy, await freshLoad(run))
    },
    async finish(trx, run, job) {
      freshLoads.clear()
      registerCounts?.clear()
      // Fresh statistics after a large load keep searches on the selective index,
      // and the name index in its fastest shape (segments merged: core/db/text-search.ts).
      if (Number(run.importedRows) >= 10_000) {
        await analyze(trx, handle.dialect, ['market_entity', 'entity_tag', 'entity_licence'])
        await optimiseGramIndex(trx, handle.dialect, 'market_entity')
      }
      await audit.record(trx, jobCtx(job), {
        action: 'entity.import.complete',
        targetType: 'import_job',
        targetId: run.id,
        targetLabel: run.fileName,
        unitId: run.unitId,
        after: {
          inserted: Number(run.insertedRows),
          updated: Number(run.updatedRows),
          unchanged: Number(run.processedRows) - Number(run.insertedRows) - Number(run.updatedRows),
          skippedInvalid: Number(run.errorRows),
          totalRows: Number(run.totalRows),
          onePass: run.mode === 'valid_only' && run.phase === 'single',
        },
      })
    },
    cleanup: async (run) => {
      registerCounts?.clear()
      await cleanup(run.filePath)
    },
  })

  /** This process works on the imports it starts (and, after `resumePending`, on those another process left). */
  const runner = jobs.createRunner({ kinds: ['entity.import'], leaseMs: IMPORT_LEASE_MS, concurrency: 1 })

  /**
   * Queues the run's import job and lets this process's runner take it. With `wait`, resolves when
   * the run has ended, reporting progress on the way (the CLI's progress bar).
   */
  async function runImport(ctx: Ctx, id: string, mode: ImportMode, onePass: boolean, opts: { wait?: boolean; onProgress?: ProgressSink }) {
    const job = await load(id)
    await importer.start(id, {
      mode,
      onePass,
      by: ctx.actor.userId ? { userId: ctx.actor.userId, username: ctx.actor.username, displayName: ctx.actor.displayName } : null,
      unitId: job.unitId,
    })
    const work = runner.drain()
    if (!opts.wait) {
      work.catch(() => undefined)
      return load(id)
    }
    const beat = setInterval(() => {
      void load(id)
        .then((j) => opts.onProgress?.(j))
        .catch(() => undefined)
    }, PROGRESS_EVERY_MS)
    try {
      await work
      let j = await load(id)
      // Another process's runner may have taken the job: wait for the run to end.
      while (j.status === 'importing') {
        await settleOrphan(j)
        await new Promise((r) => setTimeout(r, PROGRESS_EVERY_MS))
        await runner.drain()
        j = await load(id)
      }
      if (j.status === 'failed') throw new AppError('VALIDATION', j.message ?? '导入失败')
      return j
    } finally {
      clearInterval(beat)
    }
  }

  /**
   * A run still `importing` whose job ended without running it to the end (cancelled while queued,
   * or given up after repeated crashes) ends with its job.
   */
  async function settleOrphan(run: ImportJob) {
    const job = run.jobId ? await jobs.get(run.jobId) : undefined
    if (!job || job.state === 'queued' || job.state === 'running' || job.state === 'succeeded') return
    const now = clock.now().toISOString()
    await db
      .updateTable('importRun')
      .set({
        status: job.state === 'cancelled' ? 'cancelled' : 'failed',
        phase: null,
        finishedAt: now,
        updatedAt: now,
        message: job.state === 'cancelled' ? `已取消：已提交的 ${run.processedRows} 行保留，其余未导入` : (job.error ?? '导入任务失败，已提交的批次保留'),
      })
      .where('id', '=', run.id)
      .where('status', '=', 'importing')
      .execute()
    await cleanup(run.filePath)
  }

  /**
   * Validates and imports in one pass, keeping the valid rows and reporting the rest (the choice
   * "仅导入正确的行" made up front). Half the reading of the two-step flow; for the CLI's
   * --valid-only and the upload option then=valid_only.
   */
  async function importValidInOnePass(ctx: Ctx, id: string, opts: { wait?: boolean; onProgress?: ProgressSink } = {}): Promise<ImportJob> {
    const job = await visibleJob(ctx, id)
    if (job.status !== 'validating' || running.has(id)) throw conflict(`导入任务当前状态为“${STATUS_LABEL[job.status] ?? job.status}”，不能开始导入`)
    await db.transaction().execute(async (trx) => {
      await audit.record(trx, ctx, {
        action: 'entity.import.commit',
        targetType: 'import_job',
        targetId: id,
        targetLabel: job.fileName,
        after: { mode: 'valid_only', onePass: true },
      })
    })
    return runImport(ctx, id, 'valid_only', true, opts)
  }

  /** The user's decision after validation: import only the valid rows, or all (only when none failed). */
  async function commit(ctx: Ctx, id: string, mode: ImportMode, opts: { wait?: boolean; onProgress?: ProgressSink } = {}): Promise<ImportJob> {
    const job = await visibleJob(ctx, id)
    if (job.status !== 'validated' && job.status !== 'failed') throw conflict(`导入任务当前状态为“${STATUS_LABEL[job.status] ?? job.status}”，不能开始导入`)
    if (job.status === 'failed' && job.phase !== null) throw conflict('导入任务处理中')
    if (job.status === 'failed' && job.totalRows === 0) throw conflict('该文件校验失败，无法导入')
    assertCommittable(mode, job)
    await db.transaction().execute(async (trx) => {
      await audit.record(trx, ctx, {
        action: 'entity.import.commit',
        targetType: 'import_job',
        targetId: id,
        targetLabel: job.fileName,
        after: { mode, validRows: job.validRows, errorRows: job.errorRows },
      })
    })
    return runImport(ctx, id, mode, false, opts)
  }

  async function cancel(ctx: Ctx, id: string): Promise<ImportJob> {
    const job = await visibleJob(ctx, id)
    if (job.status === 'validating') {
      const t = running.get(id)
      if (t) t.cancel = true
      else await finishCancelled(id)
    } else if (job.status === 'validated' || (job.status === 'failed' && job.checkpointRow === 0)) {
      await finishCancelled(id)
    } else if (job.status === 'importing' && job.jobId) {
      // Stops between batches: the committed ones stay (the run says how many); a job still queued ends at once.
      await jobs.cancel(job.jobId)
      await settleOrphan(await load(id))
    } else {
      throw conflict(`导入任务当前状态为“${STATUS_LABEL[job.status] ?? job.status}”，不能取消`)
    }
    await db
      .transaction()
      .execute((trx) => audit.record(trx, ctx, { action: 'entity.import.cancel', targetType: 'import_job', targetId: id, targetLabel: job.fileName }))
    return load(id)
  }

  async function list(ctx: Ctx, q: { page: number; pageSize: number }) {
    const scope = assertCan(ctx.actor, 'entity.import')
    const base = db
      .selectFrom('importRun')
      .where('kind', '=', ENTITY_IMPORT.kind)
      .where((eb) => eb.or([eb('createdBy', '=', ctx.actor.userId ?? ''), inScope(eb, scope, ctx.actor, 'import_run.unit_id')]))
    const [items, n] = await Promise.all([
      base
        .selectAll()
        .orderBy('createdAt', 'desc')
        .limit(q.pageSize)
        .offset(offsetOf(q))
        .execute()
        .then((r) => r.map(asJob)),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items, total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  async function errors(ctx: Ctx, id: string, q: { page: number; pageSize: number }) {
    await visibleJob(ctx, id)
    return issues.page(id, q)
  }

  /** Streams the error report (行号, 列, 值, 原因, 级别) as an .xlsx workbook: errors and warnings. */
  async function writeErrorReport(ctx: Ctx | null, id: string, out: Writable): Promise<void> {
    if (ctx) await visibleJob(ctx, id)
    await issues.writeReport(id, out)
  }

  /**
   * After a restart: re-validates interrupted validations, and starts this process's import runner,
   * which takes over interrupted imports once their lease has run out (the job runner's crash resume).
   */
  async function resumePending(log?: (msg: string) => void): Promise<void> {
    const jobsLeft = await db
      .selectFrom('importRun')
      .selectAll()
      .where('kind', '=', ENTITY_IMPORT.kind)
      .where('status', 'in', ['validating', 'importing'])
      .execute()
    for (const j of jobsLeft) {
      if (running.has(j.id)) continue
      log?.(`继续未完成的导入任务 ${j.fileName}（${j.status === 'importing' ? `自第 ${j.checkpointRow} 行后继续` : '重新校验'}）`)
      if (j.status === 'validating') validate(j.id).catch(() => undefined)
    }
    if (jobsLeft.some((j) => j.status === 'importing')) runner.start()
  }

  return {
    createJob,
    validate,
    commit,
    importValidInOnePass,
    runImport,
    cancel,
    list,
    get: visibleJob,
    errors,
    writeErrorReport,
    resumePending,
    /** Stops this process's import runner (server shutdown, tests). */
    stop: (graceMs?: number) => runner.stop(graceMs),
    isRunning: (id: string) => running.has(id),
  }
}
export type ImportService = ReturnType<typeof createImportService>

export const STATUS_LABEL = RUN_STATUS_LABEL

/** The uploaded file's SHA-256 (hex), streamed. */
async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256')
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer)
  return h.digest('hex')
}
