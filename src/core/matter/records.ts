/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-redundant-type-constituents, @typescript-eslint/no-empty-object-type -- generic over the matter's table name, which Kysely's types cannot follow (ADR 0006) */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely'
import { assertCan, inScope, scopeFor, unitPathInScope, type Actor, type Ctx, type ScopeSet } from '../actor'
import type { Clock } from '../clock'
import type { Db, Dialect, Executor, Trx } from '../db/database'
import { forUpdate } from '../db/dialect'
import { offsetOf } from '../pagination'
import { nextYearlyNumber } from '../db/sequence'
import type { Database } from '../db/types'
import { AppError, conflict, forbidden, notFound, validation } from '../errors'
import { beijingDate } from '../../shared/time'
import type { Workflow } from '../../shared/kernel/workflow'
import type { AuditPort, ClockPort } from './ports'

/** The columns every matter row has. */
export interface MatterRow {
  id: string
  state: string
  version: number
  unitId: string
  updatedAt: string
}

/** Tables whose rows are matters. */
export type MatterTable = { [K in keyof Database]: Database[K] extends MatterRow ? K : never }[keyof Database] & string

/** A loaded row with the materialised path of its unit (for in-memory scope checks). */
export type Loaded<R> = R & { unitPath: string }

/** An action the actor may take on a record, for the detail response and the web's buttons. */
export interface AvailableAction {
  action: string
  label: string
  danger: boolean
  confirm: string | null
}

export interface ScopedRecordsOptions<T extends MatterTable, S extends string, A extends string> {
  db: Db
  dialect: Dialect
  clock: Clock
  /** Kysely (camelCase) table name, e.g. 'caseLead'. */
  table: T
  /** zh-CN noun for messages: “案源线索“x”不存在”. */
  label: string
  workflow: Workflow<S, A>
  /** Permission that lets an actor see the matter (404 outside its scope). */
  readPermission: string
  audit: AuditPort
  /** The statutory clock table; actions' clock effects are applied through it when given. */
  clocks?: ClockPort
  /** Yearly number (XS2026000001) assigned on create. */
  numbering?: { column: keyof Database[T] & string; prefix: string }
  /** Column holding the owner's user id, for 'self' scopes. */
  ownerColumn?: keyof Database[T] & string
  /** Human label of a row for the audit trail (its number). */
  targetLabel?: (row: Database[T]) => string
  /**
   * The module's data guards and effects of an action: runs in the transaction after the workflow
   * allowed it, may throw an AppError, returns the columns to set besides state and version.
   */
  effects?: (trx: Trx, row: Loaded<Database[T]>, action: A, input: any, eventDate: string, ctx: Ctx) => Promise<Partial<Database[T]>>
  /** The action's event date (its clock effects' date); default: today in China. */
  eventDate?: (action: A, input: any) => string | undefined
}

export interface TransitionResult<R> {
  before: R
  after: R
  from: string
  to: string
}

const ERROR_OF = { ILLEGAL_TRANSITION: (m: string) => new AppError('ILLEGAL_TRANSITION', m), FORBIDDEN: forbidden, VALIDATION: validation } as const

/**
 * What every supervised matter repeats, once: data-scope filtering (outside the actor's scope a
 * record does not exist — 404; readable but outside the scope of the action's permission — 403),
 * optimistic versions (a stale `version` — 409; every write increments it), yearly numbers through
 * the gap-free sequence, an audit record in the write's transaction, and the workflow transition
 * itself (declaration check, module effects, guarded update, clock effects, audit).
 *
 * Core knows no module: the audit trail and the clock table come in as ports.
 */
export function scopedRecords<T extends MatterTable, S extends string, A extends string>(o: ScopedRecordsOptions<T, S, A>) {
  type Row = Database[T]
  const { db, dialect, clock, table, workflow } = o
  const tb: string = table
  const col = (c: string) => `${tb}.${c}`
  const labelOf = (r: Row) => o.targetLabel?.(r) ?? (o.numbering ? String(r[o.numbering.column]) : (r as MatterRow).id)
  const stale = () => conflict(`该${o.label}已被他人修改，请刷新后重试`)

  /** Rows of the table within the scope of `permission` (default: the read permission); 403 without it. */
  function scoped(exec: Executor, ctx: Ctx, permission = o.readPermission): SelectQueryBuilder<Database, T, {}> {
    const scope = assertCan(ctx.actor, permission)
    return (exec as unknown as Kysely<any>)
      .selectFrom(tb)
      .where((eb: any) => inScope(eb, scope, ctx.actor, col('unitId'), o.ownerColumn && col(o.ownerColumn))) as any
  }

  function reaches(actor: Actor, scope: ScopeSet | undefined, row: Loaded<Row>): boolean {
    if (!scope) return false
    const r = row as unknown as MatterRow & { unitPath: string } & Record<string, unknown>
    if (unitPathInScope(scope, r.unitId, r.unitPath)) return true
    return !!(scope.self && o.ownerColumn && actor.userId && r[o.ownerColumn] === actor.userId)
  }

  /** The permissions of the workflow's actions whose scope reaches the row. */
  function permissionsOn(actor: Actor, row: Loaded<Row>): Set<string> {
    const out = new Set<string>()
    for (const a of workflow.actionList) for (const p of workflow.actions[a].permission) if (!out.has(p) && reaches(actor, scopeFor(actor, p), row)) out.add(p)
    return out
  }

  /**
   * One row in the actor's read scope (404 otherwise, as if it did not exist). With `permission`,
   * the actor must also hold it over the row (403 when it can read but not act). `lock` takes the
   * row lock for a read-modify-write in `exec`'s transaction.
   */
  async function load(exec: Executor, ctx: Ctx, id: string, opts: { permission?: string | readonly string[]; lock?: boolean } = {}): Promise<Loaded<Row>> {
    const x = exec as unknown as Kysely<any>
    if (opts.lock) await forUpdate(dialect, x.selectFrom(tb).select('id').where('id', '=', id)).execute()
    const r = (await x
      .selectFrom(tb)
      .innerJoin('orgUnit as scopeUnit', 'scopeUnit.id', col('unitId'))
      .selectAll(tb as any)
      .select('scopeUnit.path as unitPath')
      .where(col('id'), '=', id)
      .executeTakeFirst()) as Loaded<Row> | undefined
    if (!r || !reaches(ctx.actor, scopeFor(ctx.actor, o.readPermission), r)) throw notFound(o.label, id)
    if (opts.permission !== undefined) {
      const perms = typeof opts.permission === 'string' ? [opts.permission] : opts.permission
      if (!perms.some((p) => reaches(ctx.actor, scopeFor(ctx.actor, p), r))) throw forbidden(`该${o.label}不在您的处理范围内`)
    }
    return r
  }

  /** @throws CONFLICT when `version` is given and is not the row's. */
  function assertVersion(row: Row, version: number | undefined): void {
    if (version !== undefined && (row as MatterRow).version !== version) throw stale()
  }

  const strip = (r: Loaded<Row>): Row => {
    const { unitPath: _p, ...rest } = r as unknown as { unitPath: string } & Record<string, unknown>
    return rest as unknown as Row
  }

  /** Inserts a new matter in `trx`: its yearly number, version 1, the initial state unless given; audited as `audit`. */
  async function create(trx: Trx, ctx: Ctx, values: Omit<Row, 'version' | 'state'> & { state?: S }, opts: { audit: string }): Promise<Row> {
    const now = clock.now()
    const row = { ...values, state: values.state ?? workflow.initial, version: 1 } as unknown as Row
    if (o.numbering)
      (row as unknown as Record<string, unknown>)[o.numbering.column] = await nextYearlyNumber(trx, o.numbering.prefix, beijingDate(now).slice(0, 4))
    await (trx as unknown as Kysely<any>)
      .insertInto(tb)
      .values(row as any)
      .execute()
    await o.audit.record(trx, ctx, {
      action: opts.audit,
      targetType: workflow.type,
      targetId: (row as MatterRow).id,
      targetLabel: labelOf(row),
      unitId: (row as MatterRow).unitId,
      after: row,
    })
    return row
  }

  /**
   * Writes `patch` to a loaded row when its version is still the loaded one (409 otherwise),
   * increments the version and audits before/after as `audit`. The state is not changed here unless
   * the patch says so (`where state = row.state` guards it anyway).
   */
  async function update(trx: Trx, ctx: Ctx, row: Row | Loaded<Row>, patch: Partial<Row>, opts: { audit: string }): Promise<Row> {
    const cur = row as unknown as MatterRow
    const set = { ...patch, version: cur.version + 1, updatedAt: clock.now().toISOString() } as Record<string, unknown>
    const res = await (trx as unknown as Kysely<any>)
      .updateTable(tb)
      .set(set)
      .where('id', '=', cur.id)
      .where('version', '=', cur.version)
      .where('state', '=', cur.state)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) throw stale()
    const before = 'unitPath' in cur ? strip(row as Loaded<Row>) : row
    const after = { ...before, ...set } as Row
    await o.audit.record(trx, ctx, {
      action: opts.audit,
      targetType: workflow.type,
      targetId: cur.id,
      targetLabel: labelOf(before),
      unitId: cur.unitId,
      before,
      after,
    })
    return after
  }

  /**
   * Takes `action` on the matter `id`: load in scope with the row lock → version check → the
   * workflow's decision (409 illegal, 403 without the permission over the row, 400 bad input) →
   * the module's effects → guarded update (state = from, version = v) → clock effects → audit.
   * Without `version` the version check is skipped (legacy endpoints); the update is still guarded.
   */
  async function transition(ctx: Ctx, id: string, action: A, body: unknown, opts: { version?: number; trx?: Trx } = {}): Promise<TransitionResult<Row>> {
    const def = workflow.actions[action]
    if (!def) throw validation(`未知的操作：${String(action)}`)
    // Without the permission anywhere the actor learns nothing about the record.
    if (!def.permission.some((p) => scopeFor(ctx.actor, p))) throw forbidden(`您没有“${def.label}”的权限`)
    const run = async (trx: Trx): Promise<TransitionResult<Row>> => {
      const row = await load(trx, ctx, id, { lock: true })
      assertVersion(row, opts.version)
      const state = (row as unknown as MatterRow).state as S
      const d = workflow.decide(state, action, { permissions: permissionsOn(ctx.actor, row) })
      if (!d.ok) throw d.code === 'FORBIDDEN' ? forbidden(`该${o.label}不在您“${def.label}”的范围内`) : ERROR_OF[d.code](d.message)
      const parsed = workflow.parseInput(action, body)
      if (!parsed.ok) throw validation(parsed.message)
      const eventDate = o.eventDate?.(action, parsed.value) ?? beijingDate(clock.now())
      const extra = o.effects ? await o.effects(trx, row, action, parsed.value, eventDate, ctx) : {}
      const after = await update(trx, ctx, row, { ...extra, state: d.to } as unknown as Partial<Row>, { audit: def.audit })
      if (o.clocks && def.clocks?.length)
        await o.clocks.apply(trx, { type: workflow.type, id, unitId: (row as unknown as MatterRow).unitId }, def.clocks, eventDate)
      return { before: strip(row), after, from: d.from, to: d.to }
    }
    return opts.trx ? run(opts.trx) : db.transaction().execute(run)
  }

  /** The actions the actor may take on the row now (declaration × permissions over the row). */
  function actions(ctx: Ctx, row: Loaded<Row>): AvailableAction[] {
    return workflow.available((row as unknown as MatterRow).state as S, permissionsOn(ctx.actor, row)).map((a) => {
      const d = workflow.actions[a]
      return { action: a, label: d.label, danger: !!d.danger, confirm: d.confirm ?? null }
    })
  }

  return { table, workflow, scoped, load, assertVersion, create, update, transition, actions, permissionsOn }
}
/**
 * One page of a list and its total, as every matter's list answers: the rows of `b` (its filters
 * applied) ordered by `order`, the page of `q`, each row presented; the total counts the same
 * filters.
 */
export async function listPage<DB, TB extends keyof DB, O, P>(
  b: SelectQueryBuilder<DB, TB, O>,
  q: { page: number; pageSize: number },
  order: (b: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, O>,
  present: (row: O) => P,
): Promise<{ items: P[]; total: number; page: number; pageSize: number }> {
  const [rows, n] = await Promise.all([
    order(b).limit(q.pageSize).offset(offsetOf(q)).execute(),
    b
      .clearSelect()
      .select(sql<number | string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow() as Promise<{ n: number | string }>,
  ])
  return { items: rows.map(present), total: Number(n.n), page: q.page, pageSize: q.pageSize }
}

/** For legacy endpoints that answered a refused transition with CONFLICT: the same message under that code. */
export function asConflict(e: unknown): never {
  if (e instanceof AppError && e.code === 'ILLEGAL_TRANSITION') throw conflict(e.message)
  throw e
}

export type ScopedRecords<T extends MatterTable, S extends string, A extends string> = ReturnType<typeof scopedRecords<T, S, A>>
