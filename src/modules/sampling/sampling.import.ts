/**
 * Laboratory result import (检验结果导入) through the kernel import kit: one row per test item,
 * Chinese headers, row errors (unknown sample, another laboratory's sample, result without unit,
 * impossible dates, results already issued), the error workbook and the one import history. The
 * import runs as a resumable job (core/imports `createResumableImports`, progress in 任务中心): one
 * pass, the valid rows written in batches, each with the run's checkpoint. A laboratory account
 * imports into its own laboratory's samples only; an item already entered for the round is replaced
 * by the file's (the item's name is its key within a sample's round).
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { systemCtx, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Trx } from '../../core/db/database'
import { dateProblem } from '../../core/dates'
import { notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import {
  createIssueStore,
  createResumableImports,
  createRunStore,
  detectFileFormat,
  issue,
  mappedRows,
  readRows,
  zodCheck,
  type ImportJobInfo,
  type ImportKindDef,
  type ImportRow,
  type ImportRun,
  type RowIssue,
  type SourceFormat,
  type TableSpec,
} from '../../core/imports'
import type { Jobs } from '../../core/jobs'
import { beijingDate } from '../../shared/time'
import { ResultItemInput } from '../../shared/sampling/sample.workflow'
import type { AuditService } from '../audit'

/** Rows per committed batch. */
const BATCH = 2000
/** Data rows a file may have. */
export const RESULT_IMPORT_MAX_ROWS = 200_000
const JOB_KIND = 'sampling.results.import'
/** How long an upload with `wait` waits for its run (a bigger file goes on in 任务中心). */
const WAIT_MAX_MS = 120_000

/** The result import's kind in the one import history: a laboratory account sees the runs it started. */
export const RESULT_IMPORT: ImportKindDef = {
  kind: 'sampling_results',
  label: '抽检检验结果',
  permission: 'sampling.lab',
  visibility: 'own',
  statusLabels: { done: '已导入' },
  errorReportUrl: (id) => `/api/sampling/lab/result-imports/${id}/error-report`,
}

export const RESULT_COLUMNS = {
  sampleNo: { label: '样品编号', aliases: ['抽样单编号', '样品编码', '抽样编号'] },
  item: { label: '检验项目', aliases: ['项目名称', '检测项目'] },
  standard: { label: '判定依据', aliases: ['执行标准', '标准'] },
  method: { label: '检验方法', aliases: ['检测方法', '方法'] },
  limit: { label: '标准指标', aliases: ['标准限值', '限量', '标准值'] },
  unit: { label: '计量单位', aliases: ['单位', '结果单位'] },
  result: { label: '实测值', aliases: ['检验结果', '检测结果', '结果'] },
  conclusion: { label: '单项结论', aliases: ['结论', '判定', '单项判定'] },
  testedOn: { label: '检验日期', aliases: ['检测日期'] },
} as const
export type ResultColumn = keyof typeof RESULT_COLUMNS
const REQUIRED: ResultColumn[] = ['sampleNo', 'item', 'standard', 'method', 'limit', 'unit', 'result', 'conclusion']
const CONCLUSION_OF: Record<string, 'pass' | 'fail'> = { 合格: 'pass', 不合格: 'fail', pass: 'pass', fail: 'fail', 符合: 'pass', 不符合: 'fail' }

/** One row to write: the item of a sample's round. */
export interface ResultImportRow {
  sampleId: string
  round: 'first' | 'retest'
  item: string
  standard: string
  method: string
  limit: string
  unit: string
  result: string
  conclusion: 'pass' | 'fail'
}

interface SampleFacts {
  id: string
  sampleNo: string
  labId: string | null
  retestLabId: string | null
  state: string
  receivedOn: string | null
}

/** The row's shape check (zod, the same item schema as the entry form): one error per column. */
const itemCheck = zodCheck<ResultColumn, ResultItemInput>(
  ResultItemInput,
  (r) => ({
    item: r.item,
    standard: r.standard,
    method: r.method,
    limit: r.limit,
    result: r.result,
    unit: r.unit,
    conclusion: CONCLUSION_OF[r.conclusion.trim()] ?? r.conclusion,
  }),
  (path) => ({ column: RESULT_COLUMNS[(path.split('.')[0] as ResultColumn) ?? 'item']?.label ?? path }),
)

/**
 * Checks one mapped row against the sample it names (pure over the facts looked up for its batch).
 * `seen` holds sample+item keys met earlier in the file (a duplicate is an error).
 */
export function checkResultRow(
  record: Record<ResultColumn, string>,
  rowNo: number,
  facts: { sample: SampleFacts | undefined; labId: string; today: string; seen: Map<string, number> },
): ImportRow<ResultImportRow> {
  const shape = itemCheck(record, rowNo) as { value?: ResultItemInput; issues: RowIssue[] }
  const issues: RowIssue[] = [...shape.issues]
  const no = record.sampleNo.trim()
  const col = (k: ResultColumn) => RESULT_COLUMNS[k].label
  const s = facts.sample
  let round: 'first' | 'retest' | null = null
  if (!no) issues.push(issue(rowNo, col('sampleNo'), no, '样品编号不能为空'))
  else if (!s) issues.push(issue(rowNo, col('sampleNo'), no, `样品编号“${no}”不存在`))
  else if (s.labId !== facts.labId && s.retestLabId !== facts.labId) issues.push(issue(rowNo, col('sampleNo'), no, '该样品不是本机构承检的样品'))
  else {
    round = s.state === 'testing' && s.labId === facts.labId ? 'first' : s.state === 'retesting' && s.retestLabId === facts.labId ? 'retest' : null
    if (!round)
      issues.push(issue(rowNo, col('sampleNo'), no, s.state === 'sampled' ? '样品尚未收样，不能录入检验结果' : '该样品的检验结果已出具，结果只读，不能再导入'))
  }
  const testedOn = record.testedOn.trim()
  if (testedOn) {
    const p = dateProblem(testedOn, { max: facts.today })
    if (p) issues.push(issue(rowNo, col('testedOn'), testedOn, p.replace(/^日期/, '检验日期')))
    else if (s?.receivedOn && testedOn < s.receivedOn) issues.push(issue(rowNo, col('testedOn'), testedOn, `检验日期不能早于收样日期（${s.receivedOn}）`))
  }
  if (s && shape.value) {
    const key = `${s.id}\u0000${shape.value.item}`
    const prev = facts.seen.get(key)
    if (prev !== undefined) issues.push(issue(rowNo, col('item'), shape.value.item, `与第 ${prev} 行重复（同一样品的检验项目只能出现一次）`))
    else facts.seen.set(key, rowNo)
  }
  if (issues.length > 0 || !shape.value || !s || !round) return { rowNo, issues }
  return { rowNo, issues, row: { sampleId: s.id, round, ...shape.value } }
}

export function createSamplingResultImport({
  db,
  clock,
  config,
  audit,
  jobs,
  labOf,
}: Pick<CoreDeps, 'db' | 'clock' | 'config'> & {
  audit: AuditService
  jobs: Jobs
  /** The laboratory of a lab account (403 without one). */
  labOf: (ctx: Ctx) => Promise<string>
}) {
  const runs = createRunStore(db)
  const issues = createIssueStore(db)
  const resumable = createResumableImports({ db, jobs, clock })
  const uploadDir = resolve(config.imports.dir)
  const today = () => beijingDate(clock.now())
  const labIdOf = (run: ImportRun) => (JSON.parse(run.data ?? '{}') as { labId?: string }).labId ?? ''

  const spec: TableSpec<ResultColumn> = {
    columns: RESULT_COLUMNS,
    required: REQUIRED,
    maxRows: RESULT_IMPORT_MAX_ROWS,
    missingHint: '（请使用导入模板：样品编号、检验项目、判定依据、检验方法、标准指标、计量单位、实测值、单项结论）',
  }

  /** The run's rows checked, a batch of the file at a time (its samples looked up in one query). */
  async function* checkedRows(run: ImportRun): AsyncGenerator<ImportRow<ResultImportRow>[]> {
    const labId = labIdOf(run)
    const seen = new Map<string, number>()
    const known = new Map<string, SampleFacts>()
    const day = today()
    for await (const rows of mappedRows(readRows(run.filePath ?? '', (run.format ?? 'csv') as SourceFormat), spec)) {
      const missing = [...new Set(rows.map((r) => r.record.sampleNo.trim()).filter((n) => n && !known.has(n)))]
      for (let i = 0; i < missing.length; i += 500) {
        const found = await db
          .selectFrom('samplingSample')
          .select(['id', 'sampleNo', 'labId', 'retestLabId', 'state', 'receivedOn'])
          .where('sampleNo', 'in', missing.slice(i, i + 500))
          .execute()
        for (const f of found) known.set(f.sampleNo, f)
      }
      yield rows.map((r) => checkResultRow(r.record, r.rowNo, { sample: known.get(r.record.sampleNo.trim()), labId, today: day, seen }))
    }
  }

  /** The actor a background import acts as: the lab user who started it. */
  const jobCtx = (job: ImportJobInfo): Ctx => ({
    ...systemCtx(`job:${job.id}`),
    actor: { ...systemCtx().actor, userId: job.createdBy, displayName: job.createdByName ?? '系统（导入任务）' },
  })

  /**
   * Writes a batch: per sample and round, an item already entered is replaced (by its name), a new
   * one appended; rows whose sample left its test round since the check are skipped. The samples'
   * versions move on (an open entry form then asks to reload), and the batch is audited.
   */
  async function writeBatch(trx: Trx, run: ImportRun, batch: ReadonlyArray<{ rowNo: number; row: ResultImportRow }>, job: ImportJobInfo) {
    const ids = [...new Set(batch.map((b) => b.row.sampleId))]
    const states = new Map<string, string>()
    const existing = new Map<string, { id: string }>()
    const maxSeq = new Map<string, number>()
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500)
      for (const s of await trx.selectFrom('samplingSample').select(['id', 'state']).where('id', 'in', part).execute()) states.set(s.id, s.state)
      for (const r of await trx.selectFrom('samplingResult').select(['id', 'sampleId', 'round', 'seq', 'item']).where('sampleId', 'in', part).execute()) {
        existing.set(`${r.sampleId}\u0000${r.round}\u0000${r.item}`, { id: r.id })
        const k = `${r.sampleId}\u0000${r.round}`
        maxSeq.set(k, Math.max(maxSeq.get(k) ?? 0, Number(r.seq)))
      }
    }
    const inserts: Array<Record<string, unknown>> = []
    let updated = 0
    const touched = new Set<string>()
    for (const { row } of batch) {
      const st = states.get(row.sampleId)
      if (st !== (row.round === 'first' ? 'testing' : 'retesting')) continue
      touched.add(row.sampleId)
      const values = {
        standard: row.standard,
        method: row.method,
        limitText: row.limit,
        result: row.result,
        resultUnit: row.unit,
        conclusion: row.conclusion,
      }
      const old = existing.get(`${row.sampleId}\u0000${row.round}\u0000${row.item}`)
      if (old) {
        await trx.updateTable('samplingResult').set(values).where('id', '=', old.id).execute()
        updated++
        continue
      }
      const k = `${row.sampleId}\u0000${row.round}`
      const seq = (maxSeq.get(k) ?? 0) + 1
      maxSeq.set(k, seq)
      inserts.push({ id: newId(), sampleId: row.sampleId, round: row.round, seq, item: row.item, ...values })
    }
    // 11 columns a row: 80 rows stay under SQLite's 999 bound parameters.
    for (let i = 0; i < inserts.length; i += 80)
      await trx
        .insertInto('samplingResult')
        .values(inserts.slice(i, i + 80) as never)
        .execute()
    const now = clock.now().toISOString()
    const changed = [...touched]
    for (let i = 0; i < changed.length; i += 500)
      await trx
        .updateTable('samplingSample')
        .set((eb) => ({ version: eb('version', '+', 1), updatedAt: now }))
        .where('id', 'in', changed.slice(i, i + 500))
        .execute()
    if (changed.length > 0)
      await audit.record(trx, jobCtx(job), {
        action: 'sampling.results.import',
        targetType: 'import_job',
        targetId: run.id,
        targetLabel: run.fileName,
        unitId: run.unitId,
        after: { rows: inserts.length + updated, inserted: inserts.length, updated, sampleIds: changed },
      })
    return { inserted: inserts.length, updated }
  }

  const importer = resumable.define<ResultImportRow>({
    job: JOB_KIND,
    label: '导入抽检检验结果',
    kind: RESULT_IMPORT.kind,
    batchSize: BATCH,
    rows: (run) => checkedRows(run),
    commit: (trx, run, batch, job) => writeBatch(trx, run, batch, job),
    async finish(trx, run, job) {
      await audit.record(trx, jobCtx(job), {
        action: 'sampling.results.import.complete',
        targetType: 'import_job',
        targetId: run.id,
        targetLabel: run.fileName,
        unitId: run.unitId,
        after: { totalRows: Number(run.totalRows), imported: Number(run.importedRows), errorRows: Number(run.errorRows) },
      })
    },
    cleanup: async (run) => {
      if (run.filePath && resolve(run.filePath).startsWith(`${uploadDir}/`)) await rm(run.filePath, { force: true }).catch(() => undefined)
    },
  })

  /** A runner of this process for the result imports it starts (the server's general runner takes over after a crash). */
  const runner = jobs.createRunner({ kinds: [JOB_KIND], leaseMs: 15_000, concurrency: 1 })

  /**
   * Registers an uploaded file as a run of the laboratory's account and starts its import (one
   * pass: valid rows written, the rest in the error report). With `wait`, resolves when it ended.
   */
  async function start(ctx: Ctx, file: { fileName: string; filePath: string }, opts: { wait?: boolean } = {}): Promise<ImportRun> {
    const labId = await labOf(ctx)
    const st = await stat(file.filePath).catch(() => undefined)
    if (!st) throw validation('找不到上传的文件')
    if (st.size === 0) throw validation('文件为空（0 字节）')
    const format = await detectFileFormat(file.filePath, file.fileName)
    // The header is checked at once (a file without the columns is refused, no run is made).
    const head = mappedRows(readRows(file.filePath, format), spec)[Symbol.asyncIterator]()
    try {
      await head.next()
    } catch (e) {
      await rm(file.filePath, { force: true }).catch(() => undefined)
      throw e
    } finally {
      await head.return?.(undefined)
    }
    const h = createHash('sha256')
    for await (const chunk of createReadStream(file.filePath)) h.update(chunk as Buffer)
    const id = newId()
    const now = clock.now().toISOString()
    await db.transaction().execute(async (trx) => {
      await runs.create(trx, {
        id,
        kind: RESULT_IMPORT.kind,
        variant: null,
        fileName: file.fileName.slice(0, 200),
        filePath: file.filePath,
        fileSize: st.size,
        sha256: h.digest('hex'),
        format,
        status: 'validating',
        phase: null,
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
        mapping: null,
        message: null,
        data: JSON.stringify({ labId }),
        jobId: null,
        createdBy: ctx.actor.userId,
        unitId: ctx.actor.primaryUnitId,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
      })
      await audit.record(trx, ctx, {
        action: 'sampling.results.import.upload',
        targetType: 'import_job',
        targetId: id,
        targetLabel: file.fileName,
        after: { fileName: file.fileName, fileSize: st.size, format, labId },
      })
    })
    await importer.start(id, {
      mode: 'valid_only',
      onePass: true,
      by: ctx.actor.userId ? { userId: ctx.actor.userId, username: ctx.actor.username, displayName: ctx.actor.displayName } : null,
      unitId: ctx.actor.primaryUnitId,
    })
    const work = runner.drain()
    if (!opts.wait) {
      work.catch(() => undefined)
      return (await runs.get(id))!
    }
    await work.catch(() => undefined)
    // The server's own runner may have taken the job: wait (bounded) for the run to end.
    let run = (await runs.get(id))!
    for (let waited = 0; run.status === 'importing' && waited < WAIT_MAX_MS; waited += 250) {
      await new Promise((r) => setTimeout(r, 250))
      await runner.drain().catch(() => undefined)
      run = (await runs.get(id))!
    }
    return run
  }

  /** A run of the actor's (404 otherwise), with its counts. */
  async function get(ctx: Ctx, id: string) {
    await labOf(ctx)
    const r = await runs.visible(ctx, RESULT_IMPORT, id)
    return present(r)
  }

  /** Streams the run's error workbook (行号, 列, 值, 原因, 级别). */
  async function writeErrorReport(ctx: Ctx, id: string, out: Writable) {
    await labOf(ctx)
    const r = await runs.visible(ctx, RESULT_IMPORT, id).catch(() => undefined)
    if (!r) throw notFound('导入记录', id)
    await issues.writeReport(id, out)
  }

  function present(r: ImportRun) {
    return {
      id: r.id,
      fileName: r.fileName,
      status: r.status,
      totalRows: Number(r.totalRows),
      validRows: Number(r.validRows),
      errorRows: Number(r.errorRows),
      importedRows: Number(r.importedRows),
      message: r.message,
      jobId: r.jobId,
    }
  }

  return { start, get, present, writeErrorReport, checkedRows, writeBatch, stop: (graceMs?: number) => runner.stop(graceMs) }
}
export type SamplingResultImport = ReturnType<typeof createSamplingResultImport>
