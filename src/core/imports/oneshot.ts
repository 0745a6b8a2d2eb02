import { createHash } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import type { Ctx } from '../actor'
import type { Clock } from '../clock'
import type { Db, Trx } from '../db/database'
import { newId } from '../ids'
import { rowsWith, type RowIssue } from './issues'
import { assertCommittable, checkAll, type CommitMode, type RowCheck, type TableSpec } from './rows'
import { createRunStore, type ImportKindDef } from './runs'
import { detectFileFormat, readRows } from './source'
import { createIssueStore } from './store'

/**
 * A bounded file imported in one request (the kit's short path, beside the resumable job for big
 * files): read and check every row, then — in ONE transaction — the module's commit of the good rows,
 * the finished `import_run` and its issues. With mode `all` nothing is written when a row has an
 * error (the run is still recorded, failed, with its error report); with `valid_only` the good rows
 * are. The uploaded file is removed afterwards whatever happened.
 */
export interface OneRequestImport<K extends string, T> {
  def: ImportKindDef
  /** The table; `maxRows` is required here (the whole file is held). */
  spec: TableSpec<K> & { maxRows: number }
  /**
   * Writes the good rows in the run's transaction; may return issues found only now (e.g. a row
   * outside the caller's scope), reported with the file's. Audit the import here.
   */
  commit(
    trx: Trx,
    rows: Array<{ rowNo: number; value: T }>,
    run: { id: string; fileName: string },
  ): Promise<{ inserted: number; updated: number; issues?: RowIssue[] }>
}

export interface OneRequestSummary {
  id: string
  fileName: string
  status: 'done' | 'failed'
  totalRows: number
  validRows: number
  errorRows: number
  warningRows: number
  insertedRows: number
  updatedRows: number
  /** The first errors (all of them are in the run's error report). */
  errors: Array<{ rowNo: number; column: string; value: string | null; message: string }>
  message: string | null
}

const SHOWN_ERRORS = 100

export function createOneRequestImports(deps: { db: Db; clock: Clock }) {
  const runs = createRunStore(deps.db)
  const issues = createIssueStore(deps.db)

  async function run<K extends string, T>(
    ctx: Ctx,
    imp: OneRequestImport<K, T>,
    check: RowCheck<K, T>,
    file: { path: string; fileName: string },
    opts: { mode: CommitMode; unitId: string | null; variant?: string },
  ): Promise<OneRequestSummary> {
    try {
      const format = await detectFileFormat(file.path, file.fileName)
      const bytes = await readFile(file.path)
      const { good, issues: found, total } = await checkAll(readRows(file.path, format), imp.spec, check)
      const errorRows = rowsWith(found, 'error')
      const refusal = (() => {
        try {
          assertCommittable(opts.mode, { validRows: good.length, errorRows })
          return null
        } catch (e) {
          return e instanceof Error ? e.message : String(e)
        }
      })()
      return await deps.db.transaction().execute(async (trx) => {
        const id = newId()
        const now = deps.clock.now().toISOString()
        const written = refusal ? { inserted: 0, updated: 0, issues: [] } : await imp.commit(trx, good, { id, fileName: file.fileName })
        const all = [...found, ...(written.issues ?? [])]
        const bad = rowsWith(all, 'error')
        await runs.create(trx, {
          id,
          kind: imp.def.kind,
          variant: opts.variant ?? null,
          fileName: file.fileName,
          fileSize: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          format,
          status: refusal ? 'failed' : 'done',
          mode: opts.mode,
          totalRows: total,
          validRows: total - bad,
          errorRows: bad,
          warningRows: rowsWith(all, 'warning'),
          processedRows: total,
          insertedRows: written.inserted,
          updatedRows: written.updated,
          importedRows: written.inserted + written.updated,
          message: refusal,
          createdBy: ctx.actor.userId,
          unitId: opts.unitId,
          createdAt: now,
          updatedAt: now,
          finishedAt: now,
        })
        await issues.add(trx, id, all)
        return {
          id,
          fileName: file.fileName,
          status: refusal ? ('failed' as const) : ('done' as const),
          totalRows: total,
          validRows: total - bad,
          errorRows: bad,
          warningRows: rowsWith(all, 'warning'),
          insertedRows: written.inserted,
          updatedRows: written.updated,
          errors: all
            .filter((i) => i.severity === 'error')
            .slice(0, SHOWN_ERRORS)
            .map((i) => ({ rowNo: i.rowNo, column: i.column, value: i.value, message: i.message })),
          message: refusal,
        }
      })
    } finally {
      await rm(file.path, { force: true }).catch(() => undefined)
    }
  }

  return { run }
}
export type OneRequestImports = ReturnType<typeof createOneRequestImports>
