import { describe, expect, it } from 'vitest'
import { approvalPath, earlyRemovalProblems, order44Problems, periodEnd, type DecisionFacts, type UnitNode } from './serious.domain'

const decided: DecisionFacts = { partyKind: 'entity', entityId: 'e1', penaltyType: 'revoke_licence', fineFen: 0, decidedOn: '2026-03-02', state: 'served' }

describe('Order 44 test on a case decision', () => {
  it('accepts every heavier penalty type and a severe-end fine', () => {
    for (const t of ['lower_grade', 'revoke_licence', 'restrict_business', 'suspend_business', 'close', 'restrict_employment'])
      expect(order44Problems({ ...decided, penaltyType: t }, { field: 'safety' })).toEqual([])
    expect(order44Problems({ ...decided, penaltyType: 'fine', fineFen: 50_000_00 }, { field: 'market_order', severeFine: true })).toEqual([])
  })
  it('refuses lighter penalties, natural persons, undecided cases and the abnormal field', () => {
    expect(order44Problems({ ...decided, penaltyType: 'fine', fineFen: 50_000_00 }, { field: 'safety' })).toEqual([expect.stringMatching(/较重行政处罚/)])
    expect(order44Problems({ ...decided, penaltyType: 'warning' }, { field: 'safety', severeFine: true })).toEqual([expect.stringMatching(/较重行政处罚/)])
    expect(order44Problems({ ...decided, penaltyType: 'confiscate_gains', fineFen: 0 }, { field: 'safety', severeFine: true })).toHaveLength(1)
    expect(order44Problems({ ...decided, partyKind: 'person', entityId: null }, { field: 'safety' })).toEqual([expect.stringMatching(/自然人|经营主体/)])
    expect(order44Problems({ ...decided, decidedOn: null, state: 'review' }, { field: 'safety' })).toEqual([expect.stringMatching(/尚未作出/)])
    expect(order44Problems({ ...decided, state: 'investigating' }, { field: 'safety' })).toHaveLength(1)
    expect(order44Problems(decided, { field: 'abnormal_three_years' })).toHaveLength(1)
  })
})

describe('approval by the level above', () => {
  const u = (id: string, parentId: string | null, kind: string): [string, UnitNode] => [id, { id, parentId, kind }]
  const units = new Map([
    u('p', null, 'province_bureau'),
    u('c', 'p', 'city_bureau'),
    u('cd', 'c', 'department'),
    u('d', 'c', 'district_bureau'),
    u('s', 'd', 'station'),
    u('x', null, 'station'),
  ])
  it('sends a district bureau (and its stations) to the city when configured', () => {
    expect(approvalPath('s', units, true)).toEqual({ bureauId: 'd', needsUpper: true, upperUnitId: 'c' })
    expect(approvalPath('d', units, true)).toEqual({ bureauId: 'd', needsUpper: true, upperUnitId: 'c' })
    expect(approvalPath('s', units, false)).toEqual({ bureauId: 'd', needsUpper: false, upperUnitId: 'c' })
  })
  it('lets a city bureau and its departments decide alone', () => {
    expect(approvalPath('cd', units, true)).toEqual({ bureauId: 'c', needsUpper: false, upperUnitId: 'p' })
    expect(approvalPath('c', units, true)).toMatchObject({ needsUpper: false })
    expect(approvalPath('x', units, true)).toEqual({ bureauId: null, needsUpper: false, upperUnitId: null })
    expect(approvalPath('nope', units, true)).toEqual({ bureauId: null, needsUpper: false, upperUnitId: null })
  })
})

describe('early removal conditions', () => {
  const base = {
    today: '2027-05-01',
    earlyFromOn: '2027-03-02',
    listedOn: '2026-03-02',
    sourceCaseId: 'c1',
    harmRemoved: true,
    penalties: [{ caseId: 'c1', decidedOn: '2026-02-20', penaltyType: 'revoke_licence', fineFen: 0, performed: true }],
  }
  it('holds after a year with the penalty performed and the harm removed', () => expect(earlyRemovalProblems(base)).toEqual([]))
  it('counts the year to the day', () => {
    expect(earlyRemovalProblems({ ...base, today: '2027-03-01' })).toEqual([expect.stringMatching(/未满1年.*2027-03-02/)])
    expect(earlyRemovalProblems({ ...base, today: '2027-03-02' })).toEqual([])
  })
  it('refuses unperformed penalties, harm not removed, and a later heavier penalty', () => {
    expect(earlyRemovalProblems({ ...base, penalties: [{ ...base.penalties[0]!, performed: false }] })).toEqual([expect.stringMatching(/尚未履行/)])
    expect(earlyRemovalProblems({ ...base, harmRemoved: false })).toEqual([expect.stringMatching(/危害后果/)])
    const later = { caseId: 'c2', decidedOn: '2026-09-01', penaltyType: 'suspend_business', fineFen: 0, performed: true }
    expect(earlyRemovalProblems({ ...base, penalties: [later, ...base.penalties] })).toEqual([expect.stringMatching(/又受到较重/)])
    // A later light penalty does not bar it; one before the listing neither.
    expect(earlyRemovalProblems({ ...base, penalties: [{ ...later, penaltyType: 'fine' }, ...base.penalties] })).toEqual([])
    expect(earlyRemovalProblems({ ...base, penalties: [{ ...later, decidedOn: '2025-01-01' }, ...base.penalties] })).toEqual([])
  })
  it('needs no case for the abnormal-list route', () => expect(earlyRemovalProblems({ ...base, sourceCaseId: null, penalties: [] })).toEqual([]))
})

describe('period ends on the calendar', () => {
  it('adds years and months to the corresponding day, the month end when there is none', () => {
    expect(periodEnd('2026-03-02', { length: 3, unit: 'Y' })).toBe('2029-03-02')
    expect(periodEnd('2024-02-29', { length: 1, unit: 'Y' })).toBe('2025-02-28')
    expect(periodEnd('2026-08-31', { length: 6, unit: 'M' })).toBe('2027-02-28')
    expect(periodEnd('2026-12-31', { length: 10, unit: 'CD' })).toBe('2027-01-10')
  })
})
