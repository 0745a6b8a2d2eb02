import type { Clock } from '../clock'
import type { Db, Trx } from '../db/database'
import { AppError } from '../errors'
import type { JobContext, Jobs } from '../jobs'
import { hasErrors, type RowIssue } from './issues'
import { createRunStore, type ImportRun } from './runs'
import { createIssueStore } from './store'

/** A row of the module's reader: the value to commit (absent when the row has errors) and its issues. */
export interface ImportRow<R> {
  rowNo: number
  row?: R
  issues: readonly RowIssue[]
}

export interface BatchCounts {
  inserted: number
  updated: number
}

/** Who started the import (the job's creator), for the module's audit records and `changed_by`. */
export type ImportJobInfo = JobContext['job']

/**
 * A resumable import, declared by the module: how to read a run's rows and how to commit a batch.
 * The kit runs it as a job of the job runner (core/jobs): batches are committed each in one
 * transaction together with the run's checkpoint and counts (and, in one-pass mode, the batch's
 * issues), so a job re-claimed after a crash goes on after the last committed batch and never
 * writes a row twice.
 */
export interface ResumableImport<R> {
  /** Job kind, `<module>.import`. */
  job: string
  /** zh-CN, shown in the task centre. */
  label: string
  /** `import_run.kind` of the runs it imports. */
  kind: string
  /** Rows per committed batch. */
  batchSize: number
  maxAttempts?: number
  /** The run's rows in file order (all of them; the kit skips those already committed). */
  rows(run: ImportRun): AsyncIterable<ReadonlyArray<ImportRow<R>>>
  /** Writes one batch of valid rows inside the batch's transaction. */
  commit(trx: Trx, run: ImportRun, batch: ReadonlyArray<{ rowNo: number; row: R }>, job: ImportJobInfo): Promise<BatchCounts>
  /** After the last batch, in the transaction that marks the run done (e.g. the audit record). */
  finish?(trx: Trx, run: ImportRun, job: ImportJobInfo): Promise<void>
  /** After the run ended (done, failed or cancelled) outside any transaction (e.g. remove the upload). */
  cleanup?(run: ImportRun): Promise<void>
}

/** Issues kept per run at most (the report says when more were found). */
export const MAX_STORED_ISSUES = 100_000
const TOO_MANY = `错误过多，仅保存前 ${MAX_STORED_ISSUES} 条错误明细`
const CANCELLED = (n: number) => `已取消：已提交的 ${n} 行保留，其余未导入`
const GIVEN_UP = (n: number) => `导入多次中断后已停止：已提交的 ${n} 行保留，其余未导入，可重新上传剩余部分`

/**
 * Resumable imports over the job runner and the run table. `define(spec)` registers the job kind and
 * returns `start(runId, mode, by)`, which marks the run `importing` and queues its job. `onePass`
 * (mode `valid_only` without a validation before): the rows' issues are counted and stored as the
 * batches go; otherwise the run was validated before and its counts stand.
 */
export function createResumableImports(deps: { db: Db; jobs: Pick<Jobs, 'register' | 'enqueue'>; clock: Clock }) {
  const { db, clock } = deps
  const runs = createRunStore(db)
  const issues = createIssueStore(db)
  const at = () => clock.now().toISOString()

  function define<R>(spec: ResumableImport<R>) {
    const maxAttempts = spec.maxAttempts ?? 5

    async function execute(ctx: JobContext<{ runId: string }>) {
      const run = await runs.get(ctx.payload.runId)
      if (!run || run.kind !== spec.kind) throw new AppError('NOT_FOUND', '导入记录不存在')
      if (run.status !== 'importing') return { runId: run.id, status: run.status }
      const onePass = run.phase === 'single'
      const from = Number(run.checkpointRow)
      const counts = {
        inserted: from === 0 ? 0 : Number(run.insertedRows),
        updated: from === 0 ? 0 : Number(run.updatedRows),
        processed: from === 0 ? 0 : Number(run.processedRows),
        // One pass: recounted over every row (committed rows are read again, not written again).
        total: 0,
        valid: 0,
        bad: 0,
        warned: 0,
      }
      let stored = from === 0 ? 0 : await issues.count(run.id)
      const expected = onePass ? null : Number(run.validRows)
      let batch: Array<{ rowNo: number; row: R }> = []
      let found: RowIssue[] = []
      let last = from

      const flush = async () => {
        await db.transaction().execute(async (trx) => {
          const c = batch.length > 0 ? await spec.commit(trx, run, batch, ctx.job) : { inserted: 0, updated: 0 }
          counts.inserted += c.inserted
          counts.updated += c.updated
          counts.processed += batch.length
          if (found.length > 0) await issues.add(trx, run.id, found)
          await runs.patch(
            trx,
            run.id,
            {
              checkpointRow: last,
              processedRows: counts.processed,
              insertedRows: counts.inserted,
              updatedRows: counts.updated,
              importedRows: counts.inserted + counts.updated,
              ...(onePass ? { totalRows: counts.total, validRows: counts.valid, errorRows: counts.bad, warningRows: counts.warned } : {}),
            },
            at(),
          )
        })
        batch = []
        found = []
        await ctx.progress(counts.processed, expected, `已导入 ${counts.processed} 行`)
      }

      try {
        await runs.patch(db, run.id, { jobId: ctx.job.id, message: null }, at())
        for await (const chunk of spec.rows(run)) {
          ctx.signal.throwIfAborted()
          for (const r of chunk) {
            if (onePass) {
              counts.total++
              if (hasErrors(r.issues)) counts.bad++
              else counts.valid++
              if (r.issues.some((i) => i.severity === 'warning')) counts.warned++
            }
            if (r.rowNo <= from) continue
            last = r.rowNo
            if (r.row !== undefined && !hasErrors(r.issues)) batch.push({ rowNo: r.rowNo, row: r.row })
            if (onePass) for (const i of r.issues) if (stored++ < MAX_STORED_ISSUES) found.push(i)
            if (batch.length >= spec.batchSize || found.length >= spec.batchSize) {
              await flush()
              // Cancel (or a lost lease) stops between batches: what is committed stays.
              ctx.signal.throwIfAborted()
            }
          }
        }
        if (batch.length > 0 || found.length > 0 || last > Number(run.checkpointRow)) await flush()
        ctx.signal.throwIfAborted()
        if (onePass && counts.total === 0) throw new AppError('VALIDATION', '文件中没有数据行')
        await db.transaction().execute(async (trx) => {
          const now = at()
          await runs.patch(trx, run.id, { status: 'done', phase: null, finishedAt: now, message: stored > MAX_STORED_ISSUES ? TOO_MANY : run.message }, now)
          await spec.finish?.(trx, (await runs.get(run.id, trx))!, ctx.job)
        })
        await spec.cleanup?.(run)
        return { runId: run.id, inserted: counts.inserted, updated: counts.updated, processed: counts.processed }
      } catch (e) {
        const reason: unknown = ctx.signal.reason
        if (ctx.signal.aborted && reason instanceof Error && reason.message === 'cancelled') {
          const now = at()
          await runs.patch(db, run.id, { status: 'cancelled', phase: null, finishedAt: now, message: CANCELLED(counts.processed) }, now)
          await spec.cleanup?.(run)
        } else if (!ctx.signal.aborted) {
          // A refusal, or the last attempt: the run fails (committed batches stay); otherwise the runner retries.
          const final = (e instanceof AppError && e.code !== 'INTERNAL' && e.code !== 'CONFLICT') || ctx.attempt >= maxAttempts
          const message = e instanceof AppError ? e.message : final ? '导入过程中出错，已提交的批次保留' : '导入中断，将自动从上次提交处继续'
          const now = at()
          await runs.patch(db, run.id, final ? { status: 'failed', phase: null, finishedAt: now, message } : { message }, now)
          if (final) await spec.cleanup?.(run)
        }
        throw e
      }
    }

    /** The runner gave up without running (every attempt's process died mid-file): the run fails, committed batches stay. */
    async function givenUp(payload: { runId: string }) {
      const run = await runs.get(payload.runId)
      if (!run || run.kind !== spec.kind || run.status !== 'importing') return
      const now = at()
      await runs.patch(db, run.id, { status: 'failed', phase: null, finishedAt: now, message: GIVEN_UP(Number(run.processedRows)) }, now)
      await spec.cleanup?.(run)
    }

    deps.jobs.register<{ runId: string }>({ kind: spec.job, label: spec.label, maxAttempts, run: execute, onGivenUp: givenUp })

    return {
      /**
       * Marks the run `importing` (phase `single` for one pass, else `import`) with the mode, and
       * queues its job; returns the job id. Call after the module's own checks (state, permission).
       */
      async start(
        runId: string,
        opts: { mode: string; onePass: boolean; by: { userId: string | null; username: string; displayName: string } | null; unitId: string | null },
      ): Promise<string> {
        await runs.patch(db, runId, { status: 'importing', phase: opts.onePass ? 'single' : 'import', mode: opts.mode }, at())
        const { id } = await deps.jobs.enqueue({
          kind: spec.job,
          payload: { runId },
          createdBy: opts.by?.userId ? opts.by : null,
          unitId: opts.unitId,
        })
        await runs.patch(db, runId, { jobId: id }, at())
        return id
      },
    }
  }

  return { define }
}
export type ResumableImports = ReturnType<typeof createResumableImports>
