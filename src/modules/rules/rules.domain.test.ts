import { describe, expect, it } from 'vitest'
import { AppError } from '../../core/errors'
import {
  ORDER_121_EFFECTIVE_DATE,
  planNewVersion,
  regimeFor,
  RuleInputError,
  selectRuleInForce,
  validateRuleSeed,
  validateRuleSet,
  versionsFromSeed,
  type RuleVersion,
} from './rules.domain'
import { ANNUAL_REPORT_WINDOW, BUILTIN_RULES, LATE_PAYMENT_SURCHARGE, MEDIATION_TERMINATION_GROUNDS, NON_ACCEPTANCE_REASONS } from './rules.seed'

const versions = versionsFromSeed(BUILTIN_RULES)
const CJK = /[\u4e00-\u9fff]/

function expectRuleError(fn: () => unknown, message: RegExp) {
  let caught: unknown
  try {
    fn()
  } catch (e) {
    caught = e
  }
  expect(caught).toBeInstanceOf(RuleInputError)
  expect(caught).toBeInstanceOf(AppError)
  expect((caught as AppError).code).toBe('VALIDATION')
  expect((caught as Error).message).toMatch(message)
}

function rule(overrides: Partial<RuleVersion> = {}): RuleVersion {
  return {
    id: 'complaint.accept@v1',
    ruleId: 'complaint.accept',
    version: 1,
    name: '投诉受理或者不予受理决定',
    legalBasis: '《市场监督管理投诉举报处理暂行办法》（总局令第20号）第十四条',
    unit: 'WD',
    length: 7,
    startEvent: '收到投诉之日',
    extension: null,
    validFrom: '2020-01-01',
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: '',
    ...overrides,
  }
}

/** Hand-copied from RULES.md §9.3: ruleId → [length, unit] (first version). */
const EXPECTED: Record<string, [number, RuleVersion['unit']]> = {
  'complaint.accept': [7, 'WD'],
  'complaint.mediation': [45, 'WD'],
  'complaint.termination_notice': [7, 'WD'],
  'complaint.mediation_lead_verify': [15, 'WD'],
  'report.verify': [15, 'WD'],
  'report.notify_filing': [5, 'WD'],
  'jurisdiction.dispute': [7, 'WD'],
  'case.lead_verify': [15, 'WD'],
  'case.decision': [90, 'CD'],
  'case.evidence_preservation': [7, 'WD'],
  'case.seizure': [30, 'CD'],
  'case.hearing_request': [5, 'WD'],
  'case.hearing_notice': [7, 'WD'],
  'case.legal_review': [10, 'WD'],
  'case.service': [7, 'WD'],
  'case.fine_payment': [15, 'CD'],
  // RULES.md Part II §11.2 (Compulsion Law Arts 53–54) and the on-the-spot 备案 (UNCONFIRMED 3 WD).
  'case.enforcement_reminder': [10, 'WD'],
  'case.court_enforcement': [3, 'M'],
  'case.onspot_filing': [3, 'WD'],
  'publicity.penalty_publish': [20, 'WD'],
  'publicity.penalty_push': [10, 'WD'],
  'publicity.penalty_publish_received': [10, 'WD'],
  'publicity.penalty_withdraw': [3, 'WD'],
  'publicity.penalty_display_short': [3, 'M'],
  'publicity.penalty_display': [3, 'Y'],
  'publicity.gov_info': [20, 'WD'],
  'publicity.enterprise_instant': [20, 'WD'],
  'publicity.false_report_verify': [20, 'WD'],
  'collection.publicity': [20, 'WD'],
  'credit.abnormal_listing': [10, 'WD'],
  'credit.abnormal_removal': [5, 'WD'],
  'credit.abnormal_objection_accept': [5, 'WD'],
  'credit.abnormal_objection_verify': [20, 'WD'],
  'credit.abnormal_to_serious': [3, 'Y'],
  'credit.serious_auto_removal': [3, 'Y'],
  'credit.serious_early_removal': [1, 'Y'],
  // Added with the serious list and credit repair (issue 15, UNCONFIRMED values flagged in the seed).
  'credit.serious_statement': [5, 'WD'],
  'credit.serious_publish': [20, 'WD'],
  'credit.serious_early_decision': [15, 'WD'],
  'credit.serious_legal_rep': [3, 'Y'],
  'credit.repair_accept': [2, 'WD'],
  'credit.repair_decide': [15, 'WD'],
  'credit.repair_penalty': [6, 'M'],
  'credit.repair_penalty_food_drug': [1, 'Y'],
  'random_check.publish': [20, 'WD'],
  // RULES.md §19 (food sampling, Order 15 / FSL Art 88).
  'sampling.delivery': [5, 'WD'],
  'sampling.report': [20, 'WD'],
  'sampling.service': [5, 'WD'],
  'sampling.retest_request': [7, 'WD'],
  'sampling.disposal': [90, 'CD'],
}

const SWITCHING = [
  'complaint.accept',
  'complaint.mediation',
  'complaint.termination_notice',
  'complaint.mediation_lead_verify',
  'report.notify_filing',
  'jurisdiction.dispute',
]
/** Penalty-procedure rules with a 2018-text version (SAMR Order 2, from 2019-04-01) before the 2021 Penalty Law revision. */
const PRE_2021 = ['case.lead_verify', 'case.decision']
/** Rules with a version under the 2017 text of the Penalty Law (cases filed before 2021-07-15, e.g. the 2020 epidemic cases). */
const OLD_PENALTY_LAW = ['case.hearing_request', 'case.service', 'case.fine_payment']

describe('regimeFor', () => {
  it('switches from Order 20 to Order 121 on 2026-04-15', () => {
    expect(ORDER_121_EFFECTIVE_DATE).toBe('2026-04-15')
    expect(regimeFor('2020-01-01')).toBe('order20')
    expect(regimeFor('2026-04-14')).toBe('order20')
    expect(regimeFor('2026-04-15')).toBe('order121')
    expect(regimeFor('2030-01-01')).toBe('order121')
  })

  it('rejects an invalid date', () => {
    expectRuleError(() => regimeFor('2026-4-15'), /日期格式应为 YYYY-MM-DD：“2026-4-15”/)
    expectRuleError(() => regimeFor('2026-02-29'), /日期格式应为/)
  })
})

describe('BUILTIN_RULES', () => {
  it('seeds every numeric row of RULES.md §9.3 with the length and unit of the table', () => {
    const ids = new Set(BUILTIN_RULES.map((r) => r.ruleId))
    expect([...ids].sort()).toEqual(Object.keys(EXPECTED).sort())
    for (const [ruleId, [length, unit]] of Object.entries(EXPECTED)) {
      for (const r of BUILTIN_RULES.filter((x) => x.ruleId === ruleId && !x.legalBasis.includes('2017年修正文本'))) {
        expect([r.length, r.unit], ruleId).toEqual([length, unit])
      }
    }
  })

  it('every rule has a zh-CN name, a legal basis naming an instrument, a start event and a valid unit', () => {
    for (const r of BUILTIN_RULES) {
      const who = `${r.ruleId}@${r.validFrom}`
      expect(r.name, who).toMatch(CJK)
      expect(r.legalBasis.trim(), who).not.toBe('')
      expect(r.legalBasis, who).toMatch(/《.+》/)
      expect(r.startEvent, who).toMatch(CJK)
      expect(['WD', 'CD', 'M', 'Y'], who).toContain(r.unit)
      expect(Number.isInteger(r.length) && r.length > 0, who).toBe(true)
      expect(validateRuleSeed(r), who).toEqual([])
    }
  })

  it('flags every SECONDARY or UNCONFIRMED value for legal review', () => {
    for (const r of BUILTIN_RULES) {
      if (r.source !== 'PRIMARY') expect(r.needsLegalReview, r.ruleId).toBe(true)
    }
  })

  it('has no overlapping versions and no invalid version', () => {
    expect(validateRuleSet(versions)).toEqual([])
    expect(versions).toHaveLength(BUILTIN_RULES.length)
  })

  it('keeps extensions where the law allows them', () => {
    const ext = (id: string) => BUILTIN_RULES.find((r) => r.ruleId === id)?.extension
    expect(ext('complaint.mediation_lead_verify')).toMatchObject({ length: 15, unit: 'WD' })
    expect(ext('report.verify')).toMatchObject({ length: 15, unit: 'WD' })
    expect(ext('case.decision')).toMatchObject({ length: 30, unit: 'CD' })
    expect(ext('case.seizure')).toMatchObject({ length: 30, unit: 'CD' })
    expect(ext('complaint.accept')).toBeNull()
  })

  it('complaint/report rules of Order 20 run 2020-01-01..2026-04-14, Order 121 versions from 2026-04-15', () => {
    for (const ruleId of SWITCHING) {
      const vs = versions.filter((v) => v.ruleId === ruleId)
      expect(vs, ruleId).toHaveLength(2)
      const [o20, o121] = vs as [RuleVersion, RuleVersion]
      expect(o20).toMatchObject({ version: 1, validFrom: '2020-01-01', validTo: '2026-04-14', source: 'PRIMARY' })
      expect(o20.legalBasis).toContain('总局令第20号')
      expect(o121).toMatchObject({ version: 2, validFrom: '2026-04-15', validTo: null, needsLegalReview: true, source: 'UNCONFIRMED' })
      expect(o121.legalBasis).toContain('总局令第121号')
      expect(o121.length, ruleId).toBe(o20.length)
      expect(o121.notes.length, ruleId).toBeGreaterThan(20)
    }
  })

  it('points the Order 121 acceptance rule at Art 16 for non-acceptance', () => {
    const v = selectRuleInForce(versions, 'complaint.accept', '2026-04-15')
    expect(v?.legalBasis).toContain('第十六条')
    expect(v?.notes).toMatch(/待核实/)
  })

  it('rules not based on Order 20 do not switch on 2026-04-15', () => {
    for (const ruleId of Object.keys(EXPECTED).filter((id) => !SWITCHING.includes(id))) {
      expect(
        versions.filter((v) => v.ruleId === ruleId),
        ruleId,
      ).toHaveLength(PRE_2021.includes(ruleId) || OLD_PENALTY_LAW.includes(ruleId) ? 2 : 1)
    }
    // The 2018 text switches to the 2021 one on the day the revised Penalty Law took effect; the article moved (Art 17 → 18).
    for (const ruleId of PRE_2021) {
      expect(selectRuleInForce(versions, ruleId, '2021-07-14')?.legalBasis, ruleId).toContain('2018年文本')
      expect(selectRuleInForce(versions, ruleId, '2021-07-15')?.legalBasis, ruleId).not.toContain('2018年文本')
    }
    for (const ruleId of OLD_PENALTY_LAW) {
      expect(selectRuleInForce(versions, ruleId, '2021-07-14')?.legalBasis, ruleId).toContain('2017年修正文本')
      expect(selectRuleInForce(versions, ruleId, '2021-07-15')?.legalBasis, ruleId).not.toContain('2017年修正文本')
    }
    expect(selectRuleInForce(versions, 'case.hearing_request', '2020-01-20')).toMatchObject({ length: 3, unit: 'CD', needsLegalReview: true })
    expect(selectRuleInForce(versions, 'case.lead_verify', '2020-01-20')?.legalBasis).toContain('第十七条')
    expect(selectRuleInForce(versions, 'case.lead_verify', '2026-01-20')?.legalBasis).toContain('第十八条')
  })
})

describe('selectRuleInForce', () => {
  it('an event on 2026-04-14 picks the Order 20 version, on 2026-04-15 the Order 121 version', () => {
    for (const ruleId of SWITCHING) {
      expect(selectRuleInForce(versions, ruleId, '2026-04-14')?.legalBasis, ruleId).toContain('总局令第20号')
      expect(selectRuleInForce(versions, ruleId, '2026-04-15')?.legalBasis, ruleId).toContain('总局令第121号')
    }
    expect(selectRuleInForce(versions, 'complaint.accept', '2020-01-20')?.id).toBe('complaint.accept@v1')
    expect(selectRuleInForce(versions, 'complaint.accept', '2031-06-01')?.id).toBe('complaint.accept@v2')
  })

  it('returns undefined before the first version and for an unknown rule', () => {
    expect(selectRuleInForce(versions, 'complaint.accept', '2019-12-31')).toBeUndefined()
    expect(selectRuleInForce(versions, 'case.decision', '2019-03-31')).toBeUndefined()
    expect(selectRuleInForce(versions, 'case.decision', '2021-07-14')?.source).toBe('UNCONFIRMED')
    expect(selectRuleInForce(versions, 'case.decision', '2021-07-15')?.length).toBe(90)
    expect(selectRuleInForce(versions, 'no.such_rule', '2024-01-01')).toBeUndefined()
  })

  it('returns undefined after a closed version ends when nothing follows', () => {
    const vs = [rule({ validTo: '2022-12-31' })]
    expect(selectRuleInForce(vs, 'complaint.accept', '2022-12-31')?.id).toBe('complaint.accept@v1')
    expect(selectRuleInForce(vs, 'complaint.accept', '2023-01-01')).toBeUndefined()
  })

  it('in an inconsistent set prefers the latest validFrom, then the highest version', () => {
    const a = rule({ id: 'a', version: 1, validFrom: '2020-01-01' })
    const b = rule({ id: 'b', version: 2, validFrom: '2022-01-01' })
    const c = rule({ id: 'c', version: 3, validFrom: '2022-01-01' })
    expect(selectRuleInForce([c, b, a], 'complaint.accept', '2021-06-01')?.id).toBe('a')
    expect(selectRuleInForce([c, b, a], 'complaint.accept', '2023-06-01')?.id).toBe('c')
  })

  it('rejects an invalid event date', () => {
    expectRuleError(() => selectRuleInForce(versions, 'complaint.accept', '20260415'), /事件日期格式应为/)
  })
})

describe('validateRuleSet', () => {
  it('accepts adjacent versions and gaps', () => {
    expect(validateRuleSet([rule({ validTo: '2023-12-31' }), rule({ id: 'v2', version: 2, validFrom: '2024-01-01' })])).toEqual([])
    expect(validateRuleSet([rule({ validTo: '2021-12-31' }), rule({ id: 'v2', version: 2, validFrom: '2024-01-01' })])).toEqual([])
  })

  it('reports overlapping versions of the same rule', () => {
    const problems = validateRuleSet([rule({ validTo: '2024-01-01' }), rule({ id: 'v2', version: 2, validFrom: '2024-01-01' })])
    expect(problems).toEqual(['规则“complaint.accept”的第 1 版（2020-01-01～2024-01-01）与第 2 版（2024-01-01～长期）有效期重叠'])
    expect(validateRuleSet([rule(), rule({ id: 'v2', version: 2, validFrom: '2030-01-01' })])).toHaveLength(1)
    // a version nested inside another
    expect(validateRuleSet([rule({ validTo: '2030-12-31' }), rule({ id: 'v2', version: 2, validFrom: '2024-01-01', validTo: '2024-06-30' })])).toHaveLength(1)
  })

  it('does not compare different rules', () => {
    expect(validateRuleSet([rule(), rule({ id: 'x', ruleId: 'complaint.mediation' })])).toEqual([])
  })

  it('reports validTo before validFrom, repeated ids and versions, and bad fields', () => {
    expect(validateRuleSet([rule({ validTo: '2019-12-31' })])).toEqual([
      '规则“complaint.accept”（自 2020-01-01 起）的失效日期 2019-12-31 早于生效日期 2020-01-01',
    ])
    const dupId = validateRuleSet([rule({ validTo: '2020-12-31' }), rule({ version: 2, validFrom: '2021-01-01' })])
    expect(dupId).toEqual(['规则版本编号“complaint.accept@v1”重复'])
    const dupVersion = validateRuleSet([rule({ validTo: '2020-12-31' }), rule({ id: 'v2', validFrom: '2021-01-01' })])
    expect(dupVersion).toEqual(['规则“complaint.accept”的第 1 版重复'])
    expect(validateRuleSet([rule({ length: 0 })])[0]).toMatch(/期限长度应为 1～10000 的整数/)
    expect(validateRuleSet([rule({ version: 0 })])[0]).toMatch(/版本号应为正整数/)
  })
})

describe('validateRuleSeed', () => {
  it('lists every field problem', () => {
    expect(validateRuleSeed(rule())).toEqual([])
    const problems = validateRuleSeed(
      rule({
        ruleId: 'Complaint Accept',
        name: ' ',
        legalBasis: '',
        startEvent: '',
        unit: 'D' as never,
        length: 1.5,
        extension: { length: 0, unit: 'X' as never, approval: '' },
        validFrom: '2020-02-30',
        validTo: 'never',
        source: 'GUESS' as never,
        needsLegalReview: 'no' as never,
      }),
    )
    expect(problems).toHaveLength(13)
    expect(problems.join('\n')).toMatch(/缺少法律依据/)
  })

  it('requires legal review for a value that is not PRIMARY', () => {
    expect(validateRuleSeed(rule({ source: 'SECONDARY', needsLegalReview: false }))[0]).toMatch(/必须标记为待法律审核/)
    expect(validateRuleSeed(rule({ source: 'UNCONFIRMED', needsLegalReview: true }))).toEqual([])
  })
})

describe('planNewVersion', () => {
  it('closes the current version the day before and creates the next one', () => {
    const { closed, created } = planNewVersion(rule(), { validFrom: '2024-03-01', length: 10, notes: '修订' })
    expect(closed).toEqual(rule({ validTo: '2024-02-29' })) // leap year
    expect(created).toEqual(rule({ id: 'complaint.accept@v2', version: 2, validFrom: '2024-03-01', length: 10, notes: '修订' }))
    expect(validateRuleSet([closed, created])).toEqual([])
  })

  it('crosses a year boundary', () => {
    expect(planNewVersion(rule(), { validFrom: '2025-01-01' }).closed.validTo).toBe('2024-12-31')
  })

  it('allows a one-day current version', () => {
    expect(planNewVersion(rule(), { validFrom: '2020-01-02' }).closed).toMatchObject({ validFrom: '2020-01-01', validTo: '2020-01-01' })
  })

  it('rejects a validFrom on or before the current validFrom', () => {
    expectRuleError(() => planNewVersion(rule(), { validFrom: '2020-01-01' }), /必须晚于当前版本的生效日期（2020-01-01）/)
    expectRuleError(() => planNewVersion(rule(), { validFrom: '2019-06-01' }), /必须晚于/)
  })

  it('rejects an invalid validFrom', () => {
    expectRuleError(() => planNewVersion(rule(), { validFrom: '2024-02-30' }), /新版本的生效日期格式应为 YYYY-MM-DD：“2024-02-30”/)
  })

  it('inherits a planned end so a correction does not run into the successor', () => {
    const current = rule({ validTo: '2026-04-14' })
    const { closed, created } = planNewVersion(current, { validFrom: '2025-01-01', length: 8 })
    expect(closed.validTo).toBe('2024-12-31')
    expect(created).toMatchObject({ validFrom: '2025-01-01', validTo: '2026-04-14', length: 8 })
    const successor = rule({ id: 'o121', version: 3, validFrom: '2026-04-15' })
    expect(validateRuleSet([closed, { ...created, version: 2 }, successor])).toEqual([])
  })

  it('accepts an explicit validTo, including null', () => {
    const current = rule({ validTo: '2026-04-14' })
    expect(planNewVersion(current, { validFrom: '2025-01-01', validTo: null }).created.validTo).toBeNull()
    expect(planNewVersion(current, { validFrom: '2025-01-01', validTo: '2025-12-31' }).created.validTo).toBe('2025-12-31')
    expectRuleError(() => planNewVersion(current, { validFrom: '2025-01-01', validTo: '2024-12-31' }), /早于生效日期/)
  })

  it('continues a closed version only from the day after it ends', () => {
    const current = rule({ validTo: '2026-04-14' })
    const next = planNewVersion(current, { validFrom: '2026-04-15' })
    expect(next.closed.validTo).toBe('2026-04-14')
    expect(next.created).toMatchObject({ validFrom: '2026-04-15', validTo: null })
    expectRuleError(() => planNewVersion(current, { validFrom: '2026-04-16' }), /已于 2026-04-14 失效/)
  })

  it('ignores undefined fields and never changes ruleId', () => {
    const change = { validFrom: '2024-01-01', name: undefined, ruleId: 'other.rule' } as never
    const { created } = planNewVersion(rule(), change)
    expect(created.name).toBe('投诉受理或者不予受理决定')
    expect(created.ruleId).toBe('complaint.accept')
  })

  it('uses the id and version it is given', () => {
    const { created } = planNewVersion(rule({ version: 1 }), { validFrom: '2024-01-01' }, { id: 'uuid-1', version: 5 })
    expect(created).toMatchObject({ id: 'uuid-1', version: 5 })
    expectRuleError(() => planNewVersion(rule({ version: 3 }), { validFrom: '2024-01-01' }, { version: 3 }), /必须大于当前版本号（3）/)
  })

  it('rejects an invalid new version', () => {
    expectRuleError(() => planNewVersion(rule(), { validFrom: '2024-01-01', length: 0 }), /期限长度应为 1～10000 的整数/)
    expectRuleError(() => planNewVersion(rule(), { validFrom: '2024-01-01', unit: 'D' as never }), /期限单位无效/)
    expectRuleError(() => planNewVersion(rule(), { validFrom: '2024-01-01', source: 'SECONDARY' }), /必须标记为待法律审核/)
  })
})

describe('versionsFromSeed', () => {
  it('numbers versions per rule by validFrom', () => {
    const vs = versionsFromSeed([rule({ validFrom: '2026-04-15' }), rule({ ruleId: 'case.service' }), rule({ validTo: '2026-04-14' })])
    expect(vs.map((v) => [v.id, v.version, v.validFrom])).toEqual([
      ['case.service@v1', 1, '2020-01-01'],
      ['complaint.accept@v1', 1, '2020-01-01'],
      ['complaint.accept@v2', 2, '2026-04-15'],
    ])
  })
})

describe('reason lists', () => {
  it('Order 20 Art 15: six PRIMARY non-acceptance grounds', () => {
    const list = NON_ACCEPTANCE_REASONS.order20
    expect(list.map((r) => r.item)).toEqual([1, 2, 3, 4, 5, 6])
    expect(list.map((r) => r.code)).toEqual([
      'OUT_OF_SCOPE',
      'ALREADY_HANDLED',
      'NOT_CONSUMER_DISPUTE',
      'TIME_BARRED',
      'MISSING_MATERIALS',
      'OTHER_LEGAL_GROUND',
    ])
    for (const r of list) {
      expect(r).toMatchObject({ source: 'PRIMARY', needsLegalReview: false })
      expect(r.legalBasis).toContain('第十五条')
      expect(r.text).toMatch(CJK)
    }
    expect(list[3]?.text).toContain('超过三年')
    expect(list[0]?.legalBasis).toMatch(/第十五条第（一）项$/)
  })

  it('Order 121 Art 16: seven SECONDARY grounds flagged for review', () => {
    const list = NON_ACCEPTANCE_REASONS.order121
    expect(list.map((r) => r.item)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(new Set(list.map((r) => r.code)).size).toBe(7)
    expect(list.map((r) => r.code)).toContain('MATERIALS_MISSING_OR_FALSE')
    expect(list.map((r) => r.code)).toContain('IDENTITY_NOT_VERIFIED')
    expect(list.map((r) => r.code)).not.toContain('MISSING_MATERIALS')
    for (const r of list) {
      expect(r).toMatchObject({ source: 'SECONDARY', needsLegalReview: true })
      expect(r.legalBasis).toContain('总局令第121号')
      expect(r.legalBasis).toContain('第十六条')
    }
  })

  it('Order 20 Art 21: seven mediation termination grounds, the fifth being the 45-WD limit', () => {
    expect(MEDIATION_TERMINATION_GROUNDS.map((g) => g.item)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(new Set(MEDIATION_TERMINATION_GROUNDS.map((g) => g.code)).size).toBe(7)
    expect(MEDIATION_TERMINATION_GROUNDS[4]).toMatchObject({ code: 'TIME_LIMIT_EXPIRED' })
    expect(MEDIATION_TERMINATION_GROUNDS[4]?.text).toContain('四十五个工作日')
    expect(MEDIATION_TERMINATION_GROUNDS[5]?.text).toContain('第十五条')
    for (const g of MEDIATION_TERMINATION_GROUNDS) expect(g.legalBasis).toContain('第二十一条')
  })

  it('keeps the two non-day-count rows of §9.3 as separate constants', () => {
    expect(ANNUAL_REPORT_WINDOW).toMatchObject({ from: '01-01', to: '06-30' })
    expect(ANNUAL_REPORT_WINDOW.legalBasis).toContain('第八条')
    expect(LATE_PAYMENT_SURCHARGE).toMatchObject({ ratePerDayBasisPoints: 300, capBasisPointsOfFine: 10_000 })
    expect(LATE_PAYMENT_SURCHARGE.legalBasis).toContain('第七十二条')
  })
})

describe('printableLegalBasis', () => {
  it("drops the reviewers' remarks, keeps the citation", async () => {
    const { printableLegalBasis } = await import('./rules.domain')
    expect(printableLegalBasis('《市场监督管理投诉举报处理办法》第十六条第（一）项（项序待核实）')).toBe('《市场监督管理投诉举报处理办法》第十六条第（一）项')
    expect(printableLegalBasis('《办法》（受理期限条款待核实；不予受理情形见第十六条）')).toBe('《办法》')
    expect(printableLegalBasis('《暂行办法》第十五条第（二）项')).toBe('《暂行办法》第十五条第（二）项')
  })
})
