/**
 * Statutory clocks of supervised matters (法定期限), the pure half: what a clock effect does to a
 * clock, and its due date from the rule version it runs under and the calendar engine. No IO: the
 * calendar arrives as a function (`computeDeadline` of src/modules/calendar over loaded data), the
 * rule as a plain value, so core knows no module.
 *
 * A clock is one row of matter_clock (src/core/matter/clocks.ts):
 * - it starts on an event date, which is not counted;
 * - it runs under the rule version in force on the matter's reference date (12315: the receipt
 *   date, so an item received before 2026-04-15 keeps Order 20 whatever the date of the later event);
 * - pauses (期限中止) are intervals of calendar dates, both ends paused; a pause taken on day P
 *   pauses from P, a resume on day R ends the pause on R − 1 (never before its first day);
 * - each approved extension adds the rule's extension once;
 * - it is done on the date its duty is fulfilled; a stop closes an open pause first.
 */
import { AppError, validation } from '../errors'
import type { ClockEffect } from '../../shared/kernel/workflow'

export type ClockUnit = 'WD' | 'CD' | 'M' | 'Y'

/** A paused interval: both ends are paused days; `to` null = still paused. */
export interface ClockPause {
  from: string
  to: string | null
  reason: string
}

/** The rule a clock runs under: a structural subset of the catalogue's RuleVersion. */
export interface ClockRule {
  /** Rule id in the catalogue; null for a local setting (e.g. the 12315 consultation target). */
  ruleId: string | null
  /** Version id in the catalogue (`complaint.accept@v2`); null for a local setting. */
  id: string | null
  /** First day the version applies to; null for a local setting. */
  validFrom: string | null
  unit: ClockUnit
  length: number
  /** One approved extension; null when the rule allows none. */
  extension: { length: number; unit: ClockUnit } | null
}

/** One clock of a matter, as stored. */
export interface ClockState {
  kind: string
  ruleId: string | null
  ruleVersionId: string | null
  ruleValidFrom: string | null
  /** The date the rule version was chosen by (the matter's reference date, else the start date). */
  referenceOn: string | null
  unit: ClockUnit | null
  length: number | null
  startOn: string
  /** After extensions and pauses; an open pause counts up to the date of the computation. */
  dueOn: string | null
  doneOn: string | null
  pauses: ClockPause[]
  extensions: number
  /** The due date touches a year without an official holiday schedule (weekends only assumed). */
  provisional: boolean
  missingYears: number[]
}

/** What the calendar engine is asked (the shape of calendar's DeadlineInput). */
export interface DeadlineQuery {
  start: string
  length: number
  unit: ClockUnit
  pauses?: ClockPause[]
  extensions?: Array<{ length: number; unit: 'WD' | 'CD' }>
  asOf?: string
}

/** What it answers (a subset of calendar's DeadlineResult). */
export interface DeadlineAnswer {
  date: string
  provisional: boolean
  missingYears: number[]
  pausedDays?: number
  pauseOpen?: boolean
}

export type DeadlineFn = (q: DeadlineQuery) => DeadlineAnswer

const DAY_MS = 86_400_000

/** The calendar day before `date` (YYYY-MM-DD). */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10)
}

/** A new clock started on `eventDate` under `rule` (due date not yet computed). */
export function newClock(kind: string, rule: ClockRule, eventDate: string, referenceOn: string | null): ClockState {
  return {
    kind,
    ruleId: rule.ruleId,
    ruleVersionId: rule.id,
    ruleValidFrom: rule.validFrom,
    referenceOn,
    unit: rule.unit,
    length: rule.length,
    startOn: eventDate,
    dueOn: null,
    doneOn: null,
    pauses: [],
    extensions: 0,
    provisional: false,
    missingYears: [],
  }
}

/** The open pause of a clock, if any. */
export function openPause(c: ClockState): ClockPause | undefined {
  return c.pauses.find((p) => p.to === null)
}

function closePauses(pauses: readonly ClockPause[], eventDate: string): ClockPause[] {
  return pauses.map((p) => {
    if (p.to !== null) return p
    const last = dayBefore(eventDate)
    return { ...p, to: last < p.from ? p.from : last }
  })
}

/**
 * The clock after one effect on `eventDate`. `rule` is needed to start a clock (and to extend one:
 * the rule must allow an extension). Idempotent where the law allows: starting a started clock,
 * stopping a done one, pausing a paused one and resuming a running one change nothing. Returns
 * undefined when there is no clock and the effect does not start one.
 * @throws AppError VALIDATION (zh-CN) for a pause, resume or extension of a clock that has not
 *   started or is done, an extension the rule does not allow, or an event before the clock's start
 */
export function applyClockEffect(
  c: ClockState | undefined,
  effect: ClockEffect,
  eventDate: string,
  rule?: ClockRule | null,
  referenceOn?: string | null,
): ClockState | undefined {
  if (effect.op === 'start') {
    if (c) return c
    if (!rule) throw new AppError('INTERNAL', `期限“${effect.clock}”没有适用的规则，无法起算`)
    return newClock(effect.clock, rule, eventDate, referenceOn ?? null)
  }
  if (!c) {
    if (effect.op === 'stop') return undefined
    throw validation(`期限“${effect.clock}”尚未起算，不能${effect.op === 'pause' ? '中止' : effect.op === 'resume' ? '恢复' : '延长'}`)
  }
  if (eventDate < c.startOn) throw validation(`日期 ${eventDate} 早于期限“${c.kind}”的起算日 ${c.startOn}`)
  if (c.doneOn) {
    if (effect.op === 'stop') return c
    throw validation(`期限“${c.kind}”已于 ${c.doneOn} 完成，不能${effect.op === 'pause' ? '中止' : effect.op === 'resume' ? '恢复' : '延长'}`)
  }
  switch (effect.op) {
    case 'stop':
      return { ...c, doneOn: eventDate, pauses: closePauses(c.pauses, eventDate) }
    case 'pause':
      if (openPause(c)) return c
      return { ...c, pauses: [...c.pauses, { from: eventDate, to: null, reason: effect.reason ?? '' }] }
    case 'resume':
      if (!openPause(c)) return c
      return { ...c, pauses: closePauses(c.pauses, eventDate) }
    case 'extend':
      if (!rule?.extension) throw validation(`期限“${c.kind}”适用的规则不允许延长`)
      return { ...c, extensions: c.extensions + 1 }
  }
}

/**
 * The clock with its due date computed under `rule` by the calendar engine: extensions (each the
 * rule's extension), pauses, and an open pause counted up to `today` (or the done date). A rule
 * whose extension is not in WD or CD cannot be extended by the engine and is refused.
 * @throws AppError VALIDATION for an extension in months or years
 */
export function computeClockDue(c: ClockState, rule: Pick<ClockRule, 'unit' | 'length' | 'extension'>, deadline: DeadlineFn, today: string): ClockState {
  const ext = rule.extension
  if (c.extensions > 0 && ext && ext.unit !== 'WD' && ext.unit !== 'CD') throw validation('按月或年延长的期限暂不支持自动计算')
  const extensions = ext && c.extensions > 0 ? Array.from({ length: c.extensions }, () => ({ length: ext.length, unit: ext.unit as 'WD' | 'CD' })) : []
  const asOf = c.doneOn ?? (today > c.startOn ? today : c.startOn)
  const d = deadline({ start: c.startOn, length: rule.length, unit: rule.unit, extensions, pauses: c.pauses, asOf })
  return { ...c, unit: rule.unit, length: rule.length, dueOn: d.date, provisional: d.provisional, missingYears: [...d.missingYears] }
}

/** The earliest open clock with a due date: the owning row's projection (queues, escalation). */
export function nextDueOf(clocks: Iterable<Pick<ClockState, 'kind' | 'dueOn' | 'doneOn'>>): { dueOn: string; kind: string } | null {
  let best: { dueOn: string; kind: string } | null = null
  for (const c of clocks) if (!c.doneOn && c.dueOn && (!best || c.dueOn < best.dueOn)) best = { dueOn: c.dueOn, kind: c.kind }
  return best
}

/** Whether two clock states store the same values (to skip needless writes). */
export function sameClock(a: ClockState, b: ClockState): boolean {
  return (
    a.kind === b.kind &&
    a.ruleId === b.ruleId &&
    a.ruleVersionId === b.ruleVersionId &&
    a.ruleValidFrom === b.ruleValidFrom &&
    a.referenceOn === b.referenceOn &&
    a.unit === b.unit &&
    a.length === b.length &&
    a.startOn === b.startOn &&
    a.dueOn === b.dueOn &&
    a.doneOn === b.doneOn &&
    a.extensions === b.extensions &&
    a.provisional === b.provisional &&
    JSON.stringify(a.pauses) === JSON.stringify(b.pauses) &&
    JSON.stringify(a.missingYears) === JSON.stringify(b.missingYears)
  )
}
