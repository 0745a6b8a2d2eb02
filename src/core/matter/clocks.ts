/**
 * Statutory clocks in one place: the matter_clock repository and the clock kernel that applies a
 * workflow action's clock effects (ClockEffect, src/shared/kernel/workflow.ts) and recomputes due
 * dates from the rule catalogue and the calendar engine. Core imports no module: the rule lookup
 * and the calendar arrive as functions (wired in app.ts from src/modules/rules and
 * src/modules/calendar). Pure computation is in clocks.domain.ts.
 */
import type { Insertable, Selectable } from 'kysely'
import type { Executor, Trx } from '../db/database'
import { compiledInsert } from '../db/prepared'
import type { Database } from '../db/types'
import { AppError, validation } from '../errors'
import type { ClockEffect } from '../../shared/kernel/workflow'
import {
  applyClockEffect,
  computeClockDue,
  nextDueOf,
  sameClock,
  type ClockPause,
  type ClockRule,
  type ClockState,
  type ClockUnit,
  type DeadlineFn,
} from './clocks.domain'
import type { ClockPort, MatterRef } from './ports'
import type { MatterClockTable } from './clocks.tables'
import './clocks.tables'

export type { ClockPause, ClockRule, ClockState, ClockUnit } from './clocks.domain'

type Row = Selectable<MatterClockTable>

function toState(r: Row): ClockState {
  return {
    kind: r.kind,
    ruleId: r.ruleId,
    ruleVersionId: r.ruleVersionId,
    ruleValidFrom: r.ruleValidFrom,
    referenceOn: r.referenceOn,
    unit: r.unit as ClockUnit | null,
    length: r.length === null ? null : Number(r.length),
    startOn: r.startOn,
    dueOn: r.dueOn,
    doneOn: r.doneOn,
    pauses: JSON.parse(r.pausedJson) as ClockPause[],
    extensions: Number(r.extensions),
    provisional: Number(r.provisional) === 1,
    missingYears: JSON.parse(r.missingYearsJson) as number[],
  }
}

/** The row of a clock state (without the audit instants). */
export function clockRow(matter: Pick<MatterRef, 'type' | 'id' | 'unitId'>, c: ClockState, now: string): Row {
  return {
    matterType: matter.type,
    matterId: matter.id,
    kind: c.kind,
    ruleId: c.ruleId,
    ruleVersionId: c.ruleVersionId,
    ruleValidFrom: c.ruleValidFrom,
    referenceOn: c.referenceOn,
    unit: c.unit,
    length: c.length,
    startOn: c.startOn,
    dueOn: c.dueOn,
    doneOn: c.doneOn,
    pausedJson: JSON.stringify(c.pauses),
    extensions: c.extensions,
    provisional: c.provisional ? 1 : 0,
    missingYearsJson: JSON.stringify(c.missingYears),
    unitId: matter.unitId,
    createdAt: now,
    updatedAt: now,
  }
}

/** An open clock past its due date. */
export interface OverdueClock {
  matterType: string
  matterId: string
  kind: string
  dueOn: string
  unitId: string | null
}

/**
 * One matter_clock row, compiled once per column set (core/db/prepared.ts). New matters write their
 * first clocks on every intake; a module may send them with the matter's own row (`insertTogether`).
 */
export const insertClockRow = compiledInsert<Database>('matterClock')

/** Every query on matter_clock. */
export function createClockRepo() {
  const insertRow = insertClockRow
  const chunked = async <T>(rows: T[], size: number, fn: (c: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size))
  }
  const repo = {
    /** Every clock of a matter, by start date then kind. */
    async list(exec: Executor, type: string, id: string): Promise<ClockState[]> {
      const rows = await exec
        .selectFrom('matterClock')
        .selectAll()
        .where('matterType', '=', type)
        .where('matterId', '=', id)
        .orderBy('startOn')
        .orderBy('kind')
        .execute()
      return rows.map(toState)
    },
    /** The clocks of a matter not yet done. */
    async listOpen(exec: Executor, type: string, id: string): Promise<ClockState[]> {
      return (await repo.list(exec, type, id)).filter((c) => !c.doneOn)
    },
    /** The next due date and its clock kind (the owning row's projection); null when nothing is open. */
    async nextDue(exec: Executor, type: string, id: string): Promise<{ dueOn: string; kind: string } | null> {
      return nextDueOf(await repo.listOpen(exec, type, id))
    },
    /**
     * Open clocks of a matter type due before `day` (overdue on `day`), through the open-clock index,
     * earliest first. `limit` bounds a page.
     */
    async overdue(exec: Executor, type: string, day: string, opts: { limit?: number } = {}): Promise<OverdueClock[]> {
      let q = exec
        .selectFrom('matterClock')
        .select(['matterType', 'matterId', 'kind', 'dueOn', 'unitId'])
        .where('matterType', '=', type)
        .where('doneOn', 'is', null)
        .where('dueOn', '<', day)
        .orderBy('dueOn')
        .orderBy('matterId')
      if (opts.limit) q = q.limit(opts.limit)
      return (await q.execute()) as OverdueClock[]
    },
    /** Inserts or replaces the given clocks of a matter (others are left as they are). */
    async upsert(exec: Executor, matter: Pick<MatterRef, 'type' | 'id' | 'unitId'>, clocks: readonly ClockState[], now: string): Promise<void> {
      for (const c of clocks) {
        const row = clockRow(matter, c, now)
        const { createdAt: _c, matterType: _t, matterId: _i, kind: _k, ...set } = row
        await exec
          .insertInto('matterClock')
          .values(row)
          .onConflict((oc) => oc.columns(['matterType', 'matterId', 'kind']).doUpdateSet(set))
          .execute()
      }
    },
    /**
     * Makes the stored clocks of a matter exactly `clocks`: changed ones are rewritten, missing ones
     * inserted, others deleted. Returns whether anything was written.
     */
    async replace(
      exec: Executor,
      matter: Pick<MatterRef, 'type' | 'id' | 'unitId'>,
      clocks: readonly ClockState[],
      now: string,
      existing?: readonly ClockState[],
    ): Promise<boolean> {
      const have = new Map((existing ?? (await repo.list(exec, matter.type, matter.id))).map((c) => [c.kind, c]))
      const changed = clocks.filter((c) => {
        const h = have.get(c.kind)
        return !h || !sameClock(h, c)
      })
      const gone = [...have.keys()].filter((k) => !clocks.some((c) => c.kind === k))
      if (gone.length)
        await exec.deleteFrom('matterClock').where('matterType', '=', matter.type).where('matterId', '=', matter.id).where('kind', 'in', gone).execute()
      if (changed.length) await repo.upsert(exec, matter, changed, now)
      return gone.length + changed.length > 0
    },
    /** Bulk insert of new clock rows (history loads): multi-row INSERTs within both engines' parameter limits. */
    async insertMany(exec: Executor, rows: ReadonlyArray<Insertable<MatterClockTable>>): Promise<void> {
      if (rows.length <= 2) {
        for (const r of rows) await insertRow(exec, r)
        return
      }
      await chunked([...rows], 1000, (c) => exec.insertInto('matterClock').values(c).execute())
    },
    /** Removes every clock of a matter. */
    async removeAll(exec: Executor, type: string, id: string): Promise<void> {
      await exec.deleteFrom('matterClock').where('matterType', '=', type).where('matterId', '=', id).execute()
    },
  }
  return repo
}
export type ClockRepo = ReturnType<typeof createClockRepo>

/** How a matter type's clock kind is timed: a rule of the catalogue, or a local setting. */
export interface ClockDefinition {
  label?: string
  /** Rule id in the catalogue; null for a local setting (then `unit` and `length` are required). */
  rule: string | null
  unit?: ClockUnit
  length?: number
}

/** The rule catalogue and the calendar as loaded at one moment: pure lookups, safe inside a transaction. */
export interface ClockEnv {
  /** The version of `ruleId` in force on `onDate`, or undefined (`selectRuleInForce`). */
  rule(ruleId: string, onDate: string): ClockRule | undefined
  /** `computeDeadline` bound to the calendar in force. */
  deadline: DeadlineFn
}

export interface ClockKernelDeps {
  /**
   * Loads the rule catalogue and the calendar (through their caches). Called outside transactions
   * when possible (`prepare`): an in-memory SQLite database has one connection, held by the open
   * transaction.
   */
  env(): Promise<ClockEnv>
  /** Today's legal date in China (for open pauses). */
  today(): string
  /** Clock definitions per matter type (a workflow's `clocks`); more may be registered later. */
  definitions?: Readonly<Record<string, Readonly<Record<string, ClockDefinition>>>>
}

/**
 * The clock kernel: a ClockPort (`apply`) plus the reads other code needs. One instance per
 * process (services.clocks).
 */
export function createClockKernel(deps: ClockKernelDeps) {
  const repo = createClockRepo()
  const defs = new Map<string, Readonly<Record<string, ClockDefinition>>>(Object.entries(deps.definitions ?? {}))

  let envCache: { at: number; env: ClockEnv } | null = null
  /** The rule catalogue and calendar, reloaded at most every 5 s. */
  async function env(): Promise<ClockEnv> {
    if (!envCache || Date.now() - envCache.at > 5_000) envCache = { at: Date.now(), env: await deps.env() }
    return envCache.env
  }

  function definition(type: string, kind: string): ClockDefinition {
    const d = defs.get(type)?.[kind]
    if (!d) throw new AppError('INTERNAL', `事项类型“${type}”没有声明期限“${kind}”`)
    return d
  }
  /** The rule a clock runs under: the catalogue version in force on the reference date, or the local setting. */
  function ruleFor(e: ClockEnv, type: string, kind: string, referenceOn: string): ClockRule {
    const d = definition(type, kind)
    if (d.rule === null) {
      if (!d.unit || !d.length) throw new AppError('INTERNAL', `期限“${kind}”未设定长度`)
      return { ruleId: null, id: null, validFrom: null, unit: d.unit, length: d.length, extension: null }
    }
    const r = e.rule(d.rule, referenceOn)
    if (!r) throw validation(`期限规则“${d.rule}”在 ${referenceOn} 没有有效版本，无法计算期限`)
    return r
  }

  const kernel = {
    ...repo,
    /** Declares (or replaces) the clocks of a matter type, e.g. from its workflow's `clocks`. */
    register(type: string, clocks: Readonly<Record<string, ClockDefinition>>) {
      defs.set(type, clocks)
    },
    /**
     * Applies clock effects in order on `eventDate`, recomputing the due date of each clock touched
     * from its rule version (chosen by the matter's reference date) and the calendar.
     */
    /** Loads the catalogue and calendar ahead of a transaction (see ClockKernelDeps.env). */
    async prepare(): Promise<void> {
      await env()
    },
    async apply(trx: Trx, matter: MatterRef, effects: readonly ClockEffect[], eventDate: string): Promise<void> {
      if (effects.length === 0) return
      const e0 = await env()
      const existing = await repo.list(trx, matter.type, matter.id)
      const current = new Map(existing.map((c) => [c.kind, c]))
      const touched = new Set<string>()
      const rules = new Map<string, ClockRule>()
      for (const e of effects) {
        const before = current.get(e.clock)
        const referenceOn = before?.referenceOn ?? matter.referenceDate ?? eventDate
        let rule: ClockRule | undefined
        if (e.op === 'start' ? !before : e.op === 'extend') {
          rule = rules.get(e.clock) ?? ruleFor(e0, matter.type, e.clock, referenceOn)
          rules.set(e.clock, rule)
        }
        const after = applyClockEffect(before, e, eventDate, rule, referenceOn)
        if (after && after !== before) {
          current.set(e.clock, after)
          touched.add(e.clock)
        }
      }
      if (touched.size === 0) return
      const today = deps.today()
      const out: ClockState[] = []
      for (const kind of touched) {
        const c = current.get(kind)!
        const rule = rules.get(kind) ?? ruleFor(e0, matter.type, kind, c.referenceOn ?? c.startOn)
        out.push(computeClockDue(c, rule, e0.deadline, today))
      }
      if (out.length) await repo.upsert(trx, matter, out, new Date().toISOString())
    },
    /** Recomputes the open clocks of a matter as of today (an open pause keeps moving the due date). */
    async refresh(trx: Trx, matter: MatterRef): Promise<ClockState[]> {
      const open = await repo.listOpen(trx, matter.type, matter.id)
      const today = deps.today()
      const e0 = await env()
      const out: ClockState[] = []
      for (const c of open) {
        const rule = ruleFor(e0, matter.type, c.kind, c.referenceOn ?? c.startOn)
        out.push(computeClockDue(c, rule, e0.deadline, today))
      }
      await repo.replace(trx, matter, [...(await repo.list(trx, matter.type, matter.id)).filter((c) => c.doneOn), ...out], new Date().toISOString())
      return out
    },
  }
  return kernel
}
export type ClockKernel = ReturnType<typeof createClockKernel>
/** The kernel is a ClockPort. */
export const asClockPort = (k: ClockKernel): ClockPort => k

/** A matter's clocks as a detail page shows them, labelled by its workflow's clock declarations. */
export function clockViews(workflow: { clocks?: Readonly<Record<string, { label: string }>> }, rows: readonly ClockState[]) {
  return rows.map((c) => ({
    kind: c.kind,
    label: workflow.clocks?.[c.kind]?.label ?? c.kind,
    startOn: c.startOn,
    dueOn: c.dueOn,
    doneOn: c.doneOn,
    ruleId: c.ruleId,
  }))
}
