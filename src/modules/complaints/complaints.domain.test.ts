import data from 'chinese-days/dist/chinese-days.json'
import { describe, expect, it } from 'vitest'
import { buildCalendar, loadBuiltinCalendarEntries, type CalendarData, type CalendarEntry } from '../calendar/calendar.domain'
import { PERMISSIONS } from '../access/access.domain'
import { versionsFromSeed } from '../rules/rules.domain'
import { BUILTIN_RULES } from '../rules/rules.seed'
import {
  ACTION_PERMISSION,
  ACTIONS,
  CLOCK_KINDS,
  CLOCK_LABEL,
  FINAL_STATES,
  ITEM_TYPES,
  ITEM_WORKFLOWS,
  STATES,
  TRANSITIONS,
  allowedActions,
  computeClocks,
  decide,
  guard,
  isLikelyDuplicate,
  jurisdictionCandidates,
  nextDue,
  pickCompetent,
  tableTarget,
  textSimilarity,
  type Action,
  type ActionInput,
  type ClockFacts,
  type ClockKind,
  type ItemFacts,
  type ItemType,
  type State,
} from './complaints.domain'

// Every expected date below was counted by hand from the State Council schedules, never by calling
// the code under test.
const builtin = loadBuiltinCalendarEntries(data)
const cal = buildCalendar(builtin.entries, builtin.years)
const rules = versionsFromSeed(BUILTIN_RULES)

function days(from: string, to: string): string[] {
  const out: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10))
  return out
}
const off = (dates: string[], name: string): CalendarEntry[] => dates.map((date) => ({ date, kind: 'off', name }))
const work = (dates: string[], name: string): CalendarEntry[] => dates.map((date) => ({ date, kind: 'work', name }))
/** 2020 as first published, before the COVID-19 extension of the Spring Festival to 02-02. */
const original2020: CalendarData = buildCalendar(
  [...off(['2020-01-01'], '元旦'), ...work(['2020-01-19', '2020-02-01'], '春节'), ...off(days('2020-01-24', '2020-01-30'), '春节')],
  [2020],
)

function facts(over: Partial<ClockFacts>): ClockFacts {
  return {
    type: 'complaint',
    state: 'received',
    anonymous: false,
    receivedOn: '2023-03-01',
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
    ...over,
  }
}
const clock = (f: ClockFacts, kind: string, today = '2023-03-01', c: CalendarData = cal) => computeClocks(f, rules, c, today).find((x) => x.kind === kind)

describe('clocks from the rule catalogue', () => {
  it('acceptance across the 2020 Spring Festival extension: received Mon 2020-01-20 → Thu 2020-02-06 (Tue 02-04 on the original schedule)', () => {
    expect(clock(facts({ receivedOn: '2020-01-20' }), 'accept', '2020-01-20')?.dueOn).toBe('2020-02-06')
    expect(clock(facts({ receivedOn: '2020-01-20' }), 'accept', '2020-01-20', original2020)?.dueOn).toBe('2020-02-04')
  })

  it('counts a 调休 Saturday as a working day: received Thu 2023-04-27 → Wed 2023-05-10 (Sat 05-06 worked)', () => {
    expect(clock(facts({ receivedOn: '2023-04-27' }), 'accept', '2023-04-27')?.dueOn).toBe('2023-05-10')
  })

  it('mediation: 45 WD from acceptance 2023-03-01 ends on the 调休 Saturday 2023-05-06; a 5-WD testing pause moves it to 05-12', () => {
    const base = facts({ state: 'mediating', acceptDecidedOn: '2023-03-01' })
    expect(clock(base, 'mediation')?.dueOn).toBe('2023-05-06')
    const paused = clock({ ...base, pauses: [{ clock: 'mediation', fromOn: '2023-03-13', toOn: '2023-03-17', reason: '检测' }] }, 'mediation')
    expect(paused).toMatchObject({ dueOn: '2023-05-12', pausedDays: 5, pauseOpen: false })
  })

  it('an open pause counts up to today and is flagged', () => {
    const f = facts({
      state: 'mediation_paused',
      acceptDecidedOn: '2023-03-01',
      pauses: [{ clock: 'mediation', fromOn: '2023-03-13', toOn: null, reason: '回避' }],
    })
    expect(clock(f, 'mediation', '2023-03-20')).toMatchObject({ dueOn: '2023-05-15', pausedDays: 6, pauseOpen: true })
  })

  it('pauses on another clock do not move the mediation limit', () => {
    const f = facts({
      state: 'mediating',
      acceptDecidedOn: '2023-03-01',
      pauses: [{ clock: 'verification', fromOn: '2023-03-13', toOn: '2023-03-17', reason: 'x' }],
    })
    expect(clock(f, 'mediation')?.dueOn).toBe('2023-05-06')
  })

  it('report verification 15 WD, +15 WD with one approved extension; real-name reporter told within 5 WD of the decision', () => {
    const r = facts({ type: 'report', state: 'verifying' })
    expect(clock(r, 'verify')?.dueOn).toBe('2023-03-22')
    expect(clock({ ...r, verifyExtensions: 1 }, 'verify')?.dueOn).toBe('2023-04-13')
    const decided = { ...r, state: 'filed' as State, filingDecidedOn: '2023-03-20' }
    expect(clock(decided, 'reporter_notice', '2023-03-20')?.dueOn).toBe('2023-03-27')
    expect(clock({ ...decided, anonymous: true }, 'reporter_notice', '2023-03-20')).toBeUndefined()
  })

  it('termination notice 7 WD; consultation answer target from settings', () => {
    const t = facts({ state: 'terminated', acceptDecidedOn: '2023-03-01', terminatedOn: '2023-03-03' })
    expect(clock(t, 'termination_notice', '2023-03-03')?.dueOn).toBe('2023-03-14')
    const c = facts({ type: 'consultation' })
    expect(clock(c, 'answer')?.dueOn).toBe('2023-03-06')
    expect(computeClocks(c, rules, cal, '2023-03-01', { consultationAnswerWd: 5, dueSoonWd: 2 })[0]!.dueOn).toBe('2023-03-08')
  })

  it('picks the rule version by the receipt date: Order 20 up to 2026-04-14, Order 121 from 2026-04-15 — even for later events', () => {
    expect(clock(facts({ receivedOn: '2026-04-14' }), 'accept', '2026-04-14')).toMatchObject({
      needsLegalReview: false,
      legalBasis: expect.stringContaining('第20号'),
    })
    expect(clock(facts({ receivedOn: '2026-04-15' }), 'accept', '2026-04-15')).toMatchObject({
      needsLegalReview: true,
      legalBasis: expect.stringContaining('第121号'),
    })
    const late = facts({ receivedOn: '2026-04-10', state: 'terminated', acceptDecidedOn: '2026-04-13', terminatedOn: '2026-05-11' })
    expect(clock(late, 'termination_notice', '2026-05-11')?.legalBasis).toContain('第20号')
  })

  it('flags a deadline in a year without a published schedule as provisional instead of guessing holidays', () => {
    const only2023 = buildCalendar(
      builtin.entries.filter((e) => e.date.startsWith('2023-')),
      [2023],
    )
    const c = clock(facts({ receivedOn: '2023-12-27' }), 'accept', '2023-12-27', only2023)
    expect(c).toMatchObject({ provisional: true, missingYears: [2024] })
    // Weekends only in 2024: Thu 12-28, Fri 12-29, (01-01 not known as a holiday) Mon 01-01 … = 2024-01-05.
    expect(c?.dueOn).toBe('2024-01-05')
    expect(clock(facts({ receivedOn: '2023-03-01' }), 'accept', '2023-03-01', only2023)?.provisional).toBe(false)
  })

  it('states on time / due soon / overdue / done / done late, and the earliest open clock', () => {
    const f = facts({})
    expect(clock(f, 'accept', '2023-03-06')).toMatchObject({ dueOn: '2023-03-10', status: 'on_time', workingDaysLeft: 4 })
    expect(clock(f, 'accept', '2023-03-08')).toMatchObject({ status: 'due_soon', workingDaysLeft: 2 })
    expect(clock(f, 'accept', '2023-03-10')).toMatchObject({ status: 'due_soon', workingDaysLeft: 0 })
    expect(clock(f, 'accept', '2023-03-13')).toMatchObject({ status: 'overdue', workingDaysLeft: -1 })
    expect(clock({ ...f, acceptDecidedOn: '2023-03-09' }, 'accept', '2023-03-20')).toMatchObject({ status: 'done', workingDaysLeft: null })
    expect(clock({ ...f, acceptDecidedOn: '2023-03-13' }, 'accept', '2023-03-20')?.status).toBe('done_late')
    const both = computeClocks(facts({ type: 'report', state: 'filed', filingDecidedOn: '2023-03-02' }), rules, cal, '2023-03-02')
    expect(nextDue(both)?.kind).toBe('reporter_notice')
  })
})

// ---- state machine ---------------------------------------------------------------------------------

/** The transitions as specified (RULES.md §9.4), written out independently of the table. */
const SPEC = `
complaint received dispatch pending_acceptance | complaint received raise_dispute disputed | complaint received merge merged
complaint returned dispatch pending_acceptance | complaint returned raise_dispute disputed | complaint returned merge merged
complaint disputed resolve_dispute pending_acceptance
complaint pending_acceptance accept mediating | complaint pending_acceptance reject not_accepted | complaint pending_acceptance return returned
complaint pending_acceptance raise_dispute disputed | complaint pending_acceptance merge merged
complaint not_accepted close closed
complaint mediating pause mediation_paused | complaint mediating conclude mediated | complaint mediating terminate terminated
complaint mediation_paused resume mediating | complaint mediation_paused terminate terminated
complaint mediated follow_up follow_up | complaint mediated close closed
complaint terminated notify_termination terminated | complaint terminated follow_up follow_up | complaint terminated close closed
complaint follow_up close closed
report received dispatch verifying | report received raise_dispute disputed | report received merge merged | report received inform_no_jurisdiction closed
report returned dispatch verifying | report returned raise_dispute disputed | report returned merge merged | report returned inform_no_jurisdiction closed
report disputed resolve_dispute verifying
report verifying extend_verification verifying | report verifying file_case filed | report verifying not_file not_filed | report verifying return returned
report verifying raise_dispute disputed | report verifying merge merged
report filed notify_reporter filed | report filed close closed | report not_filed notify_reporter not_filed | report not_filed close closed
consultation received dispatch answering | consultation received answer closed | consultation received merge merged
consultation returned dispatch answering | consultation returned answer closed | consultation returned merge merged
consultation answering answer closed | consultation answering return returned
`
  .split(/[|\n]/)
  .map((s) => s.trim())
  .filter(Boolean)

/** Facts and input under which every guard of `action` passes. */
function passing(type: ItemType, state: State, action: Action): { f: ItemFacts; input: ActionInput } {
  const f: ItemFacts = {
    type,
    state,
    regime: action === 'follow_up' ? 'order121' : 'order20',
    anonymous: false,
    verifyExtensions: 0,
    terminationNotifiedOn: action === 'notify_termination' ? null : '2023-03-01',
    reporterNotifiedOn: action === 'close' ? '2023-03-01' : null,
  }
  const input: ActionInput = {
    reasonCode: action === 'not_file' ? 'NO_VIOLATION' : 'TIME_BARRED',
    ground: 'NO_AGREEMENT_POSSIBLE',
    outcome: 'settled',
    recoveredFen: 100,
  }
  return { f, input }
}

describe('state machine', () => {
  it('the declarations hold exactly the specified transitions', () => {
    const table: string[] = []
    for (const type of ITEM_TYPES) for (const c of ITEM_WORKFLOWS[type].matrix()) if (c.allowed) table.push(`${type} ${c.state} ${c.action} ${c.to}`)
    expect([...table].sort()).toEqual([...SPEC].sort())
    // The derived table the module's code reads is the same.
    const derived: string[] = []
    for (const type of ITEM_TYPES)
      for (const [from, acts] of Object.entries(TRANSITIONS[type])) for (const [a, to] of Object.entries(acts ?? {})) derived.push(`${type} ${from} ${a} ${to}`)
    expect([...derived].sort()).toEqual([...SPEC].sort())
  })

  it('the declarations are sound: every state reachable, no dead end, final states final, clocks declared', () => {
    for (const type of ITEM_TYPES) {
      const wf = ITEM_WORKFLOWS[type]
      expect(wf.problems(), type).toEqual([])
      expect(wf.type).toBe(type)
      expect(
        wf.finalStates.every((s) => FINAL_STATES.includes(s)),
        type,
      ).toBe(true)
      for (const k of Object.keys(wf.clocks ?? {})) expect(CLOCK_KINDS, `${type} clock ${k}`).toContain(k)
      for (const [k, c] of Object.entries(wf.clocks ?? {})) expect(c.label, k).toBe(CLOCK_LABEL[k as ClockKind])
    }
  })

  it('every permission an action names exists in the access catalogue, and where it is checked is declared', () => {
    for (const type of ITEM_TYPES) {
      const wf = ITEM_WORKFLOWS[type]
      for (const a of wf.actionList) {
        for (const p of wf.actions[a].permission) expect(Object.keys(PERMISSIONS), `${type} ${a}`).toContain(p)
        expect(['handling', 'any', 'intake'], `${type} ${a}`).toContain(wf.actions[a].meta?.on)
        expect(wf.actions[a].audit).toBe(`complaint.${a}`)
        expect(ACTION_PERMISSION[a].perms).toEqual(wf.actions[a].permission)
      }
    }
  })

  // Generated from the declarations: every type × state × action, allowed exactly when the
  // declaration allows it, refused with ILLEGAL_TRANSITION otherwise (whatever the data guards say).
  const cases: Array<[ItemType, State, Action, State | null]> = []
  for (const type of ITEM_TYPES) for (const s of STATES) for (const a of ACTIONS) cases.push([type, s, a, ITEM_WORKFLOWS[type].target(s, a)])

  it.each(cases)('%s in %s: %s → %s', (type, state, action, to) => {
    const { f, input } = passing(type, state, action)
    const d = decide(f, action, input)
    if (to) {
      expect(d).toEqual({ ok: true, to })
      expect(tableTarget(type, state, action)).toBe(to)
      expect(allowedActions(type, state)).toContain(action)
    } else {
      expect(d.ok).toBe(false)
      expect(d).toMatchObject({ code: 'ILLEGAL_TRANSITION' })
      expect(tableTarget(type, state, action)).toBeUndefined()
      expect(allowedActions(type, state)).not.toContain(action)
    }
  })

  it('the matrix covers every declared state and action of each type', () => {
    for (const type of ITEM_TYPES) {
      const wf = ITEM_WORKFLOWS[type]
      expect(wf.matrix()).toHaveLength(wf.stateList.length * wf.actionList.length)
    }
  })

  it('final states allow nothing', () => {
    for (const type of ITEM_TYPES) for (const s of FINAL_STATES) expect(allowedActions(type, s)).toEqual([])
  })
})

describe('clock effects of the declarations', () => {
  // Walk every path of up to 6 actions through each declaration; after each, the clocks the
  // declaration's effects say are running or done must be the ones computeClocks derives from the
  // item's facts (the facts each action records, as the transitions write them).
  const ON = '2023-03-02'
  const record: Partial<Record<Action, (f: ClockFacts) => Partial<ClockFacts>>> = {
    accept: () => ({ acceptDecidedOn: ON }),
    reject: () => ({ acceptDecidedOn: ON }),
    conclude: () => ({ concludedOn: ON }),
    terminate: (f) => ({ terminatedOn: ON, pauses: f.pauses.map((p) => ({ ...p, toOn: p.toOn ?? ON })) }),
    notify_termination: () => ({ terminationNotifiedOn: ON }),
    file_case: () => ({ filingDecidedOn: ON }),
    not_file: () => ({ filingDecidedOn: ON }),
    notify_reporter: () => ({ reporterNotifiedOn: ON }),
    answer: () => ({ answeredOn: ON }),
    raise_dispute: () => ({ disputeOpenedOn: ON, disputeResolvedOn: null }),
    resolve_dispute: () => ({ disputeResolvedOn: ON }),
    pause: (f) => ({ pauses: [...f.pauses, { clock: 'mediation', fromOn: ON, toOn: null, reason: 'testing' }] }),
    resume: (f) => ({ pauses: f.pauses.map((p) => ({ ...p, toOn: p.toOn ?? ON })) }),
    extend_verification: (f) => ({ verifyExtensions: f.verifyExtensions + 1 }),
  }
  for (const type of ITEM_TYPES) {
    it(type, () => {
      const wf = ITEM_WORKFLOWS[type]
      let paths = 0
      const walk = (f: ClockFacts, running: Map<string, boolean>, depth: number, trail: string) => {
        const derived = new Map(computeClocks(f, rules, cal, '2023-03-03').map((c) => [c.kind as string, c.doneOn !== null]))
        expect(derived, trail).toEqual(running)
        paths++
        if (depth === 6) return
        for (const a of wf.allowed(f.state)) {
          const to = wf.target(f.state, a)!
          const next: ClockFacts = { ...f, ...record[a]?.(f), state: to }
          if (wf.isFinal(to)) next.closedOn = ON
          const r = new Map(running)
          for (const e of wf.actions[a].clocks ?? []) {
            if (e.op === 'start') r.set(e.clock, false)
            else if (e.op === 'stop' && r.has(e.clock)) r.set(e.clock, true)
          }
          walk(next, r, depth + 1, `${trail} → ${a}`)
        }
      }
      const start = new Map((wf.onCreate ?? []).filter((e) => e.op === 'start').map((e) => [e.clock, false]))
      walk(facts({ type, state: wf.initial }), start, 0, type)
      expect(paths).toBeGreaterThan(10)
    })
  }
})

describe('guards', () => {
  const base: ItemFacts = {
    type: 'complaint',
    state: 'pending_acceptance',
    regime: 'order20',
    anonymous: false,
    verifyExtensions: 0,
    terminationNotifiedOn: null,
    reporterNotifiedOn: null,
  }
  it('non-acceptance reasons follow the rule in force: Order 20 Art 15 (6) vs Order 121 Art 16 (7)', () => {
    expect(guard(base, 'reject', { reasonCode: 'MISSING_MATERIALS' })).toBeNull()
    expect(guard(base, 'reject', { reasonCode: 'IDENTITY_NOT_VERIFIED' })).toMatch(/第20号/)
    expect(guard({ ...base, regime: 'order121' }, 'reject', { reasonCode: 'IDENTITY_NOT_VERIFIED' })).toBeNull()
    expect(guard({ ...base, regime: 'order121' }, 'reject', { reasonCode: 'MISSING_MATERIALS' })).toMatch(/第121号/)
    expect(guard(base, 'reject', {})).not.toBeNull()
  })
  it('termination grounds 1–7 only; outcomes and amounts in integer fen', () => {
    for (const g of [
      'WITHDRAWN_OR_SETTLED',
      'TESTING_NOT_AGREED',
      'ABSENT_OR_REFUSED',
      'NO_AGREEMENT_POSSIBLE',
      'TIME_LIMIT_EXPIRED',
      'NON_ACCEPTANCE_GROUND_FOUND',
      'OTHER_LEGAL_GROUND',
    ]) {
      expect(guard({ ...base, state: 'mediating' }, 'terminate', { ground: g })).toBeNull()
    }
    expect(guard(base, 'terminate', { ground: '8' })).not.toBeNull()
    expect(guard(base, 'conclude', { outcome: 'agreement_with_doc', recoveredFen: 0 })).toBeNull()
    expect(guard(base, 'conclude', { outcome: 'agreement_with_doc', recoveredFen: 1.5 })).toMatch(/整数/)
    expect(guard(base, 'conclude', { outcome: 'agreement_with_doc', recoveredFen: -1 })).toMatch(/整数/)
    expect(guard(base, 'conclude', { outcome: 'withdrawn', recoveredFen: 100 })).not.toBeNull()
    expect(guard(base, 'conclude', { outcome: 'terminated' })).not.toBeNull()
  })
  it('one verification extension; reporter notice for real-name reporters only; closure preconditions', () => {
    const rep: ItemFacts = { ...base, type: 'report', state: 'verifying' }
    expect(guard(rep, 'extend_verification')).toBeNull()
    expect(guard({ ...rep, verifyExtensions: 1 }, 'extend_verification')).not.toBeNull()
    expect(guard({ ...rep, state: 'filed', anonymous: true }, 'notify_reporter')).toMatch(/匿名/)
    expect(guard({ ...rep, state: 'filed' }, 'close')).toMatch(/告知举报人/)
    expect(guard({ ...rep, state: 'filed', anonymous: true }, 'close')).toBeNull()
    expect(guard({ ...base, state: 'terminated' }, 'close')).toMatch(/终止调解告知/)
    expect(guard({ ...base, state: 'mediated', regime: 'order121' }, 'close')).toMatch(/回访/)
    expect(guard({ ...base, state: 'mediated', regime: 'order20' }, 'follow_up')).toMatch(/121/)
    expect(guard({ ...base, state: 'terminated', regime: 'order121' }, 'follow_up')).toMatch(/终止调解告知/)
    expect(guard({ ...base, state: 'not_accepted', regime: 'order121' }, 'close')).toBeNull()
  })
})

describe('jurisdiction (RULES.md §1.2)', () => {
  const j = (over: Partial<Parameters<typeof jurisdictionCandidates>[0]>) =>
    jurisdictionCandidates({
      type: 'complaint',
      regime: 'order20',
      respondentKind: 'offline',
      businessDivision: '410802001',
      domicileDivision: '410811001',
      ...over,
    }).map((c) => c.division)
  it('complaint: place of business, then domicile (Art 12)', () => expect(j({})).toEqual(['410802001', '410811001']))
  it('complaint against a platform or an own-website seller: the operator’s domicile only', () => {
    expect(j({ respondentKind: 'platform' })).toEqual(['410811001'])
    expect(j({ respondentKind: 'own_site' })).toEqual(['410811001'])
  })
  it('complaint against a platform seller: its place of business or the platform’s domicile', () => {
    expect(j({ respondentKind: 'platform_seller', platformDomicileDivision: '410803001' })).toEqual(['410802001', '410803001'])
  })
  it('Order 121: a seller without a published or reachable address goes to the platform’s domicile; not under Order 20', () => {
    expect(j({ respondentKind: 'platform_seller', platformDomicileDivision: '410803001', regime: 'order121', sellerAddressUnavailable: true })).toEqual([
      '410803001',
    ])
    expect(j({ respondentKind: 'platform_seller', platformDomicileDivision: '410803001', regime: 'order20', sellerAddressUnavailable: true })).toEqual([
      '410802001',
      '410803001',
    ])
  })
  it('report: where the conduct happened first (Art 25); platform seller: place of business, platform if it received first (Art 27)', () => {
    expect(j({ type: 'report', conductDivision: '410804001' })).toEqual(['410804001', '410802001', '410811001'])
    expect(j({ type: 'report', respondentKind: 'platform_seller', platformDomicileDivision: '410803001' })).toEqual(['410802001', '410803001'])
    expect(j({ type: 'report', respondentKind: 'platform' })).toEqual(['410811001'])
  })
  it('two competent bureaus: the one that received it first handles it (Art 13); otherwise the first with a bureau', () => {
    const c = [
      { division: 'a', bureauId: 'B1' },
      { division: 'b', bureauId: 'B2' },
    ]
    expect(pickCompetent(c, 'B2')?.bureauId).toBe('B2')
    expect(pickCompetent(c, 'CITY')?.bureauId).toBe('B1')
    expect(
      pickCompetent(
        [
          { division: 'x', bureauId: null },
          { division: 'y', bureauId: 'B3' },
        ],
        null,
      )?.bureauId,
    ).toBe('B3')
    expect(pickCompetent([{ division: 'x', bureauId: null }], null)).toBeNull()
  })
})

describe('duplicates', () => {
  it('bigram Jaccard similarity', () => {
    expect(textSimilarity('口罩价格上涨', '口罩价格上涨')).toBe(1)
    expect(textSimilarity('口罩价格', '电饭煲坏了')).toBe(0)
    // {口罩 罩价 价格} vs {口罩 罩涨 涨价 价格}: 2 shared of 5.
    expect(textSimilarity('口罩价格', '口罩涨价格')).toBeCloseTo(2 / 5)
    expect(textSimilarity('', '')).toBe(0)
  })
  it('same respondent plus same person or similar text; same person alone needs very similar text', () => {
    expect(isLikelyDuplicate({ id: 'x', samePerson: true, sameRespondent: true, similarity: 0 })).toBe(true)
    expect(isLikelyDuplicate({ id: 'x', samePerson: false, sameRespondent: true, similarity: 0.6 })).toBe(true)
    expect(isLikelyDuplicate({ id: 'x', samePerson: false, sameRespondent: true, similarity: 0.3 })).toBe(false)
    expect(isLikelyDuplicate({ id: 'x', samePerson: true, sameRespondent: false, similarity: 0.6 })).toBe(false)
    expect(isLikelyDuplicate({ id: 'x', samePerson: true, sameRespondent: false, similarity: 0.8 })).toBe(true)
  })
})
