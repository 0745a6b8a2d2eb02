/**
 * The 12315 clocks on the clock table (matter_clock, src/core/matter/clocks.ts).
 *
 * The clocks of an item follow from its facts (receipt, decisions, pauses, extensions) by
 * `computeClocks` (complaints.domain.ts): every write that changes those facts calls `refresh`,
 * which stores one matter_clock row per clock (rule version in force on the receipt date, start,
 * due, done, paused intervals, extensions, provisional years) and the item's projection
 * (`next_due_on`, `next_due_kind`, `clock_provisional`) for queues, escalation and statistics.
 * Once the item is final its open clocks are stored as done on the closing date: a closed matter
 * has no running clock. The seven `*_due_on` columns of complaint_item were backfilled into the
 * clock table (migration 20261207020100) and dropped (20261208040000).
 */
import type { Insertable } from 'kysely'
import { chinaDate } from '../../core/clock'
import type { Executor, Trx } from '../../core/db/database'
import { clockRow, createClockRepo, type ClockState } from '../../core/matter/clocks'
import type { MatterClockTable } from '../../core/matter/clocks.tables'
import type { Clock as TimeSource } from '../../core/clock'
import { selectRuleInForce, type RuleVersion } from '../rules'
import {
  CLOCK_STATUS_LABEL,
  computeClocks,
  FINAL_STATES,
  nextDue,
  type Clock,
  type ClockFacts,
  type ClockKind,
  type ClockSettings,
  type ItemType,
  type State,
} from './complaints.domain'
import type { ComplaintsRepo, ItemInsert, ItemRow } from './complaints.repo'
import type { ClockEnv } from './complaints.settings'

/** The matter type of 12315 items in matter_clock. */
export const COMPLAINT_MATTER = 'complaint'

type Projection = Pick<ItemInsert, 'nextDueOn' | 'nextDueKind' | 'clockProvisional'>
type PauseRow = { clock: string; fromOn: string; toOn: string | null; reason: string }

const isFinal = (state: string) => (FINAL_STATES as readonly string[]).includes(state)

/**
 * The matter_clock states of an item's computed clocks: rule version by the receipt date, the
 * mediation pauses, the verification extensions; open clocks of a final item done on its closing date.
 */
export function clockStates(
  clocks: readonly Clock[],
  item: Pick<ItemRow, 'receivedOn' | 'state' | 'closedOn' | 'verifyExtensions'>,
  rules: readonly RuleVersion[],
  pauses: readonly PauseRow[],
  settings: Pick<ClockSettings, 'consultationAnswerWd'>,
  today: string,
): ClockState[] {
  const final = isFinal(item.state)
  return clocks.map((c) => {
    const rule = c.ruleId ? selectRuleInForce(rules, c.ruleId, item.receivedOn) : undefined
    return {
      kind: c.kind,
      ruleId: c.ruleId,
      ruleVersionId: rule?.id ?? null,
      ruleValidFrom: rule?.validFrom ?? null,
      referenceOn: item.receivedOn,
      unit: rule?.unit ?? 'WD',
      length: rule?.length ?? (c.kind === 'answer' ? settings.consultationAnswerWd : null),
      startOn: c.startOn,
      dueOn: c.dueOn,
      doneOn: c.doneOn ?? (final ? (item.closedOn ?? today) : null),
      pauses: pauses.filter((p) => p.clock === c.kind).map((p) => ({ from: p.fromOn, to: p.toOn, reason: p.reason })),
      extensions: c.kind === 'verify' ? Number(item.verifyExtensions) : 0,
      provisional: c.provisional,
      missingYears: [...c.missingYears],
    }
  })
}

/** The item's projection: the earliest open clock (none once final) and whether an open clock is provisional. */
export function clockProjection(clocks: readonly Clock[], item: Pick<ItemRow, 'state'>): Projection {
  const next = isFinal(item.state) ? null : nextDue(clocks)
  return { nextDueOn: next?.dueOn ?? null, nextDueKind: next?.kind ?? null, clockProvisional: clocks.some((c) => c.provisional && !c.doneOn) ? 1 : 0 }
}

/** The clock facts of an item just received (nothing decided, no pauses). */
export const newItemFacts = (type: ItemType, receivedOn: string, anonymous: boolean): ClockFacts => ({
  type,
  state: 'received',
  anonymous,
  receivedOn,
  acceptDecidedOn: null,
  concludedOn: null,
  terminatedOn: null,
  terminationNotifiedOn: null,
  verifyExtensions: 0,
  filingDecidedOn: null,
  reporterNotifiedOn: null,
  answeredOn: null,
  disputeOpenedOn: null,
  disputeResolvedOn: null,
  closedOn: null,
  pauses: [],
})

/**
 * The due-date fields a bulk-loaded item may carry (history loads, benchmarks, fixtures): not
 * columns (dropped by migration 20261208040000), they become the item's matter_clock rows.
 */
const LEGACY_DUE: Array<[ClockKind, string]> = [
  ['accept', 'acceptDueOn'],
  ['mediation', 'mediationDueOn'],
  ['termination_notice', 'terminationNoticeDueOn'],
  ['verify', 'verifyDueOn'],
  ['reporter_notice', 'reporterNotifyDueOn'],
  ['answer', 'answerDueOn'],
  ['dispute', 'disputeDueOn'],
]
/** Names of the due-date fields of a bulk item (see {@link BulkDueDates}). */
export const LEGACY_DUE_FIELDS: readonly string[] = LEGACY_DUE.map(([, f]) => f)
/** The clock due dates a bulk item may carry, by the names of the columns they replaced. */
export interface BulkDueDates {
  acceptDueOn?: string | null
  mediationDueOn?: string | null
  terminationNoticeDueOn?: string | null
  verifyDueOn?: string | null
  reporterNotifyDueOn?: string | null
  answerDueOn?: string | null
  disputeDueOn?: string | null
}
/** The item row of a bulk item without its due dates (those are clock rows, not columns). */
export function withoutDueDates<T extends object>(item: T): Omit<T, keyof BulkDueDates> {
  const row = { ...item } as Record<string, unknown>
  for (const f of LEGACY_DUE_FIELDS) delete row[f]
  return row as Omit<T, keyof BulkDueDates>
}
const LEGACY_RULE: Partial<Record<ClockKind, string>> = {
  accept: 'complaint.accept',
  mediation: 'complaint.mediation',
  termination_notice: 'complaint.termination_notice',
  verify: 'report.verify',
  reporter_notice: 'report.notify_filing',
  dispute: 'jurisdiction.dispute',
}

/**
 * Clock rows of a bulk-loaded item from stored due dates (`acceptDueOn` …): start and done dates
 * as `computeClocks` takes them from the facts, open clocks of a final item done on its closing
 * date; the same derivation as the backfill migration. The rule version is filled in by
 * `fillRuleVersions`.
 */
export function legacyClockRows(item: Record<string, unknown>, now: string): Array<Insertable<MatterClockTable>> {
  const s = (k: string) => (item[k] ?? null) as string | null
  const state = s('state') ?? 'received'
  const receivedOn = s('receivedOn')!
  const closedFinal = state === 'closed' || state === 'merged' ? s('closedOn') : null
  const mergedClosed = state === 'merged' ? s('closedOn') : null
  const start: Record<ClockKind, string | null> = {
    accept: receivedOn,
    mediation: s('acceptDecidedOn'),
    termination_notice: s('terminatedOn'),
    verify: receivedOn,
    reporter_notice: s('filingDecidedOn'),
    answer: receivedOn,
    dispute: s('disputeOpenedOn'),
  }
  const done: Record<ClockKind, string | null> = {
    accept: s('acceptDecidedOn') ?? mergedClosed,
    mediation: s('concludedOn') ?? s('terminatedOn'),
    termination_notice: s('terminationNotifiedOn'),
    verify: s('filingDecidedOn') ?? closedFinal,
    reporter_notice: s('reporterNotifiedOn'),
    answer: s('answeredOn') ?? mergedClosed,
    dispute: state === 'disputed' ? null : (s('disputeResolvedOn') ?? s('closedOn') ?? s('disputeOpenedOn')),
  }
  const out: Array<Insertable<MatterClockTable>> = []
  for (const [kind, field] of LEGACY_DUE) {
    const dueOn = s(field)
    if (!dueOn) continue
    const doneOn = done[kind] ?? closedFinal
    out.push({
      matterType: COMPLAINT_MATTER,
      matterId: item.id as string,
      kind,
      ruleId: LEGACY_RULE[kind] ?? null,
      ruleVersionId: null,
      ruleValidFrom: null,
      referenceOn: receivedOn,
      unit: 'WD',
      length: null,
      startOn: start[kind] ?? receivedOn,
      dueOn,
      doneOn,
      pausedJson: '[]',
      extensions: kind === 'verify' ? Number(item.verifyExtensions ?? 0) : 0,
      provisional: doneOn ? 0 : Number(item.clockProvisional ?? 0),
      missingYearsJson: '[]',
      unitId: (item.handlingUnitId as string | undefined) ?? null,
      createdAt: now,
      updatedAt: now,
    })
  }
  return out
}

/**
 * Bulk clock rows get the rule version in force on their reference date, its unit and length. The
 * catalogue is read once (a few dozen rows) when not given.
 */
export async function fillRuleVersions(exec: Executor, rows: Array<Insertable<MatterClockTable>>, rules?: readonly RuleVersion[]): Promise<void> {
  if (!rows.some((r) => r.ruleId)) return
  applyRuleVersions(
    rows,
    rules ??
      ((await exec
        .selectFrom('deadlineRule')
        .select(['id', 'ruleId', 'version', 'validFrom', 'validTo', 'unit', 'length'])
        .execute()) as unknown as RuleVersion[]),
  )
}
/** {@link fillRuleVersions} with the catalogue at hand. */
export function applyRuleVersions(rows: Array<Insertable<MatterClockTable>>, versions: readonly RuleVersion[]): void {
  for (const r of rows) {
    if (!r.ruleId || !r.referenceOn) continue
    const v = selectRuleInForce(versions, r.ruleId, r.referenceOn)
    if (!v) continue
    r.ruleVersionId = v.id
    r.ruleValidFrom = v.validFrom
    r.unit = v.unit
    r.length = Number(v.length)
  }
}

/** A clock as the API shows it: with its status in words. */
export const presentClock = (c: Clock) => ({ ...c, statusLabel: CLOCK_STATUS_LABEL[c.status] })

/** The 12315 clock use cases over the clock table. */
export function createComplaintClocks({
  repo,
  clock,
  clockSettings,
}: {
  repo: ComplaintsRepo
  clock: TimeSource
  clockSettings: (s: ClockEnv['settings']) => ClockSettings
}) {
  const clocks = createClockRepo()
  const today = () => chinaDate(clock.now())

  /** Every clock that has started for the item, computed from its facts as of today. */
  async function clocksOf(exec: Executor, item: ItemRow, env: ClockEnv): Promise<Clock[]> {
    const pauses = await repo.pausesOf(exec, item.id)
    return computeClocks(
      { ...item, type: item.type as ItemType, state: item.state as State, anonymous: item.anonymous === 1, pauses },
      env.rules,
      env.cal,
      today(),
      clockSettings(env.settings),
    )
  }

  /**
   * Stores the item's clocks in matter_clock and its projection on the row; returns the projection.
   * Only changed clock rows are written.
   */
  async function store(trx: Trx, item: ItemRow, computed: readonly Clock[], env: ClockEnv): Promise<Projection> {
    const pauses = computed.some((c) => c.kind === 'mediation') ? await repo.pausesOf(trx, item.id) : []
    const states = clockStates(computed, item, env.rules, pauses, env.settings, today())
    const matter = { type: COMPLAINT_MATTER, id: item.id, unitId: item.handlingUnitId }
    const existing = await clocks.list(trx, COMPLAINT_MATTER, item.id)
    const now = clock.now().toISOString()
    await clocks.replace(trx, matter, states, now, existing)
    // The unit of the rows follows the item (dispatch, return): a data-scope column, not a clock value.
    await trx
      .updateTable('matterClock')
      .set({ unitId: item.handlingUnitId })
      .where('matterType', '=', COMPLAINT_MATTER)
      .where('matterId', '=', item.id)
      .where((eb) => eb.or([eb('unitId', 'is', null), eb('unitId', '!=', item.handlingUnitId)]))
      .execute()
    const projection = clockProjection(computed, item)
    if (projection.nextDueOn !== item.nextDueOn || projection.nextDueKind !== item.nextDueKind || projection.clockProvisional !== item.clockProvisional) {
      await trx.updateTable('complaintItem').set(projection).where('id', '=', item.id).execute()
    }
    return projection
  }

  /** Recomputes and stores the item's clocks after a change of its facts. */
  async function refresh(trx: Trx, id: string, env: ClockEnv): Promise<Projection | null> {
    const item = await repo.findById(trx, id)
    if (!item) return null
    return store(trx, item, await clocksOf(trx, item, env), env)
  }

  // Every item received on a day, of a type, gets the same clocks (until the calendar, the rules or
  // the settings change): computed once per day and type rather than on every intake.
  let newClocks: {
    env: Pick<ClockEnv, 'cal' | 'rules' | 'settings'>
    today: string
    byKey: Map<string, { projection: Projection; states: ClockState[] }>
  } | null = null
  /** The projection and clock rows of a new item (no pauses, nothing decided). */
  function forNewItem(type: ItemType, receivedOn: string, anonymous: boolean, env: ClockEnv) {
    const t = today()
    if (
      !newClocks ||
      newClocks.env.cal !== env.cal ||
      newClocks.env.rules !== env.rules ||
      newClocks.env.settings !== env.settings ||
      newClocks.today !== t ||
      newClocks.byKey.size > 1000
    ) {
      newClocks = { env: { cal: env.cal, rules: env.rules, settings: env.settings }, today: t, byKey: new Map() }
    }
    const key = `${type}|${receivedOn}|${anonymous ? 1 : 0}`
    let hit = newClocks.byKey.get(key)
    if (!hit) {
      const computed = computeClocks(newItemFacts(type, receivedOn, anonymous), env.rules, env.cal, t, clockSettings(env.settings))
      const item = { receivedOn, state: 'received', closedOn: null, verifyExtensions: 0 }
      hit = { projection: clockProjection(computed, item), states: clockStates(computed, item, env.rules, [], env.settings, t) }
      newClocks.byKey.set(key, hit)
    }
    return hit
  }
  /** The matter_clock rows of a new item (written with its row: repo.insertNewItem). */
  function newRows(item: Pick<ItemRow, 'id' | 'handlingUnitId'>, states: readonly ClockState[], now: string): Array<Insertable<MatterClockTable>> {
    return states.map((c) => clockRow({ type: COMPLAINT_MATTER, id: item.id, unitId: item.handlingUnitId }, c, now))
  }

  /** Ids of items with an open clock due before `day`, through the open-clock index. */
  async function overdueItemIds(exec: Executor, day: string): Promise<string[]> {
    return [...new Set((await clocks.overdue(exec, COMPLAINT_MATTER, day)).map((c) => c.matterId))].sort()
  }

  /** The stored clocks of an item (rows of matter_clock). */
  const stored = (exec: Executor, id: string) => clocks.list(exec, COMPLAINT_MATTER, id)

  return { clocksOf, store, refresh, forNewItem, newRows, overdueItemIds, stored }
}
export type ComplaintClocks = ReturnType<typeof createComplaintClocks>
