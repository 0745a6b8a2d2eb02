import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { assertCan, systemCtx, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import type { Executor } from '../../core/db/database'
import { AppError, conflict, forbidden, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import {
  assertCommittable,
  createIssueStore,
  createResumableImports,
  createRunStore,
  detectFileFormat,
  hasErrors,
  issue,
  mappedRows,
  readRows,
  type CommitMode,
  type ImportJobInfo,
  type ImportKindDef,
  type ImportRow,
  type ImportRun,
  type RowIssue,
  type SourceFormat,
} from '../../core/imports'
import type { Jobs } from '../../core/jobs'
import type { AuditService } from '../audit'
import {
  checkImportRow,
  REPORT_IMPORT_COLUMNS,
  REPORT_IMPORT_REQUIRED,
  type ImportEntity,
  type ImportedReport,
  type ReportImportCol,
} from './annual-report.import.domain'

/** Rows a file may hold (a prefecture's register is a few hundred thousand entities). */
export const REPORT_IMPORT_MAX_ROWS = 2_000_000
const BATCH = 2000
export const REPORT_IMPORT_JOB = 'credit.report_import'

/** The national-system annual reports' kind in the one import history (contributed to modules/imports). */
export const REPORT_IMPORT: ImportKindDef = {
  kind: 'annual_reports',
  label: '国家系统年度报告',
  permission: 'credit.manage',
  visibility: 'scope',
  errorReportUrl: (id) => `/api/credit/annual-report-imports/${id}/error-report`,
}

const ALREADY = '该主体该年度已有年度报告（保留已有报告，本行不导入）'

/**
 * Import of annual reports filed on the national system, through the kernel import kit: upload →
 * every row checked (errors and warnings stored for the report workbook) → the user imports all
 * rows (only when none has an error) or only the valid ones → a resumable job of the job runner
 * commits batches of BATCH rows, each with the run's checkpoint, so a crash goes on after the last
 * committed batch. Reports are stored with source `import`; a year the entity already has a report
 * for is kept (a warning, the row skipped, `ON CONFLICT DO NOTHING` besides) — importing the same
 * file twice adds nothing.
 */
export function createAnnualReportImport({
  db,
  clock,
  config,
  audit,
  jobs,
}: Pick<CoreDeps, 'db' | 'clock' | 'config'> & { audit: AuditService; jobs: Pick<Jobs, 'register' | 'enqueue' | 'createRunner'> }) {
  const runs = createRunStore(db)
  const issues = createIssueStore(db)
  const resumable = createResumableImports({ db, jobs, clock })
  const uploadDir = resolve(config.imports.dir)
  const today = () => chinaDate(clock.now())

  async function removeFile(path: string | null) {
    if (path && resolve(path).startsWith(`${uploadDir}/`)) await rm(path, { force: true }).catch(() => undefined)
  }

  /** The file's rows checked, in file order, in batches: one register lookup per batch, duplicates across the file. */
  async function* checkedRows(run: ImportRun, skipExisting: boolean): AsyncGenerator<ImportRow<ImportedReport>[]> {
    const seen = new Map<string, number>()
    const now = today()
    const spec = { columns: REPORT_IMPORT_COLUMNS, required: REPORT_IMPORT_REQUIRED, maxRows: REPORT_IMPORT_MAX_ROWS, missingHint: '（可用列名见导入说明）' }
    for await (const rows of mappedRows<ReportImportCol>(readRows(run.filePath!, run.format as SourceFormat), spec)) {
      const usccs = [...new Set(rows.map((r) => r.record.uscc.trim().toUpperCase()).filter((u) => u.length === 18))]
      const found = new Map<string, ImportEntity & { uscc: string }>()
      for (let i = 0; i < usccs.length; i += 500) {
        const part = usccs.slice(i, i + 500)
        const es = await db.selectFrom('marketEntity').select(['id', 'recordKey', 'entityKind', 'registeredOn']).where('recordKey', 'in', part).execute()
        for (const e of es) found.set(e.recordKey, { id: e.id, uscc: e.recordKey, entityKind: e.entityKind, registeredOn: e.registeredOn })
      }
      const checked = rows.map(({ rowNo, record }) => ({ rowNo, record, ...checkImportRow(rowNo, record, found.get(record.uscc.trim().toUpperCase()), now) }))
      // Existing reports of the batch's entities (one query), for the warning.
      const ids = [...new Set(checked.flatMap((c) => (c.value ? [c.value.entityId] : [])))]
      const have = new Set<string>()
      if (skipExisting)
        for (let i = 0; i < ids.length; i += 500) {
          const rs = await db
            .selectFrom('annualReport')
            .select(['entityId', 'reportYear'])
            .where('entityId', 'in', ids.slice(i, i + 500))
            .execute()
          for (const r of rs) have.add(`${r.entityId}:${r.reportYear}`)
        }
      const out: ImportRow<ImportedReport>[] = []
      for (const c of checked) {
        const list: RowIssue[] = [...c.issues]
        let value = c.value
        if (value) {
          const key = `${value.entityId}:${value.reportYear}`
          const prev = seen.get(key)
          if (prev !== undefined) {
            list.push(issue(c.rowNo, REPORT_IMPORT_COLUMNS.uscc.label, c.record.uscc, `与第 ${prev} 行重复（同一主体同一年度只能出现一次）`))
            value = undefined
          } else {
            seen.set(key, c.rowNo)
            if (have.has(key)) {
              list.push(issue(c.rowNo, REPORT_IMPORT_COLUMNS.reportYear.label, c.record.reportYear, ALREADY, 'warning'))
              value = undefined
            }
          }
        }
        out.push({ rowNo: c.rowNo, row: value, issues: list })
      }
      yield out
    }
  }

  const jobCtx = (job: ImportJobInfo): Ctx => ({
    ...systemCtx(`job:${job.id}`),
    actor: { ...systemCtx().actor, userId: job.createdBy, displayName: job.createdByName ?? '系统（导入任务）' },
  })

  const importer = resumable.define<ImportedReport>({
    job: REPORT_IMPORT_JOB,
    label: '导入国家系统年度报告',
    kind: REPORT_IMPORT.kind,
    batchSize: BATCH,
    // The commit pass reads the file again; rows whose report appeared since validation are skipped by the conflict clause.
    rows: (run) => checkedRows(run, false),
    async commit(trx, _run, batch) {
      const now = clock.now().toISOString()
      let inserted = 0
      for (let i = 0; i < batch.length; i += 200) {
        const part = batch.slice(i, i + 200)
        const r = await trx
          .insertInto('annualReport')
          .values(
            part.map(({ row }) => ({
              id: newId(),
              entityId: row.entityId,
              reportYear: row.reportYear,
              form: row.form,
              publicJson: JSON.stringify(row.publicPart),
              optionalJson: JSON.stringify(row.optionalPart),
              publishOptional: row.publishOptional ? 1 : 0,
              filedOn: row.filedOn,
              late: row.late ? 1 : 0,
              source: 'import',
              liaisonId: null,
              revision: 1,
              version: 1,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .onConflict((oc) => oc.columns(['entityId', 'reportYear']).doNothing())
          .returning('id')
          .execute()
        inserted += r.length
      }
      return { inserted, updated: 0 }
    },
    async finish(trx, run, job) {
      await audit.record(trx, jobCtx(job), {
        action: 'credit.report.import',
        targetType: 'import_job',
        targetId: run.id,
        targetLabel: run.fileName,
        unitId: run.unitId,
        after: { inserted: Number(run.insertedRows), totalRows: Number(run.totalRows), errorRows: Number(run.errorRows), warningRows: Number(run.warningRows) },
      })
    },
    cleanup: (run) => removeFile(run.filePath),
  })
  const runner = jobs.createRunner({ kinds: [REPORT_IMPORT_JOB], concurrency: 1 })

  const load = (ctx: Ctx, id: string) => runs.visible(ctx, REPORT_IMPORT, id, '导入批次')

  function present(j: ImportRun) {
    return {
      id: j.id,
      fileName: j.fileName,
      format: j.format ?? 'csv',
      status: j.status,
      totalRows: Number(j.totalRows),
      validRows: Number(j.validRows),
      errorRows: Number(j.errorRows),
      warningRows: Number(j.warningRows),
      processedRows: Number(j.processedRows),
      importedRows: Number(j.importedRows),
      message: j.message,
      jobId: j.jobId,
      createdAt: j.createdAt,
      finishedAt: j.finishedAt,
    }
  }

  /**
   * Registers an uploaded file (already saved under the import directory) and checks every row;
   * the run ends `validated` with its counts and stored issues, or `failed` with the reason
   * (missing columns, not UTF-8, too many rows).
   */
  async function upload(ctx: Ctx, fileName: string, filePath: string) {
    assertCan(ctx.actor, 'credit.manage')
    if (!ctx.actor.primaryUnitId) throw forbidden('您的账号没有所属单位，不能导入')
    const st = await stat(filePath).catch(() => undefined)
    if (!st) throw validation('找不到上传的文件')
    if (st.size === 0) throw validation('文件为空（0 字节）')
    const format = await detectFileFormat(filePath, fileName)
    const id = newId()
    const now = clock.now().toISOString()
    const run = await db.transaction().execute(async (trx) => {
      const r = await runs.create(trx, {
        id,
        kind: REPORT_IMPORT.kind,
        fileName: fileName.slice(0, 200),
        filePath,
        fileSize: st.size,
        sha256: await fileSha256(filePath),
        format,
        status: 'validating',
        phase: 'validate',
        createdBy: ctx.actor.userId,
        unitId: ctx.actor.primaryUnitId,
        createdAt: now,
        updatedAt: now,
      })
      await audit.record(trx, ctx, {
        action: 'credit.report.import.upload',
        targetType: 'import_job',
        targetId: id,
        targetLabel: r.fileName,
        after: { fileName: r.fileName, fileSize: st.size, format },
      })
      return r
    })
    try {
      let total = 0
      let valid = 0
      let bad = 0
      let warned = 0
      let pending: RowIssue[] = []
      for await (const chunk of checkedRows(run, true)) {
        for (const r of chunk) {
          total++
          if (hasErrors(r.issues)) bad++
          else valid++
          if (r.issues.some((i) => i.severity === 'warning')) warned++
          pending.push(...r.issues)
        }
        if (pending.length >= 1000) {
          await issues.add(db, id, pending)
          pending = []
        }
      }
      if (pending.length) await issues.add(db, id, pending)
      if (total === 0) throw validation('文件中没有数据行')
      await patch(db, id, { status: 'validated', phase: null, totalRows: total, processedRows: total, validRows: valid, errorRows: bad, warningRows: warned })
    } catch (e) {
      const message = e instanceof AppError ? e.message : '读取文件时出错'
      await patch(db, id, { status: 'failed', phase: null, message, finishedAt: clock.now().toISOString() })
      await removeFile(filePath)
      if (e instanceof AppError) throw e
      throw validation(message)
    }
    return present(await load(ctx, id))
  }

  const patch = (exec: Executor, id: string, p: Parameters<typeof runs.patch>[2]) => runs.patch(exec, id, p, clock.now().toISOString())

  /**
   * Imports a validated run: `all` only when no row has an error; `valid_only` the valid rows.
   * Queues the resumable job (任务中心) and lets this process's runner take it at once.
   */
  async function commit(ctx: Ctx, id: string, mode: CommitMode, opts: { wait?: boolean } = {}) {
    assertCan(ctx.actor, 'credit.manage')
    const j = await load(ctx, id)
    if (j.status !== 'validated') throw conflict(`该批次当前状态为“${statusText(j.status)}”，不能导入`)
    assertCommittable(mode, j)
    await audit.record(db, ctx, { action: 'credit.report.import.commit', targetType: 'import_job', targetId: id, targetLabel: j.fileName, after: { mode } })
    await importer.start(id, {
      mode,
      onePass: false,
      by: ctx.actor.userId ? { userId: ctx.actor.userId, username: ctx.actor.username, displayName: ctx.actor.displayName } : null,
      unitId: j.unitId,
    })
    const work = runner.drain()
    if (opts.wait) await work
    else work.catch(() => undefined)
    return present(await load(ctx, id))
  }

  /** Drops a validated run without importing anything. */
  async function cancel(ctx: Ctx, id: string) {
    assertCan(ctx.actor, 'credit.manage')
    const j = await load(ctx, id)
    if (j.status !== 'validated') throw conflict(`该批次当前状态为“${statusText(j.status)}”，不能取消`)
    await db.transaction().execute(async (trx) => {
      await patch(trx, id, { status: 'cancelled', finishedAt: clock.now().toISOString() })
      await audit.record(trx, ctx, { action: 'credit.report.import.cancel', targetType: 'import_job', targetId: id, targetLabel: j.fileName })
    })
    await removeFile(j.filePath)
    return present(await load(ctx, id))
  }

  async function get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, 'credit.read')
    return present(await load(ctx, id))
  }
  async function errors(ctx: Ctx, id: string, q: { page: number; pageSize: number }) {
    await get(ctx, id)
    const p = await issues.page(id, q)
    return { ...p, items: p.items.map((i) => ({ rowNo: i.rowNo, column: i.columnName, value: i.value, reason: i.reason, severity: i.severity })) }
  }
  async function writeErrorReport(ctx: Ctx, id: string, out: Writable) {
    await get(ctx, id)
    await issues.writeReport(id, out)
  }

  return { upload, commit, cancel, get, errors, writeErrorReport, columns: REPORT_IMPORT_COLUMNS }
}
export type AnnualReportImport = ReturnType<typeof createAnnualReportImport>

const STATUS_TEXT: Record<string, string> = {
  validating: '校验中',
  validated: '已校验',
  importing: '导入中',
  done: '已完成',
  failed: '失败',
  cancelled: '已取消',
}
const statusText = (s: string) => STATUS_TEXT[s] ?? s

async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256')
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer)
  return h.digest('hex')
}
