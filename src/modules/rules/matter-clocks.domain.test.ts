import { describe, expect, it } from 'vitest'
import data from 'chinese-days/dist/chinese-days.json'
import { AppError } from '../../core/errors'
import { buildCalendar, computeDeadline, loadBuiltinCalendarEntries } from '../calendar'
import { selectRuleInForce, type RuleVersion } from './rules.domain'
import type { ClockEffect } from '../../shared/kernel/workflow'
import {
  applyClockEffect,
  computeClockDue,
  dayBefore,
  newClock,
  nextDueOf,
  openPause,
  sameClock,
  type ClockRule,
  type ClockState,
  type DeadlineFn,
} from '../../core/matter/clocks.domain'

// Every expected date below was counted by hand on the published State Council schedules (2025,
// 2026 as listed in chinese-days), never taken from the code under test. 2026: 01-01..03 off,
// Sun 01-04 worked; 05-01..05 off; 09-25..27 off; 10-01..07 off, Sat 10-10 worked.

const builtin = loadBuiltinCalendarEntries(data)
const cal = buildCalendar(
  builtin.entries,
  builtin.years.filter((y) => y <= 2026),
)
const deadline: DeadlineFn = (q) => computeDeadline(cal, q)

const ACCEPT: ClockRule = { ruleId: 'complaint.accept', id: 'complaint.accept@v2', validFrom: '2026-04-15', unit: 'WD', length: 7, extension: null }
const VERIFY: ClockRule = {
  ruleId: 'report.verify',
  id: 'report.verify@v1',
  validFrom: '2019-04-01',
  unit: 'WD',
  length: 15,
  extension: { length: 15, unit: 'WD' },
}
const DECISION: ClockRule = {
  ruleId: 'case.decision',
  id: 'case.decision@v1',
  validFrom: '2021-07-15',
  unit: 'CD',
  length: 90,
  extension: { length: 30, unit: 'CD' },
}

/** Applies effects in order (each with its date), then computes the due date as of `today`. */
function run(rule: ClockRule, steps: Array<[ClockEffect['op'], string]>, today: string, kind = 'k'): ClockState {
  let c: ClockState | undefined
  for (const [op, on] of steps) c = applyClockEffect(c, { op, clock: kind }, on, rule, steps[0]![1])
  return computeClockDue(c!, rule, deadline, today)
}

describe('clock effects and due dates (working-day rules)', () => {
  it('counts 7 working days from the day after the start', () => {
    const c = run(ACCEPT, [['start', '2026-04-20']], '2026-04-20')
    expect(c).toMatchObject({
      startOn: '2026-04-20',
      dueOn: '2026-04-29',
      doneOn: null,
      provisional: false,
      missingYears: [],
      ruleVersionId: 'complaint.accept@v2',
      ruleValidFrom: '2026-04-15',
    })
  })

  it('a closed pause: paused working days do not count (resume on R ends the pause on R − 1)', () => {
    const c = run(
      ACCEPT,
      [
        ['start', '2026-04-20'],
        ['pause', '2026-04-22'],
        ['resume', '2026-04-24'],
      ],
      '2026-04-24',
    )
    expect(c.pauses).toEqual([{ from: '2026-04-22', to: '2026-04-23', reason: '' }])
    // 21(1) 22p 23p 24(2) 27(3) 28(4) 29(5) 30(6) | 05-01..05 off | 05-06(7)
    expect(c.dueOn).toBe('2026-05-06')
  })

  it('an open pause counts up to today and keeps moving the due date', () => {
    const c = run(
      ACCEPT,
      [
        ['start', '2026-04-20'],
        ['pause', '2026-04-22'],
      ],
      '2026-04-24',
    )
    expect(openPause(c)).toEqual({ from: '2026-04-22', to: null, reason: '' })
    // 21(1) 22-24 paused, 27(2) 28(3) 29(4) 30(5) 05-06(6) 05-07(7)
    expect(c.dueOn).toBe('2026-05-07')
    const later = computeClockDue(c, ACCEPT, deadline, '2026-04-27')
    // One more paused working day (Mon 04-27): 05-08.
    expect(later.dueOn).toBe('2026-05-08')
  })

  it('several pauses: each paused working day once', () => {
    const c = run(
      ACCEPT,
      [
        ['start', '2026-04-20'],
        ['pause', '2026-04-21'],
        ['resume', '2026-04-22'],
        ['pause', '2026-04-27'],
        ['resume', '2026-04-29'],
      ],
      '2026-04-29',
    )
    expect(c.pauses).toEqual([
      { from: '2026-04-21', to: '2026-04-21', reason: '' },
      { from: '2026-04-27', to: '2026-04-28', reason: '' },
    ])
    // 21p 22(1) 23(2) 24(3) 27p 28p 29(4) 30(5) 05-06(6) 05-07(7)
    expect(c.dueOn).toBe('2026-05-07')
  })

  it('a resume on the day of the pause leaves a one-day pause; a second pause while paused changes nothing', () => {
    let c = applyClockEffect(undefined, { op: 'start', clock: 'k' }, '2026-04-20', ACCEPT)!
    c = applyClockEffect(c, { op: 'pause', clock: 'k', reason: '检测鉴定' }, '2026-04-22')!
    expect(applyClockEffect(c, { op: 'pause', clock: 'k', reason: '另一次' }, '2026-04-23')).toBe(c)
    c = applyClockEffect(c, { op: 'resume', clock: 'k' }, '2026-04-22')!
    expect(c.pauses).toEqual([{ from: '2026-04-22', to: '2026-04-22', reason: '检测鉴定' }])
    expect(applyClockEffect(c, { op: 'resume', clock: 'k' }, '2026-04-23')).toBe(c)
  })

  it('a stop while paused closes the pause the day before and marks the clock done', () => {
    const c = run(
      ACCEPT,
      [
        ['start', '2026-04-20'],
        ['pause', '2026-04-22'],
        ['stop', '2026-04-27'],
      ],
      '2026-05-20',
    )
    expect(c.pauses).toEqual([{ from: '2026-04-22', to: '2026-04-26', reason: '' }])
    expect(c.doneOn).toBe('2026-04-27')
    // Paused working days 22, 23, 24: 21(1) 27(2) 28(3) 29(4) 30(5) 05-06(6) 05-07(7).
    expect(c.dueOn).toBe('2026-05-07')
  })

  it('an approved extension adds the rule extension once per approval, from the deadline then in force; 调休 Saturday counted', () => {
    // 22 23 24 | 25-27 off | 28 29 30 | 10-01..07 off | 10-08 10-09 10-10(Sat, worked) 10-12 … 10-19 = 15
    const base = run(VERIFY, [['start', '2026-09-21']], '2026-09-21')
    expect(base.dueOn).toBe('2026-10-19')
    const once = run(
      VERIFY,
      [
        ['start', '2026-09-21'],
        ['extend', '2026-10-12'],
      ],
      '2026-10-12',
    )
    expect(once.extensions).toBe(1)
    // 10-20..10-23 (4) 10-26..10-30 (9) 11-02..11-06 (14) 11-09 (15)
    expect(once.dueOn).toBe('2026-11-09')
    const twice = run(
      VERIFY,
      [
        ['start', '2026-09-21'],
        ['extend', '2026-10-12'],
        ['extend', '2026-11-02'],
      ],
      '2026-11-02',
    )
    // 11-10..11-13 (4) 11-16..20 (9) 11-23..27 (14) 11-30 (15)
    expect(twice.dueOn).toBe('2026-11-30')
  })

  it('crosses the year: New Year off and Sunday 2026-01-04 worked', () => {
    // 12-29(1) 12-30(2) 12-31(3) | 01-01..03 off | 01-04 Sun worked (4) 01-05(5) 01-06(6) 01-07(7)
    expect(run(ACCEPT, [['start', '2025-12-26']], '2025-12-26').dueOn).toBe('2026-01-07')
  })

  it('flags a due date in a year without an official schedule as provisional, with the missing year', () => {
    // 12-29 12-30 12-31, then weekends only: 2027-01-01 Fri (4) 01-04 (5) 01-05 (6) 01-06 (7)
    const c = run(ACCEPT, [['start', '2026-12-28']], '2026-12-28')
    expect(c).toMatchObject({ dueOn: '2027-01-06', provisional: true, missingYears: [2027] })
  })
})

describe('calendar-day rules', () => {
  it('a 90-day period ending in the National Day holiday ends on the next working day', () => {
    // 2026-07-03 + 90 = 2026-10-01 (holiday through 10-07) → 10-08
    expect(run(DECISION, [['start', '2026-07-03']], '2026-07-03').dueOn).toBe('2026-10-08')
  })

  it('paused calendar days push the nominal end, then the roll-forward applies', () => {
    // 2026-06-01 + 90 = 08-30 (Sun) → 08-31; with 3 paused days 09-02 (Wed)
    expect(run(DECISION, [['start', '2026-06-01']], '2026-06-01').dueOn).toBe('2026-08-31')
    const c = run(
      DECISION,
      [
        ['start', '2026-06-01'],
        ['pause', '2026-06-10'],
        ['resume', '2026-06-13'],
      ],
      '2026-06-13',
    )
    expect(c.pauses).toEqual([{ from: '2026-06-10', to: '2026-06-12', reason: '' }])
    expect(c.dueOn).toBe('2026-09-02')
  })

  it('a calendar-day extension runs from the rolled due date and rolls again', () => {
    // 10-08 + 30 = 11-07 (Sat) → 11-09 (Mon)
    expect(
      run(
        DECISION,
        [
          ['start', '2026-07-03'],
          ['extend', '2026-09-01'],
        ],
        '2026-09-01',
      ).dueOn,
    ).toBe('2026-11-09')
  })
})

describe('rule version by the reference date (Order 121 from 2026-04-15)', () => {
  const v = (over: Partial<RuleVersion>): RuleVersion => ({
    id: 'x',
    ruleId: 'complaint.accept',
    version: 1,
    name: '受理',
    legalBasis: '依据',
    unit: 'WD',
    length: 7,
    startEvent: '收到',
    extension: null,
    validFrom: '2020-01-01',
    validTo: '2026-04-14',
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: '',
    ...over,
  })
  // A catalogue in which Order 121 changed the period (10 WD instead of 7), to see the switch.
  const versions = [v({ id: 'complaint.accept@v1' }), v({ id: 'complaint.accept@v2', version: 2, validFrom: '2026-04-15', validTo: null, length: 10 })]
  const clockFor = (referenceOn: string, startOn: string) => {
    const rule = selectRuleInForce(versions, 'complaint.accept', referenceOn)!
    return computeClockDue(newClock('accept', rule, startOn, referenceOn), rule, deadline, startOn)
  }

  it('a matter received on 2026-04-14 keeps Order 20 even when its clock starts after 04-15', () => {
    expect(clockFor('2026-04-14', '2026-04-20')).toMatchObject({
      ruleVersionId: 'complaint.accept@v1',
      ruleValidFrom: '2020-01-01',
      length: 7,
      dueOn: '2026-04-29',
    })
  })

  it('a matter received on 2026-04-15 runs under Order 121', () => {
    // 21..24 (4) 27..30 (8) | 05-01..05 off | 05-06 (9) 05-07 (10)
    expect(clockFor('2026-04-15', '2026-04-20')).toMatchObject({
      ruleVersionId: 'complaint.accept@v2',
      ruleValidFrom: '2026-04-15',
      length: 10,
      dueOn: '2026-05-07',
    })
  })
})

describe('effects refused or ignored', () => {
  const started = () => applyClockEffect(undefined, { op: 'start', clock: 'k' }, '2026-04-20', ACCEPT)!

  it('starting a started clock changes nothing; stopping a clock that never started is nothing', () => {
    const c = started()
    expect(applyClockEffect(c, { op: 'start', clock: 'k' }, '2026-04-25', VERIFY)).toBe(c)
    expect(applyClockEffect(undefined, { op: 'stop', clock: 'k' }, '2026-04-25')).toBeUndefined()
    const done = applyClockEffect(c, { op: 'stop', clock: 'k' }, '2026-04-22')!
    expect(applyClockEffect(done, { op: 'stop', clock: 'k' }, '2026-04-23')).toBe(done)
  })

  it('refuses to pause, resume or extend a clock that has not started or is done, in Chinese', () => {
    for (const op of ['pause', 'resume', 'extend'] as const) {
      expect(() => applyClockEffect(undefined, { op, clock: 'k' }, '2026-04-20', VERIFY)).toThrow(/尚未起算/)
    }
    const done = applyClockEffect(started(), { op: 'stop', clock: 'k' }, '2026-04-22')!
    expect(() => applyClockEffect(done, { op: 'pause', clock: 'k' }, '2026-04-23')).toThrow(/已于 2026-04-22 完成/)
  })

  it('refuses an extension the rule does not allow, and an event before the start', () => {
    expect(() => applyClockEffect(started(), { op: 'extend', clock: 'k' }, '2026-04-22', ACCEPT)).toThrow(/不允许延长/)
    expect(() => applyClockEffect(started(), { op: 'pause', clock: 'k' }, '2026-04-19')).toThrow(AppError)
  })
})

describe('helpers', () => {
  it('nextDueOf: the earliest open clock with a due date', () => {
    expect(
      nextDueOf([
        { kind: 'a', dueOn: '2026-05-01', doneOn: null },
        { kind: 'b', dueOn: '2026-04-01', doneOn: '2026-03-30' },
        { kind: 'c', dueOn: '2026-04-20', doneOn: null },
        { kind: 'd', dueOn: null, doneOn: null },
      ]),
    ).toEqual({ kind: 'c', dueOn: '2026-04-20' })
    expect(nextDueOf([{ kind: 'b', dueOn: '2026-04-01', doneOn: '2026-03-30' }])).toBeNull()
  })

  it('dayBefore crosses months and years; sameClock compares stored values', () => {
    expect(dayBefore('2026-03-01')).toBe('2026-02-28')
    expect(dayBefore('2024-03-01')).toBe('2024-02-29')
    expect(dayBefore('2026-01-01')).toBe('2025-12-31')
    const a = run(ACCEPT, [['start', '2026-04-20']], '2026-04-20')
    expect(sameClock(a, { ...a })).toBe(true)
    expect(sameClock(a, { ...a, pauses: [{ from: '2026-04-22', to: null, reason: '' }] })).toBe(false)
    expect(sameClock(a, { ...a, dueOn: '2026-04-30' })).toBe(false)
  })
})
