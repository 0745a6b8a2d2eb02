import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely'
import { assertCan, inScope, type Ctx } from '../actor'
import type { Db, Executor } from '../db/database'
import { notFound } from '../errors'
import { offsetOf } from '../pagination'
import type { ImportRunTable } from './imports.tables'
import './imports.tables'

export type ImportRun = Selectable<ImportRunTable>
export type NewImportRun = Insertable<ImportRunTable>

/**
 * An import kind, declared by the module that imports (contributed to `modules/imports` as
 * `importKinds`): which history its runs belong to, who may see them and where a run's error
 * report is downloaded. The history list, the run table and the status vocabulary are the kit's.
 */
export interface ImportKindDef {
  /** The history's key (`GET /api/imports?kind=…`), e.g. `entities`. */
  kind: string
  /** zh-CN, e.g. 经营主体名录. */
  label: string
  /** zh-CN labels of the file types within the kind (`import_run.variant`), when it has several. */
  variants?: Readonly<Record<string, string>>
  /** Needed to see the kind's runs. */
  permission: string
  /** `own`: each user sees the runs they started; `scope`: also those of units in their data scope for `permission`. */
  visibility: 'own' | 'scope'
  /** Labels of states this kind names differently from RUN_STATUS_LABEL (e.g. done = 已导入). */
  statusLabels?: Readonly<Record<string, string>>
  /** The run's error-report download (.xlsx) under /api. */
  errorReportUrl(runId: string): string
}

/** The run states of the kit, with their zh-CN labels (a kind uses those it needs). */
export const RUN_STATUS_LABEL: Readonly<Record<string, string>> = {
  validating: '校验中',
  validated: '已校验，待确认',
  importing: '导入中',
  done: '已完成',
  failed: '失败',
  cancelled: '已取消（未导入）',
}

/** One entry of an import history (the shape of `GET /api/imports`). */
export interface ImportHistoryEntry {
  id: string
  kind: string
  kindLabel: string
  fileName: string
  createdByName: string | null
  createdAt: string
  finishedAt: string | null
  status: string
  statusLabel: string
  totalRows: number
  validRows: number
  errorRows: number
  warningRows: number
  importedRows: number
  errorReportUrl: string | null
}

/**
 * The one table of import runs (`import_run`): every import page's history, each run's counts and
 * state. Modules create and update their runs through it; reads for a user go through `visible`
 * (the kind's permission and visibility; anything else is 404).
 */
export function createRunStore(db: Db) {
  const num = (v: unknown) => Number(v ?? 0)

  async function create(exec: Executor, row: NewImportRun): Promise<ImportRun> {
    await exec.insertInto('importRun').values(row).execute()
    return (await get(row.id, exec))!
  }

  const get = (id: string, exec: Executor = db): Promise<ImportRun | undefined> =>
    exec.selectFrom('importRun').selectAll().where('id', '=', id).executeTakeFirst()

  /** The run of `def.kind` if the actor may see it; NOT_FOUND otherwise. */
  async function visible(ctx: Ctx, def: ImportKindDef, id: string, what = '导入记录'): Promise<ImportRun> {
    const scope = assertCan(ctx.actor, def.permission)
    const r = await db
      .selectFrom('importRun')
      .selectAll()
      .where('id', '=', id)
      .where('kind', '=', def.kind)
      .where((eb) =>
        ctx.actor.kind === 'system'
          ? sql<SqlBool>`1 = 1`
          : def.visibility === 'scope'
            ? eb.or([eb('createdBy', '=', ctx.actor.userId ?? ''), inScope(eb, scope, ctx.actor, 'import_run.unit_id')])
            : eb('createdBy', '=', ctx.actor.userId ?? ''),
      )
      .executeTakeFirst()
    if (!r) throw notFound(what, id)
    return r
  }

  /** Updates a run (and its `updated_at`). */
  async function patch(exec: Executor, id: string, p: Updateable<ImportRunTable>, at: string): Promise<void> {
    await exec
      .updateTable('importRun')
      .set({ ...p, updatedAt: at })
      .where('id', '=', id)
      .execute()
  }

  /** A kind's history for the actor, newest first, with who started each run. */
  async function history(ctx: Ctx, def: ImportKindDef, q: { page: number; pageSize: number }) {
    const scope = assertCan(ctx.actor, def.permission)
    const base = db
      .selectFrom('importRun')
      .where('importRun.kind', '=', def.kind)
      .where((eb) =>
        def.visibility === 'scope'
          ? eb.or([eb('importRun.createdBy', '=', ctx.actor.userId ?? ''), inScope(eb, scope, ctx.actor, 'import_run.unit_id')])
          : eb('importRun.createdBy', '=', ctx.actor.userId ?? ''),
      )
    const [rows, n] = await Promise.all([
      base
        .leftJoin('appUser', 'appUser.id', 'importRun.createdBy')
        .selectAll('importRun')
        .select('appUser.displayName')
        .orderBy('importRun.createdAt', 'desc')
        .orderBy('importRun.id', 'desc')
        .limit(q.pageSize)
        .offset(offsetOf(q))
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    const items: ImportHistoryEntry[] = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      kindLabel: (r.variant && def.variants?.[r.variant]) || def.label,
      fileName: r.fileName,
      createdByName: r.displayName ?? null,
      createdAt: r.createdAt,
      finishedAt: r.finishedAt,
      status: r.status,
      statusLabel: def.statusLabels?.[r.status] ?? RUN_STATUS_LABEL[r.status] ?? r.status,
      totalRows: num(r.totalRows),
      validRows: num(r.validRows),
      errorRows: num(r.errorRows),
      warningRows: num(r.warningRows),
      importedRows: num(r.importedRows),
      errorReportUrl: num(r.errorRows) + num(r.warningRows) > 0 ? def.errorReportUrl(r.id) : null,
    }))
    return { items, total: num(n.n), page: q.page, pageSize: q.pageSize }
  }

  return { create, get, visible, patch, history }
}
export type RunStore = ReturnType<typeof createRunStore>
